/**
 * The learned part of the tagger: per value a logistic regression over the case's stems and
 * word pairs (src/tag/features.ts) and the lexicon's scores of every value, blended with the
 * lexicon's own score. The weights are data (data/tagger-model.json, made by `npm run
 * train:tagger`; a team's own in .casebook/tagger.json, made by `casebook tag --learn`); every
 * setting in them (the blend, how many suggestions, the weight of legal notes and option
 * titles) was chosen by cross-validation on the training cases (src/tag/train.ts).
 */
import type { Segment } from './fields.js';
import { FeatureReader, featureTable, taggerWords, vocabularyOf, type FeatureTable, type FeatureVector, type NameList, type TaggerWords, type Vocabulary } from './features.js';
import { fold, WordScanner } from './tokenize.js';
import { logitSums, type LogitSums } from './logit-sums.js';

/** How the blended score makes suggestions; chosen by cross-validation. */
export interface BlendSettings {
  /** Share of the lexicon's score in the blend; the model's probability has the rest. */
  lexicon: number;
  /** Suggest a value from this blended score on... */
  threshold: number;
  /** ...and at least `min` values when they score at least `fill`... */
  min: number;
  fill: number;
  /** ...and at most `max`. */
  max: number;
}

/** Field weights of the model where it differs from the lexicon. */
export interface ModelFieldWeights {
  /** `legal[].note`, which the lexicon does not read. */
  legal: number;
  /** `options[].title`. */
  optionTitle: number;
}

export interface CvFigures {
  micro: number;
  macro: number;
  precision: number;
  recall: number;
}

export interface TrainingSummary {
  /** Labelled cases the model was trained on. */
  cases: number;
  folds: number;
  /** Cross-validated on those cases: the lexicon alone and the blend. */
  lexicon: CvFigures;
  blend: CvFigures;
  /** The regularisation chosen. */
  lambda: number;
  /** A team's model: how many of the cases were the team's own (the figures are about those). */
  teamCases?: number;
}

/** The model in its plain form: training's result, and the file's first format (a team's
 * model written before format 2). */
export interface TaggerModelData {
  format: 1;
  valueIds: string[];
  /** Stems (`gelijk`) and word pairs (`niet gelijk`). */
  features: string[];
  fieldWeights: ModelFieldWeights;
  blend: BlendSettings;
  /** Per value: the intercept, weights on the lexicon's scores of every value, and the weight
   * of every feature, in thousandths (whole numbers keep the file small). */
  bias: number[];
  lexiconWeights: number[][];
  weights: number[][];
  training: TrainingSummary;
}

/** What a model is made of, however it was stored. */
export interface ModelParts {
  valueIds: string[];
  fieldWeights: ModelFieldWeights;
  blend: BlendSettings;
  training: TrainingSummary;
  bias: number[];
  lexiconWeights: number[][];
  features: FeatureTable;
  /** Feature weights, feature-major: `weights[f × values + v]`. */
  weights: Float32Array;
  /** Worked out before (the build's copy of the built-in model): the vocabulary of `features`,
   * and every feature's evidence weight (see TaggerModel.evidenceWeights). */
  vocabulary?: Vocabulary;
  evidenceWeights?: Float64Array;
}

export interface TaggerModel {
  valueIds: readonly string[];
  fieldWeights: ModelFieldWeights;
  blend: BlendSettings;
  training: TrainingSummary;
  bias: readonly number[];
  reader: FeatureReader;
  /** How many features. */
  featureCount: number;
  /** Feature weights, feature-major: `weights[f × values + v]`. */
  weights: Float32Array;
  /** `lexiconWeights` in one array, `[v × values + u]`. */
  lexiconMatrix: Float64Array;
  /** Per feature: its largest weight for any value when it can be evidence at all (some word
   * in it says something), else 0; all worked out when the first case's evidence is looked for
   * (NaN until then, see evidenceWeightsOf). */
  evidenceWeights: Float64Array;
  /** Scratch space for one case at a time (a casebook has thousands). */
  scratch: { lexicon: Float64Array; probabilities: Float64Array; blended: Float64Array; segmentWeights: Float64Array; shortlist: Int32Array; shortlistValues: Float64Array; candidates: Int32Array; contributions: Float64Array };
  /** The weights and the reader's vector in WebAssembly's memory, which sums them (see
   * logit-sums.ts); undefined where WebAssembly SIMD is missing (then JavaScript sums). */
  sums: LogitSums | undefined;
  /** Where the model came from, for the report (`built-in` or a file). */
  source: string;
  /** The model in its plain form (format 1), made when first asked for (tools and tests:
   * tagging never needs it). */
  readonly data: TaggerModelData;
}

