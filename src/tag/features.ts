/**
 * What the learned part of the tagger reads in a case: the stems of its words and the pairs of
 * words that stand next to each other (bigrams), each counted with the weight of the field it
 * stands in. Function words (data/tagger-words.yaml) are never a feature on their own, only in
 * a pair ("niet gelijk"). A word with a capital letter inside a sentence is taken for a name
 * and never read: the model learns nothing from pseudonyms, and cannot show one as evidence.
 * Numbers and one-letter words are skipped as well.
 *
 * Training first collects every candidate as a string (`VocabularyReader`); the features that
 * occur in enough training cases become the model's vocabulary. At run time a `FeatureReader`
 * gets what each word's stem is to the model (Vocabulary.stems) from the lexicon's table of
 * forms, in the same pass and the same lookup as the lexicon (training, which has no lexicon
 * pass, looks words up itself).
 */
import { readDataFile } from '../data.js';
import type { Segment } from './fields.js';
import type { FeatureCounts, WordReader } from './score.js';
import { stem } from './stem.js';
import { hashOf, WordScanner } from './tokenize.js';
import { FormTable, NO_WORDS } from './lexicon.js';

export interface TaggerWords {
  /** Stems of function words: no feature on their own. */
  stop: ReadonlySet<string>;
  /** Stems of words that explain nothing as evidence. */
  notEvidence: ReadonlySet<string>;
}

let taggerWordsCache: TaggerWords | undefined;

/** The word lists of data/tagger-words.yaml, as stems. */
export function taggerWords(): TaggerWords {
  if (!taggerWordsCache) {
    const raw = (readDataFile('tagger-words.yaml') ?? {}) as { stop?: unknown[]; 'not-evidence'?: unknown[] };
    const stems = (list: unknown[] | undefined) => new Set((list ?? []).map((w) => stem(String(w).toLowerCase().normalize('NFKD').replace(/\p{M}/gu, ''))));
    taggerWordsCache = { stop: stems(raw.stop), notEvidence: stems(raw['not-evidence']) };
  }
  return taggerWordsCache;
}

/** A–Z, or À–Þ but ×. Without branches: a branch first taken after the loop was compiled (the
 * first capital beyond ASCII) had no type feedback and undid the compiled code (written out in
 * score.ts's readModelSegment, as are the two below). */
const isUpperCase = (code: number) => (Number(code - 65 >>> 0 < 26) | (Number(code - 0xc0 >>> 0 < 31) & Number(code !== 0xd7))) !== 0;
const isDigit = (code: number) => code >= 48 && code <= 57;

/** Follows sentences and segments to tell a name (a capital inside a sentence) from a first word. */
class Position {
  sentence = -1;
  segment = -1;

  reset(): void {
    this.sentence = this.segment = -1;
    this.names.clear();
  }

  /** Folded forms of the words seen with a capital inside a sentence: names. */
  readonly names = new Set<string>();

  /** Whether the scanner's word can be a feature; moves on to it. */
  readable(scanner: WordScanner, segment: number, sentence: number): boolean {
    const kind = this.kind(scanner, segment, sentence);
    if (kind === NAME) this.names.add(scanner.form());
    return kind === READABLE;
  }

  /** What the scanner's word is: READABLE, a NAME (the caller adds it to `names`) or neither; moves on to it. */
  kind(scanner: WordScanner, segment: number, sentence: number): number {
    const first = sentence !== this.sentence || segment !== this.segment;
    this.sentence = sentence;
    this.segment = segment;
    const code = scanner.text.charCodeAt(scanner.start);
    if (isDigit(code) || scanner.end - scanner.start < 2) return SKIPPED;
    return first || !isUpperCase(code) ? READABLE : NAME;
  }
}

const SKIPPED = 0;
const READABLE = 1;
const NAME = 2;

/** Calls `reader` for every word of the segments, numbered as the lexicon's pass numbers them. */
export function readWords(segments: readonly Segment[], reader: WordReader): void {
  const scanner = new WordScanner();
  let sentence = 0;
  for (let s = 0; s < segments.length; s++) {
    scanner.reset(segments[s]!.text);
    while (scanner.next()) reader.word(scanner, s, sentence + scanner.sentence);
    sentence += scanner.sentence + 1;
  }
}

