import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AtomicWriteError, writeFileAtomic, writeFilesAtomic } from '../../src/util/write.js';
import { makeTree } from '../helpers.js';

describe('writeFilesAtomic', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces every target and leaves no temporary file', async () => {
    dir = makeTree({ 'uit/boek.html': 'oud' });
    await writeFilesAtomic([{ file: path.join(dir, 'uit', 'boek.html'), data: 'nieuw' }, { file: path.join(dir, 'uit', 'sub', 'boek.pdf'), data: new Uint8Array([1, 2, 3]) }]);
    expect(readFileSync(path.join(dir, 'uit', 'boek.html'), 'utf8')).toBe('nieuw');
    expect([...readFileSync(path.join(dir, 'uit', 'sub', 'boek.pdf'))]).toEqual([1, 2, 3]);
    expect(readdirSync(path.join(dir, 'uit')).sort()).toEqual(['boek.html', 'sub']);
  });

  it('writes pieces of text as the same bytes as the pieces joined, surrogate pairs split between pieces included', async () => {
    dir = makeTree({});
    // A little random text: ASCII, Latin-1, typographic quotes, emoji (surrogate pairs), a lone surrogate.
    let seed = 7;
    // In 32-bit integer steps: the product in floating point lost its low bits, and the state repeated every 10,466 steps.
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const alphabet = ['a', ' ', '<p>', 'é', '\u00AD', '“', '’', '😀', '👩‍👧', '\uD800', '\uDC00', '\n'];
    const text = Array.from({ length: 600_000 }, () => alphabet[random(alphabet.length)]).join('');
    // Pieces of every size: empty, one code unit (half a pair), and longer than a write.
    const pieces: string[] = [];
    for (let at = 0; at < text.length; ) {
      // Mostly small pieces, so that many cuts fall inside a pair; now and then one longer than a write.
      const size = random(400) === 0 ? [300, 5_000, 400_000][random(3)]! : [0, 1, 2, 3, 7][random(5)]!;
      pieces.push(text.slice(at, at + size));
      at += size;
    }
    const file = path.join(dir, 'boek.html');
    await writeFilesAtomic([{ file, data: pieces }]);
    // The pieces did cut pairs in two, and one piece is longer than a write.
    expect(pieces.filter((piece, i) => /[\uD800-\uDBFF]$/.test(piece) && /^[\uDC00-\uDFFF]/.test(pieces[i + 1] ?? '')).length).toBeGreaterThan(50);
    expect(pieces.some((piece) => piece.length === 400_000)).toBe(true);
    expect(readFileSync(file).equals(Buffer.from(pieces.join('')))).toBe(true);
    // A pair exactly where a piece longer than one write is cut (a third of a megabyte in).
    const long = `${'a'.repeat(Math.floor(2 ** 20 / 3) - 1)}😀b`;
    await writeFilesAtomic([{ file, data: [long] }]);
    expect(readFileSync(file, 'utf8')).toBe(long);
    await writeFilesAtomic([{ file, data: ['😀'.slice(0, 1)] }]);
    expect(readFileSync(file).equals(Buffer.from('😀'.slice(0, 1)))).toBe(true);
  });

  it('replaces nothing when one file cannot be written, names that file, and cleans up', async () => {
    dir = makeTree({ 'uit/boek.html': 'oud', 'een-bestand': 'x' });
    const failing = path.join(dir, 'een-bestand', 'boek.pdf');
    const writing = writeFilesAtomic([{ file: path.join(dir, 'uit', 'boek.html'), data: 'nieuw' }, { file: failing, data: 'pdf' }]);
    await expect(writing).rejects.toBeInstanceOf(AtomicWriteError);
    await expect(writing).rejects.toMatchObject({ file: failing, code: 'EEXIST' });
    expect(readFileSync(path.join(dir, 'uit', 'boek.html'), 'utf8')).toBe('oud');
    expect(readdirSync(path.join(dir, 'uit'))).toEqual(['boek.html']);
  });

  it('replaces nothing when aborted, and rejects with the reason', async () => {
    dir = makeTree({ 'uit/boek.html': 'oud' });
    const reason = new Error('Ctrl-C');
    const writing = writeFilesAtomic([{ file: path.join(dir, 'uit', 'boek.html'), data: 'nieuw' }], { signal: AbortSignal.abort(reason) });
    await expect(writing).rejects.toBe(reason);
    expect(readdirSync(path.join(dir, 'uit'))).toEqual(['boek.html']);
    expect(readFileSync(path.join(dir, 'uit', 'boek.html'), 'utf8')).toBe('oud');
  });
});

describe('writeFileAtomic', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("fails with the system's own error, leaving no temporary file", async () => {
    dir = makeTree({ 'een-map/.keep': '' });
    writeFileSync(path.join(dir, 'doel'), 'oud');
    const writing = writeFileAtomic(path.join(dir, 'een-map'), 'nieuw');
    await expect(writing).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(writing).rejects.not.toBeInstanceOf(AtomicWriteError);
    expect(readdirSync(dir).sort()).toEqual(['doel', 'een-map']);
    expect(readdirSync(path.join(dir, 'een-map'))).toEqual(['.keep']);
    expect(existsSync(path.join(dir, 'doel'))).toBe(true);
  });
});