/** Whether a model was made for this value set: the same ids in the same order. */
export function modelFits(model: TaggerModel, valueIds: readonly string[]): boolean {
  const ids = model.valueIds;
  return ids.length === valueIds.length && ids.every((id, k) => id === valueIds[k]);
}

/** The model of its parts; `plain` gives its plain form when asked for. */
export function modelOf(parts: ModelParts, source: string, plain: () => TaggerModelData): TaggerModel {
  return new LoadedModel(parts, source, plain);
}

/**
 * A class, not an object literal: the literal with its `data` getter was an object in
 * dictionary mode (`%HasFastProperties` false), so that every property read of the model in the
 * compiled tagging code went through a lookup (LoadIC, about 7 k instructions per case, counted
 * with callgrind). The getter is defined on each model (an own property, as the literal's was):
 * that keeps its properties fast.
 */
class LoadedModel implements TaggerModel {
  readonly valueIds: readonly string[];
  readonly fieldWeights: ModelFieldWeights;
  readonly blend: BlendSettings;
  readonly training: TrainingSummary;
  readonly bias: readonly number[];
  readonly reader: FeatureReader;
  readonly featureCount: number;
  readonly weights: Float32Array;
  readonly lexiconMatrix: Float64Array;
  readonly evidenceWeights: Float64Array;
  readonly scratch: TaggerModel['scratch'];
  readonly sums: LogitSums | undefined;
  declare readonly data: TaggerModelData;

  constructor(parts: ModelParts, readonly source: string, plain: () => TaggerModelData) {
    const values = parts.valueIds.length;
    const featureCount = (this.featureCount = parts.features.firsts.length);
    this.lexiconMatrix = new Float64Array(values * values);
    parts.lexiconWeights.forEach((row, v) => this.lexiconMatrix.set(row, v * values));
    this.valueIds = parts.valueIds;
    this.fieldWeights = parts.fieldWeights;
    this.blend = parts.blend;
    this.training = parts.training;
    this.bias = parts.bias;
    const sums = logitSums(featureCount, values);
    if (sums) sums.weights.set(parts.weights);
    this.sums = sums;
    this.reader = new FeatureReader(parts.vocabulary ?? vocabularyOf(parts.features), sums);
    this.weights = sums?.weights ?? parts.weights;
    this.evidenceWeights = parts.evidenceWeights ?? new Float64Array(featureCount).fill(NaN);
    this.scratch = {
      lexicon: new Float64Array(values),
      probabilities: new Float64Array(values),
      blended: new Float64Array(values),
      segmentWeights: new Float64Array(64),
      shortlist: new Int32Array(featureCount),
      shortlistValues: new Float64Array(featureCount),
      candidates: new Int32Array(featureCount),
      contributions: new Float64Array(featureCount),
    };
    let data: TaggerModelData | undefined;
    Object.defineProperty(this, 'data', { get: () => (data ??= plain()), enumerable: true, configurable: true });
  }
}

/** The model of its plain form (format 1: a model file of that format, or training's result). */
export function compileModel(data: TaggerModelData, source: string): TaggerModel {
  const values = data.valueIds.length;
  const features = data.features.length;
  const weights = new Float32Array(features * values);
  data.weights.forEach((list, v) => {
    list.forEach((w, f) => (weights[f * values + v] = w / WEIGHT_SCALE));
  });
  const { valueIds, fieldWeights, blend, training, bias, lexiconWeights } = data;
  return modelOf({ valueIds, fieldWeights, blend, training, bias, lexiconWeights, features: featureTable(data.features), weights }, source, () => data);
}

