/** src/privacy/lazy.ts: a pattern made on first use is the pattern the literal was, made once. */
import { describe, expect, it } from 'vitest';
import { lazyFields, lazyPattern, startsWithCapital } from '../../src/privacy/lazy.js';

describe('patterns made on first use', () => {
  it('makes the pattern once, with the source and flags given', () => {
    const pattern = lazyPattern(String.raw`(?<![\p{L}])ab\.(?![\p{L}])`, 'giu');
    const first = pattern();
    expect(first).toBeInstanceOf(RegExp);
    expect(first.flags).toBe('giu');
    expect(first.source).toBe(/(?<![\p{L}])ab\.(?![\p{L}])/giu.source);
    expect(pattern()).toBe(first);
    first.lastIndex = 3;
    expect(pattern().lastIndex).toBe(3);
  });

  it('makes each field at its first read, once, and lists every field', () => {
    const made: string[] = [];
    const fields = lazyFields<{ a: RegExp; b: RegExp }>({
      a: () => (made.push('a'), /a/),
      b: () => (made.push('b'), /b/),
    });
    expect(made).toEqual([]);
    const a = fields.a;
    expect(fields.a).toBe(a);
    expect(made).toEqual(['a']);
    expect(Object.keys(fields)).toEqual(['a', 'b']);
    expect(made).toEqual(['a']);
  });

  it('startsWithCapital is /^\\p{Lu}/u', () => {
    for (const word of ['Anna', 'anna', 'Élodie', 'élodie', 'Ωmega', '', "'s-Hertogenbosch", '\ud835\udc00x', '1A']) {
      expect(startsWithCapital(word)).toBe(/^\p{Lu}/u.test(word));
    }
  });
});
