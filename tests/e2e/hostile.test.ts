/**
 * Hostile inputs, each with its expected outcome: a clear message, the right exit code, no
 * stack trace, and the other cases still checked. (Rendering and PDF cases: build-hostile.)
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseYaml, cliPath as cli, makeTree, runInProcess, type CliResult } from '../helpers.js';

interface Report {
  files: number;
  errors: number;
  messages: Array<{ file: string; rule: string; line: number; column: number; message: string }>;
}

/**
 * A casebook with one hostile file next to a good and a bad case; validates it as JSON, in
 * this process (what is checked is the output; the process itself does not matter).
 */
async function check(hostile: Record<string, string | Uint8Array>, env: Record<string, string> = {}): Promise<{ result: CliResult; report: Report }> {
  const dir = makeTree({
    'casebook.yaml': 'title: Boek\n',
    'cases/goed.yaml': caseYaml(),
    'cases/fout.yaml': caseYaml({ domains: '[wmoo]' }),
    ...hostile,
  });
  const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir, env });
  expect(result.stderr).not.toMatch(/\n\s+at /);
  const report = JSON.parse(result.stdout) as Report;
  // The other cases are still checked.
  expect(report.messages.some((m) => m.file === 'cases/fout.yaml' && m.rule === 'schema/enum')).toBe(true);
  expect(report.messages.some((m) => m.file === 'cases/goed.yaml')).toBe(false);
  return { result, report };
}

const rulesFor = (report: Report, file: string) => report.messages.filter((m) => m.file === file).map((m) => `${m.rule} ${m.line}:${m.column}`);

const aliasBomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((n) => `${n}: &${n} [${Array(9).fill('*' + String.fromCharCode(n.charCodeAt(0) - 1)).join(',')}]`)].join('\n') + '\n';

describe('hostile case files', () => {
  it.each([
    ['an alias bomb', aliasBomb, ['yaml/alias-limit 1:1']],
    ['20,000-deep flow nesting', 'title: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n', ['yaml/too-deep']],
    ['1,000-deep block nesting', Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n', ['yaml/too-deep']],
    ['a binary file', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), ['yaml/binary 1:1']],
    ['invalid UTF-8', new Uint8Array([...new TextEncoder().encode('title: Caf'), 0xc3, 0x28, 0x0a]), ['yaml/encoding 1:11']],
    ['a 10 MB field', 'title: Een heel lang veld\nsituation: ' + 'x'.repeat(10 * 1024 * 1024) + '\n', ['yaml/too-large 1:1']],
    ['several documents', caseYaml() + '---\n' + caseYaml(), ['yaml/syntax']],
    ['a document that is a number', '42\n', ['yaml/not-a-mapping 1:1']],
    ['a YAML tag that would construct a function', caseYaml({ title: '!!js/function "function () { return 1 }"' }), ['yaml/unknown-tag 1:8']],
    ['a merge key', caseYaml() + '<<: {x-a: 1}\n', ['schema/unknown-key 6:1']],
  ])('%s', async (_name, content, expected) => {
    const { result, report } = await check({ 'cases/boos.yaml': content });
    expect(result.code).toBe(1);
    const found = rulesFor(report, 'cases/boos.yaml');
    expect(found.map((f) => (expected[0]!.includes(' ') ? f : f.split(' ')[0]))).toEqual(expected);
  });

  it('a BOM and CRLF line ends are fine, and positions stay right', async () => {
    const text = '\uFEFF' + caseYaml({ domains: '[jeugdwett]' }).replace(/\n/g, '\r\n');
    const { report } = await check({ 'cases/crlf.yaml': text });
    expect(rulesFor(report, 'cases/crlf.yaml')).toEqual(['schema/enum 3:11']);
  });

  it('__proto__ and constructor keys are unknown keys and pollute nothing', async () => {
    const { report } = await check({ 'cases/proto.yaml': caseYaml() + '__proto__:\n  isAdmin: true\nconstructor:\n  prototype:\n    polluted: true\n' });
    expect(rulesFor(report, 'cases/proto.yaml')).toEqual(['schema/unknown-key 6:1', 'schema/unknown-key 8:1']);
    // Read in this process: had the keys reached a prototype, every object here would show them.
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a symlink out of the casebook is not followed', async () => {
    const outside = makeTree({ 'geheim.yaml': 'title: Geheim dossier van buiten\n' });
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/goed.yaml': caseYaml() });
    symlinkSync(outside, path.join(dir, 'cases', 'link'));
    symlinkSync(path.join(outside, 'geheim.yaml'), path.join(dir, 'cases', 'geheim.yaml'));
    const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as Report;
    expect(result.code).toBe(0);
    expect(report.messages.map((m) => `${m.file} ${m.rule}`)).toEqual(['cases/geheim.yaml load/outside-casebook', 'cases/link load/outside-casebook']);
    expect(result.stdout).not.toContain('Geheim dossier');
  });

  it('a case folder that cannot be read is an error; the readable cases are still checked', () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/goed.yaml': caseYaml(), 'cases/fout.yaml': caseYaml({ domains: '[wmoo]' }), 'cases/dicht/a.yaml': caseYaml() });
    chmodSync(path.join(dir, 'cases', 'dicht'), 0o000);
    // Root reads everything: as root (CI), run without the capabilities that bypass file
    // permissions. (Not as another user: that user may not be able to read the checkout,
    // e.g. a clone in a folder from mktemp -d.)
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--inh-caps=-dac_override,-dac_read_search', '--bounding-set=-dac_override,-dac_read_search'] : [];
    const run = spawnSync(asUser[0] ?? process.execPath, [...asUser.slice(1), ...(asUser.length ? [process.execPath] : []), cli, 'validate', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const report = JSON.parse(run.stdout) as Report;
    expect(run.status).toBe(1);
    expect(report.messages.map((m) => `${m.file} ${m.rule}`)).toEqual(['cases/dicht load/unreadable', 'cases/fout.yaml schema/enum']);
    expect(report.messages[0]!.message).toContain('EACCES');
  });

  it('a missing case folder in casebook.yaml is an error on that line', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\ncases: [cases, nergens]\n', 'cases/goed.yaml': caseYaml() });
    const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as Report).messages.map((m) => `${m.file} ${m.rule}`)).toEqual(['nergens load/not-found']);
  });

  it('a casebook.yaml that is itself broken still lets the cases be checked', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: [kapot\n', 'cases/goed.yaml': caseYaml(), 'cases/fout.yaml': caseYaml({ domains: '[wmoo]' }) });
    const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as Report;
    expect(result.code).toBe(1);
    expect(report.messages.map((m) => `${m.file} ${m.rule}`)).toEqual(['casebook.yaml yaml/syntax', 'cases/fout.yaml schema/enum']);
  });

  it('a path argument that does not exist is an error, not a crash', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/goed.yaml': caseYaml() });
    const result = await runInProcess(['validate', 'cases/weg.yaml', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as Report).messages.map((m) => m.rule)).toEqual(['load/not-found']);
  });
});