/** Feature weights are stored in thousandths. */
export const WEIGHT_SCALE = 1000;
export const MAX_FEATURES = 500_000;
export const MAX_VALUES = 200;
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const numbers = (x: unknown, length: number) => Array.isArray(x) && x.length === length && x.every(isNumber);

function validBlend(b: unknown): boolean {
  const blend = b as Partial<BlendSettings> | undefined;
  return !!blend && [blend.lexicon, blend.threshold, blend.min, blend.fill, blend.max].every(isNumber);
}

/** Whether the training summary has the numbers the model's report and `--learn` read. */
function validTraining(t: unknown): boolean {
  const training = t as Partial<TrainingSummary> | undefined;
  return !!training && isNumber(training.lambda) && isNumber(training.cases) && (training.teamCases === undefined || isNumber(training.teamCases));
}

/** Whether what every format of the file shares is there and sound: value ids, blend, field
 * weights, intercepts, lexicon weights and training summary (a model file is untrusted input). */
export function validHead(data: object): boolean {
  const { valueIds, bias, lexiconWeights, fieldWeights, blend, training } = data as Partial<TaggerModelData>;
  if (!validTraining(training)) return false;
  if (!Array.isArray(valueIds) || valueIds.length === 0 || valueIds.length > MAX_VALUES || !valueIds.every((id) => typeof id === 'string')) return false;
  const n = valueIds.length;
  if (!numbers(bias, n) || !Array.isArray(lexiconWeights) || lexiconWeights.length !== n || !lexiconWeights.every((row) => numbers(row, n))) return false;
  return validBlend(blend) && !!fieldWeights && isNumber(fieldWeights.legal) && isNumber(fieldWeights.optionTitle);
}

/** The model in a file's JSON of format 1, or undefined when it is not one (a model file is untrusted input). */
export function parseModel(json: unknown): TaggerModelData | undefined {
  const data = json as Partial<TaggerModelData> | null;
  if (!data || typeof data !== 'object' || data.format !== 1 || !validHead(data)) return undefined;
  const { valueIds, features, weights } = data;
  if (!Array.isArray(features) || features.length > MAX_FEATURES || !features.every((f) => typeof f === 'string' && /^\S+( \S+)?$/.test(f))) return undefined;
  if (!Array.isArray(weights) || weights.length !== valueIds!.length || !weights.every((list) => numbers(list, features.length))) return undefined;
  return data as TaggerModelData;
}

/** The weight a segment's words get in the model. */
function segmentWeight(fieldWeights: ModelFieldWeights, segment: Segment): number {
  if (segment.field === 'legal') return fieldWeights.legal;
  if (segment.field === 'options' && segment.path[2] === 'title') return fieldWeights.optionTitle;
  return segment.weight;
}

/** The weight each segment's words get in the model (training; tagging uses caseSegmentWeights). */
export function modelSegmentWeights(fieldWeights: ModelFieldWeights, segments: readonly Segment[]): number[] {
  return segments.map((segment) => segmentWeight(fieldWeights, segment));
}

/** The same, into the model's own buffer (valid for these segments until the next case): a
 * list emptied and filled again for every case gave its storage back and grew it again. */
