/**
 * The plain path for reading a case: a reader for the few YAML forms a case file is written
 * in, tried before the quick path (quick.ts). A case is a mapping of plain keys to one-line
 * plain scalars (a comment after them allowed), quoted strings (over lines too; no escapes
 * but `\"` and `\\`), one-line flow lists, literal and folded blocks (`|`, `|-`, `>`, `>-`) and block lists
 * of those or of small mappings. js-yaml reads the same files in a general way, and the quick
 * path's guards look through each file again: together about two and a half times the cost
 * (js-yaml was most of reading 10,000 cases for `tag --format json`; BENCHMARKS.md).
 *
 * It answers only when it is sure: anything else (a tab, a carriage return, a control or
 * special space character, another escape, a block with other indicators, empty lines at a block's
 * start or inside a quoted string, a line of spaces, a comment other than a whole line at the
 * left margin before a line at the margin, a flow mapping, an anchor, alias or tag, a plain
 * scalar over several lines, a duplicate key, a key that is no plain word) gives undefined,
 * and the quick path (and after it the full path) reads the file as before. What it reads is
 * js-yaml's data and the yaml package's exactly (tests/unit/parse-plain.test.ts holds the
 * three together on every YAML file of the repository, on generated cases, on generated cases
 * patched with YAML syntax, and on texts built from these forms and their near misses).
 */
import { coreScalar } from './quick.js';

/**
 * Any character the plain path does not take: everything but the line feed, printable ASCII
 * and the printable characters above (no C1 controls, no space characters other than the
 * ASCII space, no line or paragraph separators, no surrogates, no byte order mark, no
 * non-characters U+FFFE and U+FFFF).
 */
const NOT_PLAIN = /[^\n -~\u00a1-\u167f\u1681-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u205e\u2060-\u2fff\u3001-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;

/** Nesting deeper than this is left to the other paths (which check MAX_DEPTH). */
const MAX_NESTING = 16;
/** A key longer than this is left to the other paths (YAML limits implicit keys to 1024 characters). */
const MAX_KEY = 128;

/** Thrown (and caught in plainRead) when the text is not in the plain forms. */
const NOT_PLAIN_FORM = { notPlain: true };

/** The text being read and the reading position (one file at a time, synchronously). */
let src = '';
let at = 0;

const SPACE = 32;
const NEWLINE = 10;
const COLON = 58;
const HASH = 35;
const DASH = 45;
const BACKSLASH = 92;

function fail(): never {
  throw NOT_PLAIN_FORM;
}

/** The data of `text` when it is in the plain forms (a mapping at the top); else undefined. */
export function plainRead(text: string): Record<string, unknown> | undefined {
  if (text.length === 0 || text.charCodeAt(text.length - 1) !== NEWLINE || NOT_PLAIN.test(text)) return undefined;
  src = text;
  at = 0;
  try {
    if (nextContent() !== 0) return undefined;
    const data = readMapping(0, 0);
    return at >= src.length ? data : undefined;
  } catch (error) {
    if (error === NOT_PLAIN_FORM) return undefined;
    throw error;
  } finally {
    src = '';
  }
}

/**
 * Moves to the start of the next line with content (past empty lines and comment lines at
 * the margin) and returns its indentation, or -1 at the end of the text; called again there,
 * it stays. A comment line must come before a line at the margin (or the end): elsewhere the
 * two parsers tell comments apart differently. A line of spaces only is not a plain form.
 */
function nextContent(): number {
  let comment = false;
  for (;;) {
    if (at >= src.length) return -1;
    const lineStart = at;
    let first = at;
    while (src.charCodeAt(first) === SPACE) first++;
    const code = src.charCodeAt(first);
    if (code === NEWLINE) {
      if (first !== lineStart) fail();
      at = first + 1;
      continue;
    }
    if (code === HASH) {
      if (first !== lineStart) fail();
      comment = true;
      at = src.indexOf('\n', first) + 1;
      continue;
    }
    if (comment && first !== lineStart) fail();
    return first - lineStart;
  }
}

/** Whether `code` may be part of a key (a plain word: letters, digits, `_` and `-`). */
function isKeyCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === DASH;
}

/** The key at the reading position, if there is one (`word:` then a space or the line end); the position moves past the colon. */
function readKey(): string | undefined {
  const start = at;
  const first = src.charCodeAt(at);
  if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90))) return undefined;
  let end = at + 1;
  while (isKeyCode(src.charCodeAt(end))) end++;
  const after = src.charCodeAt(end + 1);
  if (src.charCodeAt(end) !== COLON || (after !== SPACE && after !== NEWLINE) || end - start > MAX_KEY) return undefined;
  const key = src.slice(start, end);
  // A key the core schema reads as null or a boolean, or one JavaScript objects treat apart.
  if (typeof coreScalar(key) !== 'string' || key === '__proto__') fail();
  at = end + 1;
  return key;
}

