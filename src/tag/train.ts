/**
 * Training the learned part of the tagger from labelled cases, and choosing its every setting
 * by k-fold cross-validation: the regularisation, the weight of legal notes and option titles,
 * the share of the lexicon in the blend, the threshold and how many values a case gets. The
 * figures it reports (lexicon alone and blend) are the cross-validated ones. Deterministic: the
 * same cases give the same model, byte for byte. Pure TypeScript, used by `npm run
 * train:tagger` and by `casebook tag --learn`.
 */
import { DEFAULT_THRESHOLD } from '../load/config.js';
import type { ValueSet } from '../types.js';
import { caseSegments, type Segment } from './fields.js';
import { compileVocabulary, FeatureReader, readWords, VocabularyReader } from './features.js';
import { lexiconFor } from './lexicon-file.js';
import { blendScores, modelSegmentWeights, selectBlended, type BlendSettings, type CvFigures, type ModelFieldWeights, type TaggerModelData, rankValues, selectedCount, WEIGHT_SCALE } from './model.js';
import { lexiconSelection, MAX_SUGGESTIONS, RELATIVE_TO_BEST, scoreSegments } from './score.js';
import { hashOf } from './tokenize.js';

export interface TrainingCase {
  id: string;
  data: Readonly<Record<string, unknown>>;
  /** The values the case is labelled with. */
  labels: readonly string[];
}

export interface TrainOptions {
  folds?: number;
  /** Candidate regularisation strengths. */
  lambdas?: number[];
  legalWeights?: number[];
  optionTitleWeights?: number[];
  /** Settings not to search (a team's cases added to the built-in ones keep its choices). */
  fixed?: { lambda?: number; fieldWeights?: ModelFieldWeights };
  /** A feature must occur in at least this many training cases. */
  minCases?: number;
  /** The cases the reported figures are about (default: all); the model learns from all. */
  reportOn?: (index: number) => boolean;
}

export interface ValueFigures {
  id: string;
  /** Cases labelled with the value. */
  support: number;
  lexicon: { precision: number; recall: number };
  blend: { precision: number; recall: number };
}

export interface TrainResult {
  model: TaggerModelData;
  perValue: ValueFigures[];
}

const DEFAULTS = { folds: 5, lambdas: [0.001, 0.003, 0.01, 0.03], legalWeights: [0, 0.3, 0.6, 1], optionTitleWeights: [0.3, 0.6, 0.9], minCases: 2 };
const ITERATIONS = 250;
/** Below this blended score (in hundredths) nothing is suggested, not even to fill up a case: a
 * case with next to no text gets no suggestions rather than noise. */
const MIN_FILL = 20;
const MOMENTUM = 0.9;

interface Prepared {
  segments: Segment[];
  /** The lexicon's score per value, and what the lexicon alone suggests (value indexes). */
  lexicon: Float64Array;
  lexiconChosen: number[];
  labels: Uint8Array;
}

/** The training cases as the model sees them: a sparse matrix (rows are cases), the lexicon's scores and the labels. */
interface Design {
  rows: number;
  features: number;
  values: number;
  rowStart: Int32Array;
  cols: Int32Array;
  vals: Float64Array;
  lexicon: Float64Array;
  labels: Uint8Array;
}

function prepare(cases: readonly TrainingCase[], valueSet: ValueSet, minCases: number): { prepared: Prepared[]; vocabulary: string[]; documentFrequency: ReadonlyMap<string, number> } {
  const lexicon = lexiconFor(valueSet);
  const ids = lexicon.valueIds;
  const reader = new VocabularyReader();
  const documentFrequency = new Map<string, number>();
  const prepared = cases.map((c): Prepared => {
    const segments = caseSegments(c.data, true);
    reader.begin(segments.map(() => 1));
    const scores = scoreSegments(lexicon, segments, reader);
    for (const feature of reader.bag.keys()) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
    const scoresByValue = new Float64Array(ids.length);
    for (const s of scores) scoresByValue[s.value] = s.score;
    const chosen = lexiconSelection(scores, DEFAULT_THRESHOLD, MAX_SUGGESTIONS, RELATIVE_TO_BEST).map((s) => s.value);
    const labels = Uint8Array.from(ids, (id) => (c.labels.includes(id) ? 1 : 0));
    return { segments, lexicon: scoresByValue, lexiconChosen: chosen, labels };
  });
  reader.end();
  const isName = (feature: string) => feature.split(' ').some((part) => reader.names.has(part));
  const vocabulary = [...documentFrequency]
    .filter(([feature, count]) => count >= minCases && !isName(feature))
    .map(([feature]) => feature)
    .sort((a, b) => Number(a.includes(' ')) - Number(b.includes(' ')) || (a < b ? -1 : a > b ? 1 : 0));
  return { prepared, vocabulary, documentFrequency };
}

