/**
 * From text to scores. Every signal found adds its weight times the weight of the field it
 * stands in (times the value's own factor for that field); a signal found again adds less
 * and less (saturation), so one repeated word does not decide; different signals add up, but
 * hints (weight below 1) together add at most a little. A long case is allowed more passing
 * mentions than a short one. The sum becomes a score in 0..1 that rises quickly at first and
 * then levels off. Pure and deterministic: the same text gives the same scores.
 */
import type { Segment } from './fields.js';
import { NO_WORDS, slotOfScanned, type LaterSteps, type Lexicon, type Pattern, type StemVocabulary, type TokenWords } from './lexicon.js';
import { WordScanner } from './tokenize.js';

/** How much each repetition of the same signal still adds: weight × (1 + REPEAT × ln n). */
export const REPEAT = 0.3;
/** The sum of weights at which a score reaches 1 − 1/e (about 0.63). */
export const SCALE = 4;
/** Signals below this weight are hints (a word that often means something else)... */
export const WEAK_WEIGHT = 1;
/** ...and together they add at most this much: hints alone never make a strong suggestion. */
export const WEAK_CAP = 1;
/**
 * A long case has room for more passing mentions than a short one. Sums are divided by
 * 1 − b + b × (weighted length / TYPICAL_LENGTH), as in BM25, with b = LENGTH_NORMALISATION.
 */
export const TYPICAL_LENGTH = 2000;
export const LENGTH_NORMALISATION = 0.5;

/** A dilemma puts a few values at stake, not all ten: more suggestions than this are noise. */
export const MAX_SUGGESTIONS = 4;
/**
 * Values compete within a case: one that scores less than this share of the case's strongest
 * value is a passing remark next to what the case is about. A share, not a difference, so
 * that it holds alike for a writer who spells everything out and one who only hints.
 */
export const RELATIVE_TO_BEST = 0.5;
/** The values the lexicon alone suggests: from `threshold` and `relative` × the best score on, at most `max`. */
export function lexiconSelection(scores: readonly ValueScore[], threshold: number, max: number, relative: number): ValueScore[] {
  const floor = Math.max(threshold, relative * (scores[0]?.score ?? 0));
  const chosen: ValueScore[] = [];
  for (const scored of scores) {
    if (scored.score < floor || scored.score <= 0 || chosen.length >= max) break;
    chosen.push(scored);
  }
  return chosen;
}

/** A phrase of the case that counted for a value. Offsets are into the segment's text. */
export interface Hit {
  segment: number;
  start: number;
  end: number;
  /** Signal weight × field weight: how much this phrase said. */
  weight: number;
}

export interface ValueScore {
  /** Index of the value in the set. */
  value: number;
  /** In 0..1, rounded to two decimals. */
  score: number;
  /** The phrases that counted, strongest first, then in document order. */
  hits(): Hit[];
}

interface Occurrence {
  pattern: Pattern;
  segment: number;
  /** The first and last word of the phrase, as indexes into the case's `Reading`. */
  first: number;
  last: number;
  /** Offsets of the phrase in its segment's text. */
  start: number;
  end: number;
  exact: boolean;
}

/**
 * The words of a case's texts that stand for a word of the lexicon, in document order (the
 * others only count as distance between words). Positions and sentences are numbered across
 * all texts of the case, so a phrase can neither span two sentences nor two texts. One
 * reading is reused from case to case: a casebook has millions of words.
 */
class Reading {
  count = 0;
  words: TokenWords[] = [];
  segment = new Int32Array(1024);
  /** Position of the word among all words of the case (matched or not). */
  position = new Int32Array(1024);
  sentence = new Int32Array(1024);
  /** Offsets into the text of the word's segment: `[start, end)`. */
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  /** Which lexicon words the case has (see presentWords): `present[id] === mark`. */
  present: Int32Array = new Int32Array(0);
  mark = 0;
  /** Per pattern (by index): `mark` once laterWordsPresent was answered for the case, and the answer. */
  asked: Int32Array = new Int32Array(0);
  answer: Uint8Array = new Uint8Array(0);

