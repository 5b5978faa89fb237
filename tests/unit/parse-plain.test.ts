/**
 * The plain path (src/load/plain.ts) must read exactly what the other paths read: whenever it
 * takes a text, js-yaml (the quick path's reader) and the yaml package (the full path) find
 * the same data, and the full path nothing to report. Checked on every YAML file of the
 * repository, on generated cases, on generated cases cut up and patched with YAML's special
 * characters, and on texts built from the forms it takes and their near misses.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { yamlFiles } from '../helpers.js';
import { parseSource } from '../../src/load/parse.js';
import { plainRead } from '../../src/load/plain.js';
import { core12 } from '../../src/load/quick.js';
import { generateCasebook } from '../../bench/generate.mjs';
import { generateVariedCasebook } from '../../bench/varied.mjs';

/** js-yaml's reading (the quick path's reader, without its guards), or undefined when it throws. */
function jsYamlReading(text: string): unknown {
  try {
    return jsYaml.load(text, { schema: core12() });
  } catch {
    return undefined;
  }
}

/** Holds the plain path to the others on `text`; returns whether it took the text. */
function agree(text: string, label: string): boolean {
  const plain = plainRead(text);
  if (plain === undefined) return false;
  const full = parseSource('/x.yaml', new TextEncoder().encode(text), { lang: 'nl', quick: false });
  expect(full.messages, label).toEqual([]);
  expect(plain, label).toEqual(full.data);
  expect(plain, label).toEqual(jsYamlReading(text));
  // And through parseSource, the way every command reads a file.
  const read = parseSource('/x.yaml', new TextEncoder().encode(text), { lang: 'nl' });
  expect(read.data, label).toEqual(full.data);
  expect(read.messages, label).toEqual([]);
  return true;
}

