/**
 * Where a phrase found in a field's text stands in the YAML source. The parsed text of a
 * scalar is not its source: block scalars lose their indentation, folded and plain scalars
 * turn line breaks into spaces, quoted scalars lose quotes and escapes. The parsed text is
 * aligned with the raw source of its node character by character, which handles all styles.
 */
import { isScalar, type Document } from 'yaml';
import { locate, toPointer } from './locate.js';
import { quickScalar, type QuickNode } from './quick-node.js';

const isSpace = (ch: string) => ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t';

/** Source length of the escape at `raw[at]` in a double-quoted scalar, and how many UTF-16
 * units of the value it stands for (none for an escaped line break). */
function escapeAt(raw: string, at: number): { length: number; units: number } {
  const kind = raw[at + 1];
  if (kind === '\n' || kind === '\r') {
    let end = at + 1;
    if (raw[end] === '\r' && raw[end + 1] === '\n') end++;
    end++;
    while (raw[end] === ' ' || raw[end] === '\t') end++;
    return { length: end - at, units: 0 };
  }
  const hex = kind === 'x' ? 2 : kind === 'u' ? 4 : kind === 'U' ? 8 : 0;
  if (hex === 0) return { length: 2, units: 1 };
  const code = Number.parseInt(raw.slice(at + 2, at + 2 + hex), 16);
  return { length: 2 + hex, units: code > 0xffff ? 2 : 1 };
}

/**
 * For each of `offsets` (indexes into `value`, a scalar's parsed text), the index in `raw`
 * (the node's source text) the character came from. Apart from whitespace, quotes, escapes
 * and the block header, the value is a subsequence of the raw text: both are walked
 * together, once, up to the largest offset asked for. `type` is the scalar's style.
 */
export function alignOffsets(raw: string, value: string, offsets: readonly number[], type?: string): number[] {
  const order = offsets.map((_, k) => k).sort((a, b) => offsets[a]! - offsets[b]!);
  const result = new Array<number>(offsets.length).fill(0);
  const last = Math.max(0, raw.length - 1);
  let next = 0;
  const record = (upTo: number, at: number) => {
    while (next < order.length && offsets[order[next]!]! <= upTo) result[order[next++]!] = Math.min(at, last);
  };
  const double = type === 'QUOTE_DOUBLE';
  const block = type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED';
  // The header line of a block and the opening quote hold no text.
  let j = block ? raw.indexOf('\n') + 1 : type === 'QUOTE_SINGLE' || double ? 1 : 0;
  let i = 0;
  while (i < value.length && next < order.length) {
    if (double && raw[j] === '\\') {
      const escape = escapeAt(raw, j);
      if (escape.units > 0) {
        record(i + escape.units - 1, j);
        i += escape.units;
      }
      j += escape.length;
      continue;
    }
    const ch = value[i]!;
    const space = isSpace(ch);
    // Indentation, line breaks and quotes the value does not have are skipped; a space in
    // the value may stand for a line break in the source (folding).
    while (j < raw.length && raw[j] !== ch && !(space && isSpace(raw[j]!)) && !(double && raw[j] === '\\')) j++;
    if (double && raw[j] === '\\') continue;
    record(i, j);
    j++;
    i++;
  }
  record(Infinity, j);
  return result;
}

export function lineStarts(text: string, from = 0): number[] {
  const starts = [from];
  for (let at = text.indexOf('\n', from); at >= 0 && at + 1 < text.length; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** The line (0-based) of `offset` among `starts`. */
export function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A literal block (`|`) keeps its lines: line n of the text is line n of the block, shifted
 * by the block's indentation. That is found without walking every character. Undefined for
 * an explicit indentation indicator (`|2`), which the general alignment handles.
 */
function literalOffsets(raw: string, value: string, offsets: readonly number[]): number[] | undefined {
  const headerEnd = raw.indexOf('\n') + 1;
  if (headerEnd === 0 || /\d/.test(raw.slice(0, headerEnd))) return undefined;
  const rawLines = lineStarts(raw, headerEnd);
  const firstContent = rawLines.find((start) => /^ *[^ \n\r]/.test(raw.slice(start, start + 200)));
  if (firstContent === undefined) return undefined;
  const indent = /^ */.exec(raw.slice(firstContent))![0].length;
  const valueLines = lineStarts(value);
  return offsets.map((offset) => {
    const line = lineOf(valueLines, offset);
    const rawStart = rawLines[line];
    return rawStart === undefined ? 0 : rawStart + indent + (offset - valueLines[line]!);
  });
}

/** Source offsets of `offsets` in the text of the scalar at `path`; undefined when there is no such scalar. */
export function scalarSourceOffsets(doc: Document, source: string, path: ReadonlyArray<string | number>, offsets: readonly number[]): number[] | undefined {
  // getIn is the quick way; an alias on the way is followed by `locate`.
  let node: unknown = doc.getIn(path, true);
  if (!isScalar(node)) node = locate(doc, toPointer(path)).node;
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const [start, end] = node.range;
  const raw = source.slice(start, end);
  const inRaw = (node.type === 'BLOCK_LITERAL' ? literalOffsets(raw, node.value, offsets) : undefined) ?? alignOffsets(raw, node.value, offsets, node.type);
  return inRaw.map((at) => start + at);
}

/** The style of a scalar, read from the first character of its source (as yaml names it). */
function styleOf(raw: string): string {
  switch (raw[0]) {
    case '|':
      return 'BLOCK_LITERAL';
    case '>':
      return 'BLOCK_FOLDED';
    case '"':
      return 'QUOTE_DOUBLE';
    case "'":
      return 'QUOTE_SINGLE';
    default:
      return 'PLAIN';
  }
}

/** scalarSourceOffsets for a file the quick path read, from its node tree instead of a Document. */
export function quickSourceOffsets(tree: QuickNode, source: string, path: ReadonlyArray<string | number>, offsets: readonly number[]): number[] | undefined {
  const node = quickScalar(tree, path);
  if (!node || typeof node.value !== 'string') return undefined;
  const raw = source.slice(node.start, node.end);
  const type = styleOf(raw);
  const inRaw = (type === 'BLOCK_LITERAL' ? literalOffsets(raw, node.value, offsets) : undefined) ?? alignOffsets(raw, node.value, offsets, type);
  return inRaw.map((at) => node.start + at);
}
