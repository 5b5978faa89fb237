/**
 * privacy/name: names of people. Three forms, from most to least certain:
 * - a title with a surname ("mevrouw Jansen", "de heer P. van Dijk", "dhr. Öztürk"): error;
 * - initials with a surname ("J. de Vries", "A.M. Hendriks"): error;
 * - a known first name with a surname ("Sanne de Vries"): error, because the surname makes the
 *   resident recognisable (a first name alone is not reported); a warning after a word of
 *   place ("naar Anna Paulowna"), where the pair is more often a place than a person.
 * Not reported: an initial on its own ("mevrouw K."), a first name on its own ("Sanne"),
 * and capitalised words that name laws, teams or organisations (data/privacy/not-names.txt).
 * Names the casebook or the case declares fictional are reported as suppressed.
 */
import type { Severity } from '../../types.js';
import { mask } from '../mask.js';
import { caseRule, type Detection, type PrivacyDetector, type PrivacyEnv } from '../detector.js';
import { gluedBefore, previousCharacter } from '../chars.js';
import {
  afterSpace, followedByNotAName, initialsAt, isCapital, isFirstNameToken, nameGrammar, normaliseName, readName, titleStart, wordBeforeParticles, type ParsedName, type ReadOptions,
} from '../names.js';

interface Candidate extends ParsedName {
  start: number;
  /** Where the name proper starts (after the title). */
  nameStart: number;
  severity: Severity;
  /** Found as a first name with a surname: the message names the surname as the problem. */
  firstName?: boolean;
}

/** Words after which "Anna Paulowna" is a place rather than a person. */
const PLACE_WORDS = new Set(['naar', 'in', 'uit', 'te', 'richting', 'vanuit']);

function afterPlaceWord(text: string, at: number): boolean {
  const before = /(\p{L}+)\s+$/u.exec(text.slice(Math.max(0, at - 20), at));
  return before !== null && PLACE_WORDS.has(before[1]!.toLowerCase());
}

function isAllowed(text: string, found: Candidate, env: PrivacyEnv): boolean {
  if (env.allowNames.length === 0) return false;
  const full = normaliseName(text.slice(found.nameStart, found.end));
  const surname = normaliseName(text.slice(found.surnameStart, found.end));
  return env.allowNames.some((name) => name === full || name === surname || name.endsWith(' ' + surname));
}

function candidates(text: string): Candidate[] {
  const g = nameGrammar();
  const found: Candidate[] = [];
  /** A candidate from `start` (its title, if any, ends at `nameStart`), read on from `readAt`. */
  const add = (start: number, nameStart: number, readAt: number, severity: Severity, options: ReadOptions, firstName = false) => {
    if (nameStart < 0 || readAt < 0) return;
    const name = readName(text, readAt, g, options);
    if (name && !followedByNotAName(text, name.end, g)) found.push({ start, nameStart, severity, ...name, ...(firstName ? { firstName } : {}) });
  };
  g.capital.lastIndex = 0;
  // test(), not exec(): a capital is one character, and no match object is made for each.
  while (g.capital.test(text)) {
    const at = g.capital.lastIndex - 1;
    if (gluedBefore(text, at, "'’.-") || !isCapital(text, at)) continue;
    // Initials: "J. de Vries", "A.M. Hendriks", "Th. Bakker".
    if ((text[at + 1] === '.' || text[at + 2] === '.' || text[at + 3] === '.') && initialsAt(text, at, g)) {
      add(at, at, at, 'error', { initials: true, givenNames: 0, unknownGivenName: false });
    }
    // After a comma, a colon or the end of a sentence no title or first name belongs to
    // this word; a dot may still end a title ("dhr.").
    const previous = previousCharacter(text, at);
    if (previous === undefined || ',;:!?)'.includes(previous)) continue;
    const before = wordBeforeParticles(text, at, g.data);
    if (!before) continue;
    // A title: "mevrouw Jansen", "de heer P. van Dijk", "mevrouw van Dam".
    const title = titleStart(text, before, g.data);
    if (title !== undefined) {
      const nameStart = afterSpace(text, before.end, g);
      add(title, nameStart, nameStart, 'error', { initials: true, givenNames: 1, unknownGivenName: true });
      continue;
    }
    // A first name: "Sanne de Vries", "Jan Willem Bakker".
    const firstName = isFirstNameToken(before, g.data);
    if (firstName) {
      const severity = afterPlaceWord(text, firstName.start) ? 'warning' : 'error';
      add(firstName.start, firstName.start, afterSpace(text, firstName.end, g), severity, { initials: false, givenNames: 1, unknownGivenName: false }, true);
    }
  }
  return found;
}

export const nameDetector: PrivacyDetector = {
  id: 'privacy/name',
  defaultSeverity: 'error',
  detect(text, env) {
    const found = candidates(text);
    if (found.length === 0) return [];
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
