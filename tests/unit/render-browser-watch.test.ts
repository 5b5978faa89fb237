/**
 * watchProgress's judgement, with a browser whose answers the test writes: when a print counts
 * as stuck (no processor time in its workers, answers on time or late from an idle main
 * process), when it does not (workers busy, or a busy main process answering late), and what
 * one failed answer does. The real Chromium is in render-browser-stall.test.ts and
 * build-hostile.test.ts; this file pins the rules on a fake clock.
 */
import type { Browser } from 'puppeteer-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchProgress } from '../../src/render/browser.js';

interface FakeBrowser {
  /** Processor seconds per second of the browser's main process and of its page renderer. */
  mainRate: number;
  rendererRate: number;
  /** How long an answer takes, in ms. */
  answerMs: number;
  /** Asks that fail next, in turn (true: fail). */
  failures: boolean[];
  asks: number;
  browser: Browser;
}

function fakeBrowser(mainRate: number, rendererRate: number, answerMs = 5): FakeBrowser {
  const start = Date.now();
  let main = 0;
  let renderer = 0;
  let last = start;
  const fake: FakeBrowser = { mainRate, rendererRate, answerMs, failures: [], asks: 0, browser: undefined as unknown as Browser };
  const session = {
    send: async () => {
      fake.asks++;
      if (fake.failures.shift()) throw new Error('Session closed');
      await new Promise((resolve) => setTimeout(resolve, fake.answerMs));
      const now = Date.now();
      main += ((now - last) / 1000) * fake.mainRate;
      renderer += ((now - last) / 1000) * fake.rendererRate;
      last = now;
      return {
        processInfo: [
          { type: 'browser', id: 1, cpuTime: main },
          { type: 'GPU', id: 2, cpuTime: 5 + (now - start) / 100 },
          { type: 'renderer', id: 3, cpuTime: renderer },
        ],
      };
    },
    detach: async () => undefined,
  };
  fake.browser = { target: () => ({ createCDPSession: async () => session }) } as unknown as Browser;
  return fake;
}

/** This process itself does nothing meanwhile. */
const idleSelf = (): NodeJS.CpuUsage => ({ user: 0, system: 0 });

/** Watches for `runMs` of fake time; the time of the stall from the start, or undefined. */
async function watch(fake: FakeBrowser, stallMs: number, runMs: number, change?: (atMs: number) => void): Promise<number | undefined> {
  const start = Date.now();
  let stalledAt: number | undefined;
  const unwatch = watchProgress(fake.browser, stallMs, () => (stalledAt = Date.now() - start), idleSelf);
  for (let at = 0; at < runMs && stalledAt === undefined; at += 100) {
    change?.(at);
    await vi.advanceTimersByTimeAsync(100);
  }
  unwatch();
  return stalledAt;
}

describe('watchProgress', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-04T12:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('calls a print stuck when its workers use no processor time for the stall window while the browser answers on time', async () => {
    const stalledAt = await watch(fakeBrowser(0.1, 0), 2500, 20_000);
    expect(stalledAt).toBeGreaterThanOrEqual(2500);
    expect(stalledAt).toBeLessThan(3200);
  });

  it('leaves a print alone while its renderer works, however slowly', async () => {
    expect(await watch(fakeBrowser(0.1, 0.3), 2500, 20_000)).toBeUndefined();
  });

  it('counts late answers from a busy main process as progress (it is taking in the printed pages)', async () => {
    const fake = fakeBrowser(0.9, 0, 1500);
    expect(await watch(fake, 2500, 20_000)).toBeUndefined();
  });

  it('does not count late answers from a main process that is only ticking: a stuck print on a busy machine is still stopped', async () => {
    const fake = fakeBrowser(0.1, 0, 1500);
    const stalledAt = await watch(fake, 2500, 20_000);
    expect(stalledAt).toBeDefined();
    expect(stalledAt).toBeLessThan(6000);
  });

  it('keeps watching after one failed answer, and stops a print that got stuck after it', async () => {
    const fake = fakeBrowser(0.1, 0.5);
    const stalledAt = await watch(fake, 2500, 20_000, (at) => {
      if (at === 1000) fake.failures.push(true);
      if (at === 3000) fake.rendererRate = 0;
    });
    expect(stalledAt).toBeGreaterThanOrEqual(3000 + 2500 - 300);
    expect(stalledAt).toBeLessThan(3000 + 2500 + 1000);
  });

  it('does not watch a browser that cannot tell (its first answer fails), nor one whose answers keep failing', async () => {
    const cannotTell = fakeBrowser(0.1, 0);
    cannotTell.failures.push(true);
    expect(await watch(cannotTell, 2500, 20_000)).toBeUndefined();
    expect(cannotTell.asks).toBe(1);

    const breaking = fakeBrowser(0.1, 0);
    expect(
      await watch(breaking, 2500, 20_000, (at) => {
        if (at === 500) breaking.failures.push(true, true, true, true, true);
      }),
    ).toBeUndefined();
    expect(breaking.asks).toBeLessThan(10);
  });
});
