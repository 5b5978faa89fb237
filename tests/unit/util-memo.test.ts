import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/util/memo.js';

describe('boundedMemo', () => {
  it('computes each answer once, and holds at most `max` answers before it starts over', () => {
    const asked: string[] = [];
    const length = boundedMemo((word) => (asked.push(word), word.length), 2);
    expect([length('a'), length('bb'), length('a'), length('bb')]).toEqual([1, 2, 1, 2]);
    expect(asked).toEqual(['a', 'bb']);
    // A third word clears the memory: the first two are computed again.
    expect([length('ccc'), length('a'), length('ccc')]).toEqual([3, 1, 3]);
    expect(asked).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});
