/**
 * The built-in value set's lexicon, compiled at build time. Compiling tokenizes and stems
 * every word of about 600 phrases (a few thousand words), which took 60–90 ms of CPU at every
 * start of `tag`, before its first case (interpreted code: stemming and a scanner per word),
 * more than loading all of tag's modules. `npm run build:ts` therefore writes the compiled
 * words and patterns to dist/tag/lexicon.precompiled.json (scripts/compile-lexicon.mjs). They
 * are used only
 *
 * - for a value set whose phrases, weights and exclusions are exactly the ones compiled
 *   (phraseInputs): an edited data/values.yaml or a casebook's own set is compiled at run time;
 * - while the file is at least as new as the modules that compile a phrase (lexicon, stem,
 *   tokenize and this one): a changed stemmer is never paired with an older file;
 * - when the file's SHA-256 (in its first line) matches what follows, and every word and
 *   pattern in it is well formed: a damaged or edited file is not used.
 *
 * Anything else, and the lexicon is compiled as before: the result is the same either way.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../paths.js';
import type { ValueSet } from '../types.js';
import { compilePhrases, lexiconOf, phraseInputs, type CompiledPhrases, type Lexicon, type Pattern, type PatternStep, type WordSpec } from './lexicon.js';

/** Where the build writes the built-in lexicon (the package's own dist, nothing else). */
export const PRECOMPILED_LEXICON = path.join(packageRoot, 'dist', 'tag', 'lexicon.precompiled.json');

/** The modules whose code decides what a phrase compiles to (from the sources: the .ts files). */
const here = fileURLToPath(import.meta.url);
export const LEXICON_COMPILER: readonly string[] = ['lexicon', 'stem', 'tokenize', 'lexicon-file'].map((name) => path.join(path.dirname(here), `${name}${path.extname(here)}`));

/** The file's layout; another number is another layout, not read. */
const FORMAT = 1;
const MODES: ReadonlySet<string> = new Set<WordSpec['mode']>(['compound', 'stem', 'prefix']);