export function caseSegmentWeights(model: TaggerModel, segments: readonly Segment[]): Float64Array {
  let into = model.scratch.segmentWeights;
  if (into.length < segments.length) into = model.scratch.segmentWeights = new Float64Array(2 * segments.length);
  for (let s = 0; s < segments.length; s++) into[s] = segmentWeight(model.fieldWeights, segments[s]!);
  return into;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Value `v`'s log-odds before the case's features: its intercept and the lexicon's scores. */
function logitBase(model: TaggerModel, lexicon: ArrayLike<number>, v: number, n: number): number {
  const { bias, lexiconMatrix } = model;
  let sum = bias[v]!;
  for (let u = 0; u < n; u++) sum += lexiconMatrix[v * n + u]! * lexicon[u]!;
  return sum;
}

/** The model's probability per value, from a case's features and the lexicon's scores (into
 * `into`): summed in WebAssembly when the vector is the model's own (the reader's, in its
 * memory: see logit-sums.ts), else in JavaScript. The same numbers to the bit either way. */
export function modelProbabilities(model: TaggerModel, vector: FeatureVector, lexicon: ArrayLike<number>, into: Float64Array = new Float64Array(model.valueIds.length)): Float64Array {
  const sums = model.sums;
  if (sums && vector.ids === sums.ids && vector.values === sums.values) return summedProbabilities(model, sums, vector.length, lexicon, into);
  return plainProbabilities(model, vector, lexicon, into);
}

/** modelProbabilities in WebAssembly: the vector is the one in the model's memory. */
function summedProbabilities(model: TaggerModel, sums: LogitSums, length: number, lexicon: ArrayLike<number>, into: Float64Array): Float64Array {
  const n = model.valueIds.length;
  const start = sums.sums;
  for (let v = 0; v < n; v++) start[v] = logitBase(model, lexicon, v, n);
  sums.add(length);
  for (let v = 0; v < n; v++) into[v] = sigmoid(start[v]!);
  return into;
}

/** modelProbabilities in JavaScript (any vector; the reference for the WebAssembly sums).
 * Five values at a time, each sum in a local: the terms of each value are added in the same
 * order as feature by feature (the same sums to the bit), while each feature's id and value
 * are read once for five values instead of once for each (every typed-array read in the loop
 * carries its own checks: about 38 instructions per feature and value one at a time, counted
 * with callgrind; ten values in two passes of five instead of four, four and two). */
export function plainProbabilities(model: TaggerModel, vector: FeatureVector, lexicon: ArrayLike<number>, into: Float64Array = new Float64Array(model.valueIds.length)): Float64Array {
  const { weights } = model;
  const n = model.valueIds.length;
  const { ids, values, length } = vector;
  let v = 0;
  for (; v + 5 <= n; v += 5) {
    let s0 = logitBase(model, lexicon, v, n);
    let s1 = logitBase(model, lexicon, v + 1, n);
    let s2 = logitBase(model, lexicon, v + 2, n);
    let s3 = logitBase(model, lexicon, v + 3, n);
    let s4 = logitBase(model, lexicon, v + 4, n);
    for (let k = 0; k < length; k++) {
      const x = values[k]!;
      const base = ids[k]! * n + v;
      s0 += x * weights[base]!;
      s1 += x * weights[base + 1]!;
      s2 += x * weights[base + 2]!;
      s3 += x * weights[base + 3]!;
      s4 += x * weights[base + 4]!;
    }
    into[v] = sigmoid(s0);
    into[v + 1] = sigmoid(s1);
    into[v + 2] = sigmoid(s2);
    into[v + 3] = sigmoid(s3);
    into[v + 4] = sigmoid(s4);
  }
  // Two at a time for what is left (ten values: two passes of five).
  for (; v + 2 <= n; v += 2) {
    let s0 = logitBase(model, lexicon, v, n);
    let s1 = logitBase(model, lexicon, v + 1, n);
    for (let k = 0; k < length; k++) {
      const x = values[k]!;
      const base = ids[k]! * n + v;
      s0 += x * weights[base]!;
      s1 += x * weights[base + 1]!;
    }
    into[v] = sigmoid(s0);
    into[v + 1] = sigmoid(s1);
  }
  for (; v < n; v++) {
    let sum = logitBase(model, lexicon, v, n);
    for (let k = 0; k < length; k++) sum += values[k]! * weights[ids[k]! * n + v]!;
    into[v] = sigmoid(sum);
  }
  return into;
}

/** The blended score of each value (into `into`). */
export function blendScores(lexicon: ArrayLike<number>, probabilities: ArrayLike<number>, share: number, into: Float64Array = new Float64Array(probabilities.length)): Float64Array {
  for (let v = 0; v < into.length; v++) into[v] = share * lexicon[v]! + (1 - share) * probabilities[v]!;
  return into;
}

/** The values best first (ties: in the set's order). */
export function rankValues(blended: ArrayLike<number>): number[] {
  // Insertion: ten values, no comparison function to call, and no splice (which made a new
  // list for each value of each case).
  const order: number[] = [];
  for (let v = 0; v < blended.length; v++) {
    let at = order.length;
    order.push(v);
    while (at > 0 && blended[order[at - 1]!]! < blended[v]!) {
      order[at] = order[at - 1]!;
      at--;
    }
    order[at] = v;
  }
  return order;
}

/** How many of the ranked values the blend's rule suggests. */
export function selectedCount(ranked: readonly number[], blended: ArrayLike<number>, settings: BlendSettings, threshold = settings.threshold): number {
  // The settings read and both comparisons made at every turn: a read and a comparison first
  // made when a case's second value fell under the threshold (`fill`) had no type feedback when
  // selectBlended was compiled, and undid it (node --trace-deopt at 10,000 cases).
  const { max, min, fill } = settings;
  let count = 0;
  for (const v of ranked) {
    if (count >= max) break;
    const score = blended[v]!;
    const above = score >= threshold;
    const fills = score >= fill;
    if (above || (count < min && fills)) count++;
    else break;
  }
  return count;
}

/** The values to suggest (indexes, best first), by the blend's rule. */
export function selectBlended(blended: ArrayLike<number>, settings: BlendSettings, threshold = settings.threshold): number[] {
  const ranked = rankValues(blended);
  return ranked.slice(0, selectedCount(ranked, blended, settings, threshold));
}

/** A word is evidence when it adds at least this much to the value's log-odds (about 5% to
 * the odds): the model weighs every word a little, and a word it hardly weighs explains nothing. */
export const MIN_EVIDENCE = 0.05;

/** A piece of model evidence: where it stands in the case. */
export interface ModelHit {
  segment: number;
  start: number;
  end: number;
  text: string;
}

/** Whether a feature's text may be shown as evidence: words of 3+ letters only, none a
 * pseudonym or a word the case writes as a name elsewhere. That one of its words says
 * something (no function word or everyday word of every case) is known already: the feature
 * passed canShow, and the words of its text are the words it was read from, with the same
 * stems (so no word is stemmed again here). */
function showable(text: string, banned: readonly string[], names: NameList): boolean {
  // A single word and a pair go the same way (a single word is one part): a path taken only
  // for pairs had no type feedback when the function was first compiled, and undid it.
  let from = 0;
  for (;;) {
    const space = text.indexOf(' ', from);
    const end = space < 0 ? text.length : space;
    if (!showableWord(text.slice(from, end), banned, names)) return false;
    from = end + 1;
    if (space < 0) return true;
  }
}

function showableWord(part: string, banned: readonly string[], names: NameList): boolean {
  const form = fold(part);
  return form.length >= 3 && lettersOnly(form) && !banned.includes(form) && !names.has(form);
}

const LETTERS_ONLY = /^\p{L}+$/u;
/** Read through the function itself (tokenize.ts says why). */
const charCodeAt = String.prototype.charCodeAt;

/** LETTERS_ONLY.test(form): a form of ASCII letters answered without the regular expression
 * (a call of the builtin and a Unicode property test per word, about 300 instructions, counted
 * with callgrind), any other the regular expression's way. */
export function lettersOnly(form: string): boolean {
  for (let k = 0; k < form.length; k++) {
    if (((charCodeAt.call(form, k) | 32) - 97) >>> 0 >= 26) return LETTERS_ONLY.test(form);
  }
  return form.length > 0;
}

/** The words of the case's pseudonyms (folded): never evidence. A short list (a case names a
 * handful), read with the word scanner: tokenising each name made lists of every kind. */
const NONE: readonly string[] = [];
const pseudonymScanner = new WordScanner();

export function pseudonymWords(data: Readonly<Record<string, unknown>>): readonly string[] {
  // A generic read: a case's data comes in many shapes (its fields in the order its file writes
  // them), and `data.pseudonyms`, compiled for the first few shapes, undid modelEvidence (which
  // inlines this) twice in a run of 10,000 cases (node --trace-deopt: "wrong map").
  const pseudonyms: unknown = Reflect.get(data, 'pseudonyms');
  const list = Array.isArray(pseudonyms) ? pseudonyms : [];
  if (list.length === 0) return NONE;
  const words: string[] = [];
  for (const name of list) {
    if (typeof name !== 'string') continue;
    pseudonymScanner.reset(name);
    while (pseudonymScanner.next()) words.push(fold(pseudonymScanner.form()));
  }
  pseudonymScanner.reset('');
  return words;
}

/** White space other than single spaces. */
const NOT_SINGLE_SPACED = /[^\S ]| {2}/;

/** The text with every run of white space as one space (the text itself when it has none to change). */
export function singleSpaced(text: string): string {
  return notSingleSpaced(text) ? text.replace(/\s+/g, ' ') : text;
}

/** NOT_SINGLE_SPACED.test(text): printable ASCII and single spaces answered without the
 * regular expression (a call of the builtin per piece of evidence), anything else its way. */
function notSingleSpaced(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const code = charCodeAt.call(text, k);
    if ((code - 33) >>> 0 < 94) continue;
    if (code === 32 && charCodeAt.call(text, k + 1) !== 32) continue;
    return NOT_SINGLE_SPACED.test(text);
  }
  return false;
}