/** A block mapping whose keys stand at column `indent`; the position is at its first key. */
function readMapping(indent: number, depth: number): Record<string, unknown> {
  if (depth > MAX_NESTING) fail();
  const mapping: Record<string, unknown> = {};
  for (;;) {
    const key = readKey();
    if (key === undefined || Object.prototype.hasOwnProperty.call(mapping, key)) fail();
    mapping[key] = readValue(indent, depth);
    const next = nextContent();
    if (next < indent) return mapping;
    if (next > indent) fail();
    at += indent;
  }
}

/** The value after a key's colon, for a mapping at column `indent`; ends at the start of the next line. */
function readValue(indent: number, depth: number): unknown {
  if (src.charCodeAt(at) === NEWLINE) {
    at++;
    const next = nextContent();
    // Nothing more indented follows: the value is null. (A list at the key's own column is legal YAML, left to the others.)
    if (next <= indent) {
      if (next === indent && src.charCodeAt(at + next) === DASH) fail();
      return null;
    }
    at += next;
    return src.charCodeAt(at) === DASH ? readList(next, depth + 1) : readMapping(next, depth + 1);
  }
  at++;
  while (src.charCodeAt(at) === SPACE) at++;
  const code = src.charCodeAt(at);
  if (code === 124 /* | */ || code === 62 /* > */) return readBlock(indent);
  return readInline(indent);
}

/** A scalar or flow list that ends its line, in a block at column `indent`: after it the position is at the next line. */
function readInline(indent: number): unknown {
  const code = src.charCodeAt(at);
  if (code === 34 /* " */ || code === 39 /* ' */) return readQuoted(code, indent);
  const end = src.indexOf('\n', at);
  const value = code === 91 /* [ */ ? readFlowList(end) : coreScalar(plainScalar(at, end));
  at = end + 1;
  return value;
}

/**
 * A quoted scalar that ends its last line, with no escapes but `\\"` and `\\\\` in `"` (none
 * in `'`, where a quote is doubled). Over several lines, each later line indented more than
 * its block (`indent`), without empty lines or spaces at the line ends: the lines joined by a
 * space, as YAML folds them.
 */
