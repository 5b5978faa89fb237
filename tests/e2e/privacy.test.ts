/**
 * `casebook validate` with personal data left in a case: the done-criterion of the
 * privacy check. A leftover BSN and a surname fail validation (exit 1), each reported at
 * its line and column, masked, and the full values appear nowhere in the output, in any
 * format. Runs the built CLI (compile first).
 */
import { describe, expect, it } from 'vitest';
import { formats } from '../../src/report/index.js';
import { makeTree, runInProcess } from '../helpers.js';

const leftover = [
  'title: Traplift of verhuizen?',
  'status: draft',
  'domains: [wmo]',
  'situation: |',
  '  Mevrouw (74) woont sinds haar trouwen in een eengezinswoning.',
  '  In de notitie staat nog haar BSN: 926851974.',
  'dilemma: >',
  '  Gaan we mee in wat mevrouw Jansen vraagt, of',
  '  kiezen we voor verhuizen?',
  '',
].join('\n');

const clean = [
  'title: Scootmobiel of boodschappendienst?',
  'status: draft',
  'domains: [wmo]',
  'situation: Mevrouw A. (81) vraagt een scootmobiel; artikel 2.3.5 Wmo 2015, kosten € 1.250.',
  'dilemma: Wat doen we?',
  '',
].join('\n');

const casebook = () => makeTree({ 'casebook.yaml': 'title: Test\n', 'cases/leftover.yaml': leftover, 'cases/clean.yaml': clean });

describe('casebook validate: privacy', () => {
  it('fails on a leftover BSN and a surname, with both at the right place, masked', async () => {
    const run = await runInProcess(['validate', '--format', 'json'], { cwd: casebook() });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { errors: number; messages: Array<Record<string, unknown>> };
    expect(report.errors).toBe(2);
    expect(report.messages).toEqual([
      {
        file: 'cases/leftover.yaml', line: 6, column: 37, endLine: 6, endColumn: 46, severity: 'error', rule: 'privacy/bsn',
        message: 'Burgerservicenummer (926******). Haal het weg: een casus heeft geen BSN nodig.',
      },
      {
        file: 'cases/leftover.yaml', line: 8, column: 22, endLine: 8, endColumn: 36, severity: 'error', rule: 'privacy/name',
        message: "Naam van een persoon (mevrouw Ja****). Vervang door 'de inwoner', 'mevrouw A.' of een verzonnen naam (en zet die onder pseudonyms).",
      },
    ]);
  });

  for (const format of formats) {
    it(`--format ${format} never shows the full values`, async () => {
      const run = await runInProcess(['validate', '--format', format], { cwd: casebook() });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('926******');
      expect(run.stdout).not.toContain('926851974');
      expect(run.stdout).not.toContain('Jansen');
      expect(run.stderr).toBe('');
    });
  }

  it('passes once the identifiers are gone, or declared fictional', async () => {
    const fixed = leftover.replace('In de notitie staat nog haar BSN: 926851974.', 'Ze wil niet weg.') + 'pseudonyms: [mevrouw Jansen]\n';
    const run = await runInProcess(['validate', '--format', 'json'], { cwd: makeTree({ 'casebook.yaml': 'title: Test\n', 'cases/leftover.yaml': fixed }) });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { errors: number; messages: Array<Record<string, unknown>> };
    expect(report.messages).toEqual([
      expect.objectContaining({ rule: 'privacy/name', line: 8, column: 22, suppressed: true, message: 'Verzonnen naam (mevrouw Ja****): staat onder pseudonyms, x-fictional-names of privacy.allow-names.' }),
    ]);
  });
});
