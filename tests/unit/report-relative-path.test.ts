/**
 * relativePath takes a short way for a file in a folder it has seen (report/util.ts): it must
 * give what path.relative gives, also where the short way does not hold.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativePath } from '../../src/report/util.js';

const slow = (cwd: string, file: string) => (path.relative(cwd, file) || path.basename(file)).split(path.sep).join('/');

describe('relativePath', () => {
  it('is path.relative with forward slashes, for files in seen and unseen folders, inside and outside the current one', () => {
    const cwds = ['/casebook', '/casebook/', '/casebook/cases', '/', '/casebook/cases/a.yaml', '/casebook/cases/a.yaml/deeper', '/casebook/./cases/../cases', '/other'];
    const files = [
      '/casebook/cases/a.yaml', '/casebook/cases/b.yaml', '/casebook/a.yaml', '/a.yaml', '/casebook/cases/./c.yaml',
      '/casebook/cases/../d.yaml', '/casebook/cases/.', '/casebook/cases/..', '/casebook/cases/', '/casebook//cases/e.yaml', '/casebook/cases',
    ];
    // Twice: the first time fills the table of folders, the second reads it.
    for (const round of [1, 2]) {
      for (const cwd of cwds) for (const file of files) expect(relativePath(cwd, file), `${round}: ${cwd} ${file}`).toBe(slow(cwd, file));
    }
  });
});