  add(words: TokenWords, segment: number, position: number, sentence: number, start: number, end: number): void {
    const k = this.count++;
    if (k === this.segment.length) this.grow();
    this.words[k] = words;
    this.segment[k] = segment;
    this.position[k] = position;
    this.sentence[k] = sentence;
    this.start[k] = start;
    this.end[k] = end;
  }

  private grow(): void {
    const larger = (array: Int32Array) => {
      const copy = new Int32Array(2 * array.length);
      copy.set(array);
      return copy;
    };
    this.segment = larger(this.segment);
    this.position = larger(this.position);
    this.sentence = larger(this.sentence);
    this.start = larger(this.start);
    this.end = larger(this.end);
  }
}

const scanner = new WordScanner();
const reading = new Reading();

/**
 * Which lexicon words the case being read has anywhere: `present[id] === reading.mark`. Most phrases
 * that start at a word of a case need a word the case does not have at all (about 500 tries
 * per case, nearly all in vain); this answers that before the words after it are searched.
 */
const presentByLexicon = new WeakMap<Lexicon, Int32Array>();

/** Also sees every word of the case, in the same pass (training's candidate features). */
export interface WordReader {
  word(scanner: WordScanner, segment: number, sentence: number): void;
}

/**
 * The learned model's counts of one case (src/tag/features.ts, FeatureReader), filled by the
 * lexicon's word loop itself (readModelSegment): a word costs one lookup in the table of forms
 * for both, and no call (a call per word, and the reader's state loaded from and stored to
 * its fields per word, were most of the model's cost per case; counted with callgrind).
 */
export interface FeatureCounts {
  /** What each stem is to the model (see FormTable.modelStems). */
  readonly vocabulary: StemVocabulary;
  /** Stem keys below this are features of their own (see Vocabulary.stems). */
  readonly featureCount: number;
  /** The features of pairs of stem keys (see PairTable). */
  readonly pairs: { readonly firsts: Int32Array; readonly seconds: Int32Array; readonly features: Int32Array; readonly mask: number };
  /** Per feature its weighted count; the features counted so far, each once, in the order first
   * met (the first `touchedCount`); where each first stands. */
  readonly counts: Float64Array;
  readonly touched: Int32Array;
  touchedCount: number;
  readonly firstSegment: Int32Array;
  readonly firstStart: Int32Array;
  readonly firstEnd: Int32Array;
  /** Per segment of the case: the weight of its words. */
  readonly weights: ArrayLike<number>;
  /** Folded forms of the words written with a capital inside a sentence (names). */
  readonly names: { add(form: string): void };
}

function presentWords(lexicon: Lexicon): Int32Array {
  let present = presentByLexicon.get(lexicon);
  if (!present) presentByLexicon.set(lexicon, (present = new Int32Array(lexicon.words.length)));
  return present;
}

function readCase(lexicon: Lexicon, segments: readonly Segment[], reader?: WordReader, model?: FeatureCounts): Reading {
  reading.count = 0;
  if (reading.asked.length < lexicon.patterns.length) {
    reading.asked = new Int32Array(lexicon.patterns.length);
    reading.answer = new Uint8Array(lexicon.patterns.length);
  }
  let position = 0;
  let sentence = 0;
  const forms = lexicon.tokenWords;
  const present = (reading.present = presentWords(lexicon));
  const mark = ++reading.mark;
  if (model) forms.useVocabulary(model.vocabulary);
  for (let s = 0; s < segments.length; s++) {
    const forLexicon = segments[s]!.lexicon !== false;
    scanner.reset(segments[s]!.text);
    if (model) {
      position = readModelSegment(lexicon, model, s, sentence, forLexicon, position);
      sentence += scanner.sentence + 1;
      continue;
    }
    while (scanner.next()) {
      const slot = slotOfScanned(lexicon, scanner);
      if (reader) reader.word(scanner, s, sentence + scanner.sentence);
      if (!forLexicon) continue;
      const words = forms.wordsAt(slot);
      if (words !== NO_WORDS) {
        reading.add(words, s, position, sentence + scanner.sentence, scanner.start, scanner.end);
        const ids = words.ids;
        for (let k = 0; k < ids.length; k++) present[ids[k]!] = mark;
      }
      position++;
    }
    sentence += scanner.sentence + 1;
  }
  scanner.reset('');
  return reading;
}

