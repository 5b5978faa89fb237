/**
 * How a Dutch person's name is written in case text: a title ("mevrouw", "de heer",
 * "dhr."), initials ("P.", "A.J.", "Th."), given names from the first-name list, a particle
 * sequence ("van der", "De", "El") and a capitalised surname, possibly double ("Bakker-de
 * Wit"). The word lists come from data/privacy/ (see data.ts). Names are looked for from
 * their capitals: what stands before a capital (a title, a first name) is read backwards
 * word by word, the name itself forwards with small sticky patterns.
 */
import { tokenBefore, type Token } from './chars.js';
import { isNotAName, privacyData, type PrivacyData } from './data.js';

export interface NameGrammar {
  data: PrivacyData;
  /** Any capital letter (global); where a name can start. */
  capital: RegExp;
  space: RegExp;
  initialsAt: RegExp;
  particleAt: RegExp;
  wordAt: RegExp;
  hyphen: RegExp;
  title: RegExp;
}

// White space between the words of a name: spaces, or one line break in a block of text.
const SPACE = '(?:[ \\t\\u00a0]+|[ \\t\\u00a0]*\\r?\\n[ \\t\\u00a0]*)';
const INITIAL = "(?:Chr|Th|Ch|Ph|IJ|Ij|\\p{Lu})\\.";
const INITIALS = `${INITIAL}(?:[ \\u00a0]?${INITIAL}){0,4}`;
// Öztürk, D'Souza, McDonald; at least one lower-case letter, so "K" or "AB" is no surname.
// Not glued to an @: a part of an e-mail address is the e-mail rule's.
const WORD = "\\p{Lu}(?:['’]\\p{Lu})?\\p{Ll}[\\p{L}'’]*(?![\\p{L}\\p{N}@])";
const CAPITALISED = /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u;
/** Brackets and quotes that may stand right before a word: "(mevrouw", "‘Sanne". */
const OPENING_CHARACTERS = '([{"\'“‘';
const OPENING = /^[([{"'“‘]+/u;

let grammar: NameGrammar | undefined;

export function nameGrammar(): NameGrammar {
  if (grammar) return grammar;
  const data = privacyData();
  grammar = {
    data,
    // Latin, Greek and Cyrillic capitals (and some small letters among them, which
    // isCapital sorts out): a plain character class scans much faster than \p{Lu}.
    capital: /[A-Z\u00c0-\u00de\u0100-\u024f\u0391-\u03a9\u0400-\u042f]/g,
    space: new RegExp(SPACE, 'uy'),
    initialsAt: new RegExp(INITIALS, 'uy'),
    particleAt: new RegExp(`${data.particlePattern}${SPACE}`, 'uy'),
    wordAt: new RegExp(WORD, 'uy'),
    hyphen: /-/y,
    title: new RegExp(`^(?:${data.titlePattern}\\s+)+`, 'u'),
  };
  return grammar;
}

function stickyMatch(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** True when initials ("J.", "A.M.", "Th.") start at `at`. */
export function initialsAt(text: string, at: number, g: NameGrammar): boolean {
  return stickyMatch(g.initialsAt, text, at) >= 0;
}

/** Where the white space after `at` ends, or -1 when there is none. */
export function afterSpace(text: string, at: number, g: NameGrammar): number {
  return stickyMatch(g.space, text, at);
}

function isFirstName(word: string, data: PrivacyData): boolean {
  const lower = word.toLowerCase();
  if (data.firstNames.has(lower)) return true;
  // Jan-Willem, Anne-Marie
  const parts = lower.split('-');
  return parts.length > 1 && parts.every((part) => data.firstNames.has(part));
}

const upper = /\p{Lu}/u;

/** True when the character at `at` is a capital letter. */
export function isCapital(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code < 128 ? code >= 65 && code <= 90 : upper.test(text[at]!);
}

/** A token without the brackets and quotes before it. */
function bare(token: Token): Token {
  if (!OPENING_CHARACTERS.includes(token.text[0]!)) return token;
  const opening = OPENING.exec(token.text)!;
  return { start: token.start + opening[0].length, end: token.end, text: token.text.slice(opening[0].length) };
}

/** The word before `at`, skipping a particle sequence ("van der", "De") right before it. */
export function wordBeforeParticles(text: string, at: number, data: PrivacyData): Token | undefined {
  const first = tokenBefore(text, at);
  if (!first) return undefined;
  const lower = first.text.toLowerCase();
  if (!data.particleWords.has(lower)) return first;
  const second = tokenBefore(text, first.start);
  if (second && data.particles.has(`${second.text.toLowerCase()} ${lower}`)) return tokenBefore(text, second.start);
  return data.particles.has(lower) ? second : first;
}

/**
 * Where the title that `token` ends starts ("de heer", "dhr.", and stacked titles such as
 * "mw. drs."), or undefined when `token` is no title.
 */
export function titleStart(text: string, token: Token, data: PrivacyData): number | undefined {
  if (!data.titleWords.has(bare(token).text.toLowerCase())) return undefined;
  let start: number | undefined;
  let last: Token | undefined = bare(token);
  for (let titles = 0; last && titles < 3; titles++) {
    const previous = tokenBefore(text, last.start);
    if (previous && data.titles.has(`${bare(previous).text} ${last.text}`.toLowerCase())) {
      start = bare(previous).start;
      last = tokenBefore(text, previous.start);
    } else if (data.titles.has(last.text.toLowerCase())) {
      start = last.start;
      last = previous;
    } else {
      break;
    }
    if (last) last = bare(last);
  }
  return start;
}

/** True when `token` is a capitalised first name ("Sanne", "Jan-Willem", "(Fatima"). */
export function isFirstNameToken(token: Token, data: PrivacyData): Token | undefined {
  const word = bare(token);
  return CAPITALISED.test(word.text) && isFirstName(word.text, data) ? word : undefined;
}

export interface ParsedName {
  /** End of the name in the text. */
  end: number;
  /** Where the surname (with its particles) starts. */
  surnameStart: number;
}

/**
 * Reads a surname at `at`: a particle sequence ("van der"), a capitalised word that is
 * not on the not-a-name list, and an optional second part after a hyphen. A bare first
 * name is no surname ("mevrouw Sanne"), unless a particle stands before it.
 */
function readSurname(text: string, at: number, g: NameGrammar): ParsedName | undefined {
  const surnameStart = at;
  const afterParticles = stickyMatch(g.particleAt, text, at);
  const particles = afterParticles >= 0;
  if (particles) at = afterParticles;
  const wordEnd = stickyMatch(g.wordAt, text, at);
  if (wordEnd < 0) return undefined;
  const word = text.slice(at, wordEnd);
  if (isNotAName(word, g.data) || (!particles && isFirstName(word, g.data))) return undefined;
  let end = wordEnd;
  const hyphenEnd = stickyMatch(g.hyphen, text, end);
  if (hyphenEnd >= 0) {
    const secondParticles = stickyMatch(g.particleAt, text, hyphenEnd);
    const second = secondParticles >= 0 ? secondParticles : hyphenEnd;
    const secondEnd = stickyMatch(g.wordAt, text, second);
    if (secondEnd >= 0 && !isNotAName(text.slice(second, secondEnd), g.data)) end = secondEnd;
  }
  return { end, surnameStart };
}

export interface ReadOptions {
  initials: boolean;
  /** How many given names from the first-name list may come first. */
  givenNames: number;
  /**
   * After a title, a capitalised word that is no first name may still be a given name:
   * "mw. Sarita Ramdin". Then the next capitalised word is the surname.
   */
  unknownGivenName: boolean;
}

/**
 * Reads a name at `at` (after a title, or after a first name): optional initials or given
 * names, then a surname. Undefined when there is no surname: "mevrouw K.", "tante Fatima".
 */
export function readName(text: string, at: number, g: NameGrammar, options: ReadOptions): ParsedName | undefined {
  let start = at;
  if (options.initials) {
    const initialsEnd = stickyMatch(g.initialsAt, text, start);
    if (initialsEnd >= 0) {
      const spaced = stickyMatch(g.space, text, initialsEnd);
      return spaced >= 0 ? readSurname(text, spaced, g) : undefined;
    }
  }
  for (let given = 0; given < options.givenNames; given++) {
    const wordEnd = stickyMatch(g.wordAt, text, start);
    if (wordEnd < 0 || !isFirstName(text.slice(start, wordEnd), g.data)) break;
    const spaced = stickyMatch(g.space, text, wordEnd);
    if (spaced < 0) return undefined;
    start = spaced;
  }
  const name = readSurname(text, start, g);
  if (name && options.unknownGivenName && name.surnameStart === start) {
    const spaced = stickyMatch(g.space, text, name.end);
    const next = spaced >= 0 ? readSurname(text, spaced, g) : undefined;
    if (next) return { end: next.end, surnameStart: name.surnameStart };
  }
  return name;
}

/**
 * True when the word after a name is on the not-a-name list: "Jeroen Bosch Ziekenhuis"
 * is an organisation.
 */
export function followedByNotAName(text: string, end: number, g: NameGrammar): boolean {
  const spaced = stickyMatch(g.space, text, end);
  if (spaced < 0) return false;
  const wordEnd = stickyMatch(g.wordAt, text, spaced);
  return wordEnd >= 0 && isNotAName(text.slice(spaced, wordEnd), g.data);
}

const initialsOrPunctuation = /(?:^|\s)(?:\p{L}{1,3}\.)+|[.,;:()"“”]/gu;

/**
 * A name as the allow-lists compare it: lower case, without titles, initials and
 * punctuation ("Mevrouw A. De Boer" → "de boer").
 */
export function normaliseName(name: string): string {
  const withoutTitles = name.trim().replace(nameGrammar().title, '');
  return withoutTitles.replace(initialsOrPunctuation, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}
