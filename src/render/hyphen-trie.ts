/**
 * The hyphen package's pattern trie packed into one array of 16-bit numbers, so that a build
 * reads it from a file without parsing: JSON.parse of the trie's 7,676 objects (Dutch) cost
 * about 58 M instructions of every build. scripts/compile-hyphen.mjs writes the packed form
 * when the package is built; typography.ts packs the package's own trie when that file is
 * missing.
 *
 * A node at offset `o`: `d[o]` = its number of letters k, then its k letters (UTF-16 code
 * units, ascending), then for each letter two numbers: the offset of the node it leads to (0:
 * none, the package's leaf) and the index of the pattern that ends there plus one (0: none).
 * The root is at offset 0 (no letter leads back to it).
 */

/** The package's trie: a letter leads to a node, to a node and a pattern (`[node, index]`), or to a pattern only. */
export type TrieNode = { [letter: string]: TrieNode | [TrieNode, number] | number };

/** Every offset and pattern index must fit in 16 bits (the Dutch trie takes 62,318). */
const MAX = 0xffff;

export function packTrie(trie: TrieNode): Uint16Array {
  const out: number[] = [];
  const write = (node: TrieNode): number => {
    const letters = Object.keys(node).sort();
    const at = out.length;
    out.push(letters.length);
    for (const letter of letters) {
      if (letter.length !== 1) throw new Error(`hyphen trie: "${letter}" is not one letter`);
      out.push(letter.charCodeAt(0));
    }
    const slots = out.length;
    for (let j = 0; j < letters.length; j++) out.push(0, 0);
    letters.forEach((letter, j) => {
      const next = node[letter]!;
      const [child, pattern] = Array.isArray(next) ? [write(next[0]), next[1] + 1] : typeof next === 'number' ? [0, next + 1] : [write(next), 0];
      out[slots + 2 * j] = child;
      out[slots + 2 * j + 1] = pattern;
    });
    return at;
  };
  write(trie);
  if (out.some((n) => !Number.isInteger(n) || n < 0 || n > MAX)) throw new Error('hyphen trie: too large to pack in 16 bits');
  return Uint16Array.from(out);
}

/** The packed trie as the bytes of a file (little-endian). */
export function trieBytes(packed: Uint16Array): Buffer {
  const bytes = Buffer.alloc(packed.length * 2);
  packed.forEach((n, i) => bytes.writeUInt16LE(n, i * 2));
  return bytes;
}

/** The packed trie from a file's bytes (little-endian, on any machine). */
export function trieFromBytes(bytes: Uint8Array): Uint16Array {
  const packed = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < packed.length; i++) packed[i] = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
  return packed;
}

/** The package's trie again (for the tests: the packed form holds exactly the same). */
export function unpackTrie(packed: Uint16Array, at = 0): TrieNode {
  const node: TrieNode = {};
  const count = packed[at]!;
  for (let j = 0; j < count; j++) {
    const letter = String.fromCharCode(packed[at + 1 + j]!);
    const child = packed[at + 1 + count + 2 * j]!;
    const pattern = packed[at + 2 + count + 2 * j]! - 1;
    node[letter] = child === 0 ? pattern : pattern < 0 ? unpackTrie(packed, child) : [unpackTrie(packed, child), pattern];
  }
  return node;
}
