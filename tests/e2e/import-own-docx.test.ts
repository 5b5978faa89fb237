/**
 * `casebook import` of a Word file that `casebook build --format docx` wrote: casebook's own
 * case level is recognised (its case details line under every case title), also when a
 * book has as many chapters as cases, where counting headings would pick the chapters.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { caseYaml, makeTree, runInProcess, yamlFiles } from '../helpers.js';

async function roundTrip(cases: Record<string, string>): Promise<{ stdout: string; titles: string[] }> {
  const source = makeTree({ 'casebook.yaml': 'title: Casusboek\n', ...cases }, 'casebook-own-docx-');
  const build = await runInProcess(['build', '--format', 'docx', '--drafts'], { cwd: source });
  expect(build.stderr).toBe('');
  expect(build.code).toBe(0);
  const target = makeTree({ 'casebook.yaml': 'title: Leeg\n' }, 'casebook-own-docx-import-');
  const [docx] = readdirSync(path.join(source, 'dist')).filter((name) => name.endsWith('.docx'));
  const run = await runInProcess(['import', path.join(source, 'dist', docx!)], { cwd: target });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const titles = yamlFiles(path.join(target, 'cases')).map((file) => String(parse(readFileSync(file, 'utf8')).title)).sort();
  return { stdout: run.stdout, titles };
}

describe('import of casebook\'s own Word file', () => {
  it('a book of one case gives that one case, not the cover and the chapter', async () => {
    const { stdout, titles } = await roundTrip({ 'cases/a.yaml': caseYaml({ title: 'Een moeder die hulp vraagt' }) });
    expect(titles).toEqual(['Een moeder die hulp vraagt']);
    expect(stdout).toContain('kopniveau 2');
  }, 60_000);

  it('a book of two chapters with one case each gives those two cases', async () => {
    const { titles } = await roundTrip({
      'cases/a.yaml': caseYaml({ title: 'Een moeder die hulp vraagt', domains: '[jeugdwet]' }),
      'cases/b.yaml': caseYaml({ title: 'Een vader die schulden heeft', domains: '[participatiewet]' }),
    });
    expect(titles).toEqual(['Een moeder die hulp vraagt', 'Een vader die schulden heeft']);
  }, 60_000);
});
