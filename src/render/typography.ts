/**
 * Typography of running text, done once at build time so the HTML and the PDF read alike:
 * typographic quotes and apostrophes (“…”, ‘…’, ’s avonds) and soft hyphens in long words.
 * Chromium on Linux has no Dutch hyphenation dictionary offline, so `hyphens: auto` would do
 * nothing there; the `hyphen` package brings the TeX patterns for Dutch and English.
 *
 * Both work on plain text (a text node): the Markdown step calls them for text outside code
 * and never for attributes, and templates call them for display text (not for ids or anchors).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isWhiteSpace } from '../case/template.js';
import { packageRoot } from '../paths.js';
import type { Lang } from '../types.js';
import { packTrie, trieFromBytes, type TrieNode } from './hyphen-trie.js';

export const SOFT_HYPHEN = '\u00AD';

/** The hyphen package's patterns for a language: level table, pattern trie (packed, hyphen-trie.ts), exception markers. */
type Patterns = [levels: number[][], trie: Uint16Array, exceptions: Record<string, number[]>];

const require = createRequire(import.meta.url);
const loadedPatterns = new Map<Lang, Patterns>();

/**
 * The patterns are loaded the first time a language is needed: from the copy that `npm run
 * build:ts` makes (scripts/compile-hyphen.mjs: the level table and the exceptions as JSON, the
 * trie packed in a file of its own), which Node reads in a fraction of the time it takes to
 * compile the package's own file; from that file when the copy is missing or was made from
 * another version of the package.
 */
function patternsFor(lang: Lang): Patterns {
  let found = loadedPatterns.get(lang);
  if (!found) {
    const name = lang === 'en' ? 'en-gb' : 'nl';
    found = patternsCopy(name) ?? packagePatterns(name);
    loadedPatterns.set(lang, found);
  }
  return found;
}

function packagePatterns(name: string): Patterns {
  const [levels, trie, exceptions] = require(`hyphen/patterns/${name}`) as [number[][], TrieNode, Record<string, number[]>];
  return [levels, packTrie(trie), exceptions];
}

