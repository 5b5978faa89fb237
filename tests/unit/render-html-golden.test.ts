/**
 * The book's HTML stays byte for byte what it was: speed work on the render stage (issue 18)
 * must not change a single byte of the output. Each book below is built and its HTML hashed
 * (SHA-256, with casebook's version replaced, so a release does not count as a change); the
 * hashes in tests/fixtures/html-golden.json were taken before that work began.
 *
 * A change to the output that is meant (a template, a wording, an example case) updates the
 * hashes: `UPDATE_HTML_GOLDEN=1 npx vitest run tests/unit/render-html-golden.test.ts`, and
 * the commit says why the HTML changed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCasebook } from '../../bench/generate.mjs';
import { build, type BuildOptions } from '../../src/build/index.js';
import { loadCasebook } from '../../src/load/index.js';
import { assembleHtml, prepareBook } from '../../src/render/index.js';
import { version } from '../../src/version.js';
import { EPOCH, fixtures, repoRoot } from '../helpers.js';

const goldenFile = path.join(fixtures, 'html-golden.json');
const golden = JSON.parse(readFileSync(goldenFile, 'utf8')) as Record<string, string>;
const update = process.env.UPDATE_HTML_GOLDEN === '1';
const seen: Record<string, string> = {};

const work = mkdtempSync(path.join(tmpdir(), 'casebook-golden-'));
afterAll(() => {
  if (update) writeFileSync(goldenFile, `${JSON.stringify({ ...golden, ...seen }, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
});

const hash = (html: string) => createHash('sha256').update(html.replaceAll(version, 'VERSION'), 'utf8').digest('hex');

function check(name: string, html: string): void {
  seen[name] = hash(html);
  if (!update) expect(seen[name], `${name}: the HTML changed`).toBe(golden[name]);
}

const env = { SOURCE_DATE_EPOCH: EPOCH };
const date = new Date(Number(EPOCH) * 1000);

/** `casebook build --format html` through the library: the HTML file it writes. */
async function builtHtml(dir: string, name: string, options: BuildOptions = {}): Promise<string> {
  const casebook = await loadCasebook({ cwd: dir });
  const result = await build(casebook, { formats: ['html'], outDir: path.join(work, name), env, ...options });
  expect(result.stopped, JSON.stringify(result.messages.filter((m) => m.severity === 'error').slice(0, 3))).toBe(false);
  const file = result.outputs.find((f) => f.endsWith('.html'))!;
  return readFileSync(file, 'utf8');
}

/** The page the PDF is printed from (format `pdf`: page references, no script). */
async function pdfHtml(dir: string): Promise<string> {
  const casebook = await loadCasebook({ cwd: dir });
  const { book } = prepareBook(casebook, casebook.config.language, { filters: {}, date, decisions: 'inline' });
  return assembleHtml({ ...book!.view, format: 'pdf' }, book!.templates, book!.theme);
}

describe('the HTML stays the same bytes', () => {
  it('the example casebook', async () => {
    check('example.html', await builtHtml(repoRoot, 'example'));
    check('example-appendix-drafts.html', await builtHtml(repoRoot, 'example-appendix', { decisions: 'appendix', filters: { drafts: true } }));
    check('example-pdf.html', await pdfHtml(repoRoot));
  }, 60_000);

  it('a generated casebook of 300 cases', async () => {
    const dir = generateCasebook(path.join(work, 'book-300'), 300);
    check('generated-300.html', await builtHtml(dir, 'generated'));
    check('generated-300-jeugdwet.html', await builtHtml(dir, 'generated-jeugdwet', { filters: { domains: ['jeugdwet'] }, decisions: 'omit' }));
    check('generated-300-pdf.html', await pdfHtml(dir));
  }, 120_000);
});
