/**
 * Windows and macOS from the code's side: a PDF open in Acrobat or Edge (or an antivirus
 * scan) makes renaming over it fail with EPERM, EACCES or EBUSY. The file system is real;
 * the lock is stubbed into the renames.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build/index.js';
import { loadCasebook } from '../../src/load/index.js';
import { AtomicWriteError, writeFilesAtomic, type RenameFs } from '../../src/util/write.js';
import { caseYaml, makeTree } from '../helpers.js';

/** The real file system, with `target` locked for the first `times` renames onto it (Infinity: for good). */
function lockedFs(target: string, code: string, times: number): RenameFs & { tries: number } {
  const real: RenameFs = {
    rename: (from, to) => rename(from, to),
    keep: async (file, backup) => (await import('node:fs/promises')).link(file, backup),
    exists: async (file) => (await import('node:fs/promises')).access(file).then(() => true, () => false),
    remove: async (file) => (await import('node:fs/promises')).rm(file, { force: true }),
  };
  const fs = {
    ...real,
    tries: 0,
    rename: async (from: string, to: string) => {
      if (to === target && fs.tries++ < times) throw Object.assign(new Error(`${code}: operation not permitted, rename '${from}' -> '${to}'`), { code });
      return real.rename(from, to);
    },
  };
  return fs;
}

const fast = { attempts: 4, delayMs: 5 };

describe('replacing outputs that another program holds open', () => {
  it('retries a rename that fails with EBUSY, and then replaces both files', async () => {
    const dir = makeTree({ 'boek.html': 'oude html', 'boek.pdf': 'oude pdf' });
    const pdf = path.join(dir, 'boek.pdf');
    const fs = lockedFs(pdf, 'EBUSY', 2);
    await writeFilesAtomic([{ file: path.join(dir, 'boek.html'), data: 'nieuwe html' }, { file: pdf, data: 'nieuwe pdf' }], { fs, retry: fast });
    expect(fs.tries).toBe(3);
    expect(readFileSync(path.join(dir, 'boek.html'), 'utf8')).toBe('nieuwe html');
    expect(readFileSync(pdf, 'utf8')).toBe('nieuwe pdf');
    expect(readdirSync(dir).sort()).toEqual(['boek.html', 'boek.pdf']);
  });

  for (const code of ['EPERM', 'EACCES', 'EBUSY']) {
    it(`gives up after the retries on ${code}: names the locked file and leaves the previous HTML and PDF both as they were`, async () => {
      const dir = makeTree({ 'boek.html': 'oude html', 'boek.pdf': 'oude pdf' });
      const pdf = path.join(dir, 'boek.pdf');
      const fs = lockedFs(pdf, code, Infinity);
      const writing = writeFilesAtomic([{ file: path.join(dir, 'boek.html'), data: 'nieuwe html' }, { file: pdf, data: 'nieuwe pdf' }], { fs, retry: fast });
      await expect(writing).rejects.toBeInstanceOf(AtomicWriteError);
      await expect(writing).rejects.toMatchObject({ file: pdf, code });
      expect(fs.tries).toBe(fast.attempts);
      // The HTML had been replaced already; it got its previous version back.
      expect(readFileSync(path.join(dir, 'boek.html'), 'utf8')).toBe('oude html');
      expect(readFileSync(pdf, 'utf8')).toBe('oude pdf');
      expect(readdirSync(dir).sort()).toEqual(['boek.html', 'boek.pdf']);
    });
  }

  it('does not retry other failures', async () => {
    const dir = makeTree({ 'boek.pdf': 'oud' });
    const pdf = path.join(dir, 'boek.pdf');
    const fs = lockedFs(pdf, 'ENOSPC', Infinity);
    await expect(writeFilesAtomic([{ file: pdf, data: 'nieuw' }], { fs, retry: fast })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(fs.tries).toBe(1);
  });

  it('casebook build says which file is locked and that nothing was replaced', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': caseYaml() });
    const casebook = await loadCasebook({ cwd: dir });
    const out = path.join(dir, 'uit');
    const first = await build(casebook, { formats: ['html'], outDir: out, filters: { drafts: true } });
    expect(first.stopped).toBe(false);
    const html = first.outputs[0]!;
    const before = readFileSync(html, 'utf8');
    const fs = lockedFs(html, 'EPERM', Infinity);
    const building = build(casebook, { formats: ['html'], outDir: out, env: { SOURCE_DATE_EPOCH: '1' }, writeFs: fs, filters: { drafts: true } });
    await expect(building).rejects.toThrow(`${html} is in gebruik door een ander programma (EPERM: niet toegestaan): staat het open in Acrobat, Edge of een andere PDF-lezer?`);
    expect(readFileSync(html, 'utf8')).toBe(before);
  }, 30_000);
});