// Both turns taken at load (V8 keeps no record of a function's first calls: a dozen were too few):
// the replace was first needed when a shown pair spanned a line break, long after modelEvidence,
// which has singleSpaced inlined, was compiled, and it undid that compiled code (node
// --trace-deopt: "Insufficient type feedback"), a compile of tens of milliseconds done again.
for (let i = 0; i < 40; i++) singleSpaced(i % 2 === 0 ? 'een\nwoord' : 'een woord');
// The same for fold's turn for a word beyond ASCII (showableWord, inlined in modelEvidence): it
// was first taken on the first shown word with such a letter and undid modelEvidence. Distinct
// words, since fold keeps what it folded; the normaliser it loads costs well under a millisecond.
for (let i = 0; i < 40; i++) fold(`geëvalueerd${i}`);
// And lettersOnly's turn for a word beyond ASCII, for the same reason.
for (let i = 0; i < 40; i++) lettersOnly(i % 2 === 0 ? 'geëvalueerd' : 'woord');

/** Whether `lower` is inside a text shown already, or one is inside it. */
function shownAlready(seen: readonly string[], lower: string): boolean {
  // An indexed loop: returning from inside a for-of closes its iterator, a property read
  // (`return`) first made when a candidate was first shown already, after modelEvidence (which
  // inlines this) was compiled; it undid that compiled code (node --trace-deopt).
  for (let k = 0; k < seen.length; k++) {
    const t = seen[k]!;
    if (t.includes(lower) || lower.includes(t)) return true;
  }
  return false;
}

