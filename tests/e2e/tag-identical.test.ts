/**
 * Speed work on the tagger changes no suggestion, score or piece of evidence. On the 2,000
 * generated cases of the benchmark (bench/generate.mjs is deterministic), `casebook tag`
 * prints exactly what it printed before that work: the JSON with the model and with the
 * lexicon alone, and the text report (which shows every piece of evidence with its line and
 * column), each held as a SHA-256 digest. And the model's scores equal a plain reference:
 * the case's features read as strings the way training reads them (VocabularyReader), the
 * weights taken from the model's JSON, the blend and the choice of values computed in full.
 *
 * A change that is meant to change suggestions (a retrained model, a new phrase in the
 * lexicon, another generator) changes the digests: check the difference, then record the new
 * digests (the failure message prints them).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCasebook } from '../../bench/generate.mjs';
import { loadCasebook } from '../../src/load/index.js';
import { builtInModel, lexiconFor, type TaggerModel } from '../../src/tag/index.js';
import { caseSegments } from '../../src/tag/fields.js';
import { readWords, VocabularyReader } from '../../src/tag/features.js';
import { modelSegmentWeights, selectBlended, WEIGHT_SCALE } from '../../src/tag/model.js';
import { scoreSegments } from '../../src/tag/score.js';
import { runInProcess } from '../helpers.js';

const CASES = 2000;
let dir: string;

/** Recorded on main before the speed work of issues 17/18 (tagger at 9d77e36). */
const DIGESTS = {
  json: '6860c04b9f7877412564ca038700cc65f807fc343b2fc1811bad7dc7f1d4172e',
  jsonLexicon: 'a11d30761867e4b816b9a94f77dec40179717eba6fbe50adde0c2170505e645e',
  text: 'e014ab09f9d3110a1e466db7b58a160b27979694e3f4e0e7739dd84917ae40bb',
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'casebook-tag-identical-'));
  generateCasebook(dir, CASES);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface JsonCase {
  file: string;
  suggestions: Array<{ id: string; score: number; evidence: string[]; evidenceSources: string[] }>;
}

/** The model's blended scores of one case, computed the plain way. */
function referenceScores(model: TaggerModel, data: Record<string, unknown>, lexiconScores: Float64Array): Float64Array {
  const { data: m } = model;
  const segments = caseSegments(data, true);
  const reader = new VocabularyReader();
  reader.begin(modelSegmentWeights(m.fieldWeights, segments));
  readWords(segments, reader);
  const index = new Map(m.features.map((feature, f) => [feature, f]));
  const features: Array<[number, number]> = [];
  for (const [feature, count] of reader.bag) {
    const f = index.get(feature);
    if (f !== undefined) features.push([f, Math.log1p(count)]);
  }
  const norm = Math.sqrt(features.reduce((sum, [, x]) => sum + x * x, 0));
  const scale = norm > 0 ? 1 / Math.max(norm, 6) : 1;
  const n = m.valueIds.length;
  const blended = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let z = m.bias[v]!;
    for (let u = 0; u < n; u++) z += m.lexiconWeights[v]![u]! * lexiconScores[u]!;
    for (const [f, x] of features) z += x * scale * Math.fround(m.weights[v]![f]! / WEIGHT_SCALE);
    const probability = 1 / (1 + Math.exp(-z));
    blended[v] = m.blend.lexicon * lexiconScores[v]! + (1 - m.blend.lexicon) * probability;
  }
  return blended;
}

describe('tag on 2,000 generated cases', () => {
  it('prints what it printed before the speed work: JSON with and without the model, and the text report with positions', async () => {
    const json = await runInProcess(['tag', '--format', 'json'], { cwd: dir });
    const jsonLexicon = await runInProcess(['tag', '--format', 'json', '--no-model'], { cwd: dir });
    const text = await runInProcess(['tag'], { cwd: dir });
    expect([json.code, jsonLexicon.code, text.code]).toEqual([0, 0, 0]);
    const parsed = JSON.parse(json.stdout) as JsonCase[];
    expect(parsed).toHaveLength(CASES);
    expect(parsed.flatMap((c) => c.suggestions.flatMap((s) => s.evidenceSources)).filter((s) => s === 'model').length).toBeGreaterThan(CASES);
    expect({ json: sha256(json.stdout), jsonLexicon: sha256(jsonLexicon.stdout), text: sha256(text.stdout) }).toEqual(DIGESTS);
  }, 180_000);

  it('gives the scores and values a plain computation of the model gives', async () => {
    const json = JSON.parse((await runInProcess(['tag', '--format', 'json'], { cwd: dir })).stdout) as JsonCase[];
    const byFile = new Map(json.map((c) => [c.file, c]));
    const casebook = await loadCasebook({ cwd: dir });
    const model = builtInModel()!;
    const lexicon = lexiconFor(casebook.values);
    let compared = 0;
    for (const file of casebook.cases) {
      const lexiconScores = new Float64Array(lexicon.valueIds.length);
      for (const scored of scoreSegments(lexicon, caseSegments(file.data!))) lexiconScores[scored.value] = scored.score;
      const blended = referenceScores(model, file.data!, lexiconScores);
      const expected = selectBlended(blended, model.data.blend).map((v) => ({ id: lexicon.valueIds[v]!, score: Math.round(blended[v]! * 100) / 100 }));
      // A value without any evidence is never suggested: the output may leave one out.
      const got = byFile.get(path.relative(dir, file.path))!.suggestions.map((s) => ({ id: s.id, score: s.score }));
      expect(got).toEqual(expected.filter((e) => got.some((g) => g.id === e.id)));
      expect(expected.length - got.length).toBeLessThanOrEqual(1);
      compared++;
    }
    expect(compared).toBe(CASES);
  }, 180_000);
});
