/**
 * How a Dutch person's name is written in case text: a title ("mevrouw", "de heer",
 * "dhr."), initials ("P.", "A.J.", "Th."), given names from the first-name list, a particle
 * sequence ("van der", "De", "El") and a capitalised surname, possibly double ("Bakker-de
 * Wit"). The word lists come from data/privacy/ (see data.ts). Names are looked for from
 * their capitals: what stands before a capital (a title, a first name) is read backwards
 * word by word, the name itself forwards with small sticky patterns.
 */
import { tokenBefore, type Token } from './chars.js';
import { isNotAName, namesSomethingElse, notANameByEndingOnly, organisationAt, privacyData, type PrivacyData } from './data.js';
import { isDutchCompound, isDutchWord } from './words.js';
import { lazyPattern } from './lazy.js';

export interface NameGrammar {
  data: PrivacyData;
  /**
   * Every capital letter of the Basic Multilingual Plane, and the other characters from U+0100
   * on (global; isCapital sorts them out); where a name can start.
   */
  capital: RegExp;
  space: RegExp;
  initialsAt: RegExp;
  particleAt: RegExp;
  wordAt: RegExp;
  /** A word in capitals ("VISSER", "EL-AMRANI"). */
  capsWordAt: RegExp;
  /** Initials without dots, one or two capitals and a space ("A Visser", "TJ Wijnberg"). */
  bareInitialsAt: RegExp;
  hyphen: RegExp;
  title: RegExp;
  /** A verb of speech or action, as a whole word (sticky): "zegt" in "Kaya zegt". */
  speechVerbAt: RegExp;
}

