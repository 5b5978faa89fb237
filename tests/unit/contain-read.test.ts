/**
 * readRegularFile with `reuse` reads every file into one buffer of the run: each read must
 * give exactly that file's bytes (no tail of a longer file read before), and the limits hold.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReadRefused, readRegularFile } from '../../src/load/contain.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'casebook-read-'));
const file = (name: string, bytes: Buffer | string) => {
  const full = path.join(dir, name);
  writeFileSync(full, bytes);
  return full;
};

describe('readRegularFile', () => {
  it('gives each file its own bytes when the buffer is reused, also after a larger file', () => {
    const large = file('large.yaml', Buffer.alloc(200 * 1024, 'x'));
    const small = file('small.yaml', 'id: a\n');
    const empty = file('empty.yaml', '');
    expect(readRegularFile(large, 1024 * 1024, { reuse: true }).length).toBe(200 * 1024);
    expect(readRegularFile(small, 1024 * 1024, { reuse: true }).toString()).toBe('id: a\n');
    expect(readRegularFile(empty, 1024 * 1024, { reuse: true }).length).toBe(0);
    expect(readRegularFile(small, 1024 * 1024).toString()).toBe('id: a\n');
  });

  it('refuses a file over the limit, and a folder, with or without reuse', () => {
    const big = file('big.yaml', Buffer.alloc(101, 'y'));
    const exact = file('exact.yaml', Buffer.alloc(100, 'z'));
    for (const reuse of [true, false]) {
      expect(() => readRegularFile(big, 100, { reuse })).toThrow(ReadRefused);
      expect(readRegularFile(exact, 100, { reuse }).length).toBe(100);
      expect(() => readRegularFile(dir, 100, { reuse })).toThrow(ReadRefused);
    }
  });
});
