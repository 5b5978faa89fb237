import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { locate, locateText, pointerSegments, rangePosition, toPointer } from '../../src/position/locate.js';

function at(text: string, pointer: string, key = false) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const found = locate(doc, pointer, { key });
  const pos = rangePosition(lineCounter, found.range[0], found.range[1]);
  return { exact: found.exact, start: `${pos.line}:${pos.column}`, end: `${pos.endLine}:${pos.endColumn}` };
}

const source = `# comment
title: Scootmobiel
domains:
  - wmo
  - jeugdwet
options:
  - title: A
    for: [snel, goedkoop]
weird/key~x: 1
empty:
situation: |
  Regel een.
  Regel twee met 06-12345678 erin.
`;

describe('pointers', () => {
  it('round-trips escapes', () => {
    expect(pointerSegments('/a~1b/c~0d/0')).toEqual(['a/b', 'c~d', '0']);
    expect(toPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
    expect(pointerSegments('')).toEqual([]);
  });
});

describe('locate', () => {
  it('finds values in maps and sequences', () => {
    expect(at(source, '/title')).toMatchObject({ exact: true, start: '2:8', end: '2:19' });
    expect(at(source, '/domains/1')).toMatchObject({ start: '5:5', end: '5:13' });
    expect(at(source, '/options/0/for/1')).toMatchObject({ start: '8:17', end: '8:25' });
  });

  it('points at the key when asked', () => {
    expect(at(source, '/options/0/for', true)).toMatchObject({ start: '8:5', end: '8:8' });
    expect(at(source, '/weird~1key~0x', true)).toMatchObject({ start: '9:1' });
  });

  it('falls back to the closest existing ancestor for a missing path', () => {
    expect(at(source, '/options/0/against')).toMatchObject({ exact: false, start: '7:5' });
    expect(at(source, '/options/3/title')).toMatchObject({ exact: false, start: '6:1' });
    expect(at(source, '/nothing')).toMatchObject({ exact: false, start: '2:1' });
  });

  it('points at a key with no value', () => {
    expect(at(source, '/empty')).toMatchObject({ start: '10:1' });
  });

  it('finds text inside a block scalar exactly', () => {
    const lineCounter = new LineCounter();
    const doc = parseDocument(source, { lineCounter });
    const [start, end] = locateText(doc, source, '/situation', '06-12345678');
    expect(rangePosition(lineCounter, start, end)).toEqual({ line: 13, column: 18, endLine: 13, endColumn: 29 });
  });

  it('follows aliases', () => {
    expect(at('a: &x\n  b: 1\nc: *x\n', '/c/b')).toMatchObject({ exact: true, start: '2:6' });
  });
});