/**
 * readCase for segment `s` (in the scanner) with the learned model: the lexicon's words as
 * without it, and the model's features of every word its vocabulary knows (see
 * FeatureReader.known, which this does the same as: stems and pairs of words next to each
 * other in a sentence; numbers, one-letter words and names, a capital inside a sentence,
 * skipped). The reader's state in locals; a segment starts a sentence, so no pair spans two.
 * Returns the lexicon's word position after the segment.
 */
function readModelSegment(lexicon: Lexicon, model: FeatureCounts, s: number, sentence: number, forLexicon: boolean, position: number): number {
  const forms = lexicon.tokenWords;
  const { present, mark } = reading;
  const { counts, touched, firstSegment, firstStart, firstEnd, featureCount } = model;
  const { firsts: pairFirsts, seconds: pairSeconds, features: pairFeatures, mask } = model.pairs;
  const codes = scanner.codes;
  const weight = model.weights[s] ?? 1;
  let touchedCount = model.touchedCount;
  // The word before, as far as a pair needs it: its stem's key and flags (-1: none), number and start.
  let previous = -1;
  let previousIndex = -1;
  let previousStart = 0;
  let index = 0;
  let lastSentence = -1;
  // Compared once: a parameter tested as is is tested for every kind of value, at every word.
  const lexiconToo = forLexicon === true;
  while (scanner.next()) {
    const slot = slotOfScanned(lexicon, scanner);
    const stem = forms.modelStems[slot]!;
    const at = scanner.sentence;
    if (stem >= 0) {
      const first = at !== lastSentence;
      const { start, end } = scanner;
      const code = codes[start]!;
      // features.ts's isUpperCase and isDigit written out: a call of the one no longer fitted in what V8 inlines
      // into this loop, and a module's constant read in a function is checked for being set yet.
      const name = !first && (Number(code - 65 >>> 0 < 26) | (Number(code - 0xc0 >>> 0 < 31) & Number(code !== 0xd7))) !== 0;
      if (code - 48 >>> 0 < 10 || end - start < 2 || name) {
        if (name && end - start >= 2) model.names.add(scanner.form());
        previous = -1;
      } else {
        const key = stem >> 2;
        // Counted as FeatureReader.add does, here and for a pair below (written out twice: a call
        // would not be inlined, the loop being at the limit of what V8 inlines).
        if (key < featureCount && weight > 0) {
          if (counts[key] === 0) {
            touched[touchedCount++] = key;
            firstSegment[key] = s;
            firstStart[key] = start;
            firstEnd[key] = end;
          }
          counts[key]! += weight;
        }
        // A pair: the word just before, known and read, in the same sentence, and only when the
        // flags say that some pair starts with the one (FIRST_IN_PAIR) and ends with the other
        // (SECOND_IN_PAIR); PairTable.get written out (features.ts).
        if (!first && previous >= 0 && previousIndex === index - 1 && weight > 0 && (previous & 1) !== 0 && (stem & 2) !== 0) {
          const one = previous >> 2;
          for (let p = (Math.imul(one, 0x9e3779b1) ^ Math.imul(key, 0x85ebca6b)) & mask; pairFirsts[p] !== -1; p = (p + 1) & mask) {
            if (pairFirsts[p] !== one || pairSeconds[p] !== key) continue;
            const pair = pairFeatures[p]!;
            if (counts[pair] === 0) {
              touched[touchedCount++] = pair;
              firstSegment[pair] = s;
              firstStart[pair] = previousStart;
              firstEnd[pair] = end;
            }
            counts[pair]! += weight;
            break;
          }
        }
        previous = stem;
        previousIndex = index;
        previousStart = start;
      }
    }
    lastSentence = at;
    index++;
    if (!lexiconToo) continue;
    const words = forms.wordsAt(slot);
    if (words !== NO_WORDS) {
      reading.add(words, s, position, sentence + at, scanner.start, scanner.end);
      const ids = words.ids;
      for (let k = 0; k < ids.length; k++) present[ids[k]!] = mark;
    }
    position++;
  }
  model.touchedCount = touchedCount;
  return position;
}

