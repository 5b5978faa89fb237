/**
 * Writing cases without traps (issue 12), through the CLI in this process: what a person who
 * writes a case runs into, and what must not slip into the shared book.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateText } from '../../src/case/template.js';
import { caseYaml, makeTree, repoRoot, runInProcess } from '../helpers.js';

const casebookYaml = 'title: Casusboek\n';

describe('a full name', () => {
  const situation = '|\n  Naima Bakkali (41) vraagt hulp bij de opvoeding van haar zoon.';

  it('is an error that names the surname as the problem; a first name under pseudonyms covers only that first name', async () => {
    const dir = makeTree({ 'casebook.yaml': casebookYaml, 'cases/naam.yaml': caseYaml({ situation, pseudonyms: '[Naima]' }) });
    const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const [message] = JSON.parse(result.stdout).messages.filter((m: { rule: string }) => m.rule === 'privacy/name');
    expect(message).toMatchObject({ severity: 'error', line: 5 });
    expect(message.message).toContain('de achternaam maakt de inwoner herkenbaar');
    expect(message.message).not.toContain('Bakkali');
  });

  it('keeps the book from being built', async () => {
    const dir = makeTree({ 'casebook.yaml': casebookYaml, 'cases/naam.yaml': caseYaml({ situation, pseudonyms: '[Naima]' }) });
    const result = await runInProcess(['build', '--format', 'html', '--drafts'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(existsSync(path.join(dir, 'dist')) ? readdirSync(path.join(dir, 'dist')) : []).toEqual([]);
  });

  it('the first name alone, listed as a pseudonym, is fine', async () => {
    const dir = makeTree({ 'casebook.yaml': casebookYaml, 'cases/naam.yaml': caseYaml({ situation: '|\n  Naima (41) vraagt hulp bij de opvoeding van haar zoon.', pseudonyms: '[Naima]' }) });
    expect((await runInProcess(['validate'], { cwd: dir })).code).toBe(0);
  });
});

describe('casebook new', () => {
  it('cuts a long title into a file name at a word boundary', async () => {
    const dir = makeTree({ 'casebook.yaml': casebookYaml });
    const title = 'Terugvorderen bij een inwoner die wel of geen bijstand krijgt na een erfenis van haar oom';
    expect((await runInProcess(['new', title, '--domain', 'participatiewet'], { cwd: dir })).code).toBe(0);
    const [file] = readdirSync(path.join(dir, 'cases', 'participatiewet'));
    expect(file).toBe('terugvorderen-bij-een-inwoner-die-wel-of-geen-bijstand.yaml');
    const words = new Set(title.toLowerCase().split(' '));
    for (const part of file!.replace(/\.yaml$/, '').split('-')) expect(words, part).toContain(part);
  });
});

describe('a case made with casebook new and never finished', () => {
  it('init → new → status: published → validate fails at each placeholder line, and no book is built', async () => {
    const dir = makeTree({});
    expect((await runInProcess(['init'], { cwd: dir })).code).toBe(0);
    expect((await runInProcess(['new', 'Terugvorderen na burenhulp'], { cwd: dir })).code).toBe(0);
    const file = path.join(dir, 'cases', 'wmo', 'terugvorderen-na-burenhulp.yaml');
    const written = readFileSync(file, 'utf8');
    writeFileSync(file, written.replace('status: draft', 'status: published').replace('values: []', 'values: [maatwerk]'));
    const lines = readFileSync(file, 'utf8').split('\n');
    const lineOf = (text: string, from = 0) => lines.findIndex((line, i) => i >= from && line.includes(text)) + 1;
    const placeholders = templateText('nl');

    const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const found = JSON.parse(result.stdout).messages.filter((m: { rule: string }) => m.rule === 'casebook/template-text');
    const expected = [
      ...['situation', 'request', 'effect', 'purpose', 'dilemma', 'consequences'].map((field) => lineOf(placeholders[field]!)),
      lineOf(placeholders.option1!), lineOf(placeholders.for!), lineOf(placeholders.against!),
      lineOf(placeholders.option2!), lineOf(placeholders.for!, lineOf(placeholders.option2!)), lineOf(placeholders.against!, lineOf(placeholders.option2!)),
      lineOf(`law: ${placeholders.law}`), lineOf(placeholders.note!),
    ].sort((a, b) => a - b);
    expect(found.map((m: { line: number }) => m.line)).toEqual(expected);
    expect(found.every((m: { severity: string }) => m.severity === 'error')).toBe(true);
    expect(found.find((m: { line: number }) => m.line === lineOf(`law: ${placeholders.law}`)).message).toContain('voorbeeldwet');

    const built = await runInProcess(['build', '--format', 'html'], { cwd: dir });
    expect(built.code).toBe(1);
    expect(existsSync(path.join(dir, 'dist')) ? readdirSync(path.join(dir, 'dist')) : []).toEqual([]);
  });

  it('as a draft: warnings, so the author is reminded but can keep working', async () => {
    const dir = makeTree({});
    await runInProcess(['init'], { cwd: dir });
    await runInProcess(['new', 'Een casus in wording'], { cwd: dir });
    const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    const found = JSON.parse(result.stdout).messages.filter((m: { rule: string }) => m.rule === 'casebook/template-text');
    expect(found.length).toBe(14);
    expect(found.every((m: { severity: string }) => m.severity === 'warning')).toBe(true);
  });

  it('gives the tagger nothing to go on', async () => {
    const dir = makeTree({});
    await runInProcess(['init'], { cwd: dir });
    await runInProcess(['new', 'Een casus in wording'], { cwd: dir });
    const result = await runInProcess(['tag', '--format', 'json', 'cases/wmo/een-casus-in-wording.yaml'], { cwd: dir });
    const [entry] = JSON.parse(result.stdout);
    const evidence = entry.suggestions.flatMap((s: { evidence: string[] }) => s.evidence).join(' ');
    for (const text of Object.values(templateText('nl'))) if (text.length > 2) expect(evidence).not.toContain(text);
  });
});

describe('the template text of casebook new', () => {
  it('is one list: the template takes every placeholder from data/template-text.yaml, in every language', () => {
    const template = readFileSync(path.join(repoRoot, 'templates', 'init', 'new-case.yaml'), 'utf8');
    const used = [...template.matchAll(/\{\{text_(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const lang of ['nl', 'en'] as const) expect([...new Set(used)], lang).toEqual(Object.keys(templateText(lang)).sort());
    // No placeholder written into the template itself, where the check would not know it.
    const content = template.split('\n').filter((line) => !line.trimStart().startsWith('#')).join('\n');
    for (const text of Object.values(templateText('nl'))) if (text.length > 2) expect(content).not.toContain(text);
  });
});

describe('--help', () => {
  it('has commander\'s headings and the flag placeholders in the active language', async () => {
    const dir = makeTree({});
    const nl = (await runInProcess(['build', '--help'], { cwd: dir })).stdout;
    for (const heading of ['Gebruik: casebook build [opties]', 'Opties:', '--out <map>', '--status <statussen>']) expect(nl).toContain(heading);
    for (const english of ['Usage:', 'Options:', '[options]', '<folder>']) expect(nl).not.toContain(english);
    const top = (await runInProcess(['--help'], { cwd: dir })).stdout;
    expect(top).toContain('Opdrachten:');
    expect(top).toContain('validate [opties] [paden...]');
    const en = (await runInProcess(['--lang', 'en', 'build', '--help'], { cwd: dir })).stdout;
    for (const heading of ['Usage: casebook build [options]', 'Options:', '--out <folder>', '--status <statuses>']) expect(en).toContain(heading);
    expect(en).not.toContain('<map>');
  });
});

describe('the book', () => {
  it('says where the built-in values come from once, in the colophon', async () => {
    const dir = makeTree({ 'casebook.yaml': casebookYaml, 'cases/a.yaml': caseYaml({ status: 'published', values: '[maatwerk]' }) });
    expect((await runInProcess(['build', '--format', 'html', '--out', 'boek'], { cwd: dir })).code).toBe(0);
    const html = readFileSync(path.join(dir, 'boek', readdirSync(path.join(dir, 'boek')).find((f) => f.endsWith('.html'))!), 'utf8');
    expect(html.match(/De Omgekeerde Toets/g)).toHaveLength(1);
    expect(html).not.toMatch(/omgekeerde toets \(De Omgekeerde Toets/i);
    expect(html).toContain('Kernwaarden: 10 waarden; waar ze vandaan komen, staat in het colofon.');
  });
});

describe('a casebook-disable comment inside a block of text', () => {
  // In `situation: |` every line is text: YAML keeps the "comment" in the book, so it must
  // not switch a finding off, and the author is told it is text.
  const situations = {
    line: '|\n  Naima Bakkali vraagt hulp.  # casebook-disable-line privacy/name',
    'next-line': '|\n  # casebook-disable-next-line privacy\n  Naima Bakkali vraagt hulp.',
    quoted: '"Naima Bakkali vraagt hulp.  # casebook-disable-line"',
  };

  it.each(Object.entries(situations))('does not silence a finding (%s), and says the comment is text', async (_name, situation) => {
    const dir = makeTree({ 'casebook.yaml': casebookYaml, 'cases/naam.yaml': caseYaml({ situation }) });
    const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const messages = JSON.parse(result.stdout).messages as Array<{ rule: string; suppressed?: boolean; line: number; message: string }>;
    const name = messages.find((m) => m.rule === 'privacy/name');
    expect(name?.suppressed ?? false).toBe(false);
    const inText = messages.find((m) => m.rule === 'casebook/directive-in-text');
    expect(inText?.message).toContain('het komt in het boek');
  });

  it('a real comment above the block still silences it', async () => {
    const text = caseYaml({ situation: '|\n  Naima Bakkali vraagt hulp.' }).replace('situation: |', '# casebook-disable-next-line privacy/name\nsituation: |');
    const dir = makeTree({ 'casebook.yaml': casebookYaml, 'cases/naam.yaml': text });
    const result = await runInProcess(['validate', '--format', 'json'], { cwd: dir });
    const messages = JSON.parse(result.stdout).messages as Array<{ rule: string; suppressed?: boolean }>;
    expect(messages.filter((m) => !m.suppressed).map((m) => m.rule)).toEqual([]);
    expect(result.code).toBe(0);
  });
});

describe('the example case of casebook init', () => {
  it('is a good example: validate and tag --check pass on the casebook init writes', async () => {
    const dir = makeTree({}, 'casebook-init-example-');
    expect((await runInProcess(['init', '-q'], { cwd: dir })).code).toBe(0);
    expect(readdirSync(path.join(dir, 'cases', 'wmo')).filter((name) => name.endsWith('.yaml')).length).toBe(1);
    const validation = await runInProcess(['validate'], { cwd: dir });
    expect(validation.stdout + validation.stderr).not.toMatch(/fout|waarschuwing/);
    const check = await runInProcess(['tag', '--check'], { cwd: dir });
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });
});

describe('messages that say what is true', () => {
  it('a build stopped by a missing template folder does not send the person to validate', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Casusboek\ntemplates: eigen-sjablonen\n', 'cases/a.yaml': caseYaml() });
    const result = await runInProcess(['build', '--format', 'html', '--drafts'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('render/templates-missing');
    expect(result.stderr).toContain('Er is niets gebouwd');
    expect(result.stderr).not.toContain('validate');
  });

  it('a book of drafts only, built without filters, says to use --drafts, not to check filters that are not there', async () => {
    const dir = makeTree({ 'casebook.yaml': casebookYaml, 'cases/a.yaml': caseYaml() });
    const result = await runInProcess(['build', '--format', 'html'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/filters/);
    expect(result.stderr).toContain('concept');
    expect(result.stderr).toContain('--drafts');
  });

  it('a casebook without cases: validate and build say so, and fail', async () => {
    const dir = makeTree({ 'casebook.yaml': casebookYaml, 'cases/.gitkeep': '' });
    const validation = await runInProcess(['validate'], { cwd: dir });
    expect(validation.code).toBe(1);
    expect(validation.stdout).toContain('load/no-cases');
    expect(validation.stdout).toContain('Geen casussen gevonden in cases');
    const json = JSON.parse((await runInProcess(['validate', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.messages.map((m: { rule: string }) => m.rule)).toEqual(['load/no-cases']);
    const build = await runInProcess(['build', '--format', 'html'], { cwd: dir });
    expect(build.code).toBe(1);
    expect(build.stdout).toContain('load/no-cases');
  });

  it('init in a subfolder names the platform of the one CI file it wrote', async () => {
    for (const [platform, name, other] of [['github', 'GitHub', 'GitLab'], ['gitlab', 'GitLab', 'GitHub']] as const) {
      const repo = makeTree({});
      execFileSync('git', ['init', '-q'], { cwd: repo });
      const result = await runInProcess(['init', 'docs/casusboek', '--ci', platform], { cwd: repo });
      expect(result.code).toBe(0);
      const advice = result.stdout.split('\n').find((line) => line.includes('verplaats'))!;
      expect(advice).toContain(name);
      expect(advice).not.toContain(other);
    }
  });
});
