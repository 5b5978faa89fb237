/**
 * Stage 3 of the pipeline: tag. Suggests the core values at stake in each case from its text
 * alone, each with a score in 0..1 and the phrases (with line and column) that led to it.
 * Deterministic and explainable: a lexicon of Dutch phrases per value, matched on stems.
 */
import type { CaseFile, Casebook, SourceFile, ValueSet } from '../types.js';
import { caseSegments, type Segment } from './fields.js';
import { lexiconFor } from './lexicon.js';
import { DEFAULT_STRONG_THRESHOLD, DEFAULT_THRESHOLD } from '../load/config.js';
import { quickTree } from '../load/quick.js';
import type { LoadOptions } from '../load/index.js';
import { lineOf, lineStarts, quickSourceOffsets, scalarSourceOffsets } from '../position/index.js';
import { scoreSegments } from './score.js';
import { caseValueIds } from '../case/index.js';

export { addValuesToSource, type WriteOutcome } from './write.js';
export { compileLexicon, lexiconFor, signalsOf } from './lexicon.js';
export { FIELD_WEIGHTS } from './fields.js';

export { DEFAULT_STRONG_THRESHOLD, DEFAULT_THRESHOLD };

export interface Evidence {
  /** The phrase as it stands in the case (line breaks as spaces). */
  text: string;
  /** 1-based position of the phrase in the YAML source. */
  line: number;
  column: number;
}

export interface Suggestion {
  id: string;
  score: number;
  evidence: Evidence[];
}

export interface CaseTags {
  /** Absolute path of the case file. */
  file: string;
  id: string;
  /** The values the case has now. */
  values: string[];
  /** The values the tagger finds in the text, best first. */
  suggestions: Suggestion[];
}

/** A dilemma puts a few values at stake, not all ten: more suggestions than this are noise. */
export const MAX_SUGGESTIONS = 4;
/**
 * Values compete within a case: one that scores less than this share of the case's strongest
 * value is a passing remark next to what the case is about. A share, not a difference, so
 * that it holds alike for a writer who spells everything out and one who only hints.
 */
export const RELATIVE_TO_BEST = 0.5;
/** The strongest phrases are the explanation; past this many, repetitions add nothing. */
export const MAX_EVIDENCE = 5;

export interface TagOptions {
  /** Suggest a value from this score on (default DEFAULT_THRESHOLD). */
  threshold?: number;
  /** At most this many suggestions, the best (default MAX_SUGGESTIONS). */
  maxSuggestions?: number;
  /** Only values scoring at least this share of the case's best (default RELATIVE_TO_BEST). */
  relative?: number;
}

/** Line and column of each piece of evidence, resolved per text in one pass over its source. */
function placeEvidence(file: SourceFile, segments: readonly Segment[], found: Array<{ evidence: Evidence; segment: number; offset: number }>): void {
  const text = file.text;
  if (text === undefined || found.length === 0) return;
  // A file the quick path reads is placed from js-yaml's node tree: composing the yaml
  // Document only for this cost five times as much (most of `tag` on a large casebook).
  const tree = file.tree ?? quickTree(text);
  if (!tree && !file.doc) return;
  const bySegment = new Map<number, typeof found>();
  for (const item of found) {
    const list = bySegment.get(item.segment);
    if (list) list.push(item);
    else bySegment.set(item.segment, [item]);
  }
  const starts = lineStarts(text);
  for (const [segment, items] of bySegment) {
    const path = segments[segment]!.path;
    const wanted = items.map((item) => item.offset);
    const offsets = tree ? quickSourceOffsets(tree, text, path, wanted) : scalarSourceOffsets(file.doc!, text, path, wanted);
    items.forEach((item, k) => {
      const offset = offsets?.[k] ?? 0;
      const line = lineOf(starts, offset);
      item.evidence.line = line + 1;
      item.evidence.column = offset - starts[line]! + 1;
    });
  }
}

/**
 * The phrase as a string of its own. A slice of a longer string may keep all of it in memory
 * (V8 makes slices of 13 characters or more point into the original), and a case's texts
 * point into its whole file: 10,000 cases' evidence kept every file's text alive (57 MB).
 * A slice of a joined string copies the characters first.
 */
const ownCopy = (text: string): string => (text + ' ').slice(0, -1);

/** Suggestions for one parsed case. A file without data (it did not parse) gets none. */
export function tagCase(file: CaseFile, valueSet: ValueSet, options: TagOptions = {}): CaseTags {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const result: CaseTags = { file: file.path, id: file.id, values: caseValueIds(file.data), suggestions: [] };
  if (!file.data) return result;
  const lexicon = lexiconFor(valueSet);
  const segments = caseSegments(file.data);
  const maxSuggestions = options.maxSuggestions ?? MAX_SUGGESTIONS;
  const found: Array<{ evidence: Evidence; segment: number; offset: number }> = [];
  const scores = scoreSegments(lexicon, segments);
  const floor = Math.max(threshold, (options.relative ?? RELATIVE_TO_BEST) * (scores[0]?.score ?? 0));
  for (const scored of scores) {
    if (scored.score < floor || scored.score <= 0 || result.suggestions.length >= maxSuggestions) break;
    const seen = new Set<string>();
    const evidence: Evidence[] = [];
    for (const hit of scored.hits()) {
      if (evidence.length >= MAX_EVIDENCE) break;
      const text = ownCopy(segments[hit.segment]!.text.slice(hit.start, hit.end).replace(/\s+/g, ' '));
      const key = text.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const item: Evidence = { text, line: 1, column: 1 };
      evidence.push(item);
      found.push({ evidence: item, segment: hit.segment, offset: hit.start });
    }
    result.suggestions.push({ id: lexicon.valueIds[scored.value]!, score: scored.score, evidence });
  }
  placeEvidence(file, segments, found);
  return result;
}

/**
 * Suggestions for every case of the casebook that parsed (with paths given: the named ones),
 * using the casebook's value set and its `tagging.threshold` unless overridden. Cases already
 * tagged while loading (tagWhileLoading) are taken from there.
 */
export function tagCasebook(casebook: Casebook, options: TagOptions = {}, tagged?: ReadonlyMap<string, CaseTags>): CaseTags[] {
  const threshold = options.threshold ?? casebook.config.tagging.threshold;
  return casebook.cases
    .filter((file) => file.data !== undefined && (!casebook.focus || casebook.focus.has(file.path)))
    .map((file) => tagged?.get(file.path) ?? tagCase(file, casebook.values, { ...options, threshold }));
}

/**
 * Tags each case as it is read (loadCasebook's onCase), while its node tree is at hand; the
 * tree is dropped after. Same results as tagCasebook after loading, with far less memory.
 */
export function tagWhileLoading(options: TagOptions = {}): { onCase: NonNullable<LoadOptions['onCase']>; tagged: Map<string, CaseTags> } {
  const tagged = new Map<string, CaseTags>();
  const onCase: NonNullable<LoadOptions['onCase']> = (file, casebook) => {
    if (file.data === undefined) return;
    tagged.set(file.path, tagCase(file, casebook.values, { ...options, threshold: options.threshold ?? casebook.config.tagging.threshold }));
  };
  return { onCase, tagged };
}
