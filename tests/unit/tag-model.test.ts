/**
 * The learned part of the tagger: training is deterministic, the model's scores blend with the
 * lexicon's, and its evidence is honest (never a name, a pseudonym, template text, a function
 * word or a word of fewer than three letters). A hand-made model keeps each test to the point.
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { caseId, parseSource } from '../../src/load/index.js';
import { loadBuiltInValues } from '../../src/load/config.js';
import { builtInModel, compileModel, parseModel, readModel, storedModel, tagCase, trainTagger, type StoredModel, type TaggerModelData } from '../../src/tag/index.js';
import { evidenceWeightsOf, lettersOnly, singleSpaced } from '../../src/tag/model.js';
import { precompiledModel, readPrecompiledModel } from '../../src/tag/model-file.js';
import type { CaseFile, ValueSet } from '../../src/types.js';
import { repoRoot, yamlFiles } from '../helpers.js';
import { TEAM_VALUES, teamCases } from '../team-cases.js';

function caseFile(text: string): CaseFile {
  const source = parseSource('/tmp/case.yaml', new TextEncoder().encode(text), { lang: 'nl' });
  return Object.assign(source, { id: caseId(source) });
}

const teamSet: ValueSet = {
  source: 'test',
  provenance: { nl: '', en: '' },
  values: TEAM_VALUES.map((v) => ({ id: v.id, label: { nl: v.label, en: v.label }, description: { nl: '', en: '' } })),
};

const trainingCases = (count: number) =>
  Object.entries(teamCases(count)).map(([id, text]) => {
    const data = parse(text) as Record<string, unknown>;
    return { id, data, labels: data.values as string[] };
  });

describe('training', () => {
  it('gives the same model, byte for byte, from the same cases', () => {
    const first = trainTagger(trainingCases(24), teamSet, { lambdas: [0.01], legalWeights: [0.3], optionTitleWeights: [0.6] });
    const second = trainTagger(trainingCases(24), teamSet, { lambdas: [0.01], legalWeights: [0.3], optionTitleWeights: [0.6] });
    expect(JSON.stringify(first.model)).toBe(JSON.stringify(second.model));
    expect(parseModel(JSON.parse(JSON.stringify(first.model)))).toBeDefined();
    expect(first.model.training.cases).toBe(24);
    // The words of a value weigh for it: the model learned what the labels never say.
    const feature = first.model.features.indexOf('brandgevar');
    expect(feature).toBeGreaterThanOrEqual(0);
    const weightFor = (id: string) => first.model.weights[first.model.valueIds.indexOf(id)]![feature]!;
    expect(weightFor('veiligheid')).toBeGreaterThan(0);
    expect(weightFor('veiligheid')).toBeGreaterThan(weightFor('geld'));
  });

  it('reports cross-validated figures of the lexicon alone and of the blend', () => {
    const { model, perValue } = trainTagger(trainingCases(30), teamSet, { lambdas: [0.01], legalWeights: [0.3], optionTitleWeights: [0.6] });
    expect(model.training.folds).toBe(5);
    expect(model.training.blend.micro).toBeGreaterThan(model.training.lexicon.micro);
    expect(perValue.map((v) => v.id)).toEqual(TEAM_VALUES.map((v) => v.id));
    expect(perValue.reduce((sum, v) => sum + v.support, 0)).toBe(40);
  });
});

/** A model by hand: one value, every feature weighing for it. */
function handModel(features: string[], blend: Partial<TaggerModelData['blend']> = {}): TaggerModelData {
  return {
    format: 1,
    valueIds: ['zorg'],
    features,
    fieldWeights: { legal: 1, optionTitle: 0.6 },
    blend: { lexicon: 0.5, threshold: 0.3, min: 0, fill: 0.3, max: 4, ...blend },
    bias: [-1],
    lexiconWeights: [[2]],
    weights: [features.map(() => 20_000)],
    training: { cases: 0, folds: 5, lexicon: { micro: 0, macro: 0, precision: 0, recall: 0 }, blend: { micro: 0, macro: 0, precision: 0, recall: 0 }, lambda: 0.01 },
  };
}

