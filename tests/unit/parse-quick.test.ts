/**
 * The quick path (js-yaml) and the full path (a yaml Document) must agree: whenever the quick
 * path accepts a file, the full path finds the same data and nothing to report. Checked on
 * every YAML file in the repository and on random documents and random YAML-ish text. The
 * guards in quick.ts were found this way, with 150,000 runs (five times, no fixed seed);
 * CI runs fewer, with a fixed seed.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { withGeneratedCasebook, yamlFiles } from '../helpers.js';
import { parseSource } from '../../src/load/parse.js';


/** Both paths on the same bytes; returns whether the quick path took the file. */
function agree(bytes: Uint8Array, label: string): boolean {
  const quick = parseSource('/x.yaml', bytes, { lang: 'nl' });
  const full = parseSource('/x.yaml', bytes, { lang: 'nl', quick: false });
  expect(quick.data, label).toEqual(full.data);
  expect(quick.messages, label).toEqual(full.messages);
  // The quick path leaves the Document to be made on demand; it is the full path's.
  const took = quick.data !== undefined && quick.messages.length === 0 && Object.getOwnPropertyDescriptor(quick, 'doc')?.get !== undefined;
  if (took) expect(quick.doc?.toJS(), label).toEqual(full.doc?.toJS());
  return took;
}