/** A word as stored: mode, folded form, stem. */
type StoredWord = [string, string, string];
/** A pattern as stored: value, signal, weight, length, exclude (0 or 1), and its steps, each `[gapBefore, ...alternatives]`. */
type StoredPattern = [number, number, number, number, number, number[][]];
interface Stored {
  /** The SHA-256 of the phraseInputs compiled (the text itself made the file twice as long to parse). */
  inputs: string;
  words: StoredWord[];
  patterns: StoredPattern[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The file's text for a value set's compiled phrases; `inputs` is its phraseInputs. */
export function precompiledText(inputs: string, { words, patterns }: CompiledPhrases): string {
  const stored: Stored = {
    inputs: sha256(inputs),
    words: words.map((w) => [w.mode, w.form, w.stem]),
    patterns: patterns.map((p) => [p.value, p.signal, p.weight, p.length, p.exclude ? 1 : 0, p.steps.map((s) => [s.gapBefore, ...s.alternatives])]),
  };
  const body = JSON.stringify(stored);
  // The inputs' digest in the first line too: another value set is turned away before the body
  // is hashed and parsed (the body's own copy is what the body's digest covers).
  return `${JSON.stringify({ format: FORMAT, inputs: stored.inputs, sha256: sha256(body) })}\n${body}`;
}

/** Plain indexed loops below, no destructuring or `every`: this runs once, while still
 * interpreted, where iterators cost several times as much (11 against 3 ms for the file). */
const isIndex = (n: unknown, below: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < below;

function decodeWord(stored: unknown): WordSpec | undefined {
  if (!Array.isArray(stored) || stored.length !== 3) return undefined;
  const mode: unknown = stored[0];
  const form: unknown = stored[1];
  const stem: unknown = stored[2];
  if (typeof mode !== 'string' || !MODES.has(mode) || typeof form !== 'string' || typeof stem !== 'string') return undefined;
  return { mode: mode as WordSpec['mode'], form, stem };
}

function decodeStep(stored: unknown, words: number): PatternStep | undefined {
  if (!Array.isArray(stored) || stored.length < 2) return undefined;
  const gapBefore: unknown = stored[0];
  if (!isIndex(gapBefore, Infinity)) return undefined;
  const alternatives: number[] = [];
  for (let k = 1; k < stored.length; k++) {
    const id: unknown = stored[k];
    if (!isIndex(id, words)) return undefined;
    alternatives.push(id);
  }
  return { alternatives, gapBefore };
}

function decodePattern(stored: unknown, index: number, words: number): Pattern | undefined {
  if (!Array.isArray(stored) || stored.length !== 6) return undefined;
  const value: unknown = stored[0];
  const signal: unknown = stored[1];
  const weight: unknown = stored[2];
  const length: unknown = stored[3];
  const exclude: unknown = stored[4];
  const rawSteps: unknown = stored[5];
  if (!isIndex(value, Infinity) || !isIndex(signal === -1 ? 0 : signal, Infinity) || typeof weight !== 'number') return undefined;
  if (!isIndex(length, Infinity) || (exclude !== 0 && exclude !== 1) || !Array.isArray(rawSteps) || rawSteps.length === 0) return undefined;
  const steps: PatternStep[] = [];
  for (let k = 0; k < rawSteps.length; k++) {
    const step = decodeStep(rawSteps[k], words);
    if (!step) return undefined;
    steps.push(step);
  }
  return { index, value, signal: signal as number, weight, steps, length, exclude: exclude === 1 };
}

/** The words and patterns in a file's body; undefined when anything in it is not as written. */
function decode(stored: Stored): CompiledPhrases | undefined {
  if (!Array.isArray(stored.words) || !Array.isArray(stored.patterns)) return undefined;
  const words: WordSpec[] = [];
  for (let k = 0; k < stored.words.length; k++) {
    const word = decodeWord(stored.words[k]);
    if (!word) return undefined;
    words.push(word);
  }
  const patterns: Pattern[] = [];
  for (let k = 0; k < stored.patterns.length; k++) {
    const pattern = decodePattern(stored.patterns[k], k, words.length);
    if (!pattern) return undefined;
    patterns.push(pattern);
  }
  return { words, patterns };
}

/**
 * The compiled phrases in `file` when they were compiled from exactly `inputs` (phraseInputs)
 * by the current code (`compiler`, the modules it must be at least as new as); else undefined.
 */
export function readPrecompiled(inputs: string, file: string = PRECOMPILED_LEXICON, compiler: readonly string[] = LEXICON_COMPILER): CompiledPhrases | undefined {
  try {
    const written = statSync(file).mtimeMs;
    if (compiler.some((module) => statSync(module).mtimeMs > written)) return undefined;
    const text = readFileSync(file, 'utf8');
    const newline = text.indexOf('\n');
    if (newline < 0) return undefined;
    const header = JSON.parse(text.slice(0, newline)) as { format?: unknown; inputs?: unknown; sha256?: unknown };
    const wanted = sha256(inputs);
    if (header.format !== FORMAT || header.inputs !== wanted) return undefined;
    const body = text.slice(newline + 1);
    if (header.sha256 !== sha256(body)) return undefined;
    const stored = JSON.parse(body) as Stored;
    return stored.inputs === wanted ? decode(stored) : undefined;
  } catch {
    // Not built (running from the sources before a build), or not readable: compiled now.
    return undefined;
  }
}

const compiled = new WeakMap<ValueSet, Lexicon>();

/** The compiled lexicon of a value set, built on first use (from the build's copy when it holds). */
export function lexiconFor(valueSet: ValueSet): Lexicon {
  let lexicon = compiled.get(valueSet);
  if (!lexicon) {
    const { values } = valueSet;
    lexicon = lexiconOf(values, readPrecompiled(phraseInputs(values)) ?? compilePhrases(values));
    compiled.set(valueSet, lexicon);
  }
  return lexicon;
}
