/**
 * runInBrowser with the real Chromium: its helper processes wait for the browser as long as the
 * build may take (a print compositor that gave up after Chromium's 15 s hung the 1,000-case
 * book under load), and a browser that stops making progress is stopped with the caller's
 * error, while one that is merely slow is left to work.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CasebookError } from '../../src/errors.js';
import { runInBrowser } from '../../src/render/browser.js';

const env = { PUPPETEER_EXECUTABLE_PATH: '/usr/bin/chromium' };
const timeoutError = () => new CasebookError('time is up');

/** The live processes of a browser's session (puppeteer starts it detached) with their command lines. */
function session(sid: number): Array<{ pid: number; args: string[] }> {
  const listed = spawnSync('ps', ['-o', 'pid=,stat=', '-s', String(sid)], { encoding: 'utf8' }).stdout;
  return listed
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, stat]) => pid && !stat!.startsWith('Z'))
    .flatMap(([pid]) => {
      try {
        return [{ pid: Number(pid), args: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/) }];
      } catch {
        return []; // gone meanwhile
      }
    });
}

describe.skipIf(process.platform !== 'linux')('runInBrowser with Chromium', () => {
  it("lets Chromium's helper processes wait for the browser as long as the build may take, not 15 s", async () => {
    const helpers = await runInBrowser({ env, timeoutMs: 200_000, timeoutError }, async (browser) => {
      const page = await browser.newPage();
      await page.setContent('<p>Casus</p>');
      // The zygotes only fork the others; they connect to nothing themselves.
      return session(browser.process()!.pid!).filter((p) => p.args.some((a) => /^--type=(renderer|utility|gpu-process)$/.test(a)));
    });
    expect(helpers.filter((p) => p.args.includes('--type=renderer')).length).toBeGreaterThan(0);
    for (const helper of helpers) expect(helper.args).toContain('--ipc-connection-timeout=200');
  });

  it('stops a browser that makes no progress with the stall error, and leaves nothing of it running', async () => {
    let sid = 0;
    const started = Date.now();
    const run = runInBrowser(
      { env, timeoutMs: 60_000, timeoutError, stallMs: 2000, stallError: (path) => new CasebookError(`stuck: ${path}`) },
      async (browser) => {
        sid = browser.process()!.pid!;
        const page = await browser.newPage();
        await page.setContent('<p>Casus</p>');
        // The page's renderer stops: whatever is asked of the page now never comes back.
        for (const p of session(sid)) if (p.args.includes('--type=renderer')) process.kill(p.pid, 'SIGSTOP');
        return page.evaluate(() => document.title);
      },
    );
    await expect(run).rejects.toThrow('stuck: /usr/bin/chromium');
    expect(Date.now() - started).toBeLessThan(30_000);
    await expect.poll(() => session(sid), { timeout: 3000, interval: 100 }).toEqual([]);
  }, 60_000);

  it('leaves a slow browser that keeps working alone', async () => {
    const stallError = () => new CasebookError('stuck');
    const result = await runInBrowser({ env, timeoutMs: 60_000, timeoutError, stallMs: 1500, stallError }, async (browser) => {
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(true);
      // Four seconds of work in the page, longer than the stall window, without a break.
      return page.evaluate(() => {
        const until = Date.now() + 4000;
        let n = 0;
        while (Date.now() < until) n++;
        return n > 0;
      });
    });
    expect(result).toBe(true);
  }, 60_000);
});
