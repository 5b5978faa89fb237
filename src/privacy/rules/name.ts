/**
 * privacy/name: names of people. Three forms, from most to least certain:
 * - a title with a surname ("mevrouw Jansen", "de heer P. van Dijk", "dhr. Öztürk"): error;
 * - initials with a surname ("J. de Vries", "A.M. Hendriks"): error;
 * - a known first name with a surname ("Sanne de Vries"): error, because the surname makes the
 *   resident recognisable (a first name alone is not reported); a warning after a word of
 *   place ("naar Anna Paulowna"), where the pair is more often a place than a person.
 * Weaker forms, each a warning, where the surname must look like one (on the surname lists
 * of data/privacy/, or no ordinary Dutch word, place or first name): initials without dots
 * ("A Visser"); the surname first ("Visser, Anna"; with initials an error); a particle and a
 * surname ("van Loon", "De Boer wil"); a surname after a relative, a role or a household
 * ("buurman Haddouchi", "gezin Osman"); a listed surname before a verb of speech ("Kaya
 * zegt"); an unknown given name before a listed surname; and a surname anywhere in a text
 * once it was part of a name there ("Anna Visser … Visser kwam niet").
 * Not reported: an initial on its own ("mevrouw K."), a first name on its own ("Sanne"),
 * and capitalised words that name laws, teams or organisations (data/privacy/not-names.txt).
 * Names the casebook or the case declares fictional are reported as suppressed.
 */
import type { Severity } from '../../types.js';
import { mask } from '../mask.js';
import { caseRule, type Detection, type PrivacyDetector, type PrivacyEnv } from '../detector.js';
import { gluedBefore, isLetterOrDigit, isLetterOrDigitAt, letterBefore, previousCharacter, tokenBefore } from '../chars.js';
import { isDutchWord } from '../words.js';
import { lazyPattern, startsWithCapital } from '../lazy.js';
import { isNotAName, organisationAt } from '../data.js';
import {
  afterSpace, bareInitialsAt, followedByNotAName, initialsAt, initialsEnd, isCapital, isFirstName, isFirstNameToken, isListedSurname, isPlaceAfterParticles, nameGrammar, normaliseName, particlesBefore,
  readLoneSurname, readName, stickyMatch, surnameEvidence, titleStart, wordBeforeParticles, wordEndAt, type NameGrammar, type ParsedName, type ReadOptions,
} from '../names.js';

interface Candidate extends ParsedName {
  start: number;
  /** Where the name proper starts (after the title). */
  nameStart: number;
  severity: Severity;
  /** Found as a first name with a surname: the message names the surname as the problem. */
  firstName?: boolean;
}

/** How a name after a known first name is read ("Sanne de Vries"). */
const FIRST_NAME_READ: ReadOptions = { initials: false, givenNames: 1, unknownGivenName: false, firstNameAsSurname: true };

/** Words after which "Anna Paulowna" is a place rather than a person. */
const PLACE_WORDS = new Set(['naar', 'in', 'uit', 'te', 'richting', 'vanuit']);

const firstNameSeverity = (text: string, at: number): Severity => (afterPlaceWord(text, at) ? 'warning' : 'error');

const lastWord = lazyPattern(String.raw`(\p{L}+)\s+$`, 'u');

function afterPlaceWord(text: string, at: number): boolean {
  const before = lastWord().exec(text.slice(Math.max(0, at - 20), at));
  return before !== null && PLACE_WORDS.has(before[1]!.toLowerCase());
}

function isAllowed(text: string, found: Candidate, env: PrivacyEnv): boolean {
  if (env.allowNames.length === 0) return false;
  const full = normaliseName(text.slice(found.nameStart, found.end));
  const surname = normaliseName(text.slice(found.surnameStart, found.end));
  return env.allowNames.some((name) => name === full || name === surname || name.endsWith(' ' + surname));
}

const isDutchWordCapitalised = (word: string): boolean => isDutchWord(word.toLowerCase());

const letterOrApostrophe = lazyPattern(String.raw`[\p{L}']`, 'u');
const smallLetter = lazyPattern(String.raw`\p{Ll}`, 'u');

