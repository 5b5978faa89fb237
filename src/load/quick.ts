/**
 * The quick path for reading a case. Most files are well-formed cases, and for them js-yaml
 * gives the same data six to eight times faster than composing a yaml Document, which is only
 * needed to place a message. So parse.ts reads a file with js-yaml first (after the plain
 * path, plain.ts, for the forms cases are usually written in, and always when a node tree
 * is wanted), and accepts the result only when nothing is unusual: one document, a mapping,
 * no tag, anchor or alias, no complex key, not too deep. Anything else (every file with a
 * mistake among them) takes the full path, which finds, words and places the problem. The
 * yaml Document of a quickly read file is made only when a message needs a position in it
 * (restoreSource in parse.ts).
 *
 * js-yaml's own core schema is YAML 1.1 in places (`0b101` and `-0x1F` are numbers to it, text
 * to YAML 1.2), so the schema here has the yaml package's core schema's exact number rules.
 * tests/unit/parse-quick.test.ts holds the two paths to the same data and the same verdict on
 * every YAML file in the repository and on random documents and text.
 */
import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';
import type { QuickNode } from '../position/quick-node.js';
import { MAX_DEPTH } from './limits.js';

export type { QuickNode } from '../position/quick-node.js';

/**
 * js-yaml, loaded when the quick path first reads a file. The plain path (plain.ts) reads
 * most case files, often all of them, and needs only coreScalar below: loading js-yaml and
 * making its schema cost about 63 million instructions of every run (`node -e
 * "require('js-yaml')"` against `node -e 0`, callgrind). Its `require` export is the same
 * code as the ES module one.
 */
let loaded: { jsYaml: typeof JsYaml; schema: JsYaml.Schema } | undefined;

function quickReader(): { jsYaml: typeof JsYaml; schema: JsYaml.Schema } {
  if (!loaded) {
    const jsYaml = createRequire(import.meta.url)('js-yaml') as typeof JsYaml;
    const implicit = CORE_IMPLICIT.map((type) => new jsYaml.Type(type.tag, { kind: 'scalar', resolve: type.resolve, construct: type.construct }));
    loaded = { jsYaml, schema: jsYaml.FAILSAFE_SCHEMA.extend({ implicit }) };
  }
  return loaded;
}

/** One of the core schema's plain scalar types, as js-yaml asks it (resolve, then construct). */
interface ScalarType {
  tag: string;
  resolve: (text: string | null) => boolean;
  construct: (text: string | null) => unknown;
}

/**
 * A plain scalar type. js-yaml asks every type about every plain scalar, so each first looks
 * at the first character (`starts`, as a table of character codes), which rules out nearly
 * all text before any pattern runs.
 */
const scalarType = (tag: string, starts: string, tests: RegExp[], construct: (text: string) => unknown): ScalarType => {
  const first = new Uint8Array(128);
  for (const char of starts) first[char.charCodeAt(0)] = 1;
  return {
    tag,
    resolve: (text: string | null) => {
      const value = text ?? '';
      return (value === '' || first[value.charCodeAt(0)] === 1) && tests.some((test) => test.test(value));
    },
    construct: (text: string | null) => construct(text ?? ''),
  };
};

// yaml/dist/schema/common/null.js, core/bool.js, core/int.js and core/float.js.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCTAL = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const DECIMAL = /^[-+]?[0-9]+$/;
const INF_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXPONENT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FRACTION = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

const nullType = scalarType('tag:yaml.org,2002:null', '~nN', [NULL], () => null);
const bool = scalarType('tag:yaml.org,2002:bool', 'tTfF', [BOOL], (text) => text[0] === 't' || text[0] === 'T');
const int = scalarType('tag:yaml.org,2002:int', '-+0123456789', [OCTAL, HEX, DECIMAL], (text) =>
  OCTAL.test(text) ? parseInt(text.slice(2), 8) : HEX.test(text) ? parseInt(text.slice(2), 16) : parseInt(text, 10));