/** The texts of generated cases (plain and varied), read once for all tests. */
const generated = (() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-plain-'));
  try {
    generateCasebook(path.join(dir, 'a'), 400);
    generateVariedCasebook(path.join(dir, 'b'), 160);
    return yamlFiles(dir).filter((file) => !file.endsWith('casebook.yaml')).map((file) => readFileSync(file, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

describe('the plain path', () => {
  it('agrees with the other paths on every YAML file in the repository, and takes nearly every generated case', () => {
    const files = yamlFiles('.').filter((file) => !file.includes('node_modules') && !file.includes('tagger-unseen') && !file.startsWith('.tmp'));
    expect(files.length).toBeGreaterThan(400);
    for (const file of files) agree(readFileSync(file, 'utf8'), file);
    let taken = 0;
    for (const [k, text] of generated.entries()) if (agree(text, `generated ${k}`)) taken++;
    // Nearly all: the generator sends one case in twenty down the full path on purpose (a comment lined up with a tab).
    expect(taken).toBeGreaterThan(generated.length * 0.9);
  });

  it('agrees on generated cases cut up and patched with YAML syntax', () => {
    const patch = fc.constantFrom(
      ' ', '  ', '\n', '\n\n', '\n  ', '\n    ', '\n      ', ' #', '# c', ' # c', '#', ':', ': ', ': x', '- ', '-', '- x\n', '"', "'", "''", '\\', '\\"', '\\n',
      '|', '|-', '|+', '>', '>-', '>+', '|2', '[', ']', '[a, b]', '{', '}', ',', '&a ', '*a', '!', '!!str ', '? ', '%', '@', '`', '---', '...', '\t', '\r',
      '\u00a0', '\u2028', '\u0085', '\ufeff', 'é', 'true', 'null', '~', '12', '0x1F', '.inf', '1e3', 'k: v\n', 'k:\n', '  k: v\n', '__proto__: 1\n', 'id: x\n',
    );
    let taken = 0;
    fc.assert(
      fc.property(fc.nat(generated.length - 1), fc.array(fc.tuple(fc.nat(), patch, fc.nat(3)), { minLength: 1, maxLength: 4 }), (which, edits) => {
        let text = generated[which]!;
        for (const [where, piece, cut] of edits) {
          // At a line start or anywhere, replacing a few characters or none.
          const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
          const at = where % 2 === 0 ? lineStarts[where % lineStarts.length]! : where % (text.length + 1);
          text = text.slice(0, at) + piece + text.slice(at + cut);
        }
        if (agree(text, JSON.stringify(text))) taken++;
      }),
      { numRuns: 4000, seed: 20261204 },
    );
    // Both ways are exercised: many patched texts are still taken, many are not.
    expect(taken).toBeGreaterThan(400);
    expect(taken).toBeLessThan(3900);
  });

  it('agrees on texts built from the forms it takes and their near misses', () => {
    const key = fc.constantFrom('k', 'id', 'title', 'x-y', 'a_b', 'K2', 'true', 'Null', 'no', 'on', 'constructor', '__proto__', 'e3', 'nan');
    const scalar = fc.constantFrom(
      'tekst', 'twee woorden', 'a:b', 'a: b', 'a #b', 'a#b', 'a ', '12', '-3', '+4', '0o17', '0x1F', '1_000', '.5', '1.', '1e3', '.inf', '-.Inf', '.NaN',
      'true', 'False', 'null', '~', 'yes', 'C#', 'wat [nu]', 'a, b', 'x}', '"q"', '"a b"', "'q'", "'it''s'", '"a\\"b"', '"a\\\\b"', "'a\"b'", '"a\'b"',
      '[a, b]', '[]', '[ ]', '[a,b]', '[ a , b ]', '[1, true, null, x]', '[a, ]', '[a: b]', '["a"]', '[a b]', 'é ë', 'tekst  # c', 'tekst # c: d', '"x" # c',
    );
    const block = fc.tuple(fc.constantFrom('|', '|-', '>', '>-', '|+', '>+', '| # c'), fc.array(fc.constantFrom('regel een', 'regel twee', '', '  dieper', 'met # hekje', 'a: b', '- item', '   ', ' '), { minLength: 1, maxLength: 5 }), fc.constantFrom(1, 2, 3, 4));
    const quoted = fc.tuple(fc.constantFrom('"', "'"), fc.array(fc.constantFrom('een', 'twee drie', '', ' ', '  x', 'a: b', '# c', '- d', 'e '), { minLength: 2, maxLength: 4 }), fc.constantFrom(0, 1, 2, 4, 6));
    const value = fc.oneof(
      scalar.map((s) => ({ inline: s })),
      block.map(([head, lines, extra]) => ({ head, lines, extra })),
      quoted.map(([q, lines, extra]) => ({ q, lines, extra })),
      fc.array(scalar, { minLength: 1, maxLength: 3 }).map((items) => ({ items })),
      fc.array(fc.tuple(key, scalar), { minLength: 1, maxLength: 3 }).map((pairs) => ({ pairs })),
      fc.constant({ empty: true }),
    );
    const gap = fc.constantFrom('', '', '\n', '# c\n', '\n# c\n', '  # c\n', ' \n');
    type Value = { inline?: string; head?: string; lines?: string[]; extra?: number; q?: string; items?: string[]; pairs?: Array<[string, string]>; empty?: boolean };
    const write = (k: string, v: Value, indent: string): string => {
      if (v.inline !== undefined) return `${indent}${k}: ${v.inline}\n`;
      if (v.head !== undefined) return `${indent}${k}: ${v.head}\n` + v.lines!.map((line) => (line === '' ? '' : `${indent}${' '.repeat(v.extra!)}${line}`)).join('\n') + '\n';
      if (v.q !== undefined) return `${indent}${k}: ${v.q}` + v.lines!.map((line, i) => (i === 0 ? line : `${' '.repeat(v.extra!)}${line}`)).join('\n') + `${v.q}\n`;
      if (v.items) return `${indent}${k}:\n` + v.items.map((item) => `${indent}  - ${item}\n`).join('');
      if (v.pairs) return `${indent}${k}:\n` + v.pairs.map(([pk, pv], i) => `${indent}  ${i === 0 ? '- ' : '  '}${pk}: ${pv}\n`).join('');
      return `${indent}${k}:\n`;
    };
    let taken = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(gap, key, value, fc.boolean()), { minLength: 1, maxLength: 6 }), (entries) => {
        const text = entries.map(([g, k, v, nested]) => g + (nested ? `n:\n${write(k, v, '  ')}` : write(k, v, ''))).join('');
        if (agree(text, JSON.stringify(text))) taken++;
      }),
      { numRuns: 6000, seed: 20261205 },
    );
    expect(taken).toBeGreaterThan(300);
  });

  it('leaves what it does not know to the other paths', () => {
    for (const text of ['', 'k: v', '- a\n', 'k: v\r\n', 'k:\tv\n', 'k: !x v\n', 'k: &a v\nl: *a\n', '---\nk: v\n', 'k: v\n...\n', 'k: |+\n  t\n\n', 'k: "a\\tb"\n', '"k": v\n', 'k: v\nk: w\n', 'k: {a: 1}\n', 'k:\n- a\n', 'k: a\n  b\n', 'true: 1\n', '__proto__: 1\n', 'k: \u2028\n']) {
      expect(plainRead(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});
