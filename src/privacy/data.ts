/**
 * The word lists of the privacy check. They are data (data/privacy/*), so that a person
 * can add a first name, a title or an organisation word without touching code; they are
 * read once, on first use, and turned into sets and regular expressions.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readDataFile } from '../data.js';
import { dataDir } from '../paths.js';

const folder = path.join(dataDir, 'privacy');

/** The lines of a list file: trimmed, without comments and blank lines. */
function readList(name: string): string[] {
  return readFileSync(path.join(folder, name), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `Mevrouw` and `mevrouw`, but not `MEVROUW`: a pattern whose first letter may be either case. */
function eitherCaseFirst(word: string): string {
  const first = word[0]!;
  const rest = escapeRegExp(word.slice(1)).replace(/ /g, '[ \\u00a0]+');
  return first.toLowerCase() === first.toUpperCase() ? escapeRegExp(first) + rest : `[${first.toUpperCase()}${first.toLowerCase()}]${rest}`;
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
  birthdate: RegExp;
  poBox: RegExp;
  /** Anchored at the start: a quantity word right after a number. */
  quantity: RegExp;
}

export interface PrivacyData {
  firstNames: ReadonlySet<string>;
  /** Lower-case words that are never a surname. */
  notNames: ReadonlySet<string>;
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
  placeholderEmailDomains: readonly string[];
  context: ContextWords;
}

let loaded: PrivacyData | undefined;

/** The word lists, read on first use. */
export function privacyData(): PrivacyData {
  if (loaded) return loaded;
  const notNameLines = readList('not-names.txt').map((w) => w.toLowerCase());
  const streetSuffixes = readList('street-suffixes.txt').map((w) => w.toLowerCase());
  const titleLines = readList('titles.txt').map((w) => w.toLowerCase());
  // A title written with a dot may be written without one too ("dhr" for "dhr.").
  const titles = titleLines.map((title) => (title.endsWith('.') ? eitherCaseFirst(title.slice(0, -1)) + '\\.?' : eitherCaseFirst(title)));
  const particleLines = readList('particles.txt').map((w) => w.toLowerCase());
  const particles = particleLines.map(eitherCaseFirst);
  const context = readDataFile('privacy/context-words.yaml') as Record<string, string[]>;
  const quantity = [...context.quantity!].sort((a, b) => b.length - a.length).map(escapeRegExp);
  loaded = {
    firstNames: new Set(readList('first-names.txt').map((w) => w.toLowerCase())),
    notNames: new Set(notNameLines.filter((w) => !w.startsWith('-'))),
    notNameEndings: [...notNameLines.filter((w) => w.startsWith('-')).map((w) => w.slice(1)), ...streetSuffixes],
    titles: new Set(titleLines.flatMap((title) => (title.endsWith('.') ? [title, title.slice(0, -1)] : [title]))),
    titlePattern: `(?:${titles.sort((a, b) => b.length - a.length).join('|')})`,
    particles: new Set(particleLines),
    particleWords: new Set(particleLines.flatMap((p) => p.split(' '))),
    titleWords: new Set(titleLines.flatMap((t) => t.split(' ')).flatMap((t) => (t.endsWith('.') ? [t, t.slice(0, -1)] : [t]))),
    particlePattern: `(?:${particles.sort((a, b) => b.length - a.length).join('|')})`,
    streetEnding: new RegExp(`\\p{L}{2}(?:${streetSuffixes.map(escapeRegExp).join('|')})$`, 'iu'),
    placeholderEmailDomains: readList('placeholder-email-domains.txt').map((d) => d.toLowerCase()),
    context: {
      bsn: wordsPattern(context.bsn!),
      otherNumber: wordsPattern(context['other-number']!),
      birthdate: wordsPattern(context.birthdate!),
      poBox: wordsPattern(context['po-box']!),
      quantity: new RegExp(`^\\s*(?:${quantity.join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
    },
  };
  return loaded;
}

/** True when `word` is on the not-a-name list or ends in one of its endings. */
export function isNotAName(word: string, data: PrivacyData): boolean {
  const lower = word.toLowerCase();
  if (data.notNames.has(lower)) return true;
  for (const ending of data.notNameEndings) {
    if (lower.length > ending.length && lower.endsWith(ending)) return true;
  }
  return false;
}
