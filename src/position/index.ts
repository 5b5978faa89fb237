/**
 * Positions, computed in one place: from a JSON Pointer (what ajv and the rules speak) to a
 * line and column in the YAML source (what a person needs), over either node tree (the yaml
 * Document, or the quick path's QuickNode tree), with one alignment of a scalar's value and
 * its source (align.ts). Every stage asks here.
 */
import type { Document, LineCounter } from 'yaml';
import { locate, locateText, rangePosition, startOfFile } from './locate.js';
import type { Position } from './position.js';

export type { Position } from './position.js';
export { alignScalar, styleOf, type Alignment } from './align.js';
export { locate, locateText, nthIndexOf, pointerSegments, rangePosition, startOfFile, toPointer, type Located } from './locate.js';
export { alignOffsets, lineOf, lineStarts, quickSourceOffsets, scalarSourceOffsets } from './offsets.js';
export { quickScalar, type QuickNode } from './quick-node.js';

/** What a position is read from: a source file as load gives it (SourceFile in types.ts). */
export interface PositionSource {
  text: string | undefined;
  doc: Document.Parsed | undefined;
  lineCounter: LineCounter;
}

export interface PositionQuery {
  /** Point at the key of the last pair instead of its value (an unknown key). */
  key?: boolean;
  /** Exact text inside the scalar at the pointer to point at (e.g. a phone number). */
  needle?: string;
  /** Which occurrence of `needle` in the scalar's parsed value (0-based, overlapping ones counted). */
  occurrence?: number;
}

/**
 * Where the value at `pointer` (or its key, or a piece of its text) stands in `file`. A
 * missing part of the path gives the closest existing ancestor; a file without a parsed
 * document gives its start.
 */
export function positionOf(file: PositionSource, pointer: string, query: PositionQuery = {}): Position {
  if (!file.doc) return startOfFile;
  const range = query.needle !== undefined && file.text !== undefined
    ? locateText(file.doc, file.text, pointer, query.needle, query.occurrence)
    : locate(file.doc, pointer, { key: query.key ?? false }).range;
  return rangePosition(file.lineCounter, range[0], range[1]);
}