const zorgSet: ValueSet = { source: 'test', provenance: { nl: '', en: '' }, values: [{ id: 'zorg', label: { nl: 'Zorg', en: 'Care' }, description: { nl: '', en: '' }, signals: [{ phrase: 'zorgvuldig besluit' }] }] };

describe('evidence of the model', () => {
  const features = ['fatima', 'jansen', 'ok', 'het', 'gemeent', 'huisbezoek', 'hulpvrag', 'niet gelijk', 'zorgvuldig', 'wijkteam'];
  const text = [
    'title: Een huisbezoek',
    'situation: |',
    '  Fatima krijgt een huisbezoek van het wijkteam. Zij zegt ok tegen de gemeente.',
    '  Haar buurman heet Fatima niet, maar de familie Jansen is er ook. Het is niet gelijk.',
    '  De gemeente neemt een zorgvuldig besluit.',
    'request: Beschrijf hier de hulpvraag.',
    'dilemma: Wat nu?',
    'legal:',
    '  - law: Wmo 2015',
    '    note: Een wijkteam kijkt mee.',
    'pseudonyms: [Fatima]',
  ].join('\n');

  it('shows the strongest words, after the lexicon phrases, and says where each came from', () => {
    const model = compileModel(parseModel(handModel(features))!, 'test');
    const result = tagCase(caseFile(text), zorgSet, { model });
    expect(result.suggestions).toHaveLength(1);
    const [suggestion] = result.suggestions;
    expect(suggestion!.evidence.map((e) => [e.text, e.source])).toEqual([
      ['zorgvuldig besluit', 'lexicon'],
      ['huisbezoek', 'model'],
      ['wijkteam', 'model'],
    ]);
    // Where it stands: "huisbezoek" in the title, line 1.
    expect(suggestion!.evidence[1]).toMatchObject({ line: 1, column: 12 });
    expect(suggestion!.lexiconScore).toBeGreaterThan(0);
    expect(suggestion!.score).toBeGreaterThan(0.5);
  });

  it('never shows a pseudonym, a name, a word under three letters, a function word, an everyday word or template text', () => {
    const model = compileModel(parseModel(handModel(['fatima', 'jansen', 'ok', 'het', 'gemeent', 'hulpvrag']))!, 'test');
    const result = tagCase(caseFile(text.replace('een zorgvuldig besluit', 'een besluit')), zorgSet, { model });
    // Every word it weighs is one it may not show: no evidence, so no suggestion.
    expect(result.suggestions).toEqual([]);
  });

  it('reads legal notes at their own weight, and the lexicon never reads them', () => {
    const legalOnly = ['title: Een casus', 'situation: Niets.', 'dilemma: Wat nu?', 'legal:', '  - law: Wmo 2015', '    note: Een zorgvuldig besluit over het wijkteam.'].join('\n');
    const withNotes = compileModel(parseModel(handModel(['wijkteam']))!, 'test');
    const suggestion = tagCase(caseFile(legalOnly), zorgSet, { model: withNotes }).suggestions[0];
    expect(suggestion?.evidence.map((e) => [e.text, e.source])).toEqual([['wijkteam', 'model']]);
    expect(suggestion?.evidence[0]).toMatchObject({ line: 6, column: 43 });
    expect(suggestion?.lexiconScore).toBe(0);
    const noNotes = compileModel(parseModel({ ...handModel(['wijkteam']), fieldWeights: { legal: 0, optionTitle: 0.6 } })!, 'test');
    expect(tagCase(caseFile(legalOnly), zorgSet, { model: noNotes }).suggestions).toEqual([]);
    expect(tagCase(caseFile(legalOnly), zorgSet).suggestions).toEqual([]);
  });
});