function patternsCopy(name: string): Patterns | undefined {
  try {
    const folder = path.join(packageRoot, 'dist', 'hyphen');
    const copy = JSON.parse(readFileSync(path.join(folder, `${name}.json`), 'utf8')) as { version?: string; levels?: number[][]; exceptions?: Record<string, number[]>; trieBytes?: number };
    if (copy.version !== (require('hyphen/package.json') as { version: string }).version || !copy.levels || !copy.exceptions) return undefined;
    const bytes = readFileSync(path.join(folder, `${name}.trie`));
    return bytes.length === copy.trieBytes ? [copy.levels, trieFromBytes(bytes), copy.exceptions] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a word may break: the hyphen package's `hyphenateWord` (ISC licence, Copyright (C) 2026
 * Yevhen Tiurin), step for step and with its arithmetic, quirks included, so the breaks are
 * the same; without its text reader, which cost a closure and a regular expression per
 * character and was most of the time of hyphenation. `word` holds only letters and marks
 * (typography's WORD), which that reader passes on whole.
 */
function breakPoints(length: number, lowered: string, [table, trie]: Patterns): number[] {
  // Code units, as the package's split('') gives them; no array, no destructuring per step (an
  // iterator each time, most of the cost before the code is optimised).
  const chars = `.${lowered}.`;
  const levels: number[] = new Array<number>(length + 1).fill(0);
  for (let from = 0; chars.length - from >= 3; from++) {
    const at = from <= 1 ? 0 : from - 1;
    let node = 0;
    for (let i = from; i < chars.length; i++) {
      // The node's letters are in ascending order (hyphen-trie.ts).
      const count = trie[node]!;
      const code = chars.charCodeAt(i);
      let j = 0;
      while (j < count && trie[node + 1 + j]! < code) j++;
      if (j === count || trie[node + 1 + j] !== code) break;
      const slot = node + 1 + count + 2 * j;
      node = trie[slot]!;
      const index = trie[slot + 1]! - 1;
      if (index >= 0) {
        const pattern = table[index]!;
        // Math.max as the package has it: a level past the end of `levels` (a lowered word longer
        // than the word) becomes NaN, and the array grows.
        for (let k = 0; k < pattern.length; k++) levels[at + k] = Math.max(pattern[k]!, levels[at + k]!);
      }
      // A pattern without a node after it: the package's leaf, where no letter goes on.
      if (node === 0) break;
    }
  }
  levels[0] = levels[1] = levels[levels.length - 1] = levels[levels.length - 2] = 0;
  const points: number[] = [];
  for (let i = 0; i < levels.length; i++) if ((levels[i]! & 1) === 1) points.push(i);
  return points;
}

/** `word` with a soft hyphen at each break point the patterns (or their exceptions) allow. */
function hyphenateLetters(word: string, lang: Lang): string {
  const patterns = patternsFor(lang);
  const lowered = word.toLocaleLowerCase();
  const exceptions = patterns[2];
  const points = Object.hasOwn(exceptions, lowered) ? exceptions[lowered]! : breakPoints(word.length, lowered, patterns);
  if (points.length === 0) return word;
  let out = word.slice(0, points[0]);
  for (let i = 1; i < points.length; i++) out += SOFT_HYPHEN + word.slice(points[i - 1], points[i]);
  return out + SOFT_HYPHEN + word.slice(points.at(-1));
}

/** Words shorter than this stay whole: breaking them saves little and reads badly. */
const MIN_WORD = 8;
/** In titles only very long words are broken. */
const TITLE_MIN_WORD = 16;
const WORD = /[\p{L}\p{M}]{8,}/gu;
/** A run of text that is an address, a path, a file name or code-like: never broken. */
const NOT_PROSE = /[:/@\\=_&<>{}|]|www\.|\.[a-z]{2,4}\b/i;

const TITLE_WORD = /[\p{L}\p{M}]{16,}/gu;
/** Only a run of this many characters without white space can hold a word to break. */
const MIN_RUN = 8;

/**
 * Each run's hyphenated form (a run: characters between white space, `\S{8,}`), by language and
 * minimum word length. Runs repeat as words do; bounded like `hyphenated`.
 */
const hyphenatedRuns = new Map<string, Map<string, string>>();

/** A run of text with its long words hyphenated, unless it is an address or code-like, or has soft hyphens already. */
function hyphenateRun(run: string, lang: Lang, minWord: number): string {
  if (NOT_PROSE.test(run) || run.includes(SOFT_HYPHEN)) return run;
  const word = minWord === MIN_WORD ? WORD : minWord === TITLE_MIN_WORD ? TITLE_WORD : new RegExp(`[\\p{L}\\p{M}]{${minWord},}`, 'gu');
  return run.replace(word, (found) => hyphenateWord(found, lang));
}

/**
 * Each word's hyphenated form, by language (the minimum length decides only which words come
 * here). Words repeat: a book of 1,000 cases has a few thousand different long words. Bounded:
 * cleared when full, so no text can make it grow without end.
 */
const hyphenated = new Map<Lang, Map<string, string>>();
const MAX_HYPHENATED = 100_000;

function hyphenateWord(word: string, lang: Lang): string {
  let words = hyphenated.get(lang);
  if (words === undefined) hyphenated.set(lang, (words = new Map()));
  let found = words.get(word);
  if (found === undefined) {
    found = hyphenateLetters(word, lang);
    if (words.size >= MAX_HYPHENATED) words.clear();
    words.set(word, found);
  }
  return found;
}

/**
 * White space other than a space and a line break (the rest of `\s`, isWhiteSpace): prose holds
 * none of it, and a text without any is split into runs at spaces and line breaks by indexOf
 * (two searches per run instead of a test per character, which was most of hyphenation's time
 * while its loop had not been optimised yet).
 */
export const OTHER_WHITE_SPACE = /[\t\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** Where `char` next occurs in `text` from `from`, or the end of the text. */
function nextOrEnd(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}

/**
 * Soft hyphens at the places the patterns allow, in words of `minWord` letters or more (default 8).
 * The text is split into runs without white space by hand and each run looked up once: the
 * regular expression `\S{8,}` with a callback per run was a third of the time of hyphenation.
 */
export function hyphenate(text: string, lang: Lang, minWord = MIN_WORD): string {
  return text.length < minWord ? text : hyphenateRuns(text, lang, minWord, !OTHER_WHITE_SPACE.test(text));
}

/**
 * hyphenate() for prose (markdown.ts, PROSE), which holds no white space but spaces and line
 * breaks: without the search for other white space, which read every piece of prose once more
 * (about 25 M instructions of a 1,000-case build) after the prose check had ruled it out.
 */
export function hyphenateProse(text: string, lang: Lang): string {
  return text.length < MIN_WORD ? text : hyphenateRuns(text, lang, MIN_WORD, true);
}

/** `byIndex`: the text has no white space but spaces and line breaks (none of OTHER_WHITE_SPACE). */
function hyphenateRuns(text: string, lang: Lang, minWord: number, byIndex: boolean): string {
  const key = `${lang} ${minWord}`;
  let runs = hyphenatedRuns.get(key);
  if (runs === undefined) hyphenatedRuns.set(key, (runs = new Map()));
  let out = '';
  let copied = 0;
  let space = -1;
  let newline = -1;
  const length = text.length;
  for (let at = 0; at < length; ) {
    let end: number;
    if (byIndex) {
      if (space < at) space = nextOrEnd(text, ' ', at);
      if (newline < at) newline = nextOrEnd(text, '\n', at);
      end = space < newline ? space : newline;
    } else {
      if (isWhiteSpace(text.charCodeAt(at))) {
        at++;
        continue;
      }
      end = at + 1;
      while (end < length && !isWhiteSpace(text.charCodeAt(end))) end++;
    }
    if (end - at >= MIN_RUN) {
      const run = text.slice(at, end);
      let found = runs.get(run);
      if (found === undefined) {
        found = hyphenateRun(run, lang, minWord);
        if (runs.size >= MAX_HYPHENATED) runs.clear();
        runs.set(run, found);
      }
      if (found !== run) {
        out += text.slice(copied, at) + found;
        copied = end;
      }
    }
    // By index, `end` is the space or line break itself (or the end of the text).
    at = byIndex ? end + 1 : end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Characters after which a quote opens (start of text counts too). */
const OPENS_AFTER = /[\s([{\u2014\u2013\u00A0/-]/u;
/** Dutch elisions: ’s avonds, ’t, ’k, ’n, ’r, ’m, ’90. */
const ELISION = /^(s|t|k|n|r|m|\d\d)(?![\p{L}\p{N}])/iu;

export interface QuoteState {
  /** The character before the current text (from an earlier text node), '' at the start. */
  before: string;
  /**
   * Text arrives in pieces (the HTML parser splits at entities), so a single quote at the end
   * of a piece may be an apostrophe (’s) or an opening quote (‘staat’): with `defer`, it is
   * written as UNDECIDED and settled by `settleQuotes` once the whole text is known.
   */
  defer?: boolean;
}

/** A private-use character: stands for a single quote that the next piece decides. */
export const UNDECIDED = '\uE000';

/**
 * Straight quotes to typographic ones. `state.before` carries the last character across text
 * nodes, so that `"*nadruk*"` closes after the emphasis. Dutch and English use the same
 * marks: “double” and ‘single’, and ’ as apostrophe.
 */
export function smartQuotes(text: string, state: QuoteState = { before: '' }): string {
  if (!/["']/.test(text)) {
    if (text !== '') state.before = text.at(-1)!;
    return text;
  }
  // An address or code-like run (`onerror="x"`, `https://a.nl/'b'`) keeps its straight quotes.
  if (/\s/.test(text) || NOT_PROSE.test(text)) {
    const parts = text.split(/(\s+)/);
    if (parts.some((part) => NOT_PROSE.test(part))) {
      return parts.map((part) => {
        if (!NOT_PROSE.test(part)) return smartQuotes(part, state);
        if (part !== '') state.before = part.at(-1)!;
        return part;
      }).join('');
    }
  }
  // Only the quotes change: the text between them is copied in one piece each.
  let out = '';
  let from = 0;
  const quotes = /["']/g;
  for (let match; (match = quotes.exec(text)); ) {
    const i = match.index;
    const ch = match[0];
    const prev = i > 0 ? text[i - 1]! : state.before;
    const opening = prev === '' || OPENS_AFTER.test(prev) || prev === '“' || prev === '‘';
    out += text.slice(from, i);
    from = i + 1;
    if (ch === '"') {
      out += opening ? '“' : '”';
    } else if (opening && state.defer && i === text.length - 1) {
      out += UNDECIDED;
    } else if (opening && ELISION.test(text.slice(i + 1))) {
      out += '’';
    } else {
      out += opening ? '‘' : '’';
    }
  }
  state.before = text.at(-1)!;
  return out + text.slice(from);
}

const UNDECIDED_QUOTE = new RegExp(`${UNDECIDED}(?=(s|t|k|n|r|m|\\d\\d)(?![\\p{L}\\p{N}]))|${UNDECIDED}`, 'gu');

/** Each UNDECIDED quote becomes an apostrophe before an elision ('s, 't, '90), else an opening quote. */
export function settleQuotes(text: string): string {
  return text.includes(UNDECIDED) ? text.replace(UNDECIDED_QUOTE, (_m, elision) => (elision ? '’' : '‘')) : text;
}

/**
 * A title: typographic quotes, and soft hyphens only in very long words (a heading broken at
 * every chance reads badly; a 29-letter compound must still fit a phone).
 */
export function typesetTitle(text: string, lang: Lang): string {
  return hyphenate(smartQuotes(text), lang, TITLE_MIN_WORD);
}