function design(prepared: readonly Prepared[], vocabulary: readonly string[], fieldWeights: ModelFieldWeights): Design {
  const reader = new FeatureReader(compileVocabulary(vocabulary));
  const values = prepared[0]?.labels.length ?? 0;
  const rowStart = new Int32Array(prepared.length + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  prepared.forEach((p, r) => {
    reader.begin(modelSegmentWeights(fieldWeights, p.segments));
    readWords(p.segments, reader);
    const vector = reader.vector();
    for (let k = 0; k < vector.length; k++) {
      cols.push(vector.ids[k]!);
      vals.push(vector.values[k]!);
    }
    rowStart[r + 1] = cols.length;
  });
  const lexicon = new Float64Array(prepared.length * values);
  const labels = new Uint8Array(prepared.length * values);
  prepared.forEach((p, r) => {
    lexicon.set(p.lexicon, r * values);
    labels.set(p.labels, r * values);
  });
  return { rows: prepared.length, features: vocabulary.length, values, rowStart, cols: Int32Array.from(cols), vals: Float64Array.from(vals), lexicon, labels };
}

/** Logistic regression parameters for every value at once. */
interface Parameters {
  /** Feature-major: `w[f × values + v]`. */
  w: Float64Array;
  /** `l[v × values + u]`: weight of the lexicon's score of value u for value v. */
  l: Float64Array;
  b: Float64Array;
}

const newParameters = (d: Design): Parameters => ({ w: new Float64Array(d.features * d.values), l: new Float64Array(d.values * d.values), b: new Float64Array(d.values) });

/** The linear scores of row `r` for every value, into `z`. */
function linear(d: Design, p: Parameters, r: number, z: Float64Array): void {
  const V = d.values;
  z.set(p.b);
  for (let v = 0; v < V; v++) for (let u = 0; u < V; u++) z[v]! += p.l[v * V + u]! * d.lexicon[r * V + u]!;
  for (let k = d.rowStart[r]!; k < d.rowStart[r + 1]!; k++) {
    const x = d.vals[k]!;
    const base = d.cols[k]! * V;
    for (let v = 0; v < V; v++) z[v]! += x * p.w[base + v]!;
  }
}

/** The gradient of the mean log loss plus λ/2 |w|² (the intercepts are not shrunk). */
function gradient(d: Design, p: Parameters, rows: readonly number[], lambda: number, g: Parameters): void {
  const V = d.values;
  g.w.fill(0);
  g.l.fill(0);
  g.b.fill(0);
  const z = new Float64Array(V);
  const scale = 1 / rows.length;
  for (const r of rows) {
    linear(d, p, r, z);
    for (let v = 0; v < V; v++) z[v] = (1 / (1 + Math.exp(-z[v]!)) - d.labels[r * V + v]!) * scale;
    for (let v = 0; v < V; v++) {
      g.b[v]! += z[v]!;
      for (let u = 0; u < V; u++) g.l[v * V + u]! += z[v]! * d.lexicon[r * V + u]!;
    }
    for (let k = d.rowStart[r]!; k < d.rowStart[r + 1]!; k++) {
      const x = d.vals[k]!;
      const base = d.cols[k]! * V;
      for (let v = 0; v < V; v++) g.w[base + v]! += x * z[v]!;
    }
  }
  for (let i = 0; i < g.w.length; i++) g.w[i]! += lambda * p.w[i]!;
  for (let i = 0; i < g.l.length; i++) g.l[i]! += lambda * p.l[i]!;
}

/** Fits on `rows` by Nesterov's accelerated gradient descent, a fixed number of steps. */
function fit(d: Design, rows: readonly number[], lambda: number): Parameters {
  let largest = 0;
  for (const r of rows) {
    let norm = 2;
    for (let u = 0; u < d.values; u++) norm += d.lexicon[r * d.values + u]! ** 2;
    largest = Math.max(largest, norm);
  }
  // Step 1/L, with L the gradient's Lipschitz bound for the log loss (¼ of the largest |x|²).
  const step = 1 / (0.25 * largest + lambda);
  const p = newParameters(d);
  const velocity = newParameters(d);
  const ahead = newParameters(d);
  const g = newParameters(d);
  const parts = (x: Parameters) => [x.w, x.l, x.b] as const;
  for (let t = 0; t < ITERATIONS; t++) {
    parts(p).forEach((part, i) => {
      const vel = parts(velocity)[i]!;
      const look = parts(ahead)[i]!;
      for (let k = 0; k < part.length; k++) look[k] = part[k]! + MOMENTUM * vel[k]!;
    });
    gradient(d, ahead, rows, lambda, g);
    parts(p).forEach((part, i) => {
      const vel = parts(velocity)[i]!;
      const grad = parts(g)[i]!;
      for (let k = 0; k < part.length; k++) {
        vel[k] = MOMENTUM * vel[k]! - step * grad[k]!;
        part[k]! += vel[k]!;
      }
    });
  }
  return p;
}

function probabilities(d: Design, p: Parameters, rows: readonly number[], into: Float64Array): void {
  const z = new Float64Array(d.values);
  for (const r of rows) {
    linear(d, p, r, z);
    for (let v = 0; v < d.values; v++) into[r * d.values + v] = 1 / (1 + Math.exp(-z[v]!));
  }
}

/** Fold of each case: by a hash of its id, so that adding a case moves no other. */
function foldsOf(ids: readonly string[], k: number): number[] {
  const order = ids.map((id, i) => ({ i, h: hashOf(id) >>> 0, id })).sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1));
  const folds = new Array<number>(ids.length);
  order.forEach((o, rank) => (folds[o.i] = rank % k));
  return folds;
}

