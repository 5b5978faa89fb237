/**
 * Positions: from a JSON Pointer (what ajv and our rules speak) to a line and column in the
 * YAML source (what a person needs). Everything that reports a position goes through here.
 */
import type { Document, LineCounter, Node, Pair } from 'yaml';
import { yaml } from '../util/yaml.js';
import type { Position } from './position.js';
import { alignScalar, type Alignment } from './align.js';

export { alignScalar } from './align.js';

/** `/options/0/for` → ['options', '0', 'for'], with JSON Pointer escapes undone. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function toPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The position of a source range `[start, end)`; `end` defaults to `start`. */
export function rangePosition(lineCounter: LineCounter, start: number, end = start): Position {
  const from = lineCounter.linePos(start);
  const to = lineCounter.linePos(Math.max(start, end));
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}

export const startOfFile: Position = { line: 1, column: 1, endLine: 1, endColumn: 1 };

type YamlNode = Node | Pair | null | undefined;

function deref(node: YamlNode, doc: Document): YamlNode {
  // Aliases are followed for the walk (at most a few levels: a cycle-proof bound).
  const { isAlias } = yaml();
  let current = node;
  for (let hops = 0; hops < 8 && isAlias(current); hops++) current = current.resolve(doc);
  return current;
}

function pairFor(node: YamlNode, key: string): Pair | undefined {
  const { isMap, isScalar } = yaml();
  if (!isMap(node)) return undefined;
  return node.items.find((pair) => {
    const k = pair.key;
    return isScalar(k) ? String(k.value) === key : k === key;
  }) as Pair | undefined;
}

export interface Located {
  /** The node for the full pointer, or undefined when it does not exist. */
  node: Node | undefined;
  /** The range to report: the node, its key (when asked), or the closest existing ancestor. */
  range: [number, number];
  /** True when the whole pointer resolved. */
  exact: boolean;
}

/**
 * Walks `pointer` through the document. With `key: true` the range is the key of the last
 * pair (for unknown keys). When part of the path is missing, the range is that of the closest
 * existing ancestor: its key when it has one, so that a missing field in `options/1` points at
 * the `- title:` line of that option rather than at the whole file.
 */
export function locate(doc: Document, pointer: string, options: { key?: boolean } = {}): Located {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  const segments = pointerSegments(pointer);
  let node: YamlNode = doc.contents;
  let keyNode: YamlNode;
  let best: [number, number] | undefined = rangeOf(node);
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    node = deref(node, doc);
    let next: YamlNode;
    let nextKey: YamlNode;
    if (isMap(node)) {
      const pair = pairFor(node, segment);
      next = (pair?.value ?? (pair ? null : undefined)) as YamlNode;
      nextKey = pair?.key as YamlNode;
      // `key:` with nothing after it holds an empty scalar (or null) that has no text.
      const empty = next === null || (isScalar(next) && next.value === null && next.range && next.range[0] === next.range[1]);
      if (pair && empty) {
        // `key:` with nothing after it: the key is the only place to point at.
        const keyRange = rangeOf(nextKey);
        return { node: undefined, range: keyRange ?? best ?? [0, 0], exact: true };
      }
    } else if (isSeq(node) && /^\d+$/.test(segment)) {
      next = node.items[Number(segment)] as YamlNode;
    }
    if (next === undefined || next === null || isPair(next)) {
      return { node: undefined, range: rangeOf(keyNode) ?? best ?? [0, 0], exact: false };
    }
    node = next;
    keyNode = nextKey;
    best = rangeOf(node) ?? best;
  }
  if (options.key && keyNode) {
    return { node: node as Node, range: rangeOf(keyNode) ?? best ?? [0, 0], exact: true };
  }
  return { node: (node ?? undefined) as Node | undefined, range: best ?? [0, 0], exact: true };
}

function rangeOf(node: YamlNode): [number, number] | undefined {
  if (!node || yaml().isPair(node)) return undefined;
  const range = (node as Node).range;
  if (!range) return undefined;
  return [range[0], range[1]];
}

/** The `n`-th (0-based) occurrence of `needle` in `text`, counting overlapping ones; -1 if none. */
export function nthIndexOf(text: string, needle: string, n: number): number {
  let at = text.indexOf(needle);
  for (let seen = 0; at >= 0 && seen < n; seen++) at = text.indexOf(needle, at + 1);
  return at;
}

/** Per scalar node, its alignment: a field with many findings is aligned once, not per finding. */
const alignments = new WeakMap<Node, Alignment | null>();

/**
 * Where `needle` stands in the source of the scalar at `pointer`. `needle` and
 * `occurrence` (0-based, overlapping occurrences counted) refer to the scalar's parsed
 * value, which is what rules read; the result is exact in the source also in block
 * scalars (`|`, `>`), quoted strings with escapes, and text folded across lines. Without
 * such a value (an alias, a number) the needle is looked up in the node's raw source;
 * when it cannot be found at all, the node's start is returned.
 */
export function locateText(
  doc: Document,
  text: string,
  pointer: string,
  needle: string,
  occurrence = 0,
): [number, number] {
  const found = locate(doc, pointer);
  const [start, end] = found.range;
  const node = found.node;
  if (found.exact && needle !== '' && yaml().isScalar(node) && typeof node.value === 'string' && node.range) {
    const at = nthIndexOf(node.value, needle, occurrence);
    if (at >= 0) {
      let aligned = alignments.get(node);
      if (aligned === undefined) {
        aligned = alignScalar(text.slice(node.range[0], node.range[1]), node.value, node.type) ?? null;
        alignments.set(node, aligned);
      }
      if (aligned) return [node.range[0] + aligned.starts[at]!, node.range[0] + aligned.ends[at + needle.length - 1]!];
    }
  }
  const source = text.slice(start, end);
  let at = nthIndexOf(source, needle, occurrence);
  if (at < 0) at = source.indexOf(needle);
  if (at < 0 || needle === '') return [start, start];
  return [start + at, start + at + needle.length];
}
