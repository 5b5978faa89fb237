/**
 * A casebook touches only its own folder (issue 14, items 1 and 6): every path from
 * casebook.yaml and every file found under it resolves, after links, inside the folder of
 * casebook.yaml, or is refused naming the setting; only regular files are read, their size
 * checked first, and no folder is walked twice. A marker file outside the folder must never
 * appear in any output, and nothing outside may be written.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseYaml, cliPath, makeTree, runInProcess, testEnv } from '../helpers.js';

const MARKER = 'GEHEIM-BUITEN-DE-MAP-7f3a';
const mkfifoSync = (file: string) => execFileSync('mkfifo', [file]);

/** A folder outside the casebook with files that must never be read into it. */
function outsideFolder(): string {
  return makeTree({
    'id_rsa': `-----BEGIN OPENSSH PRIVATE KEY-----\n${MARKER}\n`,
    'case.yaml': caseYaml({ title: `"${MARKER} casus"` }),
    'cases/elders.yaml': caseYaml({ title: `"${MARKER} elders"` }),
    'values.yaml': `- id: ${MARKER.toLowerCase()}\n  label: ${MARKER}\n  description: ${MARKER}\n`,
    'templates/partials/head.hbs': `<meta name="x" content="${MARKER}">`,
    'templates/script.js': `console.log("${MARKER}")`,
    'existing.html': `<p>${MARKER} bestaand</p>`,
  }, 'casebook-outside-');
}