/** Out-of-fold probabilities: each case scored by a model that did not see it. */
function outOfFold(d: Design, folds: readonly number[], k: number, lambda: number): Float64Array {
  const result = new Float64Array(d.rows * d.values);
  for (let f = 0; f < k; f++) {
    const train = folds.flatMap((fold, r) => (fold === f ? [] : [r]));
    const test = folds.flatMap((fold, r) => (fold === f ? [r] : []));
    if (test.length === 0) continue;
    probabilities(d, fit(d, train, lambda), test, result);
  }
  return result;
}

interface Counts {
  tp: Float64Array;
  fp: Float64Array;
  fn: Float64Array;
}

function countsOf(labels: Uint8Array, values: number, predictions: ReadonlyArray<readonly number[]>, include?: (row: number) => boolean): Counts {
  const counts = { tp: new Float64Array(values), fp: new Float64Array(values), fn: new Float64Array(values) };
  predictions.forEach((chosen, r) => {
    if (include && !include(r)) return;
    for (let v = 0; v < values; v++) {
      const gold = labels[r * values + v] === 1;
      const predicted = chosen.includes(v);
      if (gold && predicted) counts.tp[v]!++;
      else if (predicted) counts.fp[v]!++;
      else if (gold) counts.fn[v]!++;
    }
  });
  return counts;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function figuresOf(counts: Counts): CvFigures {
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  const tp = sum(counts.tp);
  const precision = ratio(tp, tp + sum(counts.fp));
  const recall = ratio(tp, tp + sum(counts.fn));
  let macro = 0;
  for (let v = 0; v < counts.tp.length; v++) {
    macro += f1Of(ratio(counts.tp[v]!, counts.tp[v]! + counts.fp[v]!), ratio(counts.tp[v]!, counts.tp[v]! + counts.fn[v]!));
  }
  return { micro: f1Of(precision, recall), macro: macro / Math.max(1, counts.tp.length), precision, recall };
}

/** Per row, for one share of the lexicon: the blended scores, the values best first, and the
 * running count of correct values along that order. */
interface Ranked {
  blended: Float64Array;
  order: number[];
  correctUpTo: Int32Array;
}

function rankRows(d: Design, oof: Float64Array, share: number): Ranked[] {
  const V = d.values;
  return Array.from({ length: d.rows }, (_, r) => {
    const blended = blendScores(d.lexicon.subarray(r * V, r * V + V), oof.subarray(r * V, r * V + V), share);
    const order = rankValues(blended);
    const correctUpTo = new Int32Array(V + 1);
    order.forEach((v, k) => (correctUpTo[k + 1] = correctUpTo[k]! + d.labels[r * V + v]!));
    return { blended, order, correctUpTo };
  });
}

/** The blend settings that give the best cross-validated micro-F1 on the out-of-fold probabilities. */
function bestBlend(d: Design, oof: Float64Array): { settings: BlendSettings; micro: number } {
  let gold = 0;
  for (const label of d.labels) gold += label;
  let best = { settings: { lexicon: 0.5, threshold: 0.5, min: 0, fill: 0.5, max: 4 }, micro: -1 };
  for (let a = 0; a <= 10; a++) {
    const rows = rankRows(d, oof, a / 10);
    for (let t = 20; t <= 70; t += 5) {
      for (const max of [2, 3, 4, 5]) {
        for (const min of [0, 1, 2]) {
          for (let fill = min === 0 ? t : MIN_FILL; fill <= t; fill += 5) {
            const settings = { lexicon: a / 10, threshold: t / 100, min, fill: fill / 100, max };
            let correct = 0;
            let predicted = 0;
            for (const row of rows) {
              const count = selectedCount(row.order, row.blended, settings);
              predicted += count;
              correct += row.correctUpTo[count]!;
            }
            const micro = predicted + gold === 0 ? 0 : (2 * correct) / (predicted + gold);
            if (micro > best.micro + 1e-9) best = { settings, micro };
          }
        }
      }
    }
  }
  return best;
}

interface Candidate {
  lambda: number;
  fieldWeights: ModelFieldWeights;
  settings: BlendSettings;
  micro: number;
  oof: Float64Array;
  design: Design;
}

function searchCandidates(prepared: Prepared[], vocabulary: string[], folds: number[], k: number, options: TrainOptions): Candidate {
  const fixed = options.fixed ?? {};
  const lambdas = fixed.lambda !== undefined ? [fixed.lambda] : (options.lambdas ?? DEFAULTS.lambdas);
  let fieldWeights = fixed.fieldWeights ?? { legal: (options.legalWeights ?? DEFAULTS.legalWeights)[0]!, optionTitle: 0.9 };
  let best: Candidate | undefined;
  const tryOne = (lambda: number, weights: ModelFieldWeights) => {
    const d = design(prepared, vocabulary, weights);
    const oof = outOfFold(d, folds, k, lambda);
    const blend = bestBlend(d, oof);
    if (!best || blend.micro > best.micro + 1e-9) best = { lambda, fieldWeights: weights, settings: blend.settings, micro: blend.micro, oof, design: d };
  };
  // One setting at a time: the regularisation, then the legal notes, then the option titles.
  for (const lambda of lambdas) tryOne(lambda, fieldWeights);
  if (!fixed.fieldWeights) {
    const lambda = best!.lambda;
    for (const legal of (options.legalWeights ?? DEFAULTS.legalWeights).slice(1)) tryOne(lambda, { ...fieldWeights, legal });
    fieldWeights = best!.fieldWeights;
    for (const optionTitle of options.optionTitleWeights ?? DEFAULTS.optionTitleWeights) {
      if (optionTitle !== fieldWeights.optionTitle) tryOne(lambda, { ...fieldWeights, optionTitle });
    }
  }
  return best!;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function modelData(valueIds: string[], vocabulary: string[], documentFrequency: ReadonlyMap<string, number>, p: Parameters, candidate: Candidate, training: TaggerModelData['training']): TaggerModelData {
  const V = valueIds.length;
  const scaled = (f: number, v: number) => Math.round(p.w[f * V + v]! * WEIGHT_SCALE);
  // Features no value weighs (after rounding) are left out of the file. The rest are stored
  // most frequent first: tagging reads a feature's weights, count and first position for
  // nearly every case that has it, and the common features then sit side by side in memory
  // (tagging 300 cases in turn, warm: the model's extra CPU 0.199 -> 0.167 s per 10,000; on
  // the whole command no difference shows, BENCHMARKS.md issue 17). The order changes no
  // score: tagging sums in the case's own order.
  const frequency = (f: number) => documentFrequency.get(vocabulary[f]!) ?? 0;
  const used = vocabulary
    .map((_, f) => f)
    .filter((f) => valueIds.some((__, v) => scaled(f, v) !== 0))
    .sort((a, b) => frequency(b) - frequency(a) || a - b);
  return {
    format: 1,
    valueIds,
    features: used.map((f) => vocabulary[f]!),
    fieldWeights: candidate.fieldWeights,
    blend: candidate.settings,
    bias: Array.from(p.b, (b) => round(b)),
    lexiconWeights: valueIds.map((_, v) => valueIds.map((__, u) => round(p.l[v * V + u]!))),
    weights: valueIds.map((_, v) => used.map((f) => scaled(f, v))),
    training: { ...training, lexicon: roundFigures(training.lexicon), blend: roundFigures(training.blend) },
  };
}

const roundFigures = (f: CvFigures): CvFigures => ({ micro: round(f.micro), macro: round(f.macro), precision: round(f.precision), recall: round(f.recall) });

function perValueFigures(valueIds: string[], labels: Uint8Array, lexicon: Counts, blend: Counts): ValueFigures[] {
  return valueIds.map((id, v) => {
    const support = lexicon.tp[v]! + lexicon.fn[v]!;
    const pr = (c: Counts) => ({ precision: ratio(c.tp[v]!, c.tp[v]! + c.fp[v]!), recall: ratio(c.tp[v]!, c.tp[v]! + c.fn[v]!) });
    return { id, support, lexicon: pr(lexicon), blend: pr(blend) };
  });
}

/** A model trained on all `cases`, with every setting chosen by k-fold cross-validation on them. */
export function trainTagger(cases: readonly TrainingCase[], valueSet: ValueSet, options: TrainOptions = {}): TrainResult {
  const k = Math.max(2, Math.min(options.folds ?? DEFAULTS.folds, cases.length));
  const { prepared, vocabulary, documentFrequency } = prepare(cases, valueSet, options.minCases ?? DEFAULTS.minCases);
  const folds = foldsOf(cases.map((c) => c.id), k);
  const best = searchCandidates(prepared, vocabulary, folds, k, options);
  const d = best.design;
  const valueIds = valueSet.values.map((v) => v.id);
  const blendCounts = countsOf(d.labels, d.values, prepared.map((_, r) => selectBlended(blendScores(d.lexicon.subarray(r * d.values, (r + 1) * d.values), best.oof.subarray(r * d.values, (r + 1) * d.values), best.settings.lexicon), best.settings)), options.reportOn);
  const lexiconCounts = countsOf(d.labels, d.values, prepared.map((p) => p.lexiconChosen), options.reportOn);
  const training = { cases: cases.length, folds: k, lexicon: figuresOf(lexiconCounts), blend: figuresOf(blendCounts), lambda: best.lambda };
  const parameters = fit(d, prepared.map((_, r) => r), best.lambda);
  return { model: modelData(valueIds, vocabulary, documentFrequency, parameters, best, training), perValue: perValueFigures(valueIds, d.labels, lexiconCounts, blendCounts) };
}