const float = scalarType('tag:yaml.org,2002:float', '-+.0123456789', [INF_NAN, EXPONENT, FRACTION], (text) =>
  INF_NAN.test(text) ? (text.slice(-3).toLowerCase() === 'nan' ? NaN : text.startsWith('-') ? -Infinity : Infinity) : parseFloat(text));

const CORE_IMPLICIT = [nullType, bool, int, float];

/** YAML 1.2 core, exactly as the yaml package reads it, as a js-yaml schema (loads js-yaml). */
export function core12(): JsYaml.Schema {
  return quickReader().schema;
}

/** A plain scalar's value in the core schema (core12), as js-yaml makes it: the first implicit type that takes the text, else the text. */
export function coreScalar(text: string): unknown {
  for (const type of CORE_IMPLICIT) if (type.resolve(text)) return type.construct(text);
  return text;
}

/** The data of a file the quick path accepts, and with `tree` its node tree (quickTree) from the same pass. */
export function quickRead(text: string, options: { tree?: boolean | undefined } = {}): { data: Record<string, unknown>; tree?: QuickNode } | undefined {
  if (!options.tree) return read(text);
  const building = treeBuilder(text);
  const result = read(text, building.listener);
  return result && building.root ? { data: result.data, tree: building.root } : undefined;
}


/**
 * The node tree of a file the quick path accepts, for positions without a yaml Document
 * (tag's evidence): about five times cheaper. Undefined for any other file.
 */
export function quickTree(text: string): QuickNode | undefined {
  return quickRead(text, { tree: true })?.tree;
}

function treeBuilder(text: string): { listener: Listener; root: QuickNode | undefined } {
  const stack: QuickNode[] = [];
  const building: { listener: Listener; root: QuickNode | undefined } = { listener: () => undefined, root: undefined };
  building.listener = (event, state) => {
    if (event === 'open') {
      stack.push({ kind: 'scalar', start: state.position, end: state.position, children: [] });
      return;
    }
    const node = stack.pop()!;
    node.kind = state.kind as QuickNode['kind'];
    node.start = sourceStart(text, node.start, state.position);
    node.end = state.position;
    if (node.kind === 'scalar') {
      node.value = state.result;
      // A block sequence item is opened twice (the item and its content): one is enough.
      node.children = [];
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else building.root = node;
  };
  return building;
}

/** Past the space, line breaks and comments js-yaml had not yet skipped when a node opened. */
function sourceStart(text: string, from: number, end: number): number {
  let at = from;
  while (at < end) {
    const ch = text[at];
    if (ch === ' ' || ch === '\n' || ch === '\r') at++;
    else if (ch === '#') at = text.indexOf('\n', at) < 0 ? end : text.indexOf('\n', at);
    else break;
  }
  return at;
}

type Listener = (event: JsYaml.EventType, state: JsYaml.State) => void;

/** The quick path itself; `also` listens to the same node events. */
function read(text: string, also?: Listener): { data: Record<string, unknown> } | undefined {
  if (UNUSUAL.test(text) || hasLaterDocumentMarker(text) || endsInSpaces(text)) return undefined;
  let data: unknown;
  const { jsYaml, schema } = quickReader();
  const watch = oddNodes(text);
  const listener: Listener = also ? (event, state) => (watch.listener(event, state), also(event, state)) : watch.listener;
  try {
    data = jsYaml.load(text, { schema, json: false, listener });
  } catch {
    // A syntax error, an alias (no anchor can be defined here), a duplicate key, nesting
    // deep enough to overflow the stack: the full path says what it is.
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data) || watch.found) return undefined;
  return plainEnough(data) ? { data: data as Record<string, unknown> } : undefined;
}