/** Training: every candidate feature of a case as a string (`stem` or `stem stem`), with its weight. */
export class VocabularyReader implements WordReader {
  readonly bag = new Map<string, number>();
  /** Stems seen as a name (a capital inside a sentence) in any case read: never a feature. */
  readonly names = new Set<string>();
  private weights: number[] = [];
  private position = new Position();
  private previous: string | undefined;
  private previousStop = false;

  constructor(private readonly words: TaggerWords = taggerWords()) {}

  begin(segmentWeights: number[]): void {
    for (const name of this.position.names) this.names.add(stem(name));
    this.bag.clear();
    this.weights = segmentWeights;
    this.position.reset();
    this.previous = undefined;
  }

  /** Call after the last case: its names count too. */
  end(): void {
    this.begin([]);
  }

  word(scanner: WordScanner, segment: number, sentence: number): void {
    const newSentence = sentence !== this.position.sentence || segment !== this.position.segment;
    if (newSentence) this.previous = undefined;
    if (!this.position.readable(scanner, segment, sentence)) {
      this.previous = undefined;
      return;
    }
    const current = stem(scanner.form());
    const stop = this.words.stop.has(current);
    const weight = this.weights[segment] ?? 1;
    if (!stop) this.add(current, weight);
    if (this.previous !== undefined && !(stop && this.previousStop)) this.add(`${this.previous} ${current}`, weight);
    this.previous = current;
    this.previousStop = stop;
  }

  private add(feature: string, weight: number): void {
    if (!(weight > 0)) return;
    this.bag.set(feature, (this.bag.get(feature) ?? 0) + weight);
  }
}

/** A vocabulary compiled for lookups: what each stem is to the model, in one number. */
export interface Vocabulary {
  /** How many features. */
  featureCount: number;
  /**
   * Per stem: `key × 4 + flags`, where `key` is the stem's own feature when it has one
   * (`key < featureCount`), else a number of its own from `featureCount` on (a function word,
   * only in pairs), and `flags` says whether it is the first word of some pair (1), the second
   * (2) or both: most pairs of a text are no feature, and this spares their lookup. The table
   * of forms keeps this number per form, so a word of a case costs one read for all of it.
   */
  stems: Map<string, number>;
  /** Feature of a pair, by the keys of its two stems. */
  bigrams: PairTable;
  /** The table it was made of. */
  table: FeatureTable;
}

/** Where a pair of stem keys is first looked for in a PairTable (before its mask). */
const pairSlot = (first: number, second: number) => Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b);

/** Pair flags of a stem's key (see Vocabulary.stems): it is the first word of some pair, the second. */
const FIRST_IN_PAIR = 1;
const SECOND_IN_PAIR = 2;

/** Feature ids by a pair of stem keys, in open addressing over typed arrays: looked up for
 * nearly every word of every case, where a Map of numbers costs several times as much. */
export class PairTable {
  readonly firsts: Int32Array;
  readonly seconds: Int32Array;
  readonly features: Int32Array;
  readonly mask: number;

  /** Room for `size` pairs; or the arrays of a table filled before (the build's copy of the
   * built-in model, see model-file.ts), of a power of two slots. */
  constructor(size: number, filled?: { firsts: Int32Array; seconds: Int32Array; features: Int32Array }) {
    if (filled) {
      this.firsts = filled.firsts;
      this.seconds = filled.seconds;
      this.features = filled.features;
      this.mask = filled.firsts.length - 1;
      return;
    }
    let slots = 16;
    while (slots < 2 * size) slots *= 2;
    this.firsts = new Int32Array(slots).fill(-1);
    this.seconds = new Int32Array(slots);
    this.features = new Int32Array(slots);
    this.mask = slots - 1;
  }

