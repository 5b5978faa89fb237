/**
 * Typography of running text, done once at build time so the HTML and the PDF read alike:
 * typographic quotes and apostrophes (“…”, ‘…’, ’s avonds) and soft hyphens in long words.
 * Chromium on Linux has no Dutch hyphenation dictionary offline, so `hyphens: auto` would do
 * nothing there; the `hyphen` package brings the TeX patterns for Dutch and English.
 *
 * Both work on plain text (a text node): the Markdown step calls them for text outside code
 * and never for attributes, and templates call them for display text (not for ids or anchors).
 */
import { createRequire } from 'node:module';
import type { Lang } from '../types.js';

export const SOFT_HYPHEN = '\u00AD';

type HyphenateSync = (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string;

const require = createRequire(import.meta.url);
const hyphenators = new Map<Lang, HyphenateSync>();

/** The patterns are loaded the first time a language is needed (a few milliseconds). */
function hyphenator(lang: Lang): HyphenateSync {
  let found = hyphenators.get(lang);
  if (!found) {
    found = (require(lang === 'en' ? 'hyphen/en-gb' : 'hyphen/nl') as { hyphenateSync: HyphenateSync }).hyphenateSync;
    hyphenators.set(lang, found);
  }
  return found;
}

/** Words shorter than this stay whole: breaking them saves little and reads badly. */
const MIN_WORD = 8;
/** In titles only very long words are broken. */
const TITLE_MIN_WORD = 16;
const WORD = /[\p{L}\p{M}]{8,}/gu;
/** A run of text that is an address, a path, a file name or code-like: never broken. */
const NOT_PROSE = /[:/@\\=_&<>{}|]|www\.|\.[a-z]{2,4}\b/i;

const TITLE_WORD = /[\p{L}\p{M}]{16,}/gu;
const RUN = /\S{8,}/g;

/**
 * Each word's hyphenated form, by language and minimum length. Words repeat (a book of
 * 1,000 cases has a few thousand different long words), and a call to the hyphen package
 * costs far more than a lookup: it sets up a text reader for every word. Bounded: cleared
 * when full, so no text can make it grow without end.
 */
const hyphenated = new Map<string, string>();
const MAX_HYPHENATED = 100_000;

function hyphenateWord(word: string, lang: Lang, minWord: number): string {
  const key = `${lang}${minWord}\u0000${word}`;
  let found = hyphenated.get(key);
  if (found === undefined) {
    found = hyphenator(lang)(word, { hyphenChar: SOFT_HYPHEN, minWordLength: minWord });
    if (hyphenated.size >= MAX_HYPHENATED) hyphenated.clear();
    hyphenated.set(key, found);
  }
  return found;
}

/** Soft hyphens at the places the patterns allow, in words of `minWord` letters or more (default 8). */
export function hyphenate(text: string, lang: Lang, minWord = MIN_WORD): string {
  if (text.length < minWord) return text;
  const word = minWord === MIN_WORD ? WORD : minWord === TITLE_MIN_WORD ? TITLE_WORD : new RegExp(`[\\p{L}\\p{M}]{${minWord},}`, 'gu');
  return text.replace(RUN, (run) =>
    NOT_PROSE.test(run) || run.includes(SOFT_HYPHEN) ? run : run.replace(word, (found) => hyphenateWord(found, lang, minWord)));
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
