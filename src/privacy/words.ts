/**
 * Ordinary Dutch words (data/privacy/dutch-words.txt, from the OpenTaal word list): a
 * capitalised word that is an ordinary word in lower case ("Vervolgens", "Gemeente") is
 * not read as a name where only its being unknown would make it one. The file holds
 * 300,000 words; building a set of them would cost more than the privacy rules take for a
 * thousand cases, so the sorted file is read as one string and binary-searched.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../paths.js';
import { boundedMemo } from '../util/memo.js';

let words: string | undefined;
/** Where the first word starts (after the comment lines). */
let first = 0;

function load(): string {
  if (words !== undefined) return words;
  words = readFileSync(path.join(dataDir, 'privacy', 'dutch-words.txt'), 'utf8');
  while (words.charCodeAt(first) === 35 /* # */) first = words.indexOf('\n', first) + 1;
  return words;
}

/**
 * True when `lower` (a word in lower case) is an ordinary Dutch word. Answers are
 * remembered: the same capitalised words come back in every case.
 */
export const isDutchWord: (lower: string) => boolean = boundedMemo((lower) => search(lower), 50_000);

function search(lower: string): boolean {
  const text = load();
  let low = first;
  let high = text.length;
  // Invariant: the word, if present, starts at a line start in [low, high).
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = text.lastIndexOf('\n', middle - 1) + 1;
    const lineStart = start < low ? low : start;
    let end = text.indexOf('\n', lineStart);
    if (end < 0) end = text.length;
    const word = text.slice(lineStart, end);
    if (word === lower) return true;
    if (word < lower) low = end + 1;
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
