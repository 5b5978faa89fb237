/** Property-based tests (fast-check): loading never throws, positions always point right. */
import fc from 'fast-check';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/load/parse.js';
import { locate, rangePosition, toPointer } from '../../src/position/locate.js';

describe('loading', () => {
  it('never throws on random bytes, and always says what is wrong when there is no data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const file = parseSource('/x.yaml', bytes, { lang: 'nl' });
        if (file.data === undefined) expect(file.messages.length).toBeGreaterThan(0);
        for (const m of file.messages) {
          expect(m.line).toBeGreaterThanOrEqual(1);
          expect(m.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on random YAML-ish text', () => {
    const token = fc.constantFrom('a:', ' ', '\n', '- ', '[', ']', '{', '}', '&x ', '*x', '"', "'", '|', '>', '#', ':', ',', '\t', 'no', '~', '!!str', '---', '%YAML 1.2', '<<: *x');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
        const file = parseSource('/x.yaml', new TextEncoder().encode(tokens.join('')), { lang: 'en' });
        if (file.data === undefined) expect(file.messages.length).toBeGreaterThan(0);
        else expect(file.messages.filter((m) => m.severity === 'error')).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

/** Random documents: keys, strings (including ones YAML must quote), nested maps and lists. */
const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constantFrom('no', 'on', '2024-01-01', 'a: b', '# x', '- y', 'multi\nline\ntext\n'));
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
  map: fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 4 }),
  list: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
}));

function leaves(value: unknown, path: Array<string | number> = []): Array<[Array<string | number>, unknown]> {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [[path, value]];
}

describe('the position mapper', () => {
  it('finds every scalar of a random document where its text is', () => {
    fc.assert(
      fc.property(tree.map, fc.constantFrom<'PLAIN' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL'>('PLAIN', 'QUOTE_DOUBLE', 'BLOCK_LITERAL'), (data, style) => {
        const text = stringify(data, { defaultStringType: style, defaultKeyType: 'PLAIN' });
        const lineCounter = new LineCounter();
        const doc = parseDocument(text, { lineCounter });
        const lines = text.split('\n');
        for (const [path, value] of leaves(doc.toJS())) {
          const found = locate(doc, toPointer(path));
          expect(found.exact).toBe(true);
          const pos = rangePosition(lineCounter, found.range[0], found.range[1]);
          // The node starts on its line, at its column, with the source text of its value.
          const node = doc.getIn(path, true) as { range: [number, number, number]; type?: string };
          expect(found.range[0]).toBe(node.range[0]);
          expect(lines[pos.line - 1]!.slice(pos.column - 1)).toBe(text.slice(found.range[0]).split('\n')[0]);
          if (typeof value === 'string' && node.type === 'PLAIN' && value !== '') {
            expect(text.slice(found.range[0], found.range[1])).toContain(value);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
