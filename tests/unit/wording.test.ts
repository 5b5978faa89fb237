/**
 * The words people read: one word per status in each language (the book, stats and validate
 * agree, and the CLI takes the Dutch word back), and "je", not "u", in every Dutch text.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../src/case/index.js';
import { t } from '../../src/i18n/index.js';
import { statusId } from '../../src/util/suggest.js';
import { repoRoot } from '../helpers.js';

describe('status words', () => {
  it.each(['nl', 'en'] as const)('%s: the book and stats use one word per status, and the CLI takes it', (lang) => {
    for (const status of STATUSES) {
      const book = t(lang, `render.book.statuses.${status}`).toLowerCase();
      expect(t(lang, `stats.status.${status}`).toLowerCase(), status).toBe(book);
      expect(statusId(book), book).toBe(status);
    }
    if (lang === 'nl') expect(STATUSES.map((s) => t(lang, `stats.status.${s}`))).toEqual(['concept', 'ter beoordeling', 'vastgesteld']);
  });

  it('no Dutch text calls a published case anything but vastgesteld', () => {
    const folder = path.join(repoRoot, 'data', 'messages', 'nl');
    for (const name of readdirSync(folder)) expect(readFileSync(path.join(folder, name), 'utf8'), name).not.toMatch(/gepubliceerd/i);
  });
});

describe('je, not u', () => {
  const dutch = [
    ...readdirSync(path.join(repoRoot, 'data', 'messages', 'nl')).map((name) => path.join('data', 'messages', 'nl', name)),
    ...readdirSync(path.join(repoRoot, 'templates', 'init')).map((name) => path.join('templates', 'init', name)),
  ];
  it.each(dutch)('%s', (file) => {
    const text = readFileSync(path.join(repoRoot, file), 'utf8');
    expect(text.match(/(?<![\p{L}'’-])(u|uw|U|Uw)(?![\p{L}'’.-])/gu) ?? []).toEqual([]);
  });
});
