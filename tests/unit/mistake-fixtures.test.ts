/**
 * The mistakes people make when they write a case by hand (tests/fixtures/mistakes): each
 * file declares, as `# expect: <line> <rule> <corrected line>` comments, the one diagnosis
 * validate must give: at the line of the mistake, its own rule, and the line as it should
 * be written (or the id that was meant). Checked in Dutch and in English.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCasebook } from '../../src/load/index.js';
import { validate } from '../../src/validate/index.js';
import type { Lang, ValidationResult } from '../../src/types.js';
import { expectMarkers, fixtures, runInProcess } from '../helpers.js';

const root = path.join(fixtures, 'mistakes');
const caseDir = path.join(root, 'cases');
const files = readdirSync(caseDir).filter((f) => f.endsWith('.yaml')).sort();

const expected = (file: string) => expectMarkers(path.join(caseDir, file)).filter((marker) => marker !== 'none');

const results = new Map<Lang, Promise<ValidationResult>>();
const run = (lang: Lang) => {
  if (!results.has(lang)) results.set(lang, loadCasebook({ casebook: root, lang }).then((casebook) => validate(casebook, { lang })));
  return results.get(lang)!;
};
/** What a person sees: suppressed messages (a `# casebook-disable` comment) are left out. */
const messagesOf = async (lang: Lang, file: string) => (await run(lang)).messages.filter((m) => m.file === path.join(caseDir, file) && !m.suppressed);

describe('YAML mistakes', () => {
  it.each(files)('%s: the expected diagnosis at the line of the mistake, with the corrected line', async (file) => {
    expect(expectMarkers(path.join(caseDir, file)).length).toBeGreaterThan(0);
    for (const lang of ['nl', 'en'] as const) {
      const actual = (await messagesOf(lang, file)).map((m) => `${m.line} ${m.rule} ${m.suggestion ?? ''}`.trim()).sort();
      expect(actual, lang).toEqual(expected(file));
    }
  });

  it.each(files)('%s: worded in Dutch and in English, leading with the cause', async (file) => {
    const [nl, en] = [await messagesOf('nl', file), await messagesOf('en', file)];
    nl.forEach((message, i) => {
      const english = en[i]!.message;
      expect(message.message).not.toBe(english);
      for (const text of [message.message, english]) {
        expect(text).not.toMatch(/^(yaml|schema)\./);
        // The old catch-all that blamed the line below for every mistake.
        expect(text).not.toMatch(/loopt door in de regel eronder|runs on into the line below/);
      }
    });
  });
});

describe('an empty field', () => {
  it('says it is empty, and that a required field must be filled in rather than left out', async () => {
    const nl = await messagesOf('nl', 'empty-fields.yaml');
    expect(nl.map((m) => m.message)).toEqual([
      "'situation' is leeg. Vul het in: het is een verplicht veld.",
      "'summary' is leeg. Vul het in of laat het veld weg.",
    ]);
  });
});

describe('a field whose colon is missing, with a colon later on the line', () => {
  it('says so and gives the whole line to write, instead of an unknown field and a missing one', async () => {
    const nl = await messagesOf('nl', 'missing-colon-later-colon.yaml');
    expect(nl.map((m) => m.message)).toEqual([`Na 'dilemma' ontbreekt de dubbele punt; YAML nam de tekst tot de dubbele punt verderop als veldnaam. Schrijf: dilemma: "Moeten we: ja of nee?"`]);
  });
});

describe('the stylish report', () => {
  it('shows the corrected line as a "schrijf" line, in the active language', async () => {
    const nl = await runInProcess(['validate', 'cases/colon-in-text.yaml', 'cases/domain-dutch.yaml'], { cwd: root });
    expect(nl.code).toBe(1);
    expect(nl.stdout).toContain('schrijf: title: "Terugvorderen: wel of niet?"');
    // An id that was meant is already in the message ("bedoelde je …?"): no second line.
    expect(nl.stdout).toContain("bedoelde je 'participatiewet'?");
    expect(nl.stdout).not.toContain('schrijf: participatiewet');
    // A date written the Dutch way: the day it is, as the field takes it and in words.
    const date = await runInProcess(['validate', 'cases/date-dutch.yaml'], { cwd: root });
    expect(date.stdout).toContain("'3-10-2024' is geen geldige datum: casebook leest datums als JJJJ-MM-DD. Bedoelde je '2024-10-03' (3 oktober 2024)?");
    const en = await runInProcess(['validate', '--lang', 'en', 'cases/colon-in-text.yaml'], { cwd: root });
    expect(en.stdout).toContain('write: title: "Terugvorderen: wel of niet?"');
  });
});

describe('a # that cuts text off', () => {
  it('is still found where a comment is meant, but silenced by the disable comments', async () => {
    const all = (await run('nl')).messages.filter((m) => m.file === path.join(caseDir, 'hash-comment-meant.yaml'));
    expect(all.map((m) => `${m.line} ${m.rule} ${m.suppressed}`)).toEqual(['6 casebook/comment-in-text true', '8 casebook/comment-in-text true']);
  });

  it('names what was kept', async () => {
    const [message] = await messagesOf('nl', 'hash-cuts-text.yaml');
    expect(message!.severity).toBe('warning');
    expect(message!.message).toContain("alleen 'Casus' over");
  });
});
