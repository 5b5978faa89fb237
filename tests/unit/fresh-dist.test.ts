import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDist, missingOutputs } from '../../scripts/fresh-dist.mjs';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project with src/a.ts, src/sub/b.ts, src/sub/c.d.ts, compiled (dist/a.js, dist/sub/b.js) and its build info. */
function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'fresh-dist-'));
  made.push(root);
  mkdirSync(path.join(root, 'src/sub'), { recursive: true });
  mkdirSync(path.join(root, 'dist/sub'), { recursive: true });
  for (const file of ['src/a.ts', 'src/sub/b.ts', 'src/sub/c.d.ts', 'dist/a.js', 'dist/sub/b.js', 'dist/.tsbuildinfo']) writeFileSync(path.join(root, file), '');
  return root;
}

describe('fresh-dist (before tsc: a compiled file deleted by hand is rebuilt)', () => {
  it('keeps the build info when every source has its compiled file (declarations need none)', () => {
    const root = project();
    expect(freshDist(root)).toEqual([]);
    expect(existsSync(path.join(root, 'dist/.tsbuildinfo'))).toBe(true);
  });

  it('removes the build info when a compiled file is missing, also in a sub-folder', () => {
    const root = project();
    rmSync(path.join(root, 'dist/sub/b.js'));
    expect(missingOutputs(path.join(root, 'src'), path.join(root, 'dist'))).toEqual(['sub/b.ts']);
    expect(freshDist(root)).toEqual(['sub/b.ts']);
    expect(existsSync(path.join(root, 'dist/.tsbuildinfo'))).toBe(false);
  });

  it('finds nothing in this repository after a build (the build the tests run on)', () => {
    expect(missingOutputs(path.resolve('src'), path.resolve('dist'))).toEqual([]);
  });
});
