/**
 * titleOrder (context.ts) sorts the cases of a chapter by title as Intl.Collator(lang, { numeric:
 * true, sensitivity: 'base' }) does, and sets the collator up only for titles it cannot order by
 * their first differing ASCII letters.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { titleOrder } from '../../src/render/context.js';
import { repositoryTexts } from '../helpers.js';

const sign = (n: number) => Math.sign(n);

/** Pairs of random titles that often share a beginning, from characters at the edge of the rule. */
function randomPairs(count: number): Array<[string, string]> {
  const pool = [
    ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', ...'0123456789', ' ', ' ', ...' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', '\u007F', '’',
    ...Array.from({ length: 64 }, (_, i) => String.fromCharCode(0xc0 + i)), 'e\u0301', 'E\u0308', 'œ', 'ÿ', 'Ÿ', 'ā', 'ł', 'ı', 'İ', 'ĳ', 'Ĳ', '\u0301', '\u0308', '\u00AD', '\u200B', 'ß', 'ﬁ', 'Ⅻ', '²', '½', 'я', 'Й', 'и\u0306', 'α', 'ก', 'เก', 'ا', '中', '😀', '\t', '\u00A0',
  ];
  let seed = 20261204;
  const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const word = (length: number) => Array.from({ length }, () => pool[random(pool.length)]!).join('');
  return Array.from({ length: count }, () => {
    const common = word(random(6));
    return [common + word(random(5)), common + word(random(5))];
  });
}

const RealCollator = Intl.Collator;
afterEach(() => {
  Intl.Collator = RealCollator;
});

describe('titles in the collator\'s order', () => {
  for (const lang of ['nl', 'en'] as const) {
    it(`gives the collator's order on random titles (${lang})`, () => {
      const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
      const order = titleOrder(lang);
      for (const [a, b] of randomPairs(200_000)) {
        expect(sign(order(a, b)), JSON.stringify([a, b])).toBe(sign(collator.compare(a, b)));
        expect(sign(order(b, a)), JSON.stringify([b, a])).toBe(sign(collator.compare(b, a)));
      }
    });
  }

  it('gives the collator\'s order on the repository\'s texts, first lines as titles', () => {
    const titles = [...new Set(repositoryTexts().map((text) => text.split('\n')[0]!.slice(0, 80)))].slice(0, 600);
    const collator = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' });
    const order = titleOrder('nl');
    for (const a of titles) for (const b of titles) expect(sign(order(a, b)), JSON.stringify([a, b])).toBe(sign(collator.compare(a, b)));
  });

  it('sets up no collator for titles that first differ in ASCII letters, and one for the rest', () => {
    let made = 0;
    Intl.Collator = function (...args: ConstructorParameters<typeof Intl.Collator>) {
      made++;
      return new RealCollator(...args);
    } as unknown as typeof Intl.Collator;
    const order = titleOrder('nl');
    expect(['"Ik ben niet gek"', 'Over drie weken', '"Iedereen komt"', 'negen hulpverleners', 'Over drie weken'].sort(order)).toEqual([
      '"Iedereen komt"', '"Ik ben niet gek"', 'negen hulpverleners', 'Over drie weken', 'Over drie weken',
    ]);
    expect(made).toBe(0);
    expect(order('(a)', 'a')).toBeLessThan(0);
    expect(order('b', '"a"')).toBeGreaterThan(0);
    expect(made).toBe(0);
    // Digits and an end are the collator's to weigh.
    expect(order('zaak 10', 'Zaak 9')).toBeGreaterThan(0);
    expect(order('zaak', 'zaak 1')).toBeLessThan(0);
    expect(made).toBe(1);
    // An accent or a capital alone: equal at the base level, as the collator says.
    expect(order('Één', 'een')).toBe(0);
    expect(order('Eén webwinkel', 'Een baan')).toBeGreaterThan(0);
  });
});
