/**
 * Where a phrase found in a field's text stands in the YAML source. The parsed text of a
 * scalar is not its source: block scalars lose their indentation, folded and plain scalars
 * turn line breaks into spaces, quoted scalars lose quotes and escapes. The parsed text is
 * aligned with the raw source of its node (align.ts), which handles all styles.
 */
import type { Document } from 'yaml';
import { yaml } from '../util/yaml.js';
import { alignScalar, styleOf } from './align.js';
import { locate, toPointer } from './locate.js';
import { quickScalar, type QuickNode } from './quick-node.js';

/**
 * For each of `offsets` (indexes into `value`, a scalar's parsed text), the index in `raw`
 * (the node's source text) the character came from; an offset at the end of the value gives
 * the end of its source. The alignment (align.ts) stops at the largest offset asked for.
 * Where value and source cannot be aligned (an invalid escape), every offset gives the start.
 */
export function alignOffsets(raw: string, value: string, offsets: readonly number[], type?: string): number[] {
  let largest = 0;
  for (const offset of offsets) if (offset > largest) largest = offset;
  const aligned = alignScalar(raw, value, type, largest + 1);
  const last = Math.max(0, raw.length - 1);
  if (!aligned) return offsets.map(() => 0);
  return offsets.map((offset) => Math.min(offset < aligned.starts.length ? aligned.starts[offset]! : aligned.next, last));
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
  const { isScalar } = yaml();
  // getIn is the quick way; an alias on the way is followed by `locate`.
  let node: unknown = doc.getIn(path, true);
  if (!isScalar(node)) node = locate(doc, toPointer(path)).node;
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const [start, end] = node.range;
  const raw = source.slice(start, end);
  const inRaw = (node.type === 'BLOCK_LITERAL' ? literalOffsets(raw, node.value, offsets) : undefined) ?? alignOffsets(raw, node.value, offsets, node.type);
  return inRaw.map((at) => start + at);
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
