/** Progress of `casebook build`: on a CI runner (no TTY) timed lines and "still busy" every few seconds; --quiet silences it. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressWriter } from '../../src/cli/commands/build.js';
import { runCli } from '../../src/cli/main.js';
import { makeTree, repoRoot } from '../helpers.js';

const collect = (isTTY: boolean, env: NodeJS.ProcessEnv = { CI: 'true' }) => {
  const lines: string[] = [];
  return { lines, io: { stdout: { write: () => true }, stderr: { isTTY, write: (s: string) => lines.push(...s.trimEnd().split('\n')) }, cwd: '/', env } };
};

describe('progress of a build', () => {
  afterEach(() => vi.useRealTimers());

  it('on a CI runner: each step with the time since the start, and a line every 10 s while a step runs', () => {
    vi.useFakeTimers();
    const { lines, io } = collect(false);
    const progress = progressWriter(io, false, () => 'nl', () => Date.now())!;
    progress.onProgress('HTML opmaken (3 casussen)...');
    vi.advanceTimersByTime(2_000);
    progress.onProgress('PDF opmaken, ronde 1...');
    vi.advanceTimersByTime(21_000);
    progress.stop();
    vi.advanceTimersByTime(60_000);
    expect(lines).toEqual([
      '[0 s] HTML opmaken (3 casussen)...',
      '[2 s] PDF opmaken, ronde 1...',
      '[10 s] nog bezig: PDF opmaken, ronde 1...',
      '[20 s] nog bezig: PDF opmaken, ronde 1...',
    ]);
  });

  it('on a terminal: one plain line per step; with --quiet: nothing', () => {
    vi.useFakeTimers();
    const tty = collect(true, {});
    const progress = progressWriter(tty.io, false, () => 'en')!;
    progress.onProgress('Starting the browser...');
    vi.advanceTimersByTime(30_000);
    expect(tty.lines).toEqual(['Starting the browser...']);
    expect(progressWriter(collect(false).io, true, () => 'nl')).toBeUndefined();
    // Output to a file or a pipe outside CI: no progress either.
    expect(progressWriter(collect(false, {}).io, false, () => 'nl')).toBeUndefined();
    expect(progressWriter(collect(false, { TF_BUILD: 'True' }).io, false, () => 'nl')).toBeDefined();
  });

  it('a real build under CI prints timed steps on stderr, and none with --quiet', async () => {
    const dir = makeTree({});
    const run = async (args: string[]) => {
      const { lines, io } = collect(false);
      io.cwd = dir;
      io.env = { CI: 'true', NO_COLOR: '1' };
      const code = await runCli(['build', '--format', 'html', '--casebook', repoRoot, '--out', dir, ...args], io);
      return { code, lines };
    };
    const loud = await run([]);
    expect(loud.code).toBe(0);
    expect(loud.lines[0]).toMatch(/^\[\d+ s\] HTML opmaken \(\d+ casussen\)\.\.\.$/);
    const quiet = await run(['--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.lines.filter((l) => l.startsWith('['))).toEqual([]);
  });
});