/**
 * For each ASCII code: 1 for a small letter, 2 for a capital, 4 for an apostrophe. A table, not
 * comparisons: a comparison first reached after thousands of cases sent the optimised code
 * of the capitals scan back to the interpreter.
 */
const ASCII_CLASS = new Uint8Array(128);
for (let code = 97; code <= 122; code++) ASCII_CLASS[code] = 1;
for (let code = 65; code <= 90; code++) ASCII_CLASS[code] = 2;
ASCII_CLASS[39] = 4;

/** `[\p{L}']` at `i` (inside the text); ASCII, most of the text, without a pattern (a pattern test per character was most of the scan). */
function isLetterOrApostropheAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? ASCII_CLASS[code] !== 0 : letterOrApostrophe().test(text[i]!);
}

/** `\p{Ll}` at `i` (inside the text); ASCII without a pattern. */
function isSmallLetterAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? ASCII_CLASS[code] === 1 : smallLetter().test(text[i]!);
}

/** True when the word before `at` could be a particle: short, and on the same line or the line before. */
function particleBefore(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\u00a0' || text[i] === '\n')) i--;
  let length = 0;
  while (i >= 0 && isLetterOrApostropheAt(text, i)) {
    i--;
    if (++length > 5) return false;
  }
  return length > 0;
}