/** Per stem of the vocabulary: whether it says something as evidence (3+ letters, no function
 * word or everyday word). */
function stemsThatSay(stems: readonly string[], words: TaggerWords): Uint8Array {
  const says = new Uint8Array(stems.length);
  for (let id = 0; id < stems.length; id++) {
    const part = stems[id]!;
    says[id] = Number(part.length >= 3 && !words.stop.has(part) && !words.notEvidence.has(part));
  }
  return says;
}

/**
 * TaggerModel.evidenceWeights, every feature's at once (a feature can be evidence when some
 * word of it says something): once per model, when the first case's evidence is looked for.
 * Worked out per feature when first asked, the shortlist's loop carried a check and a call for
 * it on every feature of every case (about 4 k instructions a case, counted with callgrind).
 */
export function evidenceWeightsOf(model: TaggerModel): Float64Array {
  const into = model.evidenceWeights;
  const n = model.valueIds.length;
  const { weights } = model;
  const { stems, firsts, seconds } = model.reader.vocabulary.table;
  const says = stemsThatSay(stems, taggerWords());
  for (let f = 0; f < into.length; f++) {
    let largest = -Infinity;
    for (let v = 0; v < n; v++) largest = Math.max(largest, weights[f * n + v]!);
    const second = seconds[f]!;
    into[f] = says[firsts[f]!] === 1 || (second >= 0 && says[second] === 1) ? largest : 0;
  }
  return into;
}