/** The position in `ids` of the first of `alternatives`, or -1. Two plain loops: with
 * `alternatives.includes` each word tried was a call of the builtin (about 120 M instructions
 * at 10,000 cases, counted with callgrind), for lists of one to a few ids. */
function firstOf(ids: readonly number[], alternatives: readonly number[]): number {
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    for (let a = 0; a < alternatives.length; a++) if (alternatives[a] === id) return k;
  }
  return -1;
}

/** Whether every word after the first of pattern `index` is somewhere in the case (see presentWords). */
function laterWordsPresent(later: LaterSteps, index: number, present: Int32Array, mark: number): boolean {
  const { words } = later;
  const end = later.from[index + 1]!;
  for (let at = later.from[index]!; at < end; ) {
    const next = at + 1 + words[at]!;
    let found = false;
    for (let k = at + 1; k < next && !found; k++) found = present[words[k]!] === mark;
    if (!found) return false;
    at = next;
  }
  return true;
}

/** Where `pattern`, whose first word matched word `i` of the reading, ends; -1 when it does
 * not. `exact` is cleared when a later word matched only inside a compound. */
function matchFrom(pattern: Pattern, reading: Reading, i: number, exact: { value: boolean }): number {
  const { words, position, sentence } = reading;
  let at = i;
  for (let s = 1; s < pattern.steps.length; s++) {
    const step = pattern.steps[s]!;
    const limit = position[at]! + 1 + step.gapBefore;
    let found = -1;
    for (let j = at + 1; j < reading.count && sentence[j] === sentence[i] && position[j]! <= limit; j++) {
      const k = firstOf(words[j]!.ids, step.alternatives);
      if (k >= 0) {
        found = j;
        // Not a branch of its own: one that no case has taken yet sends the optimised phrase
        // loop back to the interpreter when a case first does (node --trace-deopt).
        exact.value = exact.value && k < words[j]!.exact;
        break;
      }
    }
    if (found < 0) return -1;
    at = found;
  }
  return at;
}

/** The phrases of the case, per value (by index). */
function findOccurrences(reading: Reading, lexicon: Lexicon): Occurrence[][] {
  const occurrences: Occurrence[][] = [];
  for (let v = 0; v < lexicon.valueIds.length; v++) occurrences.push([]);
  const exact = { value: true };
  const { present, mark, asked, answer } = reading;
  const { patterns, later } = lexicon;
  const laterFrom = later.from;
  for (let i = 0; i < reading.count; i++) {
    const { starts, startsExact } = reading.words[i]!;
    for (let k = 0; k < starts.length; k++) {
      const index = starts[k]!;
      let last = i;
      exact.value = startsExact[k] === 1;
      if (laterFrom[index + 1] !== laterFrom[index]) {
        // A case tries the same phrase at many words (about 500 tries of 140 phrases per
        // case): whether its later words are in the case at all is worked out once.
        if (asked[index] !== mark) {
          asked[index] = mark;
          answer[index] = laterWordsPresent(later, index, present, mark) ? 1 : 0;
        }
        if (answer[index] === 0) continue;
        last = matchFrom(patterns[index]!, reading, i, exact);
        if (last < 0) continue;
      }
      const pattern = patterns[index]!;
      occurrences[pattern.value]!.push({ pattern, segment: reading.segment[i]!, first: i, last, start: reading.start[i]!, end: reading.end[last]!, exact: exact.value });
    }
  }
  return occurrences;
}

const overlaps = (a: Occurrence, b: Occurrence) => a.segment === b.segment && a.first <= b.last && b.first <= a.last;

/** The most specific reading wins where signals overlap: more words, then a whole word, then weight. */
function bySpecificity(a: Occurrence, b: Occurrence): number {
  return (
    b.pattern.length - a.pattern.length ||
    Number(b.exact) - Number(a.exact) ||
    b.pattern.weight - a.pattern.weight ||
    a.segment - b.segment ||
    a.first - b.first
  );
}

