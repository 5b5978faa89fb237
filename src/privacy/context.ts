/**
 * Context words: whether a word such as "BSN" or "geboren" stands near a match. Near means
 * within a few words before or after it, counted on whitespace, so that punctuation
 * ("BSN: 123…", "(geb. 1-2-1950)") does not get in the way.
 */

const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0;

/** The text of the `count` words before `start` (what is glued to `start`, like "(", does not count). */
export function wordsBefore(text: string, start: number, count: number): string {
  let at = start;
  while (at > 0 && !isSpace(text.charCodeAt(at - 1))) at--;
  for (let words = 0; words < count && at > 0; words++) {
    while (at > 0 && isSpace(text.charCodeAt(at - 1))) at--;
    while (at > 0 && !isSpace(text.charCodeAt(at - 1))) at--;
  }
  return text.slice(at, start);
}

/** The text of the `count` words after `end` (what is glued to `end`, like ",", does not count). */
export function wordsAfter(text: string, end: number, count: number): string {
  let at = end;
  while (at < text.length && !isSpace(text.charCodeAt(at))) at++;
  for (let words = 0; words < count && at < text.length; words++) {
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    while (at < text.length && !isSpace(text.charCodeAt(at))) at++;
  }
  return text.slice(end, at);
}

/** True when `words` matches within `before` words before or `after` words after the range. */
export function near(text: string, start: number, end: number, words: RegExp, before: number, after: number): boolean {
  return words.test(wordsBefore(text, start, before)) || (after > 0 && words.test(wordsAfter(text, end, after)));
}

/**
 * The part of `before` after the last end of a sentence ("Dat klopt. Nu 6823 ga" → " Nu ").
 * A sentence ends at a mark followed by a space or a line break; dots inside a word, a date or
 * an e-mail address ("01.02.2024", "r.janssen@debrug.nl") do not end it, nor hide an earlier end.
 */
export const sentenceBefore = (before: string): string => before.slice(Math.max(-1, ...[...before.matchAll(/[.!?](?=[\s\u00a0])/gu)].map((m) => m.index)) + 1);

/**
 * A table: the row of `start` has columns (split by "|", a tab or two spaces) and stands under
 * a header row that matches `cue` ("Naam | Geboortedatum | BSN", "cliënt  postcode  status"),
 * with no empty line between.
 */
export function underHeader(text: string, start: number, cue: RegExp): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', start);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  if (!columns.test(line)) return false;
  let at = lineStart - 1;
  for (let rows = 0; rows < 20 && at > 0; rows++) {
    const previous = text.lastIndexOf('\n', at - 1) + 1;
    const row = text.slice(previous, at);
    if (row.trim() === '') return false;
    if (columns.test(row) && cue.test(row)) return true;
    at = previous - 1;
  }
  return false;
}
const columns = /\||\t|\S[ \u00a0]{2,}\S/u;
