import { describe, expect, it } from 'vitest';
import { defaultWorkers, workerCount } from '../../src/load/threads.js';

describe('how many worker threads a run gets', () => {
  it('uses none on two cores or fewer: one thread already keeps about 1.35 cores busy (issue 18)', () => {
    expect(defaultWorkers(1)).toBe(0);
    expect(defaultWorkers(2)).toBe(0);
    expect(workerCount(10_000, {}, 2)).toBe(0);
  });

  it('uses one per core besides the main thread on more cores, up to eight', () => {
    expect(defaultWorkers(4)).toBe(3);
    expect(workerCount(10_000, {}, 4)).toBe(3);
    expect(workerCount(10_000, {}, 32)).toBe(8);
  });

  it('keeps a small casebook on the main thread and follows CASEBOOK_THREADS', () => {
    expect(workerCount(1999, {}, 8)).toBe(0);
    expect(workerCount(10_000, { count: 1 }, 2)).toBe(1);
    expect(workerCount(200, { count: 2, threshold: 1 }, 2)).toBe(2);
  });
});