// White space between the words of a name: spaces, or one line break in a block of text.
const SPACE = '(?:[ \\t\\u00a0]+|[ \\t\\u00a0]*\\r?\\n[ \\t\\u00a0]*)';
const INITIAL = "(?:Chr|Th|Ch|Ph|IJ|Ij|\\p{Lu})\\.";
const INITIALS = `${INITIAL}(?:[ \\u00a0]?${INITIAL}){0,4}`;
// Öztürk, D'Souza, McDonald; at least one lower-case letter, so "K" or "AB" is no surname.
// Not glued to an @: a part of an e-mail address is the e-mail rule's.
const WORD = "\\p{Lu}(?:['’]\\p{Lu})?\\p{Ll}[\\p{L}'’]*(?![\\p{L}\\p{N}@])";
const CAPS_WORD = "\\p{Lu}{2,}(?:['’-]\\p{Lu}+)*(?![\\p{L}\\p{N}@])";
const CAPITALISED = /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u;
const ALL_CAPS = /^\p{Lu}{2,}(?:-\p{Lu}{2,})?$/u;
/** Brackets and quotes that may stand right before a word: "(mevrouw", "‘Sanne". */
const OPENING_CHARACTERS = '([{"\'“‘';
const OPENING = /^[([{"'“‘]+/u;

let grammar: NameGrammar | undefined;

export function nameGrammar(): NameGrammar {
  if (grammar) return grammar;
  const data = privacyData();
  grammar = {
    data,
    // A plain character class scans much faster than \p{Lu}; the small letters and signs it
    // also finds from U+0100 on (few in Dutch text) cost a look each.
    capital: /[A-Z\u00c0-\u00de\u0100-\uffff]/g,
    space: new RegExp(SPACE, 'uy'),
    initialsAt: new RegExp(INITIALS, 'uy'),
    particleAt: new RegExp(`${data.particlePattern}${SPACE}`, 'uy'),
    wordAt: new RegExp(WORD, 'uy'),
    capsWordAt: new RegExp(CAPS_WORD, 'uy'),
    // Before a capitalised word, not one in capitals ("BR SIZE" is no name).
    bareInitialsAt: /\p{Lu}{1,2} (?=\p{Lu}\p{Ll})/uy,
    // "Bakker-de Wit", also written with spaces: "de Vries - van Dijk".
    hyphen: /[ \u00a0]?[-–][ \u00a0]?/y,
    title: new RegExp(`^(?:${data.titlePattern}\\s+)+`, 'u'),
    // Tried only after a capitalised word and a space (CandidateScan): a search for the verbs
    // through the whole text stopped at every space, and most verbs ("is", "had") follow a
    // word in small letters.
    speechVerbAt: new RegExp(`(?:${[...data.cues.speech, ...data.cues.action].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`, 'uy'),
  };
  return grammar;
}

/** Where `pattern` (sticky) matches at `at` ends, or -1. */
export function stickyMatch(pattern: RegExp, text: string, at: number): number {
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

/** True when `word` is on the first-name lists ("Sanne", "SANNE", "Jan-Willem"). */
export function isFirstName(word: string, data: PrivacyData): boolean {
  const lower = word.toLowerCase();
  if (data.firstNames.has(lower)) return true;
  // Jan-Willem, Anne-Marie (most words have no hyphen: no list of one part to make for them).
  if (!lower.includes('-')) return false;
  const parts = lower.split('-');
  return parts.length > 1 && parts.every((part) => data.firstNames.has(part));
}

/** True when `word` is on the surname lists, or each part of a double surname is ("Kroon-Dijkman"). */
export function isListedSurname(word: string, data: PrivacyData): boolean {
  const lower = word.toLowerCase();
  if (data.surnames.has(lower)) return true;
  if (!lower.includes('-')) return false;
  const parts = lower.split('-');
  return parts.length > 1 && parts.some((part) => data.surnames.has(part)) && parts.every((part) => part.length < 2 || data.surnames.has(part) || !isDutchWord(part));
}

/**
 * How much a capitalised word looks like a surname where nothing else says it is one:
 * `listed` when a surname list has it; `unknown` when it is no ordinary Dutch word, no
 * place, no first name and not on the not-a-name lists (so it is most likely a name no
 * list has); undefined otherwise.
 */
export function surnameEvidence(word: string, data: PrivacyData): 'listed' | 'unknown' | undefined {
  if (isNotAName(word, data)) return undefined;
  if (isListedSurname(word, data)) return 'listed';
  const lower = word.toLowerCase();
  // "Wsnp", "Wlz": an abbreviation of a law, no name (a name has a vowel).
  if (lower.length < 3 || !/[aeiouyàáâäãåèéêëìíîïòóôöõøùúûüýÿæœı]/u.test(lower) || data.places.has(lower) || isFirstName(word, data)) return undefined;
  const parts = lower.split('-');
  if (parts.some((part) => isDutchWord(part) || isDutchCompound(part) || data.places.has(part) || data.functionWords.has(part))) return undefined;
  return 'unknown';
}

const upper = lazyPattern(String.raw`\p{Lu}`, 'u');
const smallLetter = lazyPattern(String.raw`\p{Ll}`, 'u');
const smallLetters = lazyPattern(String.raw`^\p{Ll}+`, 'u');

/** True when the character at `at` is a capital letter. */
export function isCapital(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code < 128 ? code >= 65 && code <= 90 : upper().test(text[at]!);
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
  if (!data.titleWords.has(bare(token).text.toLowerCase()) || postcodeLetters(text, bare(token))) return undefined;
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

/** Two capitals right after four digits are a postcode's letters, not a title: "3893 DR Zeewolde". */
const postcodeLetters = (text: string, token: Token): boolean => /^\p{Lu}{2}$/u.test(token.text) && /\d{4}[ \u00a0]?$/.test(text.slice(Math.max(0, token.start - 5), token.start));

/** True when `token` is a capitalised first name ("Sanne", "Jan-Willem", "(Fatima"). */
export function isFirstNameToken(token: Token, data: PrivacyData): Token | undefined {
  const word = bare(token);
  return (CAPITALISED.test(word.text) || ALL_CAPS.test(word.text)) && isFirstName(word.text, data) ? word : undefined;
}

export interface ParsedName {
  /** End of the name in the text. */
  end: number;
  /** Where the surname (with its particles) starts. */
  surnameStart: number;
}

/** Particles that begin with a preposition, in small letters: "uit de", "in 't", "op den". */
const PREPOSITION_PARTICLE = /^(?:in|op|uit)[ \t\u00a0\n]/u;

/** True when the white space right before `at` holds a line break. */
function afterLineBreak(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '\u00a0' && c !== '\r') return false;
  }
  return false;
}

/**
 * Reads a surname at `at`: a particle sequence ("van der"), a capitalised word that is
 * not on the not-a-name list, and an optional second part after a hyphen. A bare first
 * name is no surname ("mevrouw Sanne"), unless a particle stands before it.
 */
function readSurname(text: string, at: number, g: NameGrammar, strict = false, titled = false): ParsedName | undefined {
  const surnameStart = at;
  const afterParticles = stickyMatch(g.particleAt, text, at);
  const particles = afterParticles >= 0;
  if (particles) at = afterParticles;
  const wordEnd = readWord(text, at, g, particles || strict, titled);
  if (wordEnd < 0) return undefined;
  const word = text.slice(at, wordEnd);
  // "Karin van Zilveren Kruis": a professional by first name and organisation.
  if (organisationAt(text, at, word, g.data)) return undefined;
  // "Fact-team", "Wmo-consulent": a word joined to a word in small letters (not a particle: "Bakker-de Wit").
  if (text[wordEnd] === '-' && smallLetter().test(text[wordEnd + 1] ?? '') && stickyMatch(g.particleAt, text, wordEnd + 1) < 0) return undefined;
  // "Dewi⏎Casus uit Oosterpark": a word that starts a line more often starts a sentence or
  // an item than it ends a name, so there it must look like a surname.
  if ((strict || afterLineBreak(text, surnameStart) || afterLineBreak(text, at)) && !surnameEvidence(word, g.data)) return undefined;
  // "de meneer uit de Vogelwijk": "uit de", "in de", "op de" in small letters are more
  // often a preposition than a particle; then only a surname from the lists is one.
  if (particles && PREPOSITION_PARTICLE.test(text.slice(surnameStart, at)) && !isListedSurname(word, g.data)) return undefined;
  // "Den Haag", "De Bilt": a place whose name starts with the particle.
  if (particles && g.data.places.has(text.slice(surnameStart, wordEnd).toLowerCase().replace(/\s+/gu, ' '))) return undefined;
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

/**
 * Where a surname that starts at `at` ends, or -1: a capitalised word not on the
 * not-a-name lists, and no first name unless a surname list has it too ("mevrouw Sanne" is
 * no surname, "meneer Haile" is), or a word in capitals that looks like a surname
 * ("dhr. SMIT", "A. VISSER"; "mevrouw UWV" is none). `afterParticle`: a first name is
 * a surname after a particle ("van Anna" is rare, "de Jong" is not).
 */
function readWord(text: string, at: number, g: NameGrammar, afterParticle: boolean, titled = false): number {
  const wordEnd = stickyMatch(g.wordAt, text, at);
  if (wordEnd >= 0) {
    const word = text.slice(at, wordEnd);
    const listed = isListedSurname(word, g.data);
    // "Al-Khatib": an article joined to the surname by a hyphen ("al" is a word too).
    if (g.data.particleWords.has(word.toLowerCase()) && text[wordEnd] === '-' && isCapital(text, wordEnd + 1)) return wordEnd;
    // "Van Wijk", "Van Dam": after a particle a listed surname wins over the word; so does
    // one that only ends like a street ("meneer Oosterhof").
    // After initials or a title a word that only ends like a street is a surname ("J. Korteweg"),
    // unless a house number follows.
    if (isNotAName(word, g.data)) {
      const endingOnly = notANameByEndingOnly(word, g.data);
      const titledSurname = titled && endingOnly && !/^[ \u00a0]+\d/u.test(text.slice(wordEnd, wordEnd + 3));
      if (!(listed && (afterParticle || endingOnly)) && !titledSurname) return -1;
    }
    // After initials or a title a place is a surname too ("H.J. Bloemendaal", "mevrouw Zeist"); a first name is not.
    if (!afterParticle && !listed && (isFirstName(word, g.data) || (!titled && g.data.places.has(word.toLowerCase())))) return -1;
    return wordEnd;
  }
  const capsEnd = stickyMatch(g.capsWordAt, text, at);
  if (capsEnd < 0) return -1;
  const word = text.slice(at, capsEnd);
  const evidence = surnameEvidence(word, g.data);
  // "OGGZ", "ADHD": no vowel after the first letter, an abbreviation.
  if (evidence === 'listed' || (evidence === 'unknown' && word.length >= 4 && /[AEIOUY]/u.test(word.slice(1)))) return capsEnd;
  return -1;
}

export interface ReadOptions {
  initials: boolean;
  /** The surname must look like one (surnameEvidence): after a weaker cue than a title. */
  strict?: boolean;
  /** A first name that a surname list has too may be the surname ("meneer Haile", "Olumide Bankole"). */
  firstNameAsSurname?: boolean;
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
      return spaced >= 0 ? readSurname(text, spaced, g, options.strict, true) : undefined;
    }
  }
  for (let given = 0; given < options.givenNames; given++) {
    const wordEnd = stickyMatch(g.wordAt, text, start);
    if (wordEnd < 0 || !isFirstName(text.slice(start, wordEnd), g.data)) break;
    const spaced = stickyMatch(g.space, text, wordEnd);
    // "mevrouw Haile" and "Tesfay Haile": a first name that is a surname too ends the name
    // when no surname follows it (after a title or a first name; "broer Youssef" is none).
    if (options.firstNameAsSurname && isListedSurname(text.slice(start, wordEnd), g.data) && (spaced < 0 || !readSurname(text, spaced, g, true))) {
      return { end: wordEnd, surnameStart: start };
    }
    if (spaced < 0) return undefined;
    start = spaced;
  }
  // After a title (the readers that take initials): "mevrouw Zuidweg".
  const name = readSurname(text, start, g, options.strict, options.initials);
  if (name && options.unknownGivenName && name.surnameStart === start) {
    const spaced = stickyMatch(g.space, text, name.end);
    // Not a title that starts the next line: "Casus Nijboer⏎Dhr. Nijboer".
    const titleNext = spaced >= 0 && g.data.titleWords.has(text.slice(spaced, wordEndAt(text, spaced, g)).toLowerCase());
    const next = spaced >= 0 && !titleNext ? readSurname(text, spaced, g, true) : undefined;
    if (next) return { end: next.end, surnameStart: name.surnameStart };
  }
  return name;
}

/**
 * Reads a surname that stands on its own at `at` ("Visser", "VISSER", "de Bruijn",
 * "Soerjadi-Ramcharan"), but only when it looks like one (surnameEvidence); `listed`
 * asks for a surname from the lists.
 */
export function readLoneSurname(text: string, at: number, g: NameGrammar, listed: boolean): ParsedName | undefined {
  const name = readSurname(text, at, g, true);
  if (!name || !listed) return name;
  const wordStart = stickyMatch(g.particleAt, text, at);
  const from = wordStart >= 0 ? wordStart : at;
  const wordEnd = Math.max(stickyMatch(g.wordAt, text, from), stickyMatch(g.capsWordAt, text, from));
  return wordEnd >= 0 && isListedSurname(text.slice(from, wordEnd).split('-')[0]!, g.data) ? name : undefined;
}

/** Where dotless initials and their space end at `at` ("A Visser", "TJ Wijnberg"), or -1. */
export function bareInitialsAt(text: string, at: number, g: NameGrammar): number {
  const end = stickyMatch(g.bareInitialsAt, text, at);
  // "U" is the polite "you", written with a capital in letters.
  return end >= 0 && !(end - at === 2 && text[at] === 'U') ? end : -1;
}

/** Where a word (capitalised or in capitals) at `at` ends, or -1. */
export function wordEndAt(text: string, at: number, g: NameGrammar): number {
  const end = stickyMatch(g.wordAt, text, at);
  return end >= 0 ? end : stickyMatch(g.capsWordAt, text, at);
}

/** Where initials with dots at `at` end, or -1. */
export function initialsEnd(text: string, at: number, g: NameGrammar): number {
  return stickyMatch(g.initialsAt, text, at);
}

/**
 * The particle sequence right before `at` ("van der", "De", "el"), with where it starts,
 * or undefined. `weak` when it is a single common particle ("de", "van") that on its own
 * also starts other things ("de Raad", "van Amsterdam").
 */
export function particlesBefore(text: string, at: number, data: PrivacyData): { start: number; sequence: string; weak: boolean } | undefined {
  const last = tokenBefore(text, at);
  if (!last) return undefined;
  const lower = last.text.toLowerCase();
  if (!data.particleWords.has(lower)) return undefined;
  const previous = tokenBefore(text, last.start);
  if (previous && data.particles.has(`${previous.text.toLowerCase()} ${lower}`)) {
    const first = tokenBefore(text, previous.start);
    if (first && data.particles.has(`${first.text.toLowerCase()} ${previous.text.toLowerCase()} ${lower}`)) {
      return { start: first.start, sequence: `${first.text} ${previous.text} ${lower}`.toLowerCase(), weak: false };
    }
    return { start: previous.start, sequence: `${previous.text.toLowerCase()} ${lower}`, weak: false };
  }
  if (!data.particles.has(lower)) return undefined;
  return { start: last.start, sequence: lower, weak: WEAK_PARTICLES.has(lower) };
}

/** True when the particles and the word make a place ("in Den Bosch", "De Bilt"), or the word is one ("van de Maas"). */
export function isPlaceAfterParticles(sequence: string, word: string, data: PrivacyData): boolean {
  const lower = word.toLowerCase();
  if (data.places.has(lower)) return true;
  const words = sequence.split(' ');
  for (let i = 0; i < words.length; i++) if (data.places.has(`${words.slice(i).join(' ')} ${lower}`)) return true;
  return false;
}

const WEAK_PARTICLES = new Set(['de', 'den', 'der', 'het', "'t", 'te', 'van', 'la', 'le', 'du', 'da', 'di', 'del', 'della', 'dos', 'das', 'do', 'von', 'zu']);

/**
 * True when the word after a name is on the not-a-name list: "Jeroen Bosch Ziekenhuis"
 * is an organisation.
 */
export function followedByNotAName(text: string, end: number, g: NameGrammar): boolean {
  const spaced = stickyMatch(g.space, text, end);
  if (spaced < 0) return false;
  // On the same line only: after a line break a new sentence or item starts.
  if (text.slice(end, spaced).includes('\n')) return false;
  const wordEnd = stickyMatch(g.wordAt, text, spaced);
  if (wordEnd >= 0) return namesSomethingElse(text.slice(spaced, wordEnd), g.data);
  // "de Al Wafa school": an institution word in small letters after the name.
  const next = smallLetters().exec(text.slice(spaced, spaced + 20));
  return next !== null && g.data.cues.institutionEndings.includes(next[0]);
}

const initialsOrPunctuation = lazyPattern(String.raw`(?:^|\s)(?:\p{L}{1,3}\.)+|[.,;:()"“”]`, 'gu');

/**
 * A name as the allow-lists compare it: lower case, without titles, initials and
 * punctuation ("Mevrouw A. De Boer" → "de boer").
 */
export function normaliseName(name: string): string {
  const withoutTitles = name.trim().replace(nameGrammar().title, '');
  return withoutTitles.replace(initialsOrPunctuation(), ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}
