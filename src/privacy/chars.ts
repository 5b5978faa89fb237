/**
 * Character and word helpers for the privacy rules. The rules scan every text of every
 * case, so their patterns start with a cheap character (a digit, a capital) and the
 * checks around a hit (what stands before it, which word precedes it) are done here, in
 * plain code, only at the hits. A pattern that starts with a lookbehind or a long
 * alternation is tried at every position of the text and costs ten times more.
 */

import { lazyPattern } from './lazy.js';

const letterOrDigit = /[\p{L}\p{N}]/u;

/** True for a letter or digit of any script (undefined, before the start, is neither). */
export function isLetterOrDigit(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  // ASCII, which is most of the text, without a regular expression.
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return letterOrDigit.test(ch);
}

/** 1 for the ASCII letters and digits. */
const ASCII_WORD = new Uint8Array(128);
for (let code = 0; code < 128; code++) ASCII_WORD[code] = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 0;

/**
 * isLetterOrDigit of the character at `i` (inside the text), read by its code (no string of
 * one character for each) and, for ASCII, from a table (a comparison first reached late in a
 * run sends its caller's optimised code back to the interpreter).
 */
export function isLetterOrDigitAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? ASCII_WORD[code] === 1 : letterOrDigit.test(text[i]!);
}

const letterAt = lazyPattern(String.raw`\p{L}`, 'uy');

/** True when a letter of any script (two UTF-16 units or one) ends right before `at`. */
export function letterBefore(text: string, at: number): boolean {
  if (at <= 0) return false;
  const code = text.charCodeAt(at - 1);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  const high = code >= 0xdc00 && code <= 0xdfff && at >= 2 ? text.charCodeAt(at - 2) : 0;
  const letter = letterAt();
  letter.lastIndex = high >= 0xd800 && high <= 0xdbff ? at - 2 : at - 1;
  return letter.test(text);
}

/**
 * Space, tab, no-break space, line feed or carriage return at `i` (inside the text). By code,
 * not `text[i]`: a character above U+00FF read as a string is a new string each time, and
 * such strings sent TurboFan's code for the scans below back to the interpreter.
 */
function isSpaceAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code === 32 || code === 9 || code === 0xa0 || code === 10 || code === 13;
}

/** True when the character before `at` is a letter, a digit or one of `also`. */
export function gluedBefore(text: string, at: number, also = ''): boolean {
  // At the start (not read out of bounds: that sent the callers' optimised code back to the
  // interpreter), or after a space or a line break: the common case, answered first.
  if (at <= 0 || at > text.length) return false;
  const code = text.charCodeAt(at - 1);
  if (code === 32 || code === 10) return false;
  const ch = text[at - 1]!;
  return also.includes(ch) || isLetterOrDigit(ch);
}

export interface Token {
  start: number;
  end: number;
  text: string;
}

/**
 * The word before `at`, when white space (at most one line break) separates them: the
 * non-space characters before it, up to 24 of them. Undefined at the start of the text or
 * when `at` is glued to what stands before it.
 */
export function tokenBefore(text: string, at: number): Token | undefined {
  let end = at;
  let breaks = 0;
  while (end > 0 && isSpaceAt(text, end - 1)) {
    if (text.charCodeAt(end - 1) === 10 && ++breaks > 1) return undefined;
    end--;
  }
  if (end === at || end === 0) return undefined;
  let start = end;
  while (start > 0 && !isSpaceAt(text, start - 1) && end - start < 24) start--;
  if (start > 0 && !isSpaceAt(text, start - 1)) return undefined;
  return { start, end, text: text.slice(start, end) };
}

/** The last character before `at` that is not white space. */
export function previousCharacter(text: string, at: number): string | undefined {
  let i = at;
  while (i > 0 && isSpaceAt(text, i - 1)) i--;
  return i > 0 ? text[i - 1] : undefined;
}
