/**
 * locateText places a privacy finding exactly in the YAML source: in block scalars
 * (literal and folded, with header comments and indentation indicators), in quoted
 * strings with escapes, and where the finding wraps across lines.
 */
import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { alignScalar, locateText, nthIndexOf, rangePosition } from '../../src/position/locate.js';

function place(text: string, pointer: string, needle: string, occurrence = 0) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const [start, end] = locateText(doc, text, pointer, needle, occurrence);
  return { ...rangePosition(lineCounter, start, end), source: text.slice(start, end) };
}

describe('locateText', () => {
  it('finds text in a literal block, not in the header comment', () => {
    const text = 'situation: | # over mevrouw Jansen\n  Gesprek met\n  mevrouw Jansen op dinsdag.\n';
    expect(place(text, '/situation', 'mevrouw Jansen')).toEqual({ line: 3, column: 3, endLine: 3, endColumn: 17, source: 'mevrouw Jansen' });
  });

  it('finds text that a folded block wraps across lines', () => {
    const text = 'situation: >\n  Later belde mevrouw\n  Jansen opnieuw.\n';
    expect(place(text, '/situation', 'mevrouw Jansen')).toEqual({ line: 2, column: 15, endLine: 3, endColumn: 9, source: 'mevrouw\n  Jansen' });
  });

  it('finds text that a literal block wraps across lines', () => {
    const text = 'situation: |\n  Bel mevrouw\n  Jansen.\n';
    expect(place(text, '/situation', 'mevrouw\nJansen')).toEqual({ line: 2, column: 7, endLine: 3, endColumn: 9, source: 'mevrouw\n  Jansen' });
  });

  it('finds text in a plain scalar that runs over two lines', () => {
    const text = 'summary: Een inwoner, mevrouw\n  Jansen, vraagt hulp.\n';
    expect(place(text, '/summary', 'mevrouw Jansen')).toMatchObject({ line: 1, column: 23, endLine: 2, endColumn: 9 });
  });

  it('counts occurrences in the value, where rules count them', () => {
    const text = 'situation: >\n  BSN 926851974, en\n  later nog eens BSN\n  926851974.\n';
    expect(place(text, '/situation', '926851974', 0)).toMatchObject({ line: 2, column: 7, endLine: 2, endColumn: 16 });
    expect(place(text, '/situation', '926851974', 1)).toMatchObject({ line: 4, column: 3, endLine: 4, endColumn: 12 });
  });

  it('maps past escapes in double-quoted strings', () => {
    const text = 'title: "Caf\\u00e9 \\"De Hoek\\": bel 06-48213957"\n';
    expect(place(text, '/title', '06-48213957')).toEqual({ line: 1, column: 36, endLine: 1, endColumn: 47, source: '06-48213957' });
    // The escaped é is one character of the value and six of the source.
    expect(place(text, '/title', 'Café')).toEqual({ line: 1, column: 9, endLine: 1, endColumn: 18, source: 'Caf\\u00e9' });
  });

  it("maps past doubled quotes in single-quoted strings", () => {
    const text = "note: 'Het is ''mevrouw Jansen'' zelf.'\n";
    expect(place(text, '/note', 'mevrouw Jansen')).toEqual({ line: 1, column: 17, endLine: 1, endColumn: 31, source: 'mevrouw Jansen' });
  });

  it('finds text in list items and nested fields', () => {
    const text = 'options:\n  - title: Optie\n    for:\n      - Bel naar 020 123 4567\n';
    expect(place(text, '/options/0/for/0', '020 123 4567')).toEqual({ line: 4, column: 18, endLine: 4, endColumn: 30, source: '020 123 4567' });
  });

  it('handles block scalars with an indentation indicator and CRLF line ends', () => {
    expect(place('s: |2\n    ingesprongen 06-48213957\n', '/s', '06-48213957')).toMatchObject({ line: 2, column: 18, endColumn: 29 });
    expect(place('s: |\r\n  Regel een\r\n  mevrouw Jansen\r\n', '/s', 'mevrouw Jansen')).toMatchObject({ line: 3, column: 3, endColumn: 17 });
  });

  it('finds a number in a number scalar in the source', () => {
    expect(place('x-bsn: 926851974\n', '/x-bsn', '926851974')).toMatchObject({ line: 1, column: 8, endColumn: 17 });
  });

  it('falls back to the start of the node when the needle is not there', () => {
    expect(place('situation: |\n  Niets.\n', '/situation', 'mevrouw Jansen')).toMatchObject({ line: 1, column: 12, endLine: 1, endColumn: 12 });
  });
});

describe('alignScalar', () => {
  it('maps every character of the value to its source', () => {
    const raw = '>\n  ab\n  cd\n';
    const aligned = alignScalar(raw, 'ab cd\n', 'BLOCK_FOLDED')!;
    expect([...aligned.starts].map((i) => raw[i])).toEqual(['a', 'b', '\n', 'c', 'd', '\n']);
  });

  it('gives up on a value that does not come from the source', () => {
    expect(alignScalar('"abc"', 'xyz', 'QUOTE_DOUBLE')).toBeUndefined();
  });
});

describe('nthIndexOf', () => {
  it('counts overlapping occurrences', () => {
    expect(nthIndexOf('aaaa', 'aa', 0)).toBe(0);
    expect(nthIndexOf('aaaa', 'aa', 2)).toBe(2);
    expect(nthIndexOf('aaaa', 'aa', 3)).toBe(-1);
  });
});