  set(first: number, second: number, feature: number): void {
    let slot = pairSlot(first, second) & this.mask;
    while (this.firsts[slot] !== -1) slot = (slot + 1) & this.mask;
    this.firsts[slot] = first;
    this.seconds[slot] = second;
    this.features[slot] = feature;
  }

  /** The feature of the pair, or -1. */
  get(first: number, second: number): number {
    for (let slot = pairSlot(first, second) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.firsts[slot]!;
      if (at === -1) return -1;
      if (at === first && this.seconds[slot] === second) return this.features[slot]!;
    }
  }
}

/** Features as a table: the stems (by id, in order of first use) and per feature the ids of
 * its first and second stem (-1: a single word). The model file stores this, so that loading
 * it cuts no strings. */
export interface FeatureTable {
  stems: string[];
  firsts: Int32Array;
  seconds: Int32Array;
}

export function featureTable(features: readonly string[]): FeatureTable {
  const ids = new Map<string, number>();
  const stems: string[] = [];
  const idOf = (s: string) => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = stems.push(s) - 1));
    return id;
  };
  const firsts = new Int32Array(features.length);
  const seconds = new Int32Array(features.length).fill(-1);
  features.forEach((feature, f) => {
    const space = feature.indexOf(' ');
    firsts[f] = idOf(space < 0 ? feature : feature.slice(0, space));
    if (space >= 0) seconds[f] = idOf(feature.slice(space + 1));
  });
  return { stems, firsts, seconds };
}

/** The features of a table, as strings (`stem` or `stem stem`). */
export function featureStrings(table: FeatureTable): string[] {
  return Array.from(table.firsts, (first, f) => (table.seconds[f]! < 0 ? table.stems[first]! : `${table.stems[first]!} ${table.stems[table.seconds[f]!]!}`));
}

/** The vocabulary of a feature table (its ids in range: the caller checks an untrusted one).
 * Each loop is a function of its own: a long loop is compiled while it runs (on-stack
 * replacement), and in one function with the others the code after it, not yet run, had no type
 * feedback and undid that compiled code (node --trace-deopt), so the later loops ran interpreted. */
export function vocabularyOf(table: FeatureTable): Vocabulary {
  const { stems, firsts, seconds } = table;
  const featureCount = firsts.length;
  const keys = stemKeys(table);
  const flags = new Uint8Array(stems.length);
  const bigrams = new PairTable(featureCount);
  addPairs(table, keys, flags, bigrams);
  const ids = new Map<string, number>();
  for (let id = 0; id < stems.length; id++) ids.set(stems[id]!, keys[id]! * 4 + flags[id]!);
  return { featureCount, stems: ids, bigrams, table };
}

/** Each stem's key: its own feature, or a number past the features. */
function stemKeys({ stems, firsts, seconds }: FeatureTable): Int32Array {
  const featureCount = firsts.length;
  const keys = new Int32Array(stems.length).fill(-1);
  for (let f = 0; f < featureCount; f++) if (seconds[f]! < 0) keys[firsts[f]!] = f;
  let next = featureCount;
  for (let id = 0; id < stems.length; id++) if (keys[id]! < 0) keys[id] = next++;
  return keys;
}

/** The pairs into `bigrams` by their stems' keys, and each stem's pair flags into `flags`. */
function addPairs({ firsts, seconds }: FeatureTable, keys: Int32Array, flags: Uint8Array, bigrams: PairTable): void {
  for (let f = 0; f < firsts.length; f++) {
    const first = firsts[f]!;
    const second = seconds[f]!;
    if (second < 0) continue;
    bigrams.set(keys[first]!, keys[second]!, f);
    flags[first]! |= FIRST_IN_PAIR;
    flags[second]! |= SECOND_IN_PAIR;
  }
}

export function compileVocabulary(features: readonly string[]): Vocabulary {
  return vocabularyOf(featureTable(features));
}

/**
 * The names of one case at a time: a list kept from case to case, asked only for the few
 * words shown as evidence. A set cleared for every case made a new table each time.
 */
export class NameList {
  private forms: string[] = [];
  private count = 0;