const OPENERS = '([{"\'“‘';
const CLOSERS = ')]}"\'”’.,;:!?';
/** The bare word (no brackets, quotes or trailing punctuation) of a token, lower case. */
const plain = (word: string): string =>
  // Most words neither start nor end with one of these: then there is nothing to replace (the
  // pattern's second half is tried at every character of the word).
  (OPENERS.includes(word.charAt(0)) || CLOSERS.includes(word.charAt(word.length - 1)) ? word.replace(/^[([{"'“‘]+|[)\]}"'”’.,;:!?]+$/gu, '') : word).toLowerCase();

/** True when the word before `at` ends in an institution word ("verpleeghuis De Brink"). */
function afterInstitution(text: string, at: number, g: NameGrammar): boolean {
  const before = tokenBefore(text, at);
  if (!before) return false;
  const word = plain(before.text);
  return g.data.cues.institutionEndings.some((ending) => word.endsWith(ending));
}

/** After a name label, a line of two to five capitalised words (particles between): "Lamiae Aziz", "Tran Thi Hoa". */
const labelledLine = lazyPattern(String.raw`^(\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?(?:[ \t]+(?:(?:van|de|der|den|ter|ten|el|al|ben|bin|da|dos)[ \t]+)*\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?){1,4})[ \t]*(?:\r?\n|$)`, 'u');

/** A label for a person's name at the start of a line: "Naam:", "Cliënt:", "Aanvrager:". */
const nameLabel = /(?:^|\n)[ \t]*(?:naam|volledige naam|name|cliënt|client|aanvrager|betrokkene|inwoner)[ \t]*:[ \t]*$/iu;

/**
 * "Visser, Anna", "Visser, A.B.", "JANSEN, P.", "Van der Meer, Anna": a surname, a comma
 * and initials or a first name. The name starts at `start` (its particles included).
 */
function surnameFirst(text: string, start: number, at: number, g: NameGrammar): Candidate | undefined {
  const wordEnd = wordEndAt(text, at, g);
  // "Wendy Kok, Youssef Belhaj": the end of a name in a list, not a surname first.
  const before = tokenBefore(text, start);
  if (before && (isFirstNameToken(before, g.data) || /\.$/.test(before.text) && initialsAt(text, before.start, g))) return undefined;
  // "Aanwezig: Sanne, Youssef, Marloes": a list of first names.
  if (before && before.text.endsWith(',') && isFirstName(before.text.slice(0, -1).replace(/^[([{"'“‘]+/u, ''), g.data)) return undefined;
  if (wordEnd < 0 || text[wordEnd] !== ',' || text[wordEnd + 1] !== ' ') return undefined;
  // "Naam: Oğuz, Mehmet": after a label for a name the surname may be a first name too.
  if (!surnameEvidence(text.slice(at, wordEnd), g.data) && !nameLabel.test(text.slice(Math.max(0, start - 24), start))) return undefined;
  const next = wordEnd + 2;
  const initials = initialsEnd(text, next, g);
  if (initials >= 0) return { start, nameStart: start, surnameStart: start, end: initials, severity: 'error' };
  const givenEnd = wordEndAt(text, next, g);
  if (givenEnd >= 0 && isFirstName(text.slice(next, givenEnd), g.data)) return { start, nameStart: start, surnameStart: start, end: givenEnd, severity: 'warning' };
  return undefined;
}

/** An age in brackets right after a word: "Milan (10)", "Xiaoling (7, ASS)". */
const ageAfter = /^[ \u00a0]*\(\d{1,3}(?:[ \u00a0]*jaar)?[),;]/u;

/**
 * "zoon Milan (10)", "de ouders van Samuel (9)": a word that no surname list has, or a first
 * name, followed by an age, is a first name as cases use them (pseudonyms), not a surname.
 */
function firstNameWithAge(text: string, start: number, end: number, g: NameGrammar): boolean {
  if (!ageAfter.test(text.slice(end, end + 16))) return false;
  const words = text.slice(start, end).split(/\s+/u).filter((word) => !g.data.particleWords.has(word.toLowerCase()));
  // "broers Omar (17)": a first name that some surname list has too is a first name here.
  return words.length === 1 && (!isListedSurname(words[0]!, g.data) || isFirstName(words[0]!, g.data));
}

const postcodeDigits = /\d{4}[ \u00a0]$/;
const postcodeBefore = (text: string, at: number): boolean => postcodeDigits.test(text.slice(Math.max(0, at - 5), at));

/** What may follow a lone surname to make it one: "Kaya zegt", "Smeets meldt"; with `action`, "Kaya werkt" too. */
function speechFollows(text: string, end: number, g: NameGrammar, action = false): boolean {
  const spaced = afterSpace(text, end, g);
  if (spaced < 0 || text.slice(end, spaced).includes('\n')) return false;
  let wordEnd = spaced;
  while (wordEnd < text.length && isSmallLetterAt(text, wordEnd)) wordEnd++;
  const verb = text.slice(spaced, wordEnd);
  return wordEnd > spaced && (g.data.cues.speech.has(verb) || (action && g.data.cues.action.has(verb)));
}

/** True when a house number follows: "de Dam 7", "de Laan van Spartaan 14" is a street. */
function numberFollows(text: string, end: number): boolean {
  return /^[ \u00a0]+(?:\d|van\b|der\b|de\b)/u.test(text.slice(end, end + 6));
}

/** A word for a surname, then "is", "als" or a colon, then the surname: "zijn achternaam staat in het systeem als Hiemstra". */
const surnameWord = /(?<![\p{L}])(?:achternaam|familienaam|geslachtsnaam|meisjesnaam)(?![\p{L}])[^.!?\n]{0,40}?(?:(?<![\p{L}])(?:is|als)|:)[ \u00a0]+(?=\p{Lu})/giu;

/**
 * Every word of surnameWord ends in "naam" (no other character folds to n, a or m): a text
 * without it, which is most, is not searched with the pattern, whose look-behind is tried at
 * every character.
 */
const surnameWordPart = /naam/i;

const GREETINGS = ['Beste', 'Geachte', 'Hoi', 'Hallo', 'Dag', 'Lieve', 'Dear'];

/**
 * A greeting at the start of a line, then a name and a comma: "Beste Van Rijn,", "Geachte De
 * Graaf,". Tried (sticky) only at the start of a line whose first character (after spaces and
 * tabs) is a greeting's capital, which the capitals scan finds: a search for a line start is
 * tried at every character, and a test at every line start cost more than the rest of the scan.
 */
const greetingAt = new RegExp(`[ \\t]*(?:${GREETINGS.join('|')})[ \\t]+(?=\\p{Lu})`, 'uy');

/** 1 for the ASCII code of a greeting's first letter. */
const GREETING_FIRST = new Uint8Array(128);
for (const greeting of GREETINGS) GREETING_FIRST[greeting.charCodeAt(0)] = 1;

/** The capitals the name forms are read from: Latin, Greek and Cyrillic. */
const inNameScripts = (code: number): boolean => code < 0x250 || (code >= 0x391 && code <= 0x3a9) || (code >= 0x400 && code <= 0x42f);

function candidates(text: string): Candidate[] {
  const scan = new CandidateScan(text, nameGrammar());
  scan.scanCapitals();
  scan.afterGreetings();
  scan.beforeVerbs();
  if (surnameWordPart.test(text)) {
    surnameWord.lastIndex = 0;
    for (let match; (match = surnameWord.exec(text)); ) scan.afterSurnameWord(match.index + match[0].length);
  }
  return scan.found;
}

type Particles = NonNullable<ReturnType<typeof particlesBefore>>;

/**
 * Whether the character `code` is among the `within` characters after `at`. Never reads past
 * the end of the text: a read out of bounds (a capital near a text's end) made TurboFan throw
 * away the capitals scan's optimised code, which it then compiled again.
 */
function soonAfter(text: string, at: number, code: number, within: number): boolean {
  const last = Math.min(at + within, text.length - 1);
  for (let i = at + 1; i <= last; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}

/** The names in one text, found from its capitals (and from its verbs of speech). */
class CandidateScan {
  readonly found: Candidate[] = [];
  /**
   * The first comma at or after the capital last looked at (-1: none, -2: not looked for yet):
   * the capitals come in order, so one search serves all capitals before that comma.
   */
  private comma = -2;

  constructor(readonly text: string, readonly g: NameGrammar) {}

  /** Where the lines that may open with a greeting start (scanCapitals), in order. */
  private readonly greetingLines: number[] = [];
  /** Each capitalised word before a verb of speech ("Kaya zegt"; scanCapitals), in order. */
  private readonly verbWords: number[] = [];
  /** The first space and no-break space at or after the capital last looked at (-1: none, -2: not looked for yet). */
  private space = -2;
  private noBreakSpace = -2;

  /**
   * Each capital that starts a word: the forms of a name that can start or end there. Also
   * notes the lines that start with a greeting's capital and the capitalised words before a
   * verb of speech, looked at once the capitals are done (afterGreetings, beforeVerbs).
   */
  scanCapitals(): void {
    const { text, g } = this;
    g.capital.lastIndex = 0;
    // test(), not exec(): a capital is one character, and no match object is made for each.
    while (g.capital.test(text)) {
      const at = g.capital.lastIndex - 1;
      if (!isCapital(text, at)) continue;
      if (this.beforeVerb(at)) this.verbWords.push(at);
      const code = text.charCodeAt(at);
      if (code < 128 && GREETING_FIRST[code] === 1) this.noteGreetingLine(at);
      if (!inNameScripts(code) || gluedBefore(text, at, "'’.-")) continue;
      this.atCapital(at);
    }
  }

  /** Notes the start of the line when only spaces and tabs stand before `at` on it. */
  private noteGreetingLine(at: number): void {
    const { text } = this;
    let i = at - 1;
    while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
    if (i < 0 || text.charCodeAt(i) === 10) this.greetingLines.push(i + 1);
  }

  /**
   * "Kaya zegt": the capitalised word at `at` stands on its own (no letter or digit glued
   * before it), is followed by a space and a verb of speech or action, and has no comma or
   * particle before it ("Visser, Kaya zegt", "de Boer zegt" are read from their capitals).
   */
  private beforeVerb(at: number): boolean {
    const { text, g } = this;
    // The word ends at the next space or no-break space, if at all: each is searched for once
    // per text and kept while the capitals pass it (a loop over every capitalised word's
    // letters ran in the interpreter for the first thousand cases).
    if (this.space !== -1 && this.space < at) this.space = text.indexOf(' ', at);
    if (this.noBreakSpace !== -1 && this.noBreakSpace < at) this.noBreakSpace = text.indexOf('\u00a0', at);
    const end = this.noBreakSpace < 0 ? this.space : this.space < 0 ? this.noBreakSpace : Math.min(this.space, this.noBreakSpace);
    if (end < 0 || stickyMatch(g.speechVerbAt, text, end + 1) < 0) return false;
    for (let i = at + 1; i < end; i++) if (!isLetterOrDigitAt(text, i)) return false;
    // A verb after a letter: "Kaya zegt", not "K12 zegt".
    return letterBefore(text, end) && !gluedBefore(text, at, "'’.-") && previousCharacter(text, at) !== ',' && !particleBefore(text, at);
  }

  /** The greetings at the lines noted by scanCapitals: "Beste Van Rijn,". */
  afterGreetings(): void {
    for (const line of this.greetingLines) {
      const end = stickyMatch(greetingAt, this.text, line);
      if (end >= 0) this.afterGreeting(end);
    }
  }

  /** The words before a verb of speech noted by scanCapitals: "Kaya zegt". */
  beforeVerbs(): void {
    for (const at of this.verbWords) this.beforeSpeech(at);
  }

  private atCapital(at: number): void {
    const { text, g } = this;
    // Initials: "J. de Vries", "A.M. Hendriks", "Th. Bakker".
    if (soonAfter(text, at, 46 /* . */, 3) && initialsAt(text, at, g)) {
      this.add(at, at, at, 'error', { initials: true, givenNames: 0, unknownGivenName: false });
    }
    // Initials without dots: "A Visser", "TJ Wijnberg", only before a word that looks like a surname.
    const bare = soonAfter(text, at, 32 /* space */, 2) ? bareInitialsAt(text, at, g) : -1;
    // Not the letters of a postcode: "1234 AB Voorbeeldstad".
    if (bare >= 0 && !/\d[ \u00a0]$/u.test(text.slice(Math.max(0, at - 2), at))) this.add(at, at, bare, 'warning', { initials: false, givenNames: 0, unknownGivenName: false, strict: true });
    // Surname first: "Visser, Anna", "Van der Meer, A.".
    // The particles before this word, looked for only when a lowercase particle word or a
    // capitalised one stands right before it (most capitals have none).
    const particles = particleBefore(text, at) ? particlesBefore(text, at, g.data) : undefined;
    if (this.comma !== -1 && this.comma < at) this.comma = text.indexOf(',', at);
    const comma = this.comma;
    const wordEnd = comma > at && comma - at <= 40 ? wordEndAt(text, at, g) : -1;
    if (wordEnd > 0 && text[wordEnd] === ',') {
      const first = surnameFirst(text, particles && !particles.weak ? particles.start : at, at, g);
      if (first) this.found.push(first);
    }
    // After a comma, a colon or the end of a sentence no title or first name belongs to
    // this word; a dot may still end a title ("dhr.").
    const previous = previousCharacter(text, at);
    // "Naam: Lamiae Aziz": after a label for a name, a given name and a surname that no list has.
    if (previous === ':' && nameLabel.test(text.slice(Math.max(0, at - 24), at))) return this.afterLabel(at);
    if (previous === undefined || ',;:!?)'.includes(previous)) return;
    const before = wordBeforeParticles(text, at, g.data);
    if (!before) {
      if (particles) this.afterParticles(at, particles);
      return;
    }
    this.afterWord(at, before, particles);
  }

  /** After "Naam:": the rest of the line when it is two to five name-like words ("Naam: Tran Thi Hoa"). */
  private afterLabel(at: number): void {
    const line = labelledLine().exec(this.text.slice(at, at + 80));
    const words = (line?.[1]!.split(/[ \t]+/u) ?? []).filter((word) => startsWithCapital(word));
    if (!line || this.g.data.context.organisation.test(line[1]!) || words.some((word) => isNotAName(word, this.g.data))) return;
    const end = at + line[1]!.length;
    this.found.push({ start: at, nameStart: at, surnameStart: this.text.lastIndexOf(' ', end - 1) + 1, end, severity: 'error' });
  }

  /** The word before the capital (`before`, particles skipped) makes it a name: a title, a first name, a cue. */
  private afterWord(at: number, before: NonNullable<ReturnType<typeof wordBeforeParticles>>, particles: Particles | undefined): void {
    const { text, g } = this;
    // A title: "mevrouw Jansen", "de heer P. van Dijk", "mevrouw van Dam".
    const title = titleStart(text, before, g.data);
    if (title !== undefined) {
      const nameStart = afterSpace(text, before.end, g);
      if (this.familyByFirstName(title, nameStart, before.text)) return;
      this.add(title, nameStart, nameStart, 'error', { initials: true, givenNames: 1, unknownGivenName: true, firstNameAsSurname: true });
      return;
    }
    // A first name: "Sanne de Vries", "Jan Willem Bakker" (a warning after a word of place).
    // Not the letters of a postcode: "2526 AD Den Haag".
    const firstName = postcodeBefore(text, before.start) ? undefined : isFirstNameToken(before, g.data);
    // "Albert Heijn", "Antoni van Leeuwenhoek": a shop or a hospital.
    if (firstName && organisationAt(text, firstName.start, firstName.text, g.data)) return;
    if (firstName) return this.add(firstName.start, firstName.start, afterSpace(text, firstName.end, g), firstNameSeverity(text, firstName.start), FIRST_NAME_READ, true);
    const cue = plain(before.text);
    // A relative, a neighbour or a role: "buurman Haddouchi", "casus Kaya", "gezin El Amrani";
    // not across the end of a sentence ("een tolk. Tolkkosten"), and "van" after it is
    // whose relative, not a particle ("de ouders van Samuel"; "aanvraag Van Wijk" is a name).
    const group = g.data.cues.group.has(cue);
    const whose = particles?.sequence === 'van' && text[particles.start] === 'v';
    if ((group || g.data.cues.person.has(cue)) && !/[.!?]$/u.test(before.text) && !whose) {
      const nameStart = afterSpace(text, before.end, g);
      // A household goes by its surname ("gezin Osman"), a relative often by a first name ("broer Youssef").
      this.add(nameStart, nameStart, nameStart, 'warning', { initials: false, givenNames: 1, unknownGivenName: true, strict: true, firstNameAsSurname: group });
      return;
    }
    // A particle and a surname: "van Loon", "De Boer wil", "Ter Horst", "El Haddaoui".
    if (particles) return this.afterParticles(at, particles);
    // An unknown given name before a listed surname: "Wiljan Kasanpawiro".
    const given = before.text.replace(/^[([{"'“‘]+/u, '');
    // Not across a line break: "SG Het Rhedens⏎Rozendaal" is a school above its town.
    if (/^\p{Lu}\p{Ll}+$/u.test(given) && surnameEvidence(given, g.data) === 'unknown' && !text.slice(before.end, at).includes('\n')) {
      const end = wordEndAt(text, at, g);
      if (end > 0 && isListedSurname(text.slice(at, end), g.data) && !isDutchWordCapitalised(text.slice(at, end))) {
        const start = before.end - given.length;
        this.found.push({ start, nameStart: start, surnameStart: at, end, severity: 'warning' });
      }
    }
  }

  /**
   * "Fam. Gökçe", "familie Aziz": a family goes by its surname, so a word that the first-name lists have is the surname
   * here when no other capitalised word or particle follows it ("familie Sanne de Vries" reads on as usual).
   */
  private familyByFirstName(title: number, nameStart: number, titleWord: string): boolean {
    const { text, g } = this;
    if (nameStart < 0 || !/^(?:fam\.?|familie)$/iu.test(titleWord)) return false;
    const end = wordEndAt(text, nameStart, g);
    if (end < 0 || !isFirstName(text.slice(nameStart, end), g.data)) return false;
    const spaced = afterSpace(text, end, g);
    if (spaced >= 0 && (isCapital(text, spaced) || stickyMatch(g.particleAt, text, spaced) >= 0)) return false;
    this.found.push({ start: title, nameStart, surnameStart: nameStart, end, severity: 'error' });
    return true;
  }

  /** A candidate from `start` (its title, if any, ends at `nameStart`), read on from `readAt`. */
  private add(start: number, nameStart: number, readAt: number, severity: Severity, options: ReadOptions, firstName = false): void {
    const name = nameStart < 0 || readAt < 0 ? undefined : readName(this.text, readAt, this.g, options);
    if (!name || followedByNotAName(this.text, name.end, this.g)) return;
    if (severity === 'warning' && firstNameWithAge(this.text, name.surnameStart, name.end, this.g)) return;
    this.found.push({ start, nameStart, severity, ...name, ...(firstName ? { firstName } : {}) });
  }

  /** A lone surname at `at` (after particles from `start`). */
  private addLone(start: number, at: number, listed: boolean): void {
    const { text, g } = this;
    const name = readLoneSurname(text, at, g, listed);
    if (name && !followedByNotAName(text, name.end, g) && !numberFollows(text, name.end) && !firstNameWithAge(text, start, name.end, g)) this.found.push({ start, nameStart: start, severity: 'warning', end: name.end, surnameStart: start });
  }

  /** "achternaam: Hiemstra": a surname that looks like one (surnameEvidence) after a word for a surname. */
  afterSurnameWord(at: number): void {
    if (!this.found.some((c) => c.start <= at && at < c.end)) this.addLone(at, at, false);
  }

  /**
   * "Beste Van Rijn,": a particle and a capitalised word after a greeting, right before a
   * comma, are a surname even when the word names a place or a thing ("Rijn", "Graaf");
   * so is a listed surname alone ("Beste Jansen,"), not a first name ("Beste Sanne,").
   */
  afterGreeting(at: number): void {
    const { text, g } = this;
    if (this.found.some((c) => c.start <= at && at < c.end)) return;
    const particleEnd = stickyMatch(g.particleAt, text, at);
    const end = wordEndAt(text, Math.max(at, particleEnd), g);
    if (end < 0 || text[end] !== ',') return;
    const word = text.slice(Math.max(at, particleEnd), end);
    // Without a particle, a surname from the lists that is no first name or word: "Beste Jansen,".
    if (particleEnd < 0 ? !isListedSurname(word, g.data) || isFirstName(word, g.data) || isDutchWordCapitalised(word) : isNotAName(word, g.data)) return;
    this.found.push({ start: at, nameStart: at, surnameStart: at, end, severity: 'warning' });
  }

  /** "Kaya zegt": a listed surname that is no first name, before a verb of speech. */
  beforeSpeech(at: number): void {
    const { text, g } = this;
    const end = wordEndAt(text, at, g);
    if (end < 0 || !speechFollows(text, end, g, true)) return;
    const word = text.slice(at, end);
    if (isFirstName(word, g.data) || (!speechFollows(text, end, g, false) && isDutchWordCapitalised(word))) return;
    this.addLone(at, at, true);
  }

  /** A particle and a surname: "van Loon", "De Boer wil"; not "in Den Bosch", "verpleeghuis De Brink". */
  private afterParticles(at: number, particles: Particles): void {
    const { text, g } = this;
    const word = text.slice(at, Math.max(at, wordEndAt(text, at, g)));
    // "het belang van Noor": after "van" or "de" a first name is someone's, not a surname.
    if (particles.weak && isFirstName(word, g.data)) return;
    // "geboren te Kampen", "wonende te Zwolle": "te" in small letters on its own names a place.
    if (particles.sequence === 'te' && text[particles.start] === 't') return;
    if (!isPlaceAfterParticles(particles.sequence, word, g.data) && !afterInstitution(text, particles.start, g)) this.addLone(particles.start, particles.start, particles.weak);
  }
}

/** True when `word` can only be a surname here: no first name, place or word of the not-a-name lists. */
function isOrdinarySurname(word: string, g: NameGrammar): boolean {
  return !isNotAName(word, g.data) && !isFirstName(word, g.data) && !g.data.places.has(word.toLowerCase());
}

/** "van Lier" of "Yvonne van Lier": a surname with its particles, or undefined. */
function surnameWithParticles(surname: string, g: NameGrammar): string | undefined {
  const words = surname.split(',')[0]!.trim().split(/\s+/u);
  if (words.length < 2 || !g.data.particleWords.has(words[0]!.toLowerCase()) || !startsWithCapital(words[words.length - 1]!)) return undefined;
  return words.join(' ');
}

/**
 * "Yvonne van Lier … Onderwerp: Van Lier", "casus Van Wijk … Sandra van Wijk": a surname with
 * particles, repeated with its first particle in either case, even when its last word is an
 * ordinary word or a place ("lier", "wijk") that on its own says nothing.
 */
function particleSurnameAgain(text: string, surname: string, found: readonly Candidate[]): Candidate[] {
  const more: Candidate[] = [];
  for (const form of new Set([surname, surname[0]!.toUpperCase() + surname.slice(1), surname[0]!.toLowerCase() + surname.slice(1)])) {
    for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
      const end = at + form.length;
      if (isLetterOrDigit(text[at - 1]) || isLetterOrDigit(text[end])) continue;
      if (found.some((c) => c.start <= at && end <= c.end)) continue;
      more.push({ start: at, nameStart: at, surnameStart: at, end, severity: 'warning' });
    }
  }
  return more;
}

/**
 * A surname found in a name is a name wherever it stands in the same text: "Anna Visser
 * … Visser kwam niet", also before the full name.
 */
function repeatedSurnames(text: string, found: readonly Candidate[]): Candidate[] {
  const g = nameGrammar();
  const surnames = new Set<string>();
  const withParticles = new Set<string>();
  for (const candidate of found) {
    // After a title or initials even an ordinary word is a surname: "dhr. Jonkman … Jonkman".
    const certain = candidate.severity === 'error' && !candidate.firstName;
    const particleSurname = surnameWithParticles(text.slice(candidate.surnameStart, candidate.end), g);
    if (candidate.severity === 'error' && particleSurname) withParticles.add(particleSurname);
    // "Koolhoven, Sander": what follows the comma of a surname first is a given name.
    for (const word of text.slice(candidate.surnameStart, candidate.end).split(',')[0]!.split(/\s+/u)) {
      if (word.length < 2 || !startsWithCapital(word) || g.data.particleWords.has(word.toLowerCase())) continue;
      const evidence = surnameEvidence(word, g.data);
      // Two letters ("Meneer Wu … Li Na Wu") only from the surname lists.
      if (word.length === 2 ? evidence === 'listed' : evidence || (certain && isOrdinarySurname(word, g))) surnames.add(word);
    }
  }
  const more: Candidate[] = [];
  for (const surname of withParticles) more.push(...particleSurnameAgain(text, surname, found));
  for (const surname of surnames) {
    for (let at = text.indexOf(surname); at >= 0; at = text.indexOf(surname, at + 1)) {
      const end = at + surname.length;
      if (gluedBefore(text, at, "'’-") || isLetterOrDigit(text[end])) continue;
      if (found.some((c) => c.start <= at && end <= c.end)) continue;
      const particles = particlesBefore(text, at, g.data);
      if (particles && isPlaceAfterParticles(particles.sequence, surname, g.data)) continue;
      const start = particles ? particles.start : at;
      more.push({ start, nameStart: start, surnameStart: start, end, severity: 'warning' });
    }
  }
  return more;
}

export const nameDetector: PrivacyDetector = {
  id: 'privacy/name',
  defaultSeverity: 'error',
  detect(text, env) {
    const direct = candidates(text);
    if (direct.length === 0) return [];
    const found = [...direct, ...repeatedSurnames(text, direct)];
    // The forms overlap ("mevrouw A. Jansen" is also "A. Jansen"): of overlapping
    // candidates the more certain form wins, then the longer one.
    const better = (a: Candidate, b: Candidate) =>
      (a.severity === 'error' ? 0 : 1) - (b.severity === 'error' ? 0 : 1) || b.end - b.start - (a.end - a.start);
    found.sort((a, b) => a.start - b.start || better(a, b));
    const kept: Candidate[] = [];
    for (const candidate of found) {
      const last = kept[kept.length - 1];
      if (!last || candidate.start >= last.end) kept.push(candidate);
      else if (better(candidate, last) < 0) kept[kept.length - 1] = candidate;
    }
    return kept.map((candidate): Detection => {
      const allowed = isAllowed(text, candidate, env);
      const title = text.slice(candidate.start, candidate.nameStart);
      return {
        start: candidate.start,
        end: candidate.end,
        severity: candidate.severity,
        message: allowed ? 'name.allowed' : candidate.firstName ? 'name.surname' : 'name.found',
        shown: title + mask(text.slice(candidate.nameStart, candidate.end)),
        ...(allowed ? { suppressed: true } : {}),
      };
    });
  },
};

export const name = caseRule(nameDetector);
