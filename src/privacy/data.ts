/**
 * The word lists of the privacy check. They are data (data/privacy/*), so that a person
 * can add a first name, a title or an organisation word without touching code; they are
 * read once, on first use, and turned into sets and regular expressions.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readDataFile } from '../data.js';
import { dataDir } from '../paths.js';
import { isLetterOrDigit } from './chars.js';
import { lazyFields } from './lazy.js';

const folder = path.join(dataDir, 'privacy');

/** The lines of a list file: trimmed, without comments and blank lines. */
function readList(name: string): string[] {
  return listLines(listText(name));
}

const listText = (name: string): string => readFileSync(path.join(folder, name), 'utf8');

function listLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The lines of list files in lower case, as one set. The file is lower-cased whole, not line
 * by line: a list with one accented name is read as a two-byte string, and each of its
 * thousands of lines then took the slow (ICU) way through toLowerCase (a line break stops
 * every case rule that looks at neighbours, such as the final sigma, so the lines come out
 * the same; tests/unit/privacy-data.test.ts compares).
 */
export function lowerListSet(...names: string[]): Set<string> {
  const set = new Set<string>();
  for (const name of names) for (const line of listLines(listText(name).toLowerCase())) set.add(line);
  return set;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `Mevrouw` and `mevrouw`, but not `MEVROUW`: a pattern whose first letter may be either case. */
function eitherCaseFirst(word: string): string {
  const first = word[0]!;
  const rest = escapeRegExp(word.slice(1)).replace(/ /g, '[ \\u00a0]+');
  return first.toLowerCase() === first.toUpperCase() ? escapeRegExp(first) + rest : `[${first.toUpperCase()}${first.toLowerCase()}]${rest}`;
}

/**
 * Words that name an organisation: as the end of a word ("huisartsenpraktijk") when longer
 * than four letters, else as a whole word ("GGD", "B.V.": "ind" is no ending of "kind").
 */
function organisationPattern(words: readonly string[]): RegExp {
  const alternatives = (short: boolean): string => words.filter((w) => (w.length <= 4) === short).map((w) => escapeRegExp(w).replace(/ /g, '\\s+')).join('|');
  return new RegExp(`(?:(?<![\\p{L}\\p{N}])(?:${alternatives(true)})|(?:${alternatives(false)}))(?![\\p{L}\\p{N}])`, 'iu');
}

/**
 * A pattern that matches any of `words` as a whole word, ignoring case. Longest first, so
 * that `sofi-nummer` wins over `sofi`.
 */
function wordsPattern(words: readonly string[]): RegExp {
  const alternatives = [...words].sort((a, b) => b.length - a.length).map((w) => escapeRegExp(w).replace(/ /g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

export interface ContextWords {
  bsn: RegExp;
  otherNumber: RegExp;
  /** Any word ending in -nummer or -nr that is no phone label ("huurcontractnummer"). */
  otherNumberCompound: RegExp;
  /** Labels of an account number ("IBAN", "rekeningnummer"). */
  iban: RegExp;
  birthdate: RegExp;
  /** Labels of a phone number ("tel.", "mobiel"). */
  phone: RegExp;
  poBox: RegExp;
  /** Lower-case names of streets where a town hall or station stands ("stadhuisplein"). */
  publicBuildingStreets: ReadonlySet<string>;
  /** A word that names an organisation, whole or as its ending ("huisartsenpraktijk"). */
  organisation: RegExp;
  /** "Bezoekadres": an organisation's address follows. */
  organisationAddressLabel: RegExp;
  /** The part before "@" of an organisation's functional mailbox ("noreply", "wijkteam"), lower case. */
  functionalMailbox: ReadonlySet<string>;
  /** The part before "@" that a desk and one person's practice both use ("info", "wmo"), lower case. */
  sharedMailbox: ReadonlySet<string>;
  /** "wij zijn bereikbaar", "bel ons": an organisation gives its own number. */
  organisationPhone: RegExp;
  /** "ons adres": an address "we" give, most likely an organisation's. */
  ourAddress: RegExp;
  /** Anchored at the start: "(algemeen)", "(receptie)" right after an organisation's general number. */
  generalNumberAfter: RegExp;
  /** "woont", "verhuist": a home, even after an organisation's name. */
  residence: RegExp;
  /** Anchored at the start: a quantity word right after a number. */
  quantity: RegExp;
}

/** Words that make a capitalised word next to them a name (data/privacy/name-cues.yaml), lower case. */
export interface NameCues {
  /** Relatives, neighbours and roles: "buurman Haddouchi", "consulent M. Zijlstra". */
  person: ReadonlySet<string>;
  /** A household or case by its surname: "gezin Verhoeven", "casus Kaya". */
  group: ReadonlySet<string>;
  /** Verbs of speech right after a name: "Kaya zegt". */
  speech: ReadonlySet<string>;
  /** Other verbs right after a name that is no ordinary word: "Kaya werkt". */
  action: ReadonlySet<string>;
  /** Words before an address: "woont aan de Linde 12". */
  address: ReadonlySet<string>;
  /** Endings of words that make "De Brink" after them an organisation ("verpleeghuis"). */
  institutionEndings: readonly string[];
}

export interface PrivacyData {
  /** Lower-case first names (first-names.txt and the generated first-names-more.txt). */
  firstNames: ReadonlySet<string>;
  /** Lower-case surnames without particles (surnames.txt and the generated surnames-more.txt). */
  surnames: ReadonlySet<string>;
  /** Lower-case place names, single words and names that start with a particle ("den haag"). */
  places: ReadonlySet<string>;
  /** Lower-case words that begin sentences ("het", "daarna"): never a surname, but no organisation either. */
  functionWords: ReadonlySet<string>;
  cues: NameCues;
  /** Lower-case words that are never a surname (not-names.txt, and one-word organisations.txt). */
  notNames: ReadonlySet<string>;
  /** Names of organisations of several words (organisations.txt), lower case, by their first word. */
  organisationPhrases: ReadonlyMap<string, readonly string[]>;
  /** Lower-case endings of words that are never a surname (organisations, laws, streets). */
  notNameEndings: readonly string[];
  /** Lower-case titles, each also without its trailing dot ("dhr." and "dhr"); "de heer" has a space. */
  titles: ReadonlySet<string>;
  /** Source of a pattern matching one title, first letter in either case. */
  titlePattern: string;
  /** Lower-case particle sequences ("van der"). */
  particles: ReadonlySet<string>;
  /** Every lower-case word of a particle sequence or a title ("van", "der", "de", "heer"). */
  particleWords: ReadonlySet<string>;
  titleWords: ReadonlySet<string>;
  /** Source of a pattern matching one particle sequence, first letter in either case. */
  particlePattern: string;
  /** Matches a capitalised word that ends in a street-name ending, at its end. */
  streetEnding: RegExp;
  /** The same for the endings that need more evidence (street-suffixes-more.txt: "-baan", "-dam", "str."). */
  weakStreetEnding: RegExp;
  /** Matches a lower-case street name ("dorpsstraat"), for the endings that are no word on their own. */
  lowerStreetEnding: RegExp;
  placeholderEmailDomains: readonly string[];
  context: ContextWords;
}

let loaded: PrivacyData | undefined;

/** The word lists, read on first use. */
export function privacyData(): PrivacyData {
  if (loaded) return loaded;
  const notNameLines = readList('not-names.txt').map((w) => w.toLowerCase());
  const organisations = readList('organisations.txt').map((w) => w.toLowerCase().replace(/\s+/g, ' '));
  const streetSuffixes = readList('street-suffixes.txt').map((w) => w.toLowerCase());
  const titleLines = readList('titles.txt').map((w) => w.toLowerCase());
  // A title written with a dot may be written without one too ("dhr" for "dhr.").
  const titles = titleLines.map((title) => (title.endsWith('.') ? eitherCaseFirst(title.slice(0, -1)) + '\\.?' : eitherCaseFirst(title)));
  const particleLines = readList('particles.txt').map((w) => w.toLowerCase());
  const particles = particleLines.map(eitherCaseFirst);
  const context = readDataFile('privacy/context-words.yaml') as Record<string, string[]>;
  const quantity = [...context.quantity!].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const cues = readDataFile('privacy/name-cues.yaml') as Record<string, string[]>;
  const lowerSet = (...lists: string[][]): Set<string> => new Set(lists.flat().map((w) => w.toLowerCase()));
  loaded = {
    firstNames: lowerListSet('first-names.txt', 'first-names-more.txt'),
    surnames: lowerListSet('surnames.txt', 'surnames-more.txt'),
    places: lowerListSet('places.txt'),
    functionWords: lowerListSet('function-words.txt'),
    cues: {
      person: lowerSet(cues.kinship!, cues.roles!),
      group: lowerSet(cues.group!),
      speech: lowerSet(cues.speech!),
      action: lowerSet(cues.action!),
      address: lowerSet(cues.address!),
      institutionEndings: cues.institution!.map((w) => w.toLowerCase()),
    },
    notNames: new Set([...notNameLines.filter((w) => !w.startsWith('-')), ...organisations.filter((o) => !o.includes(' '))]),
    organisationPhrases: byFirstWord(organisations.filter((o) => o.includes(' '))),
    notNameEndings: [...notNameLines.filter((w) => w.startsWith('-')).map((w) => w.slice(1)), ...streetSuffixes],
    titles: new Set(titleLines.flatMap((title) => (title.endsWith('.') ? [title, title.slice(0, -1)] : [title]))),
    titlePattern: `(?:${titles.sort((a, b) => b.length - a.length).join('|')})`,
    particles: new Set(particleLines),
    particleWords: new Set(particleLines.flatMap((p) => p.split(' '))),
    titleWords: new Set(titleLines.flatMap((t) => t.split(' ')).flatMap((t) => (t.endsWith('.') ? [t, t.slice(0, -1)] : [t]))),
    particlePattern: `(?:${particles.sort((a, b) => b.length - a.length).join('|')})`,
    // "Maluku-laan": the ending may follow a hyphen.
    streetEnding: new RegExp(`\\p{L}{2}-?(?:${streetSuffixes.map(escapeRegExp).join('|')})$`, 'iu'),
    weakStreetEnding: new RegExp(`\\p{L}{2}-?(?:${readList('street-suffixes-more.txt').map(escapeRegExp).join('|')})$`, 'iu'),
    lowerStreetEnding: /^\p{Ll}[\p{Ll}\-]{2,}(?:straat|laan|weg|plein|gracht|kade|singel|steeg|dreef)$/u,
    placeholderEmailDomains: readList('placeholder-email-domains.txt').map((d) => d.toLowerCase()),
    context: Object.assign(
      lazyFields<Omit<ContextWords, 'publicBuildingStreets' | 'functionalMailbox' | 'sharedMailbox'>>({
        bsn: () => wordsPattern(context.bsn!),
        otherNumber: () => wordsPattern(context['other-number']!),
        otherNumberCompound: () => new RegExp(`(?<![\\p{L}])(?!(?:${context['phone-compounds']!.map(escapeRegExp).join('|')})-?(?:nummer|nr))\\p{L}{2,}-?(?:nummer|nr)\\.?(?![\\p{L}])`, 'iu'),
        iban: () => wordsPattern(context.iban!),
        birthdate: () => wordsPattern(context.birthdate!),
        phone: () => wordsPattern(context.phone!),
        poBox: () => wordsPattern(context['po-box']!),
        organisation: () => organisationPattern(context.organisation!),
        organisationAddressLabel: () => wordsPattern(context['organisation-address-label']!),
        residence: () => wordsPattern(context.residence!),
        ourAddress: () => wordsPattern(context['our-address']!),
        generalNumberAfter: () => new RegExp(`^[ \\u00a0]*\\([ \\u00a0]*(?:${context['general-number']!.map((w) => escapeRegExp(w).replace(/ /g, '\\s+')).join('|')})[ \\u00a0]*\\)`, 'iu'),
        organisationPhone: () => wordsPattern(context['organisation-phone']!),
        quantity: () => new RegExp(`^\\s*(?:${quantity.join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
      }),
      {
        publicBuildingStreets: new Set(context['public-building-street']!.map((w) => w.toLowerCase())),
        functionalMailbox: new Set(context['functional-mailbox']!.map((w) => w.toLowerCase())),
        sharedMailbox: new Set(context['shared-mailbox']!.map((w) => w.toLowerCase())),
      },
    ),
  };
  return loaded;
}

function byFirstWord(phrases: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const phrase of phrases) {
    const first = phrase.slice(0, phrase.indexOf(' '));
    map.set(first, [...(map.get(first) ?? []), phrase]);
  }
  return map;
}

/**
 * True when the name of an organisation of several words starts at `at` in `text`, whose
 * first word is `word` ("Zilveren Kruis", "Albert Heijn").
 */
export function organisationAt(text: string, at: number, word: string, data: PrivacyData): boolean {
  const phrases = data.organisationPhrases.get(word.toLowerCase());
  if (!phrases) return false;
  return phrases.some((phrase) => {
    const written = text.slice(at, at + phrase.length + 8).toLowerCase().replace(/\s+/g, ' ');
    return written.startsWith(phrase) && !isLetterOrDigit(written[phrase.length]);
  });
}

/**
 * True when `word` is on the not-a-name list or ends in one of its endings (an
 * organisation, a law, a street), or is a word that begins sentences.
 */
export function isNotAName(word: string, data: PrivacyData): boolean {
  const lower = word.toLowerCase();
  if (data.notNames.has(lower) || data.functionWords.has(lower)) return true;
  return hasNotANameEnding(lower, data);
}

/** True when `word` is no name only because of its ending ("Oosterhof" ends like a street). */
export function notANameByEndingOnly(word: string, data: PrivacyData): boolean {
  const lower = word.toLowerCase();
  return !data.notNames.has(lower) && !data.functionWords.has(lower) && hasNotANameEnding(lower, data);
}

/** True when `word` is on the not-a-name list or ends in one of its endings; function words aside. */
export function namesSomethingElse(word: string, data: PrivacyData): boolean {
  const lower = word.toLowerCase();
  return data.notNames.has(lower) || hasNotANameEnding(lower, data);
}

function hasNotANameEnding(lower: string, data: PrivacyData): boolean {
  for (const ending of data.notNameEndings) {
    if (lower.length > ending.length && lower.endsWith(ending)) return true;
  }
  return false;
}