/**
 * What the quick path leaves to the full one, found by comparing the two on random text:
 * - a tag, an anchor or a complex key where a node can start (text that merely contains `!`,
 *   `&` or `?` passes);
 * - a directive; a byte order mark inside the text; a carriage return without a line feed;
 * - any tab (tabs may not indent YAML, and the parsers tell that apart differently);
 * - an empty item of a list in a list (`- - `), after which js-yaml reads the next line's
 *   item into the inner list;
 * - a block scalar with an explicit indentation (`|2`), whose blank lines the two read apart;
 * - a flow collection used as a key (`[a]: x`, `{[a]}`), which the two turn into different
 *   text (caught with every collection that opens right after `{` or `,`);
 * - a `#` right after a quote, bracket or comma (`"x"#`, `{#`): no comment to YAML 1.2 (one
 *   needs a space before it), a comment to js-yaml;
 * - a last line of spaces without a line break, which the two keep differently at the end
 *   of a block scalar that keeps its trailing lines (`|+`).
 * - a bare `!` where a node can start (`k: !` is an empty tagged scalar, "" to YAML 1.2 and
 *   null to js-yaml; YAML test suite UKK6);
 * - a block scalar whose first non-empty line holds spaces only: YAML 1.2 rejects leading
 *   blank lines with more spaces than the content (or the next line) has, and js-yaml does
 *   not (suite test S98Z); the two also keep such lines differently at the end of a file.
 * And, seen while reading (oddNodes): text right after a flow collection or a quoted scalar
 * (`[a]b:`, `- "x"k: 1`), which js-yaml reads as a new key; a quoted scalar that goes on past its line
 * onto a line not indented more than its block (js-yaml does not check), or that is a key; a plain scalar after a comment line, which the yaml
 * package rejects in some places where js-yaml does not (`k:` / `# c` / `  t` / `x: 1`); a flow collection whose later lines are not indented
 * more than the block it stands in (`k: [a,` / `b]`, suite test 9C9N), which js-yaml does not
 * check either.
 */
