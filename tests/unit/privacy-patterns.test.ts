import { describe, expect, it } from 'vitest';
import { compilePatterns, nestedRepetition } from '../../src/privacy/patterns.js';

describe('nestedRepetition', () => {
  it.each([
    ['(a+)+$', '(a+)+'],
    ['^(\\d*-)*x', '(\\d*-)*'],
    ['(x{2,})+', '(x{2,})+'],
    ['((ab)+c)*', '((ab)+c)*'],
    ['(?:a|b+)+', '(?:a|b+)+'],
    ['(?<n>[a-z]+\\s?)*$', '(?<n>[a-z]+\\s?)*'],
    ['(a{1,3}){2,}', '(a{1,3}){2,}'],
  ])('%s repeats a repetition: %s', (pattern, part) => {
    expect(nestedRepetition(pattern)).toBe(part);
  });

  it.each(['(?:KLT|DOS)-\\d{6}', '\\d{4}[A-Z]{2}', '(\\d{4})+', '[a+]+', '\\(a+\\)+', 'a+b+', '(?<jaar>\\d{4})-\\d+', '(a+)?', '(ab)+', '\\bZK\\d{2}-\\d{5,}\\b'])('%s is fine', (pattern) => {
    expect(nestedRepetition(pattern)).toBeUndefined();
  });

  it('such a pattern is set aside, the others compile', () => {
    const patterns = [{ id: 'boos', pattern: '(a+)+$', severity: 'error' as const }, { id: 'zaak', pattern: 'ZK\\d{6}', severity: 'error' as const }];
    const { compiled, invalid } = compilePatterns(patterns);
    expect(compiled.map((c) => c.pattern.id)).toEqual(['zaak']);
    expect(invalid).toEqual([{ index: 0, pattern: patterns[0], detail: '(a+)+', kind: 'nested' }]);
  });
});
