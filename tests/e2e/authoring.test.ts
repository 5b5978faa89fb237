/**
 * Writing cases without traps (issue 12), through the CLI in this process: what a person who
 * writes a case runs into, and what must not slip into the shared book.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseYaml, makeTree, runInProcess } from '../helpers.js';

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
