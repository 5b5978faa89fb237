/**
 * The PDF's page numbers are estimated from a layout in page-sized columns and checked against
 * the printed PDF; a wrong estimate costs a second print. These books must need one print.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// The benchmark's generator: the example cases and the tagger's development set, cycled
// with varied lengths and every field.
import { generateCasebook } from '../../bench/generate.mjs';
import { loadCasebook } from '../../src/load/index.js';
import { build } from '../../src/build/index.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function buildPdf(casebookDir: string) {
  const out = mkdtempSync(path.join(tmpdir(), 'casebook-estimate-out-'));
  dirs.push(out);
  const casebook = await loadCasebook({ cwd: casebookDir });
  const result = await build(casebook, { formats: ['pdf'], outDir: out, env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
  expect(result.stopped).toBe(false);
  return result;
}

describe('estimating the page numbers', () => {
  it('gets every number right the first time in the example casebook', async () => {
    const result = await buildPdf(path.resolve('.'));
    expect(result.passes).toBe(1);
  }, 120_000);

  it('gets every number right the first time in 120 generated cases of varied length', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'casebook-estimate-'));
    dirs.push(dir);
    generateCasebook(dir, 120);
    const result = await buildPdf(dir);
    expect(result.passes).toBe(1);
    expect(result.pages).toBeGreaterThan(240);
  }, 180_000);
});