describe('the quick path', () => {
  // The YAML test suite has its own test (yaml-test-suite.test.ts): its files are no cases.
  it('agrees with the full path on every YAML file in the repository and 300 generated cases', () => {
    withGeneratedCasebook(300, (dir) => {
      const files = [...yamlFiles('cases'), ...yamlFiles('tests/fixtures').filter((file) => !file.includes('yaml-test-suite')), ...yamlFiles('data'), ...yamlFiles(dir)];
      let quick = 0;
      for (const file of files) if (agree(readFileSync(file), file)) quick++;
      expect(files.length).toBeGreaterThan(400);
      // Nearly every well-formed case takes the quick path; the broken fixtures do not.
      expect(quick).toBeGreaterThan(files.length * 0.8);
    });
  });

  it('reads every YAML 1.2 core number, null and boolean as the full path does', () => {
    const scalars = [
      '~', 'null', 'Null', 'NULL', 'nULL', '', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE', 'yes', 'on', 'no',
      '0', '-0', '+12', '017', '0o17', '0o8', '-0o7', '0x1F', '0X1F', '-0x1F', '0b101', '1_000', '12345678901234567890',
      '1.', '.5', '+.5', '-.5', '1.50', '1e3', '1E+3', '1.5e-3', '.e3', '12e', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', '-.nan', '2024-01-01', '1:20',
    ];
    for (const scalar of scalars) {
      const text = `k: ${scalar}\n`;
      const quick = parseSource('/x.yaml', new TextEncoder().encode(text), { lang: 'nl' });
      const full = parseSource('/x.yaml', new TextEncoder().encode(text), { lang: 'nl', quick: false });
      // toEqual tells NaN, Infinity and -0 apart; JSON would not.
      expect(quick.data, scalar).toEqual(full.data);
      expect(Object.is(quick.data?.k, full.data?.k), scalar).toBe(true);
    }
  });

  it('leaves every broken fixture to the full path', () => {
    for (const file of yamlFiles('tests/fixtures/broken')) {
      const result = parseSource(file, readFileSync(file), { lang: 'nl' });
      if (result.messages.length > 0) expect(Object.getOwnPropertyDescriptor(result, 'doc')?.get, file).toBeUndefined();
    }
  });

  it('agrees on random documents', () => {
    const key = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), fc.constantFrom('__proto__', 'constructor', '1', 'null', 'true', '~', 'a b', 'é'));
    const scalar = fc.oneof(
      fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
      fc.constantFrom('no', 'on', 'yes', '0o17', '0x1F', '0b11', '1_000', '.inf', '.NaN', '2024-01-01', 'a: b', '# x', '- y', 'multi\nline\ntext\n', ' lead', 'trail ', '\t', '"q"', "'q'", '@x', '`x', '%x', '!x', '&x', '*x', '? x', '| x', '> x'),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
      map: fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 4 }),
      list: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    }));
    const style = fc.record({ flow: fc.boolean(), quote: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'), width: fc.constantFrom(20, 80) });
    fc.assert(
      fc.property(fc.dictionary(key, tree.node, { minKeys: 1, maxKeys: 6 }), style, (doc, s) => {
        const text = stringify(doc, { collectionStyle: s.flow ? 'flow' : 'block', defaultStringType: s.quote, lineWidth: s.width });
        agree(new TextEncoder().encode(text), text);
      }),
      { numRuns: 1500, seed: 20261124 },
    );
  });

  it('agrees on quoted scalars that go on over lines, and takes the well-indented ones (issue 18)', () => {
    // Inside the quotes: line breaks, indentation, escapes, comment and key look-alikes.
    const piece = fc.constantFrom('k', 'x y', ' ', '  ', '   ', '\n', '\n', '\n\n', '\n  \n', '"', "'", "''", '\\', '\\n', ': ', '- ', '#', ' #', '[', ']', '{', '}', ',', 'é', '---', '...');
    const places = [
      (body: string) => `k: "${body}"\n`, (body: string) => `k: '${body}'\n`, (body: string) => `a:\n  b: "${body}"\n  c: 1\n`,
      (body: string) => `l:\n  - "${body}"\n  - '${body}'\n`, (body: string) => `k:\n  "${body}"\nz: 2\n`, (body: string) => `"${body}": 1\n`,
      (body: string) => `m:\n- '${body}'\n`, (body: string) => `k: ["${body}", b]\n`, (body: string) => `x: 1\nk: "${body}" #c\n`, (body: string) => `k: "${body}"x\n`,
    ];
    let multiLine = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: places.length - 1 }), fc.boolean(), (pieces, place, crlf) => {
        const body = pieces.join('');
        const lf = places[place]!(body);
        const text = crlf ? lf.replace(/\r?\n/g, '\r\n') : lf;
        if (agree(new TextEncoder().encode(text), JSON.stringify(text)) && body.includes('\n')) multiLine++;
      }),
      { numRuns: 4000, seed: 20261203 },
    );
    // The generated case corpus wraps a quoted summary over two lines; such files stay on the quick path.
    expect(multiLine).toBeGreaterThan(40);
  });

  it('agrees on random YAML-ish text', () => {
    const token = fc.constantFrom(
      'a:', 'b: ', ' ', '  ', '\n', '\r\n', '- ', '[', ']', '{', '}', '&x ', '*x', '"', "'", '|', '|-', '>', '>+', '#', ' #c', ':', ',', '\t', 'no', '~', 'null',
      '12', '0x1F', '!!str', '!x', '? ', '---', '...', '%YAML 1.2\n', '<<: *x', '\\', '\\n', 'é', '\u00a0', '\ufeff', 'key: value', '  - item', 'k:\n  - x',
      '.NaN', '-.Inf', '+.5', '-0', '|2', '>1-', '"a\\x41"', '"\\u00e9"', "'it''s'", '- - ', 'k:v', 'x: |\n  t\n', ' \n', '\n  ', '\n    ', '{a: [b, {c: d}]}', '[a, b, ]', '"multi\n line"', 'a #b', '#!', '  # c\n', '@', '`', '=', 'x: >\n\n  t\n\n', '\u2028', '\u0085', '\r', 'a: -1', '- -', ': ', 'a:\n b: 1\n  c: 2',
      // Multi-line flow collections, bare tags, lines of spaces (the YAML test suite's 9C9N, UKK6, S98Z).
      '!', ' !', '- "x"', '"x": 1', "'y' #c", 'a:\n#y\n  t\n', 'k: [a,\n', 'b,\n', ' c]\n', '{a: 1,\n', 'b: 2}\n', 'x: |\n   \n', 'k: >\n \n', ' # c\n', '\n ', '\n\n',
    );
    // Each text also as CRLF and nested under a key and a list item, where the guards meet it at another column.
    const nest = [
      (text: string) => text,
      (text: string) => text.replace(/\r?\n/g, '\r\n'),
      (text: string) => 'k:\n' + text.split('\n').map((line) => (line === '' ? '' : `  ${line}`)).join('\n'),
      (text: string) => '- ' + text.split('\n').join('\n  '),
    ];
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), fc.integer({ min: 0, max: nest.length - 1 }), (tokens, way) => {
        const text = nest[way]!(tokens.join(''));
        agree(new TextEncoder().encode(text), JSON.stringify(text));
      }),
      { numRuns: 5000, seed: 20261124 },
    );
  });
});