  clear(): void {
    this.count = 0;
  }

  add(form: string): void {
    if (this.has(form)) return;
    if (this.count < this.forms.length) this.forms[this.count] = form;
    else this.forms.push(form);
    this.count++;
  }

  has(form: string): boolean {
    for (let k = 0; k < this.count; k++) if (this.forms[k] === form) return true;
    return false;
  }
}

/** The length below which a case's vector is not scaled up: about forty different words. */
const MIN_NORM = 6;

/** A case as the model sees it: `length` feature ids with their values (the vector has length 1).
 * The arrays are buffers kept from case to case, with room beyond `length`. */
export interface FeatureVector {
  length: number;
  ids: Int32Array;
  values: Float64Array;
}

/**
 * Run time: the features of one case at a time, looked up by each word's form (cached, as the
 * lexicon does); also where each feature first stands, for the evidence.
 */
export class FeatureReader implements WordReader, FeatureCounts {
  /**
   * Folded forms and what their stems are to the model, for reading without the lexicon
   * (training): the lexicon's own table of forms, with no lexicon entries, so a stem is worked
   * out once per form.
   */
  private forms = new FormTable();
  readonly counts: Float64Array;
  /** The features the current case has, in the order first met (each once): the first
   * `touchedCount`. Typed, and sized once for the vocabulary: a list emptied for every case
   * gave its storage back and grew it again, a few kB of garbage per case. */
  readonly touched: Int32Array;
  touchedCount = 0;
  /** Whether `vector` was worked out since `begin` (it leaves the counts cleared). */
  private done = false;
  /** Where each feature of the current case first stands: segment and offsets. */
  readonly firstSegment: Int32Array;
  readonly firstStart: Int32Array;
  readonly firstEnd: Int32Array;
  /** Folded forms of the words the current case writes with a capital inside a sentence. */
  readonly names = new NameList();
  // Typed from the start: tagging passes a Float64Array (a list first changed the field's type).
  weights: ArrayLike<number> = new Float64Array(0);
  // The segment read and its weight; the word before, as far as it matters: its stem's key and
  // flags (-1: none to pair with), its number in the case and where it starts.
  private segment = -1;
  private weight = 1;
  private previous = -1;
  private previousIndex = -1;
  private previousStart = 0;
  /** Reading without the lexicon (`word`): the sentence of the word before, and how many words came before. */
  private lastSentence = -1;
  private index = 0;
  /** The current case's vector: one object, its buffers kept from case to case (its ids are `touched`). */
  private readonly current: FeatureVector;

  readonly featureCount: number;
  readonly pairs: PairTable;

  /** `buffers`: where the vector is kept (as long as the vocabulary), when the model reads it
   * from a memory of its own (see logit-sums.ts); else arrays of the reader's own. */
  constructor(readonly vocabulary: Vocabulary, buffers?: { ids: Int32Array; values: Float64Array }) {
    const size = (this.featureCount = vocabulary.featureCount);
    this.pairs = vocabulary.bigrams;
    this.counts = new Float64Array(size);
    this.touched = buffers?.ids ?? new Int32Array(size);
    this.current = { length: 0, ids: this.touched, values: buffers?.values ?? new Float64Array(size) };
    this.firstSegment = new Int32Array(size);
    this.firstStart = new Int32Array(size);
    this.firstEnd = new Int32Array(size);
  }

  /** A new case, whose segments weigh `segmentWeights` (kept, not copied: read until the next `begin`). */
  begin(segmentWeights: ArrayLike<number>): void {
    if (!this.done) for (let k = 0; k < this.touchedCount; k++) this.counts[this.touched[k]!] = 0;
    this.done = false;
    this.touchedCount = 0;
    this.weights = segmentWeights;
    this.names.clear();
    this.segment = this.previous = this.lastSentence = -1;
    this.index = 0;
  }