/** Every file under `dir`, with its text. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'latin1'))
    .join('\n');
}

function snapshot(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => { const f = path.join(e.parentPath, e.name); return `${f} ${statSync(f).mtimeMs} ${readFileSync(f, 'latin1')}`; })
    .sort().join('\n');
}

async function everyOutput(dir: string): Promise<{ text: string; codes: number[] }> {
  const runs = await Promise.all([
    runInProcess(['validate'], { cwd: dir }),
    runInProcess(['validate', '--format', 'json'], { cwd: dir }),
    runInProcess(['validate', '--format', 'sarif'], { cwd: dir }),
    runInProcess(['stats'], { cwd: dir }),
    runInProcess(['tag', '--format', 'json'], { cwd: dir }),
    runInProcess(['values'], { cwd: dir }),
  ]);
  const build = await runInProcess(['build', '--format', 'html', '--drafts'], { cwd: dir });
  const written = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.html'));
  const text = [...runs, build].map((r) => r.stdout + r.stderr).join('\n') + written.map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8')).join('\n');
  return { text, codes: [...runs, build].map((r) => r.code ?? -1) };
}

describe('settings that reach outside the folder', () => {
  const cases: Array<[string, (outside: string) => Record<string, string>, (dir: string, outside: string) => void, string]> = [
    ['templates: an absolute path', (o) => ({ 'casebook.yaml': `title: Boek\ntemplates: ${o}/templates\n` }), () => {}, 'templates'],
    ['templates: a folder above', (o) => ({ 'casebook.yaml': `title: Boek\ntemplates: ../${path.basename(o)}/templates\n` }), () => {}, 'templates'],
    ['a partial linked to a private key', () => ({ 'casebook.yaml': 'title: Boek\ntemplates: sjablonen\n', 'sjablonen/.keep': '' }),
      (d, o) => { mkdirSync(path.join(d, 'sjablonen', 'partials')); symlinkSync(path.join(o, 'id_rsa'), path.join(d, 'sjablonen', 'partials', 'head.hbs')); }, 'head.hbs'],
    ['script.js linked to a file outside', () => ({ 'casebook.yaml': 'title: Boek\ntemplates: sjablonen\n', 'sjablonen/.keep': '' }),
      (d, o) => symlinkSync(path.join(o, 'templates', 'script.js'), path.join(d, 'sjablonen', 'script.js')), 'script.js'],
    ['the templates folder a link out', () => ({ 'casebook.yaml': 'title: Boek\ntemplates: sjablonen\n' }),
      (d, o) => symlinkSync(path.join(o, 'templates'), path.join(d, 'sjablonen')), 'templates'],
    ['cases: [cases, ../outside]', (o) => ({ 'casebook.yaml': `title: Boek\ncases: [cases, ../${path.basename(o)}/cases]\n` }), () => {}, 'cases'],
    ['cases: [/etc/passwd]', () => ({ 'casebook.yaml': 'title: Boek\ncases: [cases, /etc/passwd]\n' }), () => {}, 'cases'],
    ['cases: a glob outside', (o) => ({ 'casebook.yaml': `title: Boek\ncases: [cases, "../${path.basename(o)}/*.yaml"]\n` }), () => {}, 'cases'],
    ['values: a file outside', (o) => ({ 'casebook.yaml': `title: Boek\nvalues: ${o}/values.yaml\n` }), () => {}, 'values'],
    ['values: a link to a file outside', () => ({ 'casebook.yaml': 'title: Boek\nvalues: waarden.yaml\n' }),
      (d, o) => symlinkSync(path.join(o, 'values.yaml'), path.join(d, 'waarden.yaml')), 'values'],
  ];

  it.each(cases)('%s: refused naming the setting, nothing from outside in any output', async (_name, files, link, setting) => {
    const outside = outsideFolder();
    const before = snapshot(outside);
    const dir = makeTree({ 'cases/goed.yaml': caseYaml({ status: 'published', values: '[maatwerk]' }), ...files(outside) });
    link(dir, outside);
    const { text, codes } = await everyOutput(dir);
    expect(text).not.toContain(MARKER);
    expect(text).not.toMatch(/root:x:0:0/);
    expect(text).toContain(setting);
    expect(text).toMatch(/buiten de map van het casusboek/);
    expect(codes[0]).toBe(1); // validate fails: CI sees it
    expect(snapshot(outside)).toBe(before);
  });

  it('output: outside the folder, or a dist that is a link out, is refused and overwrites nothing', async () => {
    for (const [files, link, named] of [
      [(o: string) => ({ 'casebook.yaml': `title: Boek\noutput: ${o}\n` }), () => {}, false],
      [() => ({ 'casebook.yaml': 'title: Boek\n' }), (d: string, o: string) => symlinkSync(o, path.join(d, 'dist')), true],
    ] as const) {
      const outside = outsideFolder();
      writeFileSync(path.join(outside, 'boek.html'), MARKER);
      const before = snapshot(outside);
      const dir = makeTree({ 'cases/goed.yaml': caseYaml(), ...files(outside) });
      link(dir, outside);
      const build = await runInProcess(['build', '--format', 'html', '--drafts'], { cwd: dir });
      expect(build.code).not.toBe(0);
      expect(build.stdout + build.stderr).toMatch(/'output: .*' ligt buiten de map van het casusboek/);
      expect(snapshot(outside)).toBe(before);
      if (!named) continue;
      // Named on the command line, the same folder is the person's own choice.
      const chosen = await runInProcess(['build', '--format', 'html', '--drafts', '--out', outside], { cwd: dir });
      expect(chosen.stderr).toBe('');
      expect(readdirSync(outside)).toContain('boek.html');
    }
  });

  it('a shared template folder named on the command line (--templates) is used', async () => {
    const outside = outsideFolder();
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/goed.yaml': caseYaml() });
    const build = await runInProcess(['build', '--format', 'html', '--drafts', '--templates', path.join(outside, 'templates')], { cwd: dir });
    expect(build.code).toBe(0);
    expect(allText(path.join(dir, 'dist'))).toContain(`<meta name="x" content="${MARKER}">`);
  });

  it('validate cases/link.yaml is refused when the link leaves the folder; a path outside named on the command line is read', async () => {
    const outside = outsideFolder();
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/goed.yaml': caseYaml() });
    symlinkSync(path.join(outside, 'case.yaml'), path.join(dir, 'cases', 'link.yaml'));
    const linked = await runInProcess(['validate', 'cases/link.yaml', '--format', 'json'], { cwd: dir });
    expect(linked.stdout).not.toContain(MARKER);
    expect(JSON.parse(linked.stdout).messages.map((m: { rule: string }) => m.rule)).toEqual(['load/outside-casebook']);
    const named = await runInProcess(['validate', path.join(outside, 'case.yaml'), '--format', 'json'], { cwd: dir });
    expect(named.code).toBe(0);
  });
});

describe('hangs and memory from the file system', () => {
  it('a link loop in cases/ reads each case once, and two loops end', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a/goed.yaml': caseYaml(), 'cases/b/ook.yaml': caseYaml({ id: 'ook' }) });
    symlinkSync('..', path.join(dir, 'cases', 'a', 'terug'));
    symlinkSync('../a', path.join(dir, 'cases', 'b', 'naar-a'));
    symlinkSync('../b', path.join(dir, 'cases', 'a', 'naar-b'));
    symlinkSync('goed.yaml', path.join(dir, 'cases', 'a', 'zelfde.yaml'));
    const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as { files: number; messages: unknown[] };
    expect(report.files).toBe(2);
    expect(report.messages).toEqual([]);
  });

  it('a FIFO as a case, values file or template is refused, not waited for', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\nvalues: waarden.yaml\ntemplates: sjablonen\n', 'cases/goed.yaml': caseYaml(), 'sjablonen/.keep': '' });
    mkfifoSync(path.join(dir, 'cases', 'pijp.yaml'));
    mkfifoSync(path.join(dir, 'waarden.yaml'));
    mkdirSync(path.join(dir, 'sjablonen', 'partials'));
    mkfifoSync(path.join(dir, 'sjablonen', 'partials', 'head.hbs'));
    const named = await runInProcess(['validate', 'cases/pijp.yaml', '--format', 'json'], { cwd: dir });
    const rules = (JSON.parse(named.stdout) as { messages: Array<{ file: string; rule: string }> }).messages.map((m) => `${m.file} ${m.rule}`);
    expect(rules).toEqual(['cases/pijp.yaml load/not-a-file', 'sjablonen/partials/head.hbs load/not-a-file', 'waarden.yaml load/not-a-file']);
    const build = await runInProcess(['build', '--format', 'html', '--drafts'], { cwd: dir });
    expect(build.code).toBe(1);
    expect(build.stdout).toContain('geen gewoon bestand');
  });

  it('values: /dev/zero and a 1.9 GB sparse case are refused before reading', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\nvalues: nul.yaml\n', 'cases/goed.yaml': caseYaml() });
    symlinkSync('/dev/zero', path.join(dir, 'nul.yaml'));
    execFileSync('truncate', ['-s', '1900M', path.join(dir, 'cases', 'groot.yaml')]);
    const before = process.memoryUsage().rss;
    const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    const rules = (JSON.parse(result.stdout) as { messages: Array<{ file: string; rule: string }> }).messages.map((m) => `${m.file} ${m.rule}`);
    expect(rules).toEqual(['casebook.yaml load/outside-casebook', 'cases/groot.yaml yaml/too-large']);
  });

  it.skipIf(!existsSync('/usr/bin/time'))('as a process: FIFOs and a sparse 1.9 GB case end within 30 s, in under 300 MB', () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\nvalues: waarden.yaml\n', 'cases/goed.yaml': caseYaml() });
    mkfifoSync(path.join(dir, 'waarden.yaml'));
    mkfifoSync(path.join(dir, 'cases', 'pijp.yaml'));
    execFileSync('truncate', ['-s', '1900M', path.join(dir, 'cases', 'groot.yaml')]);
    const run = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, cliPath, 'validate', 'cases', '--format', 'json'], {
      cwd: dir, encoding: 'utf8', timeout: 30_000, env: testEnv(),
    });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    const rules = (JSON.parse(run.stdout) as { messages: Array<{ file: string; rule: string }> }).messages.map((m) => `${m.file} ${m.rule}`);
    expect(rules).toEqual(['cases/groot.yaml yaml/too-large', 'waarden.yaml load/not-a-file']);
    expect(Number(/maxrss=(\d+)/.exec(run.stderr)?.[1]) * 1024).toBeLessThan(300 * 1024 * 1024);
  });
});
