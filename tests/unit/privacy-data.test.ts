import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lowerListSet } from '../../src/privacy/data.js';
import { dataDir } from '../../src/paths.js';

/** The lines of a list file lower-cased one by one, as privacyData read them before. */
function lineByLine(name: string): string[] {
  return readFileSync(path.join(dataDir, 'privacy', name), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.toLowerCase());
}

describe('lowerListSet (a list file lower-cased whole)', () => {
  it('has the same words, in the same order, as lower-casing each line, for every list file', () => {
    const lists = readdirSync(path.join(dataDir, 'privacy')).filter((name) => name.endsWith('.txt') && name !== 'dutch-words.txt' && !name.includes('LICENSE'));
    expect(lists).toContain('first-names-more.txt');
    for (const name of lists) expect([...lowerListSet(name)], name).toEqual([...new Set(lineByLine(name))]);
  });

  it('joins several files in order', () => {
    expect([...lowerListSet('first-names.txt', 'first-names-more.txt')]).toEqual([...new Set([...lineByLine('first-names.txt'), ...lineByLine('first-names-more.txt')])]);
  });

  it('reads accented and capitalised names in lower case', () => {
    const names = lowerListSet('surnames-more.txt');
    expect(names.has('abacı')).toBe(true);
    expect([...names].some((name) => name !== name.toLowerCase())).toBe(false);
  });
});