describe('the model file', () => {
  it('is refused when it is not a model: wrong format, sizes or numbers', () => {
    const good = handModel(['wijkteam']);
    expect(parseModel(good)).toBeDefined();
    for (const bad of [null, 'model', { ...good, format: 2 }, { ...good, valueIds: 'zorg' }, { ...good, bias: [Number.NaN] }, { ...good, weights: [[1, 2]] }, { ...good, features: ['twee woorden hier'] }, { ...good, blend: {} }, { ...good, training: undefined }, { ...good, training: { ...good.training, cases: '12' } }]) {
      expect(parseModel(bad)).toBeUndefined();
    }
  });

  it('is stored in format 2, which loads as the same model as its plain form, lazily made', () => {
    const stored = JSON.parse(readFileSync(path.join(repoRoot, 'data', 'tagger-model.json'), 'utf8')) as StoredModel;
    // Laid out to load without a compile step: stems once, the rest in typed blocks.
    expect(stored.format).toBe(2);
    expect(typeof stored.stems).toBe('string');
    expect(typeof stored.weights).toBe('string');
    const model = readModel(stored, 'built-in')!;
    const plain = compileModel(model.data, 'plain');
    expect(model.weights).toEqual(plain.weights);
    expect(model.featureCount).toBe(model.data.features.length);
    expect(JSON.stringify(storedModel(model.data))).toBe(JSON.stringify(stored));
    // The plain form is only made when asked for: tagging never needs it.
    expect(Object.getOwnPropertyDescriptor(readModel(stored, 'x'), 'data')?.get).toBeTypeOf('function');
    const hand = handModel(['wijkteam', 'niet gelijk', 'gelijk']);
    expect(readModel(JSON.parse(JSON.stringify(storedModel(hand))), 'x')!.data).toEqual(hand);
  });

  it('keeps weights that do not fit in two bytes', () => {
    const hand = { ...handModel(['wijkteam', 'gelijk']), weights: [[40_000, -1]] };
    const stored = storedModel(hand);
    expect(stored.weightBytes).toBe(4);
    expect(readModel(stored, 'x')!.data.weights).toEqual([[40_000, -1]]);
  });

  it('is refused in format 2 when a length, an id or a block is wrong (a team model is untrusted input)', () => {
    const good = storedModel(handModel(['wijkteam', 'niet gelijk']));
    expect(readModel(good, 'x')).toBeDefined();
    const ids = (pairs: number[]) => Buffer.from(Int32Array.from(pairs).buffer).toString('base64');
    const bad: unknown[] = [
      { ...good, format: 3 },
      { ...good, valueIds: [] },
      { ...good, bias: [1, 2] },
      { ...good, stems: 'niet  gelijk' },
      { ...good, stems: 'wijkteam\tniet gelijk' },
      { ...good, stems: 'wijkteam niet niet' },
      { ...good, stems: 42 },
      { ...good, features: ids([0, -1, 1, 3]) },
      { ...good, features: ids([0, -2, 1, 2]) },
      { ...good, features: ids([-1, -1, 1, 2]) },
      { ...good, features: ids([0, -1, 1]) },
      { ...good, features: '!!!!' },
      { ...good, weights: Buffer.from(Int16Array.from([1, 2, 3]).buffer).toString('base64') },
      { ...good, weightBytes: 3 },
      { ...good, weights: 'AAAA AAAA' },
      { ...good, training: undefined },
      { ...good, blend: { lexicon: 0.5 } },
    ];
    for (const model of bad) expect(readModel(model, 'x'), JSON.stringify(model)).toBeUndefined();
    // More features than any model has: refused before anything is made of them.
    expect(readModel({ ...good, features: Buffer.alloc(8 * 500_001).toString('base64') }, 'x')).toBeUndefined();
  });

  it('is compiled at build time to a file that loads as the same model, and only for the files and code it was compiled from', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'casebook-model-'));
    try {
      const modelText = readFileSync(path.join(repoRoot, 'data', 'tagger-model.json'), 'utf8');
      const wordsText = readFileSync(path.join(repoRoot, 'data', 'tagger-words.yaml'), 'utf8');
      const file = path.join(dir, 'tagger-model.precompiled.bin');
      writeFileSync(file, precompiledModel(modelText, wordsText));
      const precompiled = readPrecompiledModel(modelText, wordsText, file, [])!;
      const loaded = readModel(JSON.parse(modelText), 'built-in')!;
      expect(precompiled).toBeDefined();
      expect(precompiled.weights).toEqual(loaded.weights);
      expect(precompiled.featureCount).toBe(loaded.featureCount);
      const [a, b] = [precompiled.reader.vocabulary, loaded.reader.vocabulary];
      expect([...a.stems]).toEqual([...b.stems]);
      expect([a.bigrams.firsts, a.bigrams.seconds, a.bigrams.features, a.bigrams.mask]).toEqual([b.bigrams.firsts, b.bigrams.seconds, b.bigrams.features, b.bigrams.mask]);
      expect(a.table).toEqual(b.table);
      // Worked out at build time, where loading works them out when the first case needs them.
      expect(precompiled.evidenceWeights).toEqual(evidenceWeightsOf(loaded));
      expect(precompiled.data).toEqual(loaded.data);
      const values = loadBuiltInValues();
      for (const caseText of yamlFiles(path.join(repoRoot, 'cases')).map((f) => readFileSync(f, 'utf8'))) {
        expect(tagCase(caseFile(caseText), values, { model: precompiled })).toEqual(tagCase(caseFile(caseText), values, { model: loaded }));
      }
      // Another model, other word lists, newer code or a damaged file: not used.
      expect(readPrecompiledModel(modelText.replace('"format":2', '"format": 2'), wordsText, file, [])).toBeUndefined();
      expect(readPrecompiledModel(modelText, `${wordsText}\n`, file, [])).toBeUndefined();
      const module = path.join(dir, 'features.js');
      writeFileSync(module, '');
      utimesSync(module, new Date(), new Date(Date.now() + 60_000));
      expect(readPrecompiledModel(modelText, wordsText, file, [module])).toBeUndefined();
      writeFileSync(file, readFileSync(file).subarray(0, 100_000));
      expect(readPrecompiledModel(modelText, wordsText, file, [])).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is read from the build\'s compiled copy by the built program', async () => {
    const built = (await import(pathToFileURL(path.join(repoRoot, 'dist', 'tag', 'model-file.js')).href)) as typeof import('../../src/tag/model-file.js');
    const model = built.builtInModel()!;
    // Loading from data/tagger-model.json leaves the evidence weights to the first case (NaN until then).
    expect(Number.isNaN(model.evidenceWeights[0])).toBe(false);
  });

  it('is there for the built-in set, and every suggestion on the example casebook carries evidence', () => {
    const model = builtInModel();
    expect(model).not.toBeNull();
    const values = loadBuiltInValues();
    expect(model!.data.valueIds).toEqual(values.values.map((v) => v.id));
    expect(readFileSync(path.join(repoRoot, 'data', 'tagger-model.json')).length).toBeLessThan(400_000);
    let suggestions = 0;
    for (const file of yamlFiles(path.join(repoRoot, 'cases'))) {
      const result = tagCase(caseFile(readFileSync(file, 'utf8')), values, { model: model! });
      for (const s of result.suggestions) expect(s.evidence.length, `${file} ${s.id}`).toBeGreaterThan(0);
      suggestions += result.suggestions.length;
    }
    expect(suggestions).toBeGreaterThan(30);
  });
});

describe('the evidence checks without a regular expression', () => {
  // Every kind of character the shortcuts answer themselves, and the kinds they leave to the
  // regular expression: white space other than a space, two spaces, letters beyond ASCII.
  const texts = ['woord', 'een woord', 'een  woord', ' woord', 'woord ', 'een\nwoord', 'een\twoord', 'een\u00a0woord', 'een\u2028woord', 'geëvalueerd', 'Woord', 'WOORD', 'wo0rd', 'wo-rd', "wo'rd", 'w@rd', 'w[rd', 'w`rd', 'w{rd', 'ab', '', 'ünïcode', 'x\u0301', '\u00d7', 'straße', 'ij\u0133'];

  it('singleSpaced gives what its regular expression gives', () => {
    for (const text of texts) expect(singleSpaced(text)).toBe(/[^\S ]| {2}/.test(text) ? text.replace(/\s+/g, ' ') : text);
  });

  it('lettersOnly gives what its regular expression gives', () => {
    for (const text of texts) expect(lettersOnly(text)).toBe(/^\p{L}+$/u.test(text));
  });
});
