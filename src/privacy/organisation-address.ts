/**
 * Whose address: a street and number, and its postcode, that belong to an organisation (a
 * school, a GP practice, the town hall, a housing corporation) are no resident's and are
 * reported as a hint. The organisation is named right before the address: on the lines
 * above it in the same block of lines (a letterhead, a signature), or on its line with a
 * comma, bar or bracket between, or a label such as "Bezoekadres:" stands before it. The
 * words are data (data/privacy/context-words.yaml, `organisation`).
 */
import { sentenceBefore } from './context.js';
import type { PrivacyData } from './data.js';
import { lazyPattern } from './lazy.js';

/** What stands between an organisation's name and its address on one line: "Gemeente Zwolle, Lübeckplein 2". */
const separatorEnd = /[,|(–—][ \u00a0]*$/u;
/** Where the organisation's name before a separator starts: after a sentence's end, a separator or a colon. */
const phraseStart = /[.!?;:,|(–—](?=[ \u00a0])/gu;
/** A line that addresses or names a resident, above an address: "Aan de ouders van …", "t.a.v. mevrouw …", "Naam: …". */
const residentLine = lazyPattern(String.raw`^(?:aan|t\.?\s?a\.?\s?v\.?|naam|cliënt|client|bewoner|bewoners|huurder|betreft|de heer|mevrouw|meneer|familie|fam\.)(?![\p{L}])`, 'iu');
/** Before the street on its line, nothing or capitalised words of its name ("Jan Steenlaan 2", "Drs. F. Bijlweg 20"). */
const streetNameOnly = lazyPattern(String.raw`^[ \t]*(?:\p{Lu}[\p{L}.'’\-]*[ \u00a0]+)*$`, 'u');
/** How many lines above an address may name its organisation (a letterhead: name, department, Postbus). */
const LINES_ABOVE = 4;

/** True when the address that starts at `start` is an organisation's; `isPersonsLine` tells a line that is a person's name. */
export function organisationsAddress(text: string, start: number, data: PrivacyData, isPersonsLine: (line: string) => boolean): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  if (data.context.organisationAddressLabel.test(before)) return true;
  if (separatorEnd.test(before)) {
    const phrase = before.replace(separatorEnd, '');
    return data.context.organisation.test(lastPhrase(phrase)) && !data.context.residence.test(sentenceBefore(phrase));
  }
  return streetNameOnly().test(before) && !data.context.residence.test(before) && organisationAbove(text, lineStart, data, isPersonsLine);
}

/** The last words before a separator, back to a sentence's end or another separator (at most six words). */
function lastPhrase(before: string): string {
  const from = Math.max(0, ...[...before.matchAll(phraseStart)].map((m) => m.index + 1));
  return before.slice(from).trim().split(/[ \u00a0]+/u).slice(-6).join(' ');
}

/** True when a line above `lineStart`, in the same block and below any person's name, names an organisation. */
function organisationAbove(text: string, lineStart: number, data: PrivacyData, isPersonsLine: (line: string) => boolean): boolean {
  let end = lineStart - 1;
  for (let lines = 0; lines < LINES_ABOVE && end > 0; lines++) {
    const from = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(from, end).trim();
    if (line === '' || line.length > 100 || residentLine().test(line) || data.context.residence.test(line) || isPersonsLine(line)) return false;
    if (data.context.organisation.test(line)) return true;
    end = from - 1;
  }
  return false;
}
