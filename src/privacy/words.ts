/**
 * Ordinary Dutch words (data/privacy/dutch-words.txt, from the OpenTaal word list): a
 * capitalised word that is an ordinary word in lower case ("Vervolgens", "Gemeente") is
 * not read as a name where only its being unknown would make it one. The file holds
 * 300,000 words; building a set of them would cost more than the privacy rules take for a
 * thousand cases, so the sorted file is binary-searched. It is kept as its bytes, not decoded:
 * decoding its 3.7 MB of UTF-8 (4,000 words with accents make it a string of two bytes a
 * character) cost about 90 million instructions at every start (callgrind). The words are in
 * the same order by their UTF-8 bytes as by JavaScript's comparison of strings (no character
 * from U+D800 up; tests/unit/privacy-words.test.ts checks both).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../paths.js';
import { boundedMemo } from '../util/memo.js';

let words: Buffer | undefined;
/** Where the first word starts (after the comment lines). */
let first = 0;
const NEWLINE = 10;

function wordListBytes(): Buffer {
  if (words !== undefined) return words;
  words = readFileSync(path.join(dataDir, 'privacy', 'dutch-words.txt'));
  while (words[first] === 35 /* # */) first = words.indexOf(NEWLINE, first) + 1;
  return words;
}

/**
 * True when `lower` (a word in lower case) is an ordinary Dutch word. Answers are
 * remembered: the same capitalised words come back in every case.
 */
export const isDutchWord: (lower: string) => boolean = boundedMemo((lower) => search(lower), 50_000);

const encoder = new TextEncoder();
/** The word looked for, as UTF-8 (reused: at most three bytes a UTF-16 unit). */
let wanted = new Uint8Array(256);

function search(lower: string): boolean {
  const bytes = wordListBytes();
  if (lower.length * 3 > wanted.length) wanted = new Uint8Array(lower.length * 3);
  const size = encoder.encodeInto(lower, wanted).written;
  let low = first;
  let high = bytes.length;
  // Invariant: the word, if present, starts at a line start in [low, high).
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = bytes.lastIndexOf(NEWLINE, Math.max(0, middle - 1)) + 1;
    const lineStart = start < low ? low : start;
    let end = bytes.indexOf(NEWLINE, lineStart);
    if (end < 0) end = bytes.length;
    // Negative: the listed word sorts before `lower`.
    const order = bytes.compare(wanted, 0, size, lineStart, end);
    if (order === 0) return true;
    if (order < 0) low = end + 1;
    else high = lineStart;
  }
  return false;
}

/**
 * True when `lower` is a Dutch compound the word list does not have as a whole: two ordinary
 * words, the first perhaps with a linking s or e(n) ("schulddienstverlening",
 * "mantelzorgcentrale", "huisartsenpraktijk"). Only long words, with a first part of at least five
 * letters and a second of at least four ("Raghoebier", "Doorakkers" are no compounds).
 */
export const isDutchCompound: (lower: string) => boolean = boundedMemo((lower) => {
  if (lower.length < 10) return false;
  for (let split = 5; split <= lower.length - 4; split++) {
    if (!isDutchWord(lower.slice(split))) continue;
    const head = lower.slice(0, split);
    if (isDutchWord(head) || (/(?:s|e|en)$/u.test(head) && isDutchWord(head.replace(/(?:s|e|en)$/u, '')))) return true;
  }
  return false;
}, 50_000);
