/**
 * Adding value ids to a case file by splicing text, never by re-serialising the document:
 * every comment, key order, quoting style and blank line stays as the author wrote it. A new
 * `values:` block goes after the last field that precedes it in the case format, in the
 * file's own list style and indentation; extra ids go at the end of an existing list. The
 * result is parsed again and must equal the old data plus the new ids, or nothing is written.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Node, Pair, YAMLMap } from 'yaml';
import { yaml } from '../util/yaml.js';
import { parseSource } from '../load/parse.js';
import { FIELD_NAMES, caseValueIds } from '../case/index.js';

/** Why a file was not changed: it does not parse cleanly, its shape is not one the writer
 * edits (a flow mapping, `values` that is not a list), or the edit did not check out. */
export type WriteFailure = 'syntax' | 'unsupported' | 'verify';

export type WriteOutcome = { ok: true; text: string; added: string[] } | { ok: false; reason: WriteFailure };

/** The fields that come before `values` in the case format, in order. */
const BEFORE_VALUES: ReadonlySet<string> = new Set(FIELD_NAMES.slice(0, FIELD_NAMES.indexOf('values')));

const encoder = new TextEncoder();

function parse(text: string) {
  return parseSource('case.yaml', encoder.encode(text), { lang: 'nl' });
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

/** The start of the line after the one `offset` is on (or the end of the text). */
function nextLine(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end + 1;
}

/** The end of the last non-blank character before `offset`. */
function contentEnd(text: string, offset: number, floor: number): number {
  let end = offset;
  while (end > floor && /\s/.test(text[end - 1]!)) end--;
  return end;
}

const keyOf = (pair: Pair) => (yaml().isScalar(pair.key) ? String(pair.key.value) : String(pair.key));

interface ListStyle {
  flow: boolean;
  /** What stands before an item on its line, e.g. `  - `. */
  itemPrefix: string;
}

/** The file's own way of writing a block list; flow (`[a, b]`) only when it has no block lists. */
function listStyle(map: YAMLMap, text: string, indent: string): ListStyle {
  let sawFlow = false;
  for (const pair of map.items) {
    const value = pair.value;
    if (!yaml().isSeq(value)) continue;
    if (value.flow) {
      sawFlow = true;
      continue;
    }
    const first = value.items[0] as Node | undefined;
    const start = first?.range?.[0];
    if (start === undefined) continue;
    const prefix = text.slice(lineStart(text, start), start);
    if (/^[ \t]*-[ \t]+$/.test(prefix)) return { flow: false, itemPrefix: prefix };
  }
  return { flow: sawFlow, itemPrefix: `${indent}  - ` };
}

const blockItems = (ids: readonly string[], prefix: string, nl: string) => ids.map((id) => `${prefix}${id}${nl}`).join('');

/** Where a new top-level block goes after `pair`: after its last line and any indented comments that follow it. */
function afterPair(pair: Pair, text: string, indent: string): number {
  const value = pair.value as Node | null;
  const keyEnd = (pair.key as Node).range![1];
  const valueEnd = value?.range?.[1] ?? keyEnd;
  let at: number;
  if (yaml().isScalar(value) && (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED') && /^[|>][^\n]*\+/.test(text.slice(value.range![0]))) {
    // `|+` keeps its trailing blank lines: they are part of the text and stay before the new block.
    at = valueEnd;
  } else {
    at = nextLine(text, contentEnd(text, valueEnd, keyEnd));
  }
  // A commented-out item indented under the field belongs to it: `  # - law: Jeugdwet`.
  for (;;) {
    const end = nextLine(text, at);
    const line = text.slice(at, end);
    const lineIndent = /^[ \t]*/.exec(line)![0];
    if (at < text.length && /^[ \t]*#/.test(line) && lineIndent.length > indent.length) at = end;
    else break;
  }
  return at;
}

function insertAt(text: string, at: number, insertion: string, nl: string): string {
  const needsBreak = at > 0 && at === text.length && !text.endsWith('\n');
  return text.slice(0, at) + (needsBreak ? nl : '') + insertion + text.slice(at);
}

function splice(text: string, map: YAMLMap, ids: readonly string[]): string | WriteFailure {
  const { isScalar, isSeq } = yaml();
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const firstKey = map.items[0]?.key as Node | undefined;
  const keyStart = firstKey?.range?.[0] ?? 0;
  const indent = text.slice(lineStart(text, keyStart), keyStart).replace(/[^ \t]/g, ' ');
  const style = listStyle(map, text, indent);
  const pair = map.items.find((p) => keyOf(p) === 'values');

  if (!pair) {
    const block = style.flow ? `${indent}values: [${ids.join(', ')}]${nl}` : `${indent}values:${nl}${blockItems(ids, style.itemPrefix, nl)}`;
    const anchor = map.items.filter((p) => BEFORE_VALUES.has(keyOf(p))).pop();
    const at = anchor ? afterPair(anchor, text, indent) : text.length;
    return insertAt(text, at, block, nl);
  }

  const value = pair.value as Node | null;
  if (value === null || (isScalar(value) && value.value === null && value.range && value.range[0] === value.range[1])) {
    // `values:` with nothing after it (perhaps a comment): items go on the lines below.
    const keyEnd = (pair.key as Node).range![1];
    return insertAt(text, nextLine(text, keyEnd), blockItems(ids, style.itemPrefix, nl), nl);
  }
  if (isScalar(value) && value.value === null && value.range) {
    // `values: ~` or `values: null`: the empty value becomes a list.
    return text.slice(0, value.range[0]) + `[${ids.join(', ')}]` + text.slice(value.range[1]);
  }
  if (!isSeq(value) || !value.range) return 'unsupported';
  const items = value.items as Array<Node | null>;
  const last = items[items.length - 1];
  if (value.flow) {
    if (!last) {
      const open = text.indexOf('[', value.range[0]);
      return text.slice(0, open + 1) + ids.join(', ') + text.slice(open + 1);
    }
    if (!last.range) return 'unsupported';
    return text.slice(0, last.range[1]) + `, ${ids.join(', ')}` + text.slice(last.range[1]);
  }
  const first = items[0];
  if (!first?.range || !last?.range) return 'unsupported';
  const prefix = text.slice(lineStart(text, first.range[0]), first.range[0]);
  if (!/^[ \t]*-[ \t]+$/.test(prefix)) return 'unsupported';
  const at = nextLine(text, contentEnd(text, last.range[1], first.range[0]));
  return insertAt(text, at, blockItems(ids, prefix, nl), nl);
}

/**
 * `text` (a case file) with `ids` added to its `values`: a new block when it has none, or
 * items appended to the list it has. Ids the case already has are skipped.
 */
export function addValuesToSource(text: string, ids: readonly string[]): WriteOutcome {
  const before = parse(text);
  if (before.messages.length > 0 || !before.doc || !before.data) return { ok: false, reason: 'syntax' };
  const map = before.doc.contents;
  if (!yaml().isMap(map) || map.flow) return { ok: false, reason: 'unsupported' };
  const existing = caseValueIds(before.data);
  const added = [...new Set(ids)].filter((id) => !existing.includes(id));
  if (added.length === 0) return { ok: true, text, added };
  const edited = splice(text, map, added);
  if (edited === 'unsupported' || edited === 'syntax' || edited === 'verify') return { ok: false, reason: edited };
  const after = parse(edited);
  const oldList = Array.isArray(before.data.values) ? before.data.values : [];
  const expected = { ...before.data, values: [...oldList, ...added] };
  if (after.messages.length > 0 || !isDeepStrictEqual(after.data, expected)) return { ok: false, reason: 'verify' };
  return { ok: true, text: edited, added };
}