function readQuoted(quote: number, indent: number): string {
  let close = at + 1;
  let escaped = false;
  for (let code = src.charCodeAt(close); code !== quote; code = src.charCodeAt(close)) {
    if (close >= src.length) fail();
    if (code === BACKSLASH && quote === 34) {
      const next = src.charCodeAt(close + 1);
      if (next !== 34 && next !== BACKSLASH) fail();
      escaped = true;
      close++;
    }
    close++;
  }
  if (src.charCodeAt(close + 1) !== NEWLINE) fail();
  const body = src.slice(at + 1, close);
  at = close + 2;
  const text = body.includes('\n') ? foldQuoted(body, indent) : body;
  return escaped ? text.replace(/\\(["\\])/g, '$1') : text;
}

/** The lines of a quoted scalar joined as YAML folds them (see readQuoted). */
function foldQuoted(body: string, indent: number): string {
  const lines = body.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    let from = 0;
    if (k > 0) {
      while (line.charCodeAt(from) === SPACE) from++;
      if (from <= indent) fail();
    }
    if (from === line.length || line.charCodeAt(line.length - 1) === SPACE) fail();
    lines[k] = from > 0 ? line.slice(from) : line;
  }
  return lines.join(' ');
}

/**
 * A plain scalar from `start` to `end` (one line, the rest of it, or up to a comment after a
 * space): not starting with an indicator, without `: ` inside, not ending in a colon; the
 * spaces before a comment are not its own.
 */
function plainScalar(start: number, end: number): string {
  if (end <= start || !plainStart(src.charCodeAt(start))) fail();
  let stop = end;
  for (let i = start; i < end; i++) {
    const code = src.charCodeAt(i);
    if (code === COLON) {
      if (i + 1 === end || src.charCodeAt(i + 1) === SPACE) fail();
    } else if (code === HASH && src.charCodeAt(i - 1) === SPACE) {
      stop = i;
      break;
    }
  }
  while (src.charCodeAt(stop - 1) === SPACE) stop--;
  if (stop === end && src.charCodeAt(end - 1) === SPACE) fail();
  return src.slice(start, stop);
}

/** The characters a plain scalar may start with in the plain path: not YAML's indicators (`-?:,[]{}#&*!|>'"%@` and the backquote). */
function plainStart(code: number): boolean {
  return code > SPACE && (code >= 128 || INDICATOR[code] === 0);
}
const INDICATOR = new Uint8Array(128);
for (const char of '-?:,[]{}#&*!|>\'"%@`') INDICATOR[char.charCodeAt(0)] = 1;

/** A flow list on one line (`[a, b]`) of plain scalars without flow indicators, and nothing after it. */
function readFlowList(end: number): unknown[] {
  if (src.charCodeAt(end - 1) !== 93 /* ] */) fail();
  const items: unknown[] = [];
  const inner = src.slice(at + 1, end - 1);
  if (inner.length === 0) return items;
  for (const part of inner.split(',')) {
    let from = 0;
    let to = part.length;
    while (part.charCodeAt(from) === SPACE) from++;
    while (to > from && part.charCodeAt(to - 1) === SPACE) to--;
    const item = part.slice(from, to);
    if (item === '' || /[[\]{}#:"']/.test(item) || !plainStart(item.charCodeAt(0))) fail();
    items.push(coreScalar(item));
  }
  return items;
}

/** A block list whose dashes stand at column `indent`; the position is at its first dash. */
function readList(indent: number, depth: number): unknown[] {
  if (depth > MAX_NESTING) fail();
  const items: unknown[] = [];
  for (;;) {
    if (src.charCodeAt(at) !== DASH || src.charCodeAt(at + 1) !== SPACE) fail();
    at += 2;
    while (src.charCodeAt(at) === SPACE) at++;
    const column = at - (src.lastIndexOf('\n', at - 1) + 1);
    const key = at;
    if (readKey() !== undefined) {
      at = key;
      items.push(readMapping(column, depth + 1));
    } else {
      const code = src.charCodeAt(at);
      if (code === DASH || code === 124 /* | */ || code === 62 /* > */) fail();
      items.push(readInline(indent));
    }
    const next = nextContent();
    if (next < indent) return items;
    if (next > indent) fail();
    at += indent;
  }
}

/**
 * A literal (`|`) or folded (`>`) block under a key at column `indent`, kept (clip) or
 * stripped (`-`) of its last line break: its lines without the block's indentation (that of
 * its first line); the empty lines at its end are not its own. A folded block joins its lines
 * with a space, or with as many line breaks as there are empty lines between them. Empty lines
 * at its start, a line of spaces, a folded line that is indented more or ends in a space, an
 * empty block and other indicators are left to the other paths.
 */
function readBlock(indent: number): string {
  const folded = src.charCodeAt(at) === 62; /* > */
  const strip = src.charCodeAt(at + 1) === DASH;
  at += strip ? 2 : 1;
  if (src.charCodeAt(at) !== NEWLINE) fail();
  at++;
  let spaces = 0;
  while (src.charCodeAt(at + spaces) === SPACE) spaces++;
  if (spaces <= indent || src.charCodeAt(at + spaces) === NEWLINE) fail();
  const lines = blockLines(spaces, folded);
  if (!folded) return lines.join('\n') + (strip ? '' : '\n');
  let text = lines[0]!;
  for (let k = 1; k < lines.length; k++) {
    let empty = 0;
    while (lines[k] === '') {
      empty++;
      k++;
    }
    text += (empty === 0 ? ' ' : '\n'.repeat(empty)) + lines[k]!;
  }
  return strip ? text : text + '\n';
}

/** The lines of a block indented by `spaces`, from its first to its last line of text (empty lines as ''); the position moves past them. */
function blockLines(spaces: number, folded: boolean): string[] {
  const lines: string[] = [];
  let kept = 0;
  while (at < src.length) {
    const end = src.indexOf('\n', at);
    if (end === at) {
      lines.push('');
      at++;
      continue;
    }
    let column = 0;
    while (column < spaces && src.charCodeAt(at + column) === SPACE) column++;
    if (column < spaces) {
      // A less indented line ends the block; a line of spaces only is not a plain form.
      if (end === at + column) fail();
      break;
    }
    let text = at + spaces;
    while (src.charCodeAt(text) === SPACE) text++;
    if (text === end || (folded && (text > at + spaces || src.charCodeAt(end - 1) === SPACE))) fail();
    lines.push(src.slice(at + spaces, end));
    kept = lines.length;
    at = end + 1;
  }
  // The empty lines after the last line of text belong to what follows.
  lines.length = kept;
  return lines;
}