  /** Every word of the case, without the lexicon (training): looked up in the reader's own table of forms. */
  word(scanner: WordScanner, segment: number, sentence: number): void {
    let slot = scanner.ascii ? this.forms.slotInCodes(scanner.codes, scanner.start, scanner.end, scanner.hash) : -1;
    if (slot < 0) {
      const form = scanner.form();
      const hash = hashOf(form);
      slot = this.forms.slotOf(form, hash);
      if (slot < 0) slot = this.forms.add(form, hash, NO_WORDS);
    }
    const stem = this.forms.modelStem(slot, this.vocabulary);
    if (stem >= 0) this.known(stem, scanner, segment, this.index, sentence !== this.lastSentence);
    this.lastSentence = sentence;
    this.index++;
  }

  /** A word whose form's stem the vocabulary maps to `stem` (training: tagging counts the same
   * features in the lexicon's word loop, see readModelSegment in score.ts). */
  known(stem: number, scanner: WordScanner, segment: number, index: number, first: boolean): void {
    if (segment !== this.segment) {
      this.segment = segment;
      this.weight = this.weights[segment] ?? 1;
    }
    const start = scanner.start;
    const end = scanner.end;
    const code = scanner.text.charCodeAt(start);
    // Numbers and one-letter words are skipped; a capital inside a sentence is a name (the
    // names the model does not know are never looked at: only a known word is shown as evidence).
    const name = !first && isUpperCase(code);
    if (isDigit(code) || end - start < 2 || name) {
      if (name && end - start >= 2) this.names.add(scanner.form());
      this.previous = -1;
      return;
    }
    const weight = this.weight;
    const key = stem >> 2;
    if (key < this.featureCount && weight > 0) this.add(key, segment, start, end);
    // A pair: the word just before, known and read, in the same sentence.
    const previous = this.previous;
    if (!first && previous >= 0 && this.previousIndex === index - 1 && weight > 0 && (previous & FIRST_IN_PAIR) !== 0 && (stem & SECOND_IN_PAIR) !== 0) {
      const pair = this.vocabulary.bigrams.get(previous >> 2, key);
      if (pair >= 0) this.add(pair, segment, this.previousStart, end);
    }
    this.previous = stem;
    this.previousIndex = index;
    this.previousStart = start;
  }

  /** Counts `feature` once more, with the weight of the current segment (read here, not
   * passed: a fraction passed to a call is boxed, a few kB of garbage per case). */
  private add(feature: number, segment: number, start: number, end: number): void {
    const counts = this.counts;
    if (counts[feature] === 0) {
      this.touched[this.touchedCount++] = feature;
      this.firstSegment[feature] = segment;
      this.firstStart[feature] = start;
      this.firstEnd[feature] = end;
    }
    counts[feature]! += this.weight;
  }

  /** The case read since `begin`: log(1 + weighted count) per feature, scaled to length 1 (a
   * case with little text to less: a handful of words is little evidence, whatever they are). */
  vector(): FeatureVector {
    // In the order first met. Into buffers kept from case to case (a casebook has thousands):
    // the vector is valid until the next `begin`. The counts are cleared as they are read (for
    // the next case: a loop of its own in `begin` cost about 4 k instructions a case).
    const vector = this.current;
    if (this.done) return vector;
    this.done = true;
    const counts = this.counts;
    const { ids, values } = vector;
    const length = (vector.length = this.touchedCount);
    let norm = 0;
    // Most features stand once in a case, so their count is the weight of their field, and the
    // features met one after the other often have the same count: the last logarithm is kept
    // (the same number for the same count; Math.log1p is a call into C++, about 70
    // instructions, for 140 features a case).
    let lastCount = -1;
    let lastValue = 0;
    for (let k = 0; k < length; k++) {
      const id = ids[k]!;
      const count = counts[id]!;
      counts[id] = 0;
      if (count !== lastCount) {
        lastCount = count;
        lastValue = Math.log1p(count);
      }
      values[k] = lastValue;
      norm += lastValue * lastValue;
    }
    if (norm > 0) {
      const scale = 1 / Math.max(Math.sqrt(norm), MIN_NORM);
      for (let k = 0; k < length; k++) values[k]! *= scale;
    }
    return vector;
  }
}
