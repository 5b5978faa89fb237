/**
 * Stage 3 of the pipeline: tag. Suggests the core values at stake in each case from its text
 * alone, each with a score in 0..1 and the phrases (with line and column) that led to it.
 * Deterministic and explainable: a lexicon of Dutch phrases per value, matched on stems.
 */
import type { CaseFile, Casebook, SourceFile, ValueSet } from '../types.js';
import { caseSegments, type Segment } from './fields.js';
import { lexiconFor } from './lexicon-file.js';
import { DEFAULT_STRONG_THRESHOLD, DEFAULT_THRESHOLD } from '../load/config.js';
import { quickTree } from '../load/quick.js';
import type { LoadOptions } from '../load/index.js';
import { lineOf, lineStarts, quickSourceOffsets, scalarSourceOffsets } from '../position/index.js';
import { lexiconSelection, MAX_SUGGESTIONS, RELATIVE_TO_BEST, scoreSegments, type ValueScore } from './score.js';
import { caseValueIds } from '../case/index.js';
import { ownString } from '../util/own-string.js';
import type { Lexicon } from './lexicon.js';
import { chooseModel } from './team.js';
import { blendScores, caseSegmentWeights, evidenceShortlist, modelEvidence, modelFits, modelProbabilities, pseudonymWords, selectBlended, singleSpaced, type TaggerModel } from './model.js';

export { addValuesToSource, type WriteOutcome } from './write.js';
export { compileLexicon, signalsOf } from './lexicon.js';
export { lexiconFor } from './lexicon-file.js';
export { FIELD_WEIGHTS, taggedText } from './fields.js';
export { compileModel, modelFits, parseModel, type CvFigures, type TaggerModel, type TaggerModelData, type TrainingSummary } from './model.js';
export { builtInModel, readModel, storedModel, type StoredModel } from './model-file.js';
export { chooseModel, learnTeamModel, saveTeamModel, teamModelFile, TeamModelOutside, MIN_CASES_PER_VALUE, MIN_TAGGED_CASES, DEFAULT_TEAM_MODEL, type ModelChoice, type LearnOutcome } from './team.js';
export { trainTagger, type TrainingCase, type TrainOptions, type TrainResult } from './train.js';

export { DEFAULT_STRONG_THRESHOLD, DEFAULT_THRESHOLD, MAX_SUGGESTIONS, RELATIVE_TO_BEST };

export interface Evidence {
  /** The phrase as it stands in the case (line breaks as spaces). */
  text: string;
  /** 1-based position of the phrase in the YAML source (1:1 when not placed: TagOptions.positions). */
  line: number;
  column: number;
  /** Which part of the tagger found it: a phrase of the lexicon or a word the model weighs. */
  source: 'lexicon' | 'model';
}

export interface Suggestion {
  id: string;
  /** With a model: the blend of the lexicon's and the model's score; without: the lexicon's. */
  score: number;
  /** The lexicon's score alone (what `tag --check` holds against the strong bar). */
  lexiconScore: number;
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

/** The strongest phrases are the explanation; past this many, repetitions add nothing. */
export const MAX_EVIDENCE = 5;
/** How many of the model's strongest words are shown next to the lexicon's phrases. */
export const MAX_MODEL_EVIDENCE = 2;

export interface TagOptions {
  /** Suggest a value from this score on (default DEFAULT_THRESHOLD). */
  threshold?: number;
  /** At most this many suggestions, the best (default MAX_SUGGESTIONS). */
  maxSuggestions?: number;
  /** Only values scoring at least this share of the case's best (default RELATIVE_TO_BEST). */
  relative?: number;
  /** The learned model to blend with the lexicon (its value ids must be the set's, in order);
   * null for the lexicon alone. tagCasebook takes the casebook's own (see chooseModel) when
   * none is given; tagCase uses the lexicon alone. */
  model?: TaggerModel | null;
  /** With a model: suggest from this blended score (default: the model's own, chosen by cross-validation). */
  blendThreshold?: number;
  /** False: evidence is not placed in the source (line and column stay 1), for output that
   * shows no positions (`tag --format json`): placing costs a node tree of every file. */
  positions?: boolean;
}

type Found = Array<{ evidence: Evidence; segment: number; offset: number }>;


/** Line and column of each piece of evidence, resolved per text in one pass over its source. */
function placeEvidence(file: SourceFile, segments: readonly Segment[], found: Found): void {
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

/** The lexicon's phrases for a value, strongest first, each once; each phrase in lower case
 * is added to `shown` (a handful: a list, not a set for every value of every case). */
function lexiconEvidence(scored: ValueScore | undefined, segments: readonly Segment[], found: Found | undefined, shown: string[] = []): Evidence[] {
  const evidence: Evidence[] = [];
  // None without a score (a value the model suggests alone): iterating an empty list instead of
  // the hits, first done well into a run, undid suggestBlended (node --trace-deopt).
  if (!scored) return evidence;
  // An indexed loop: leaving a for-of early (the break below) closes its iterator, a property
  // read (`return`) first made when a value had more phrases than are shown, well into a run:
  // it undid the compiled suggestBlended, a compile of tens of milliseconds done again
  // (node --trace-deopt).
  const hits = scored.hits();
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h]!;
    if (evidence.length >= MAX_EVIDENCE) break;
    const text = ownString(singleSpaced(segments[hit.segment]!.text.slice(hit.start, hit.end)));
    const key = text.toLowerCase();
    if (shown.includes(key)) continue;
    shown.push(key);
    const item: Evidence = { text, line: 1, column: 1, source: 'lexicon' };
    evidence.push(item);
    found?.push({ evidence: item, segment: hit.segment, offset: hit.start });
  }
  return evidence;
}

