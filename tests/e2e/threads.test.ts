/**
 * A casebook large enough for worker threads gets exactly what one thread gives: the same
 * messages in the same order with the same positions, the same suggestions and the same exit
 * code. The threshold is lowered (CASEBOOK_THREAD_THRESHOLD) so that 200 generated cases with
 * mistakes planted in them are shared out over threads. The threads exist only in the
 * compiled CLI (dist/), so these runs start it as a process. And a thread that fails stops
 * the run with a clear message, not a hang.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { generateCasebook } from '../../bench/generate.mjs';
import { runCli, yamlFiles } from '../helpers.js';
import { loadCasebook, type FileTask } from '../../src/load/index.js';
import { CasebookError } from '../../src/errors.js';

const CASES = 200;
const threaded = { CASEBOOK_THREAD_THRESHOLD: '1', CASEBOOK_THREADS: '2' };
const single = { CASEBOOK_THREADS: '0' };
let dir: string;

/** Every kind of finding, placed in every eighth file: syntax, schema, privacy, across files, suppressed, comments. */
const mistakes: Array<(text: string) => string> = [
  (text) => text.replace(/^domains: \[/m, 'domains: [wmoo, '),
  (text) => text.replace(/^situation: [|>]-?\n/m, '$&  Haar BSN is 111222333, mail jan@example.nl of bel 06-12345678.\n\n'),
  (text) => text.replace(/^related: \[/m, 'related: [bestaat-niet, '),
  (text) => text.replace(/^title: /m, 'title: [onafgesloten\n'),
  (text) => text.replace(/^id: .*$/m, 'id: dubbel'),
  (text) => text.replace(/^situation: [|>]-?\n/m, '# casebook-disable-next-line privacy\n$&  Bel 06-12345678.\n\n'),
  (text) => text.replace(/^title: .*$/m, 'title: Casus #3 uit het overleg'),
  (text) => text.replace(/^status: .*$/m, 'status: published\nstatus: draft'),
];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'casebook-threads-'));
  generateCasebook(dir, CASES);
  yamlFiles(path.join(dir, 'cases')).sort().forEach((file, i) => {
    if (i % 8 === 0) writeFileSync(file, mistakes[(i / 8) % mistakes.length]!(readFileSync(file, 'utf8')));
  });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('worker threads', () => {
  it.each([
    [['validate', '--format', 'json']],
    [['validate']],
    [['tag', '--format', 'json']],
    [['tag']],
    // Stopped by the errors: the same report as validate's, from the checks made while loading.
    [['build', '--format', 'html']],
  ])('casebook %j prints the same in threads as on one thread', (args) => {
    const one = runCli(args, { cwd: dir, env: single });
    const many = runCli(args, { cwd: dir, env: threaded });
    expect(many.stdout).toBe(one.stdout);
    expect(many.stderr).toBe(one.stderr);
    expect(many.code).toBe(one.code);
    expect(one.stdout.length).toBeGreaterThan(5000);
    if (args[0] !== 'tag') expect(one.code).toBe(1);
    if (args[0] === 'validate') {
      const rules = new Set((args[1] === '--format' ? (JSON.parse(one.stdout) as { messages: Array<{ rule: string }> }).messages.map((m) => m.rule) : []));
      if (rules.size > 0) {
        for (const rule of ['casebook/duplicate-id', 'casebook/related-missing', 'casebook/comment-in-text', 'privacy/bsn', 'privacy/phone', 'schema/enum', 'yaml/syntax']) expect([...rules]).toContain(rule);
      }
    }
  }, 60_000);
});

describe('a worker thread that fails', () => {
  const task: FileTask<undefined> = {
    worker: new URL('../fixtures/threads/failing-worker.mjs', import.meta.url),
    prepare: () => (file) => ({ data: undefined, messages: file.messages, result: undefined }),
  };
  it.each(['file', 'load', 'exit'])('stops the run with a clear message when it fails (%s), never a hang', async (how) => {
    const previous = process.env.CASEBOOK_TEST_FAILURE;
    process.env.CASEBOOK_TEST_FAILURE = how;
    try {
      const run = loadCasebook({ cwd: dir, task, threads: { count: 1, threshold: 1 } });
      await expect(run).rejects.toBeInstanceOf(CasebookError);
      await expect(run).rejects.toThrow(/^Er ging iets mis in casebook zelf: worker thread: .*(planted failure|exit code 3)/);
    } finally {
      if (previous === undefined) delete process.env.CASEBOOK_TEST_FAILURE;
      else process.env.CASEBOOK_TEST_FAILURE = previous;
    }
  }, 30_000);
});
