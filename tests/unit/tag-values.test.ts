/**
 * Value sets as data: the built-in set passes its own schema, a casebook's own set replaces
 * it (and is what the tagger uses), and a bad values file gets positioned messages.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCasebook } from '../../src/load/index.js';
import { loadBuiltInValues } from '../../src/load/config.js';
import { parseSource } from '../../src/load/index.js';
import { tagCasebook } from '../../src/tag/index.js';
import { SchemaChecker, readSchema } from '../../src/load/schema.js';
import { caseYaml, makeTree, repoRoot } from '../helpers.js';

describe('the built-in value set', () => {
  it('passes the values schema', () => {
    const file = path.join(repoRoot, 'data', 'values.yaml');
    const source = parseSource(file, readFileSync(file), { lang: 'nl', allowList: true });
    expect(source.messages).toEqual([]);
    expect(new SchemaChecker(readSchema('values.schema.json')).check(source, 'nl')).toEqual([]);
  });

  it('has the ten values of the case format, with both labels and descriptions', () => {
    const set = loadBuiltInValues();
    expect(set.values.map((v) => v.id)).toEqual([
      'effect-voorop', 'bedoeling-van-de-wet', 'eigen-kracht', 'samen-met-de-inwoner', 'integraal',
      'maatwerk', 'vertrouwen', 'lange-termijn', 'rechtmatig', 'leren-en-verbeteren',
    ]);
    for (const value of set.values) {
      expect(value.label.nl && value.label.en && value.description.nl && value.description.en).toBeTruthy();
    }
    expect(set.provenance.nl).toMatch(/afgeleid van De Omgekeerde Toets.*geen citaat uit een publicatie/s);
    expect(set.provenance.en).toMatch(/derived from the reverse test.*not a quotation from any publication/s);
  });

  it('comes with the default thresholds the README gives (0.4, 0.7), which casebook.yaml overrides', async () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const documented = /Defaults come from `casebook\.yaml` \(`tagging: \{ threshold:\s+([\d.]+), strong: ([\d.]+) \}`\)/.exec(readme);
    expect(documented?.slice(1).map(Number)).toEqual([0.4, 0.7]);
    const plain = await loadCasebook({ cwd: makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': caseYaml() }) });
    expect(plain.config.tagging).toEqual({ threshold: 0.4, strongThreshold: 0.7 });
    const own = await loadCasebook({ cwd: makeTree({ 'casebook.yaml': 'title: Boek\ntagging: { threshold: 0.2, strong: 0.9 }\n', 'cases/a.yaml': caseYaml() }) });
    expect(own.config.tagging).toEqual({ threshold: 0.2, strongThreshold: 0.9 });
  });
});

describe("a casebook's own value set", () => {
  it('replaces the built-in set, for the tagger too (signals as plain strings, exclude)', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\nvalues: kernwaarden.yaml\ntagging: { threshold: 0.1 }\n',
      'kernwaarden.yaml': [
        'values:',
        '  - id: zorg',
        '    label: Zorg',
        '    description: Goede zorg.',
        '    signals: [zorgzaam, { phrase: aandacht, weight: 2 }]',
        '    exclude: [aandacht trekken]',
        '  - id: recht',
        '    label: { nl: Recht, en: Justice }',
        '    description: Rechtvaardig.',
        '',
      ].join('\n'),
      'cases/a.yaml': caseYaml({ situation: 'Met aandacht en zorgzaam, zonder aandacht te trekken.' }),
    });
    const casebook = await loadCasebook({ cwd: dir });
    expect(casebook.messages).toEqual([]);
    expect(casebook.values.source).toBe(path.join(dir, 'kernwaarden.yaml'));
    expect(casebook.values.values.map((v) => [v.id, v.label.en, v.signals, v.exclude])).toEqual([
      ['zorg', 'Zorg', [{ phrase: 'zorgzaam' }, { phrase: 'aandacht', weight: 2 }], ['aandacht trekken']],
      ['recht', 'Justice', [], []],
    ]);
    const [tags] = tagCasebook(casebook);
    expect(tags!.suggestions.map((s) => [s.id, s.evidence.map((e) => e.text)])).toEqual([['zorg', ['aandacht', 'zorgzaam']]]);
  });

  it('is checked by its own schema, with positioned messages', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\nvalues: kernwaarden.yaml\n',
      'kernwaarden.yaml': [
        'values:',
        '  - id: zorg',
        '    label: Zorg',
        '    description: Goede zorg.',
        '    signals:',
        '      - zorg',
        '      - { phrase: zorgvuldig, weight: 9 }',
        '  - id: Zorg Twee',
        '    label: Twee',
        '    descripton: x',
        '    exclude: [1]',
        '',
      ].join('\n'),
      'cases/a.yaml': caseYaml(),
    });
    const casebook = await loadCasebook({ cwd: dir });
    const found = casebook.messages.map((m) => `${path.basename(m.file)} ${m.line}:${m.column} ${m.rule}`).sort();
    expect(found).toEqual([
      'kernwaarden.yaml 10:5 schema/unknown-key',
      'kernwaarden.yaml 11:15 schema/type',
      'kernwaarden.yaml 7:39 schema/range',
      'kernwaarden.yaml 8:9 schema/pattern',
    ]);
    expect(casebook.messages.find((m) => m.rule === 'schema/unknown-key')!.suggestion).toBe('description');
    // A broken set is not used: the built-in set stands in, and `tag` refuses to run on it.
    expect(casebook.values.source).toBe('built-in');
  });

  it('checks field factors: known case fields only, numbers above 0', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Boek\nvalues: kernwaarden.yaml\n',
      'kernwaarden.yaml': ['- id: zorg', '  label: Zorg', '  description: Goede zorg.', '  fields: { effect: 1.5, efect: 2, dilemma: 0 }', ''].join('\n'),
      'cases/a.yaml': caseYaml(),
    });
    const casebook = await loadCasebook({ cwd: dir });
    expect(casebook.messages.map((m) => `${m.line}:${m.column} ${m.rule} ${m.suggestion ?? ''}`)).toEqual([
      '4:26 schema/unknown-key effect',
      '4:45 schema/range ',
    ]);
  });
});