function suggestFromLexicon(lexicon: Lexicon, segments: readonly Segment[], options: TagOptions, result: CaseTags, found: Found | undefined): void {
  const scores = scoreSegments(lexicon, segments);
  for (const scored of lexiconSelection(scores, options.threshold ?? DEFAULT_THRESHOLD, options.maxSuggestions ?? MAX_SUGGESTIONS, options.relative ?? RELATIVE_TO_BEST)) {
    const evidence = lexiconEvidence(scored, segments, found);
    result.suggestions.push({ id: lexicon.valueIds[scored.value]!, score: scored.score, lexiconScore: scored.score, evidence });
  }
}

/** The lexicon's score of value `v`, when it has one. */
function scoreOf(scores: readonly ValueScore[], v: number): ValueScore | undefined {
  for (const scored of scores) if (scored.value === v) return scored;
  return undefined;
}

/** What a value's evidence shows so far, in lower case: one list for every value of every
 * case, always of strings (a new empty list is of another kind to V8 than one holding
 * strings, and modelEvidence was compiled again for each). */
const shownBuffer: string[] = [''];

/** The lexicon's and the model's scores blended; a value without any evidence is never suggested. */
function suggestBlended(model: TaggerModel, lexicon: Lexicon, segments: readonly Segment[], data: Readonly<Record<string, unknown>>, options: TagOptions, result: CaseTags, found: Found | undefined): void {
  model.reader.begin(caseSegmentWeights(model, segments));
  const scores = scoreSegments(lexicon, segments, undefined, model.reader);
  const vector = model.reader.vector();
  const { scratch } = model;
  const lexiconScores = scratch.lexicon.fill(0);
  for (const scored of scores) lexiconScores[scored.value] = scored.score;
  const blended = blendScores(lexiconScores, modelProbabilities(model, vector, lexiconScores, scratch.probabilities), model.blend.lexicon, scratch.blended);
  // The pseudonyms' words are only needed when a model word is a candidate for evidence.
  let banned: readonly string[] | undefined;
  const bannedWords = () => (banned ??= pseudonymWords(data));
  // The features that can be evidence for some value: worked out once the first value is shown.
  let shortlisted = -1;
  for (const v of selectBlended(blended, model.blend, options.blendThreshold)) {
    // What is placed in the source (only when positions are shown), once the value is kept.
    const mine: Found | undefined = found ? [] : undefined;
    const taken = shownBuffer;
    taken.length = 0;
    const evidence = lexiconEvidence(scoreOf(scores, v), segments, mine, taken);
    if (shortlisted < 0) shortlisted = evidenceShortlist(model, vector);
    for (const hit of modelEvidence(model, v, shortlisted, segments, bannedWords, taken, MAX_MODEL_EVIDENCE)) {
      const item: Evidence = { text: ownString(hit.text), line: 1, column: 1, source: 'model' };
      evidence.push(item);
      mine?.push({ evidence: item, segment: hit.segment, offset: hit.start });
    }
    if (evidence.length === 0) continue;
    if (found && mine) for (const item of mine) found.push(item);
    result.suggestions.push({ id: lexicon.valueIds[v]!, score: Math.round(blended[v]! * 100) / 100, lexiconScore: lexiconScores[v]!, evidence });
  }
}

/** Suggestions for one parsed case. A file without data (it did not parse) gets none. */
export function tagCase(file: CaseFile, valueSet: ValueSet, options: TagOptions = {}): CaseTags {
  const result: CaseTags = { file: file.path, id: file.id, values: caseValueIds(file.data), suggestions: [] };
  if (!file.data) return result;
  const lexicon = lexiconFor(valueSet);
  const model = options.model && modelFits(options.model, lexicon.valueIds) ? options.model : undefined;
  const segments = caseSegments(file.data, model !== undefined);
  // Where each piece of evidence stands is only gathered when it is shown.
  const found: Found | undefined = options.positions !== false ? [] : undefined;
  if (model) suggestBlended(model, lexicon, segments, file.data, options, result, found);
  else suggestFromLexicon(lexicon, segments, options, result, found);
  if (found) placeEvidence(file, segments, found);
  return result;
}

/**
 * Suggestions for every case of the casebook that parsed (with paths given: the named ones),
 * using the casebook's value set and its `tagging.threshold` unless overridden. Cases already
 * tagged while loading (tagWhileLoading) are taken from there.
 */
export function tagCasebook(casebook: Casebook, options: TagOptions = {}, tagged?: ReadonlyMap<string, CaseTags>): CaseTags[] {
  const threshold = options.threshold ?? casebook.config.tagging.threshold;
  const model = options.model === undefined ? chooseModel(casebook).model : options.model;
  return casebook.cases
    .filter((file) => file.data !== undefined && (!casebook.focus || casebook.focus.has(file.path)))
    .map((file) => tagged?.get(file.path) ?? tagCase(file, casebook.values, { ...options, model, threshold }));
}

/**
 * Tags each case as it is read (loadCasebook's onCase), while its node tree is at hand; the
 * tree is dropped after. Same results as tagCasebook after loading, with far less memory.
 */
export function tagWhileLoading(options: TagOptions = {}, modelFor?: (casebook: Pick<Casebook, 'config' | 'values'>) => TaggerModel | undefined): { onCase: NonNullable<LoadOptions['onCase']>; tagged: Map<string, CaseTags> } {
  const tagged = new Map<string, CaseTags>();
  const onCase: NonNullable<LoadOptions['onCase']> = (file, casebook) => {
    if (file.data === undefined) return;
    const model = modelFor?.(casebook) ?? options.model;
    tagged.set(file.path, tagCase(file, casebook.values, { ...options, model, threshold: options.threshold ?? casebook.config.tagging.threshold }));
  };
  return { onCase, tagged };
}
