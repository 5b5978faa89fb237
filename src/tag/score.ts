/**
 * From text to scores. Every signal found adds its weight times the weight of the field it
 * stands in (times the value's own factor for that field); a signal found again adds less
 * and less (saturation), so one repeated word does not decide; different signals add up, but
 * hints (weight below 1) together add at most a little. A long case is allowed more passing
 * mentions than a short one. The sum becomes a score in 0..1 that rises quickly at first and
 * then levels off. Pure and deterministic: the same text gives the same scores.
 */
import type { Segment } from './fields.js';
import { wordsOfToken, type Lexicon, type Pattern, type TokenWords } from './lexicon.js';
import { tokenize, type Tokens } from './tokenize.js';

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
  first: number;
  last: number;
  exact: boolean;
}

/** The position in `ids` of the first of `alternatives`, or -1. */
function firstOf(ids: readonly number[], alternatives: readonly number[]): number {
  for (let k = 0; k < ids.length; k++) if (alternatives.includes(ids[k]!)) return k;
  return -1;
}

/** Where `pattern`, whose first word matched token `i`, ends; -1 when it does not. `exact`
 * is cleared when a later word matched only inside a compound. */
function matchFrom(pattern: Pattern, tokens: Tokens, words: readonly TokenWords[], i: number, exact: { value: boolean }): number {
  let position = i;
  const sentences = tokens.sentences;
  const sentence = sentences[i]!;
  for (let s = 1; s < pattern.steps.length; s++) {
    const step = pattern.steps[s]!;
    let found = -1;
    const limit = Math.min(sentences.length - 1, position + 1 + step.gapBefore);
    for (let j = position + 1; j <= limit; j++) {
      if (sentences[j] !== sentence) break;
      const at = firstOf(words[j]!.ids, step.alternatives);
      if (at >= 0) {
        found = j;
        if (at >= words[j]!.exact) exact.value = false;
        break;
      }
    }
    if (found < 0) return -1;
    position = found;
  }
  return position;
}

function findOccurrences(lexicon: Lexicon, tokens: Tokens, segment: number, out: Occurrence[]): void {
  const forms = tokens.forms;
  const words = new Array<TokenWords>(forms.length);
  for (let i = 0; i < forms.length; i++) words[i] = wordsOfToken(lexicon, forms[i]!);
  const exact = { value: true };
  for (let i = 0; i < words.length; i++) {
    const starts = words[i]!.starts;
    for (let k = 0; k < starts.length; k++) {
      const start = starts[k]!;
      exact.value = start.exact;
      const last = matchFrom(start.pattern, tokens, words, i, exact);
      if (last >= 0) out.push({ pattern: start.pattern, segment, first: i, last, exact: exact.value });
    }
  }
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
  const exclusions = occurrences.filter((o) => o.pattern.exclude);
  const candidates = occurrences.filter((o) => !o.pattern.exclude && !exclusions.some((x) => overlaps(o, x))).sort(bySpecificity);
  const accepted: Occurrence[] = [];
  for (const candidate of candidates) if (!accepted.some((a) => overlaps(a, candidate))) accepted.push(candidate);
  return accepted;
}

export function scoreSegments(lexicon: Lexicon, segments: readonly Segment[]): ValueScore[] {
  const occurrences: Occurrence[] = [];
  const tokenised = segments.map((segment) => tokenize(segment.text));
  tokenised.forEach((tokens, s) => findOccurrences(lexicon, tokens, s, occurrences));
  const perValue = new Map<number, Occurrence[]>();
  for (const occurrence of occurrences) {
    const list = perValue.get(occurrence.pattern.value);
    if (list) list.push(occurrence);
    else perValue.set(occurrence.pattern.value, [occurrence]);
  }
  const length = segments.reduce((sum, segment) => sum + segment.text.length * segment.weight, 0);
  const lengthFactor = 1 - LENGTH_NORMALISATION + LENGTH_NORMALISATION * (length / TYPICAL_LENGTH);
  const scores: ValueScore[] = [];
  for (const [value, list] of perValue) {
    const accepted = acceptedOccurrences(list);
    if (accepted.length === 0) continue;
    const bySignal = new Map<number, { weight: number; best: number; count: number }>();
    const boosts = lexicon.fieldBoosts[value] ?? {};
    const fieldWeight = (o: Occurrence) => segments[o.segment]!.weight * (boosts[segments[o.segment]!.field] ?? 1);
    for (const o of accepted) {
      const inField = fieldWeight(o);
      const entry = bySignal.get(o.pattern.signal);
      if (entry) {
        entry.best = Math.max(entry.best, inField);
        entry.count++;
      } else {
        bySignal.set(o.pattern.signal, { weight: o.pattern.weight, best: inField, count: 1 });
      }
    }
    let strong = 0;
    let weak = 0;
    for (const { weight, best, count } of bySignal.values()) {
      const contribution = weight * best * (1 + REPEAT * Math.log(count));
      if (weight < WEAK_WEIGHT) weak += contribution;
      else strong += contribution;
    }
    const sum = (strong + Math.min(weak, WEAK_CAP)) / lengthFactor;
    const score = Math.round((1 - Math.exp(-sum / SCALE)) * 100) / 100;
    // Phrases are only needed for the values that are suggested: built on request.
    const hits = () =>
      accepted
        .map((o): Hit => {
          const tokens = tokenised[o.segment]!;
          return { segment: o.segment, start: tokens.starts[o.first]!, end: tokens.ends[o.last]!, weight: o.pattern.weight * fieldWeight(o) };
        })
        .sort((a, b) => b.weight - a.weight || a.segment - b.segment || a.start - b.start);
    scores.push({ value, score, hits });
  }
  return scores.sort((a, b) => b.score - a.score || a.value - b.value);
}