/**
 * The features of the case just read that can be evidence for some value: those whose value
 * times their largest weight reaches MIN_EVIDENCE (a feature's contribution to any one value
 * is at most that, the product being rounded the same way for the smaller weight), in the
 * vector's order, into the model's buffers; returns how many. About a tenth of the case's
 * features: modelEvidence then looks at these for each value shown, not at all of them.
 */
export function evidenceShortlist(model: TaggerModel, vector: FeatureVector): number {
  let evidenceWeights = model.evidenceWeights;
  if (evidenceWeights.length > 0 && Number.isNaN(evidenceWeights[0])) evidenceWeights = evidenceWeightsOf(model);
  const { shortlist, shortlistValues } = model.scratch;
  const min = MIN_EVIDENCE;
  const { ids, values, length } = vector;
  let count = 0;
  for (let k = 0; k < length; k++) {
    const f = ids[k]!;
    const x = values[k]!;
    if (x * evidenceWeights[f]! >= min) {
      shortlist[count] = f;
      shortlistValues[count++] = x;
    }
  }
  return count;
}

/**
 * The model's strongest positive words for value `v` in the case just read, shown as they
 * stand in the text; none already inside a lexicon phrase (`taken`, lower case). Its
 * candidates are the first `shortlisted` of the case's evidenceShortlist.
 */
export function modelEvidence(model: TaggerModel, v: number, shortlisted: number, segments: readonly Segment[], banned: () => readonly string[], taken: string[], limit: number): ModelHit[] {
  const n = model.valueIds.length;
  const { weights } = model;
  const min = MIN_EVIDENCE;
  // The candidates, strongest taken one at a time: only a few are ever looked at. In the
  // model's buffers, as long as its vocabulary (no case has more features): growing them when
  // a case first had more undid the compiled function.
  const features = model.scratch.candidates;
  const contributions = model.scratch.contributions;
  let count = 0;
  const { shortlist, shortlistValues } = model.scratch;
  for (let k = 0; k < shortlisted; k++) {
    const f = shortlist[k]!;
    const c = shortlistValues[k]! * weights[f * n + v]!;
    if (c >= min) {
      features[count] = f;
      contributions[count++] = c;
    }
  }
  const hits: ModelHit[] = [];
  // What is shown so far, lower case (the caller's list, added to).
  const seen = taken;
  const { firstSegment, firstStart, firstEnd } = model.reader;
  while (hits.length < limit) {
    let best = -1;
    let strongest = 0;
    for (let k = 0; k < count; k++) {
      const c = contributions[k]!;
      if (c > 0 && (best < 0 || c > strongest)) {
        best = k;
        strongest = c;
      }
    }
    if (best < 0) break;
    contributions[best] = 0;
    const f = features[best]!;
    const segment = firstSegment[f]!;
    // A single word (one word of the scanner) has no white space to make single, but goes the
    // same way as a pair: a call made only for pairs undid the compiled function when the first
    // pair was shown.
    const text = singleSpaced(segments[segment]!.text.slice(firstStart[f]!, firstEnd[f]!));
    const lower = text.toLowerCase();
    if (shownAlready(seen, lower)) continue;
    if (!showable(text, banned(), model.reader.names)) continue;
    seen.push(lower);
    hits.push({ segment, start: firstStart[f]!, end: firstEnd[f]!, text });
  }
  return hits;
}