// Each alternative starts with its rarest character and looks behind from there: two and a
// half times faster than starting with `(?:^|...)`, which is tried at every position, and four
// times faster than starting with a comma (`[{,][ ]*[[{]`), which Dutch prose is full of.
const UNUSUAL = /!(?<=(?:^|[\s[{,:-])!)|&(?<=(?:^|[\s[{,:-])&)[^\s]|\?(?<=(?:^|[\s[{,:-])\?)(?:\s|$)|^%|[\uFEFF\t]|\r(?!\n)|-(?<=^[ ]*-[ ]+(?:-[ ]+)*-)[ ]*(?:#.*)?\r?$|[|>](?<=(?:^|[ :-])[|>])(?:[+-]?[1-9]|[+-]?(?:[ ]+#.*)?[ ]*\r?\n(?:\r?\n)*[ ]+\r?$)|[\]}][ ]*:(?:[ \r\n]|$)|[[{](?<=[{,][ \r\n]*[[{])|#(?<=["'[\]{},]#)/m;

/**
 * Watches js-yaml's node events for a quoted scalar that spans lines and for text right after
 * a flow collection. A node's text runs from where it opened (before the space and comments
 * ahead of it) to where it closed.
 */
function oddNodes(text: string): { listener: Listener; found: boolean } {
  const opened: number[] = [];
  const watch = {
    found: false,
    listener(event: JsYaml.EventType, state: JsYaml.State) {
      if (event === 'open') {
        opened.push(state.position);
        return;
      }
      const opening = opened.pop() ?? 0;
      if (watch.found) return;
      const at = sourceStart(text, opening, state.position);
      const first = text[at];
      if (state.kind === 'scalar') {
        if (first === '"' || first === "'") {
          // A quoted scalar that goes on past its line: its later lines indented as YAML 1.2
          // asks (js-yaml does not check), and no key (a key stays on one line).
          const lineEnd = text.indexOf('\n', at);
          if (lineEnd >= 0 && lineEnd < state.position) {
            if (!flowLinesIndented(text, at, state.position) || !endsCleanly(text, state.position, '')) watch.found = true;
          }
          // After a quoted scalar only space, a comment, a separator, a key's colon or the line end may follow.
          else if (!endsCleanly(text, state.position, ':')) watch.found = true;
        } else if (at - opening > 2 && text.slice(opening, at).includes('#')) {
          // A plain scalar after a comment line (`k:` / `# c` / `  text`): yaml rejects some of these.
          watch.found = true;
        }
      } else if (first === '[' || first === '{') {
        // After a flow collection only space, a comment, a separator or the line end may follow.
        if (!endsCleanly(text, state.position, '')) watch.found = true;
        if (!flowLinesIndented(text, at, state.position)) watch.found = true;
      }
    },
  };
  return watch;
}

/** Whether only space and then a line end, a comment, a separator or one of `also` follows `end`. */
function endsCleanly(text: string, end: number, also: string): boolean {
  let after = end;
  while (text[after] === ' ') after++;
  return after >= text.length || '\n\r#,]}'.includes(text[after]!) || also.includes(text[after]!);
}

/**
 * Whether the later lines of the flow collection or quoted scalar from `start` to `end` are indented more than
 * the block it stands in (YAML 1.2 requires it; js-yaml does not check). Conservative: the
 * block is taken to start at the key on the opening line (`k: [`), else at its last dash
 * (`- - [`); a collection that opens its line must keep its later lines at least as far in
 * (the block around it is less indented, so this asks for more than YAML does). The line of a
 * closing bracket counts too; a file that asks for more goes to the full path, which knows.
 */
function flowLinesIndented(text: string, start: number, end: number): boolean {
  let next = text.indexOf('\n', start);
  if (next < 0 || next >= end) return true;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let i = lineStart;
  let dash = -1;
  for (;;) {
    while (text[i] === ' ') i++;
    if (text[i] !== '-' || text[i + 1] !== ' ') break;
    dash = i;
    i++;
  }
  const minimum = i < start ? i - lineStart + 1 : dash >= 0 ? dash - lineStart + 1 : start - lineStart;
  while (next >= 0 && next < end) {
    let at = next + 1;
    while (text[at] === ' ') at++;
    const blank = text[at] === '\n' || (text[at] === '\r' && text[at + 1] === '\n');
    if (!blank && at < end && at - next - 1 < minimum) return false;
    next = text.indexOf('\n', next + 1);
  }
  return true;
}

/** A last line of spaces only, without a line break after it. */
function endsInSpaces(text: string): boolean {
  let at = text.length - 1;
  if (text[at] !== ' ') return false;
  while (text[at] === ' ') at--;
  return at < 0 || text[at] === '\n' || (text[at] === '\r' && text[at - 1] === '\n');
}

const DOCUMENT_MARKER = /^[ ]*(?:---|\.\.\.)/gm;

/** Any `---` or `...` at a line start, other than a `---` line that opens the text. */
function hasLaterDocumentMarker(text: string): boolean {
  // Most files have neither (a line-start pattern costs more than two searches).
  if (!text.includes('---') && !text.includes('...')) return false;
  DOCUMENT_MARKER.lastIndex = 0;
  for (let match = DOCUMENT_MARKER.exec(text); match; match = DOCUMENT_MARKER.exec(text)) {
    const opening = match.index === 0 && match[0] === '---' && ['', '\n', '\r'].includes(text.charAt(3));
    if (!opening) return true;
  }
  return false;
}

/**
 * Not too deep, and no key that the two parsers turn into different text: a null key
 * (`~: x`) is "null" to js-yaml and "" to yaml. Iterative, so it cannot overflow the stack.
 */
function plainEnough(data: object): boolean {
  // Only objects go on the stacks, their depths on a stack beside them: a [node, depth] pair
  // for every value was about 3 kB of garbage per case (sampling heap profile, 10,000 cases).
  const nodes: object[] = [data];
  const depths: number[] = [0];
  while (nodes.length) {
    const node = nodes.pop()!;
    const depth = depths.pop()! + 1;
    if (Array.isArray(node)) {
      for (const child of node) if (!fitsUnder(child, depth, nodes, depths)) return false;
      continue;
    }
    for (const key in node) {
      if (key === 'null' || !fitsUnder((node as Record<string, unknown>)[key], depth, nodes, depths)) return false;
    }
  }
  return true;
}

/** False for a value deeper than MAX_DEPTH; an object within it goes on the stacks, to be looked into. */
function fitsUnder(value: unknown, depth: number, nodes: object[], depths: number[]): boolean {
  if (depth > MAX_DEPTH) return false;
  if (value !== null && typeof value === 'object') {
    nodes.push(value);
    depths.push(depth);
  }
  return true;
}