function acceptedOccurrences(occurrences: Occurrence[]): Occurrence[] {
  // They were found in document order: when none is an exclusion and none overlaps another
  // (the usual case), every one counts, and there is nothing to sort.
  let reach = -1;
  let plain = true;
  for (const o of occurrences) {
    if (o.pattern.exclude || o.first <= reach) {
      plain = false;
      break;
    }
    reach = o.last;
  }
  if (plain) return occurrences;
  const exclusions = occurrences.filter((o) => o.pattern.exclude);
  const candidates = occurrences.filter((o) => !o.pattern.exclude && !exclusions.some((x) => overlaps(o, x))).sort(bySpecificity);
  const accepted: Occurrence[] = [];
  for (const candidate of candidates) if (!accepted.some((a) => overlaps(a, candidate))) accepted.push(candidate);
  return accepted;
}

/** Per signal of the value being scored: its weight, the best field it stood in, how often it
 * was found. Scratch space, reused for every value of every case. */
const signalWeight: number[] = [];
const signalBest: number[] = [];
const signalCount: number[] = [];
const signalsFound: number[] = [];

/** The sum of a value's signals: each once, by its best field, plus a little per repetition. */
function sumOfSignals(accepted: readonly Occurrence[], fieldWeight: (o: Occurrence) => number): number {
  signalsFound.length = 0;
  for (const o of accepted) {
    const { signal } = o.pattern;
    const inField = fieldWeight(o);
    if (signalCount[signal]) {
      signalBest[signal] = Math.max(signalBest[signal]!, inField);
      signalCount[signal]!++;
      continue;
    }
    signalWeight[signal] = o.pattern.weight;
    signalBest[signal] = inField;
    signalCount[signal] = 1;
    // Kept in signal order, so that the sum does not depend on the order of the text.
    let at = signalsFound.length;
    for (; at > 0 && signalsFound[at - 1]! > signal; at--) signalsFound[at] = signalsFound[at - 1]!;
    signalsFound[at] = signal;
  }
  let strong = 0;
  let weak = 0;
  for (const signal of signalsFound) {
    const weight = signalWeight[signal]!;
    const contribution = weight * signalBest[signal]! * (1 + REPEAT * Math.log(signalCount[signal]!));
    if (weight < WEAK_WEIGHT) weak += contribution;
    else strong += contribution;
    signalCount[signal] = 0;
  }
  return strong + Math.min(weak, WEAK_CAP);
}

export function scoreSegments(lexicon: Lexicon, segments: readonly Segment[], reader?: WordReader, model?: FeatureCounts): ValueScore[] {
  const perValue = findOccurrences(readCase(lexicon, segments, reader, model), lexicon);
  const length = segments.reduce((sum, segment) => sum + (segment.lexicon === false ? 0 : segment.text.length * segment.weight), 0);
  const lengthFactor = 1 - LENGTH_NORMALISATION + LENGTH_NORMALISATION * (length / TYPICAL_LENGTH);
  const scores: ValueScore[] = [];
  perValue.forEach((list, value) => {
    if (list.length === 0) return;
    const accepted = acceptedOccurrences(list);
    if (accepted.length === 0) return;
    const boosts = lexicon.fieldBoosts[value] ?? {};
    const fieldWeight = (o: Occurrence) => segments[o.segment]!.weight * (boosts[segments[o.segment]!.field] ?? 1);
    const sum = sumOfSignals(accepted, fieldWeight) / lengthFactor;
    const score = Math.round((1 - Math.exp(-sum / SCALE)) * 100) / 100;
    // Phrases are only needed for the values that are suggested: built on request.
    const hits = () =>
      accepted
        .map((o): Hit => ({ segment: o.segment, start: o.start, end: o.end, weight: o.pattern.weight * fieldWeight(o) }))
        .sort((a, b) => b.weight - a.weight || a.segment - b.segment || a.start - b.start);
    scores.push({ value, score, hits });
  });
  return scores.sort((a, b) => b.score - a.score || a.value - b.value);
}
