/**
 * The model's sums in WebAssembly (src/tag/logit-sums.ts) are the plain loop's to the bit: the
 * same terms added in the same order, each rounded as JavaScript rounds it. Any other order or
 * a fused multiply-add would change a last bit somewhere in these thousands of sums.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { logitSums } from '../../src/tag/logit-sums.js';
import { caseSegmentWeights, modelProbabilities, plainProbabilities } from '../../src/tag/model.js';
import { builtInModel, compileModel, trainTagger, type TaggerModel } from '../../src/tag/index.js';
import { caseSegments } from '../../src/tag/fields.js';
import { lexiconFor } from '../../src/tag/lexicon-file.js';
import { scoreSegments } from '../../src/tag/score.js';
import type { ValueSet } from '../../src/types.js';
import { TEAM_VALUES, teamCases } from '../team-cases.js';

/** A fixed sequence of pseudo-random numbers in [0, 1) (xorshift), so that a failure repeats. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

describe('the model sums in WebAssembly', () => {
  it('gives every sum of the plain loop to the bit, for any number of values', () => {
    const random = numbers(17);
    const features = 500;
    for (const values of [1, 2, 3, 7, 8, 9, 10, 11, 16, 17, 23]) {
      const sums = logitSums(features, values)!;
      expect(sums).toBeDefined();
      for (let i = 0; i < features * values; i++) sums.weights[i] = Math.fround((random() - 0.5) * 6);
      for (let round = 0; round < 20; round++) {
        const count = Math.floor(random() * features);
        for (let k = 0; k < count; k++) {
          sums.ids[k] = Math.floor(random() * features);
          sums.values[k] = random() / 5;
        }
        const start = Array.from({ length: values }, () => random() * 4 - 2);
        const expected = start.map((sum, v) => {
          for (let k = 0; k < count; k++) sum += sums.values[k]! * sums.weights[sums.ids[k]! * values + v]!;
          return sum;
        });
        sums.sums.set(start);
        sums.add(count);
        expect(Array.from(sums.sums)).toEqual(expected);
        // toEqual does not tell 0 from -0 in every version: each sum the same number, bit for bit.
        expected.forEach((sum, v) => expect(Object.is(sums.sums[v], sum)).toBe(true));
      }
    }
  });

  /** The probabilities of each case by both ways: WebAssembly (the reader's vector) and the plain loop. */
  function bothWays(model: TaggerModel, valueSet: ValueSet, cases: Array<Record<string, unknown>>): { summed: number[][]; plain: number[][] } {
    const lexicon = lexiconFor(valueSet);
    const summed: number[][] = [];
    const plain: number[][] = [];
    for (const data of cases) {
      const segments = caseSegments(data, true);
      model.reader.begin(caseSegmentWeights(model, segments));
      const scores = new Float64Array(lexicon.valueIds.length);
      for (const scored of scoreSegments(lexicon, segments, undefined, model.reader)) scores[scored.value] = scored.score;
      const vector = model.reader.vector();
      expect(vector.ids).toBe(model.sums!.ids);
      summed.push(Array.from(modelProbabilities(model, vector, scores)));
      plain.push(Array.from(plainProbabilities(model, vector, scores)));
    }
    return { summed, plain };
  }

  it('gives the built-in model the probabilities of the plain loop', async () => {
    const { loadBuiltInValues } = await import('../../src/load/config.js');
    const values = loadBuiltInValues();
    const model = builtInModel()!;
    expect(model.sums).toBeDefined();
    const cases = Object.values(teamCases(30)).map((text) => parse(text) as Record<string, unknown>);
    const { summed, plain } = bothWays(model, values, cases);
    expect(summed).toEqual(plain);
  });

  it('gives a team model with its own values (an odd number of them) the probabilities of the plain loop', () => {
    const teamSet: ValueSet = {
      source: 'test',
      provenance: { nl: '', en: '' },
      // Five of the six: an odd number, so that the last value is summed on its own.
      values: TEAM_VALUES.slice(0, 5).map((v) => ({ id: v.id, label: { nl: v.label, en: v.label }, description: { nl: '', en: '' } })),
    };
    const ids = teamSet.values.map((v) => v.id);
    const cases = Object.entries(teamCases(24)).map(([id, text]) => {
      const data = parse(text) as Record<string, unknown>;
      return { id, data, labels: (data.values as string[]).filter((label) => ids.includes(label)) };
    });
    const { model } = trainTagger(cases, teamSet, { lambdas: [0.01], legalWeights: [0.3], optionTitleWeights: [0.6] });
    const compiled = compileModel(model, 'team');
    expect(compiled.sums).toBeDefined();
    const { summed, plain } = bothWays(compiled, teamSet, cases.map((c) => c.data));
    expect(summed).toEqual(plain);
  });
});
