/**
 * isDutchWord binary-searches the bytes of data/privacy/dutch-words.txt: it must answer as
 * a set of the listed words does, for every listed word and for words near them. That holds
 * because the file is sorted alike by JavaScript's string comparison and by UTF-8 bytes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir } from '../../src/paths.js';
import { isDutchWord } from '../../src/privacy/words.js';

const text = readFileSync(path.join(dataDir, 'privacy', 'dutch-words.txt'), 'utf8');
const words = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
const listed = new Set(words);

describe('isDutchWord', () => {
  it('reads a list sorted alike by string comparison and by UTF-8 bytes, without characters from U+D800 up', () => {
    expect(words.length).toBeGreaterThan(300_000);
    const bytes = words.map((word) => Buffer.from(word));
    const unsorted = words.filter((word, i) => i > 0 && !(words[i - 1]! < word && Buffer.compare(bytes[i - 1]!, bytes[i]!) < 0));
    expect(unsorted).toEqual([]);
    expect([...text].some((ch) => ch.codePointAt(0)! >= 0xd800)).toBe(false);
  });

  it('finds every listed word', () => {
    const missed = words.filter((word) => !isDutchWord(word));
    expect(missed).toEqual([]);
  });

  it('answers as the set of listed words for words near them, and for odd ones', () => {
    const asked = ['', ' ', '#', 'ü', 'é', 'a b', '😀', 'zzzzzz', 'aaaaaa', 'naïef😀', '\ud800', words[0]! + 'x', words.at(-1)! + 'x'];
    for (let i = 0; i < words.length; i += 25) {
      const word = words[i]!;
      asked.push(word + 'q', word.slice(0, -1), word + 'é', word.toUpperCase(), `${word}\u00a0`);
    }
    const wrong = asked.filter((word) => isDutchWord(word) !== listed.has(word));
    expect(wrong).toEqual([]);
  });
});
