/**
 * The node tree of a file the quick path read (load/quick.ts builds it): enough to place a
 * position without composing a yaml Document.
 */

/** A node of a quickly read file: where its source starts and ends, and for a scalar its value. */
export interface QuickNode {
  /** Known once the node is closed. */
  kind: 'scalar' | 'mapping' | 'sequence';
  /** Offsets in the text; the start is where its source begins (after space and comments). */
  start: number;
  end: number;
  value?: unknown;
  /** A mapping's keys and values in turn; a sequence's items. */
  children: QuickNode[];
}

/** The scalar at `path` (keys and indexes) in a quick tree. */
export function quickScalar(root: QuickNode, path: ReadonlyArray<string | number>): QuickNode | undefined {
  let node: QuickNode | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.kind === 'mapping') {
      let next: QuickNode | undefined;
      for (let k = 0; k + 1 < node.children.length; k += 2) {
        if (String(node.children[k]!.value) === String(segment)) next = node.children[k + 1];
      }
      node = next;
    } else if (node.kind === 'sequence' && typeof segment === 'number') {
      node = node.children[segment];
    } else {
      return undefined;
    }
  }
  return node?.kind === 'scalar' ? node : undefined;
}
