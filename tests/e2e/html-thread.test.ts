/**
 * `build --format html` lays the HTML out ahead in a worker thread while the main thread
 * loads and validates (src/build/html-thread.ts). The book is the same bytes as on one thread
 * (CASEBOOK_THREADS=0) with every kind of edition, and the build says the same. The thread
 * exists only in the compiled package (dist/), so the thread itself is tested there: its
 * HTML is the book a build writes, and it is refused when a file the build validated reads
 * differently from the file the thread laid out, or when the settings differ.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCasebook } from '../../bench/generate.mjs';
import { EPOCH, runCli } from '../helpers.js';
// The compiled modules: the worker thread is dist/build/html-worker.js.
import { htmlThreadWanted, startHtmlThread, type HtmlJob, type HtmlSettings } from '../../dist/build/html-thread.js';
import { loadAndValidate } from '../../dist/validate/index.js';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
let generated: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'casebook-html-thread-'));
  generated = path.join(dir, 'generated');
  generateCasebook(generated, 120);
  // The example casebook, with a template folder of its own (a changed stylesheet).
  cpSync(path.join(root, 'casebook.yaml'), path.join(dir, 'example', 'casebook.yaml'));
  cpSync(path.join(root, 'cases'), path.join(dir, 'example', 'cases'), { recursive: true });
  cpSync(path.join(root, 'templates'), path.join(dir, 'own-templates'), { recursive: true });
  writeFileSync(path.join(dir, 'own-templates', 'style.css'), `${readFileSync(path.join(root, 'templates', 'style.css'), 'utf8')}\nbody { color: #222; }\n`);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The book a build writes, and what it says. */
function built(casebook: string, args: string[], env: Record<string, string>) {
  const out = mkdtempSync(path.join(dir, 'out-'));
  const result = runCli(['build', '--format', 'html', '--out', out, ...args], { cwd: casebook, env: { SOURCE_DATE_EPOCH: EPOCH, ...env } });
  const files = readdirSync(out);
  const html = files.length === 1 ? readFileSync(path.join(out, files[0]!)) : undefined;
  return { ...result, stdout: result.stdout.replace(out, 'OUT'), files, html };
}

describe('the HTML laid out ahead in a worker thread', () => {
  it.each([
    ['example', []],
    ['example', ['--decisions', 'appendix', '--drafts']],
    ['example', ['--decisions', 'omit', '--domain', 'wmo']],
    ['example', ['--templates', '../own-templates']],
    ['generated', []],
    ['generated', ['--status', 'vastgesteld', '--value', 'maatwerk']],
  ])('%s %j: the same book and the same words as on one thread', (name, args) => {
    const casebook = path.join(dir, name);
    const one = built(casebook, args, { CASEBOOK_THREADS: '0' });
    const ahead = built(casebook, args, {});
    expect(one.code).toBe(0);
    expect(one.html!.length).toBeGreaterThan(50_000);
    expect(ahead.files).toEqual(one.files);
    expect(ahead.html!.equals(one.html!)).toBe(true);
    expect(ahead.stdout).toBe(one.stdout);
    expect(ahead.stderr).toBe(one.stderr);
    expect(ahead.code).toBe(one.code);
  });

  it('is started on a machine with a second core, unless threads are switched off', () => {
    expect(htmlThreadWanted({}, 2)).toBe(true);
    expect(htmlThreadWanted({ count: 0 }, 2)).toBe(false);
    expect(htmlThreadWanted({}, 1)).toBe(false);
  });

  const date = new Date(Number(EPOCH) * 1000);
  const settings: HtmlSettings = { lang: 'nl', filters: {}, decisions: 'inline', date: date.getTime() };
  const job = (): HtmlJob => ({ cwd: generated, filters: {}, date });

  it('gives the book a build writes, made from the files the build validated', async () => {
    const thread = startHtmlThread(job());
    const { casebook } = await loadAndValidate({ cwd: generated }, { keepData: true });
    const made = await thread.take(casebook, settings);
    expect(made).toBeDefined();
    expect(made!.cases).toBeGreaterThan(100);
    expect(Buffer.from(made!.html).equals(built(generated, [], { CASEBOOK_THREADS: '0' }).html!)).toBe(true);
  }, 60_000);

  it('is refused when a file reads differently, or with other settings', async () => {
    const { casebook } = await loadAndValidate({ cwd: generated }, { keepData: true });
    const edited = { ...casebook, cases: casebook.cases.map((file, i) => (i === 7 ? { ...file, text: `${file.text}\n# bewerkt` } : file)) };
    expect(await startHtmlThread(job()).take(edited, settings)).toBeUndefined();
    const fewer = { ...casebook, cases: casebook.cases.slice(1) };
    expect(await startHtmlThread(job()).take(fewer, settings)).toBeUndefined();
    expect(await startHtmlThread(job()).take(casebook, { ...settings, decisions: 'omit' })).toBeUndefined();
    expect(await startHtmlThread(job()).take(casebook, { ...settings, date: settings.date + 86_400_000 })).toBeUndefined();
    // And the same thread's book taken as it is (the test above cannot pass by refusing everything).
    expect(await startHtmlThread(job()).take(casebook, settings)).toBeDefined();
  }, 60_000);
});
