import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, parseSource } from '../../src/load/parse.js';

const parse = (text: string | Uint8Array) =>
  parseSource('/cb/cases/x.yaml', typeof text === 'string' ? new TextEncoder().encode(text) : text, { lang: 'nl' });
const rules = (text: string | Uint8Array) => parse(text).messages.map((m) => `${m.rule} ${m.line}:${m.column}`);

describe('parseSource', () => {
  it('reads YAML 1.2 core: no, on and yes stay text, dates stay text', () => {
    const file = parse('a: no\nb: on\nc: yes\nd: 2024-01-01\ne: 1.0\n');
    expect(file.messages).toEqual([]);
    expect(file.data).toEqual({ a: 'no', b: 'on', c: 'yes', d: '2024-01-01', e: 1 });
  });

  it('reports a duplicate key at the second occurrence, naming the key', () => {
    const file = parse('title: a\ndomains: [wmo]\ntitle: b\n');
    expect(rules('title: a\ndomains: [wmo]\ntitle: b\n')).toEqual(['yaml/duplicate-key 3:1']);
    expect(file.messages[0]!.message).toContain("'title'");
    expect(file.data).toBeUndefined();
  });

  it('reports empty files, comment-only files and non-mappings', () => {
    expect(rules('')).toEqual(['yaml/empty 1:1']);
    expect(rules('# alleen commentaar\n')).toEqual(['yaml/empty 1:1']);
    expect(rules('- a\n- b\n')).toEqual(['yaml/not-a-mapping 1:1']);
    expect(rules('\n\nzomaar tekst\n')).toEqual(['yaml/not-a-mapping 3:1']);
  });

  it('stops an alias bomb without expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const name of 'bcdefghi') bomb.push(`${name}: &${name} [${Array(9).fill('*' + String.fromCharCode(name.charCodeAt(0) - 1)).join(',')}]`);
    expect(rules(bomb.join('\n') + '\n')).toEqual(['yaml/alias-limit 1:1']);
  });

  it('allows a few aliases', () => {
    expect(parse('a: &x tekst\nb: *x\n').data).toEqual({ a: 'tekst', b: 'tekst' });
  });

  it('reports absurd nesting once, without overflowing the stack', () => {
    expect(rules('a: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n').map((r) => r.split(' ')[0])).toEqual(['yaml/too-deep']);
    const blockNesting = Array.from({ length: 2000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n';
    expect(rules(blockNesting).map((r) => r.split(' ')[0])).toEqual(['yaml/too-deep']);
    expect(rules('a: ' + '['.repeat(100) + ']'.repeat(100) + '\n')).toEqual(['yaml/too-deep 1:1']);
  });

  it('refuses binary files and files that are too large', () => {
    expect(rules(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]))).toEqual(['yaml/binary 1:1']);
    expect(rules(new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61))).toEqual(['yaml/too-large 1:1']);
  });

  it('points at the first byte that is not UTF-8', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('title: a\nsituation: caf'), 0xe9, 0x0a]);
    expect(rules(bytes)).toEqual(['yaml/encoding 2:15']);
  });

  it('ignores a byte order mark and counts columns without it', () => {
    const file = parse('\uFEFFtitle: a\nb: [x, y]\n');
    expect(file.messages).toEqual([]);
    expect(file.data).toEqual({ title: 'a', b: ['x', 'y'] });
    expect(rules('\uFEFFtitle: a\ntitle: b\n')).toEqual(['yaml/duplicate-key 2:1']);
  });

  it('keeps line numbers right with CRLF line ends', () => {
    expect(rules('title: a\r\ndomains: [wmo]\r\ntitle: b\r\n')).toEqual(['yaml/duplicate-key 3:1']);
  });

  it('does not let __proto__ or constructor keys pollute prototypes', () => {
    const file = parse('__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(file.data, '__proto__')).toBe(true);
  });

  it('reports syntax errors with their position and a Dutch explanation', () => {
    const file = parse('title: a\ndomains:\n\t- wmo\n');
    expect(file.messages.map((m) => `${m.rule} ${m.line}:${m.column}`)).toEqual(['yaml/syntax 3:1']);
    expect(file.messages[0]!.message).toMatch(/tab/);
  });
});
