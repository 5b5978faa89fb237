/**
 * Reading one YAML file safely. Whatever a person (or an attacker) puts in a file, this
 * returns a SourceFile with messages instead of throwing: binary content, bad encodings,
 * syntax errors, duplicate keys, alias bombs and absurd nesting all become `yaml/*` messages
 * with a position, so every other file can still be checked.
 */
import type { Document, LineCounter } from 'yaml';
import { yaml } from '../util/yaml.js';
import { t } from '../i18n/index.js';
import { makeMessage } from '../message.js';
import type { Lang, Message, SourceFile } from '../types.js';
import { ReadRefused, readRegularFile } from './contain.js';
import { rangePosition, startOfFile } from '../position/index.js';
import { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_FILE_BYTES } from './limits.js';
import { quickRead } from './quick.js';
import { plainRead } from './plain.js';
import { findMistakes, mistakeFields, mistakeMessages } from './mistakes.js';

export { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_FILE_BYTES };
/** After this many syntax errors in one file the rest is mostly noise. */
const MAX_SYNTAX_ERRORS = 5;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface ParseOptions {
  lang: Lang;
  /** Expect a mapping at the top (cases, casebook.yaml) or allow a list (values files). */
  allowList?: boolean;
  /** Try the quick path first (default); false always composes a yaml Document (tests). */
  quick?: boolean;
  /** Keep the quick path's node tree (SourceFile.tree), for positions without a Document (tag). */
  tree?: boolean;
}

function emptyResult(path: string, messages: Message[], text?: string): SourceFile {
  return { path, text, doc: undefined, lineCounter: new (yaml().LineCounter)(), data: undefined, messages };
}

/** The offset of the first byte that is not part of a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return i;
}

/** Where the first invalid UTF-8 byte is, as a line and column of the valid text before it. */
function invalidUtf8Position(bytes: Uint8Array): { line: number; column: number } {
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, firstInvalidUtf8(bytes)));
  const lines = prefix.split('\n');
  return { line: lines.length, column: [...(lines[lines.length - 1] ?? '')].length + 1 };
}

function depthOf(value: unknown, limit: number): number {
  // Iterative, so that measuring depth cannot itself overflow the stack.
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > limit) return max;
    if (node && typeof node === 'object') {
      for (const child of Object.values(node as object)) stack.push([child, depth + 1]);
    }
  }
  return max;
}

const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2', schema: 'core' } as const;

/** What a worker thread sends back: plain data, no class instances. */
export interface PlainSource {
  path: string;
  text: string | undefined;
  data: Record<string, unknown> | undefined;
  messages: Message[];
}

/** The yaml Document of each lazy source file that was asked for one (restoreSource). */
const madeDocuments = new WeakMap<object, { doc: Document.Parsed | undefined; lineCounter: LineCounter }>();

function documentOf(source: { text: string | undefined }): { doc: Document.Parsed | undefined; lineCounter: LineCounter } {
  let made = madeDocuments.get(source);
  if (!made) {
    const { LineCounter, parseDocument } = yaml();
    const lineCounter = new LineCounter();
    const doc = source.text === undefined ? undefined : parseDocument(source.text, { ...PARSE_OPTIONS, lineCounter });
    made = { doc, lineCounter };
    madeDocuments.set(source, made);
  }
  return made;
}

/**
 * A source file from a worker thread, or from the quick path. The YAML document is needed
 * only to place messages (most files have none), so it is parsed again here only when
 * someone asks for it.
 *
 * The getters keep nothing of their own (the Document, once made, is kept in a WeakMap):
 * getters that closed over the file's data made V8 keep each such file, young text and data
 * included, through every scavenge until the next full collection. Reading 10,000 files
 * spent a third of its time in garbage collection for that (measured: 1.13 s with 0.34 s of
 * GC; now about 0.1 s of GC).
 */
export function restoreSource(plain: PlainSource): SourceFile {
  const source = { path: plain.path, text: plain.text, data: plain.data, messages: plain.messages };
  return Object.defineProperties(source, LAZY_DOCUMENT) as SourceFile;
}

/**
 * The getters of restoreSource, the same two functions on every source file (own, enumerable
 * and configurable, as getters written in an object literal are). Getters written in the
 * literal were new functions for every file, so no two files shared a hidden class: every
 * source file was a dictionary-mode object (slower to make, to read and to collect).
 */
const LAZY_DOCUMENT: PropertyDescriptorMap = {
  doc: {
    get(this: { text: string | undefined }) {
      return documentOf(this).doc;
    },
    enumerable: true,
    configurable: true,
  },
  lineCounter: {
    get(this: { text: string | undefined }) {
      return documentOf(this).lineCounter;
    },
    enumerable: true,
    configurable: true,
  },
};

function tooLargeMessage(path: string, size: number, lang: Lang): Message {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1).replace('.', lang === 'nl' ? ',' : '.');
  return makeMessage(path, 'yaml/too-large', 'error', t(lang, 'load.tooLarge', { size: mb(size), max: mb(MAX_FILE_BYTES) }), startOfFile);
}

/** A message about the whole file, at its start. */
function fileMessage(path: string, lang: Lang, rule: string, key: string, params = {}): Message {
  return makeMessage(path, rule, 'error', t(lang, key, params), startOfFile);
}

/**
 * The file's text, or the one message that says why it has none that YAML should read:
 * too large, UTF-16, binary, not UTF-8, or old Mac line ends.
 */
function decodeText(path: string, bytes: Uint8Array, lang: Lang): { text: string } | { refused: SourceFile } {
  const refuse = (message: Message, text?: string) => ({ refused: emptyResult(path, [message], text) });
  if (bytes.length > MAX_FILE_BYTES) return refuse(tooLargeMessage(path, bytes.length, lang));
  // Notepad's "Unicode" is UTF-16: its BOM says so (and its zero bytes would look binary).
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return refuse(fileMessage(path, lang, 'yaml/encoding', 'load.utf16'));
  }
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return refuse(fileMessage(path, lang, 'yaml/binary', 'load.binary'));

  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const at = invalidUtf8Position(bytes);
    // The text with the bytes it cannot read as � (same lines and columns as `at`), for the code frame.
    const shown = new TextDecoder('utf-8').decode(bytes);
    return refuse(makeMessage(path, 'yaml/encoding', 'error', t(lang, 'load.encoding'), { line: at.line, column: at.column, endLine: at.line, endColumn: at.column + 1 }), shown);
  }
  // TextDecoder already drops a UTF-8 BOM; a BOM that survives (e.g. doubled) is removed too.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Old Mac line ends (CR only): YAML reads the whole file as one line, and every message
  // about it would be misleading.
  if (text.includes('\r') && !text.includes('\n') && /\r./.test(text)) {
    return refuse(fileMessage(path, lang, 'yaml/line-ends', 'load.crLineEnds'), text);
  }
  return { text };
}

/**
 * The parser's errors as messages. The common hand-written mistakes are named by their
 * cause, at their line, with the corrected line; the parser's own words remain for what
 * they do not explain.
 */
function syntaxMessages(path: string, text: string, doc: Document.Parsed, lineCounter: LineCounter, options: ParseOptions): Message[] {
  const { lang } = options;
  const mistakes = doc.errors.length > 0 && !options.allowList ? findMistakes(text, mistakeFields()) : [];
  const explained = (line: number) => mistakes.some((m) => line >= m.covers[0] && line <= m.covers[1]);
  const messages = mistakeMessages(path, mistakes, lang);
  let seenExhaustion = false;
  for (const error of doc.errors) {
    const position = rangePosition(lineCounter, error.pos[0], error.pos[1]);
    if (error.code === 'RESOURCE_EXHAUSTION') {
      if (seenExhaustion) continue;
      seenExhaustion = true;
      messages.push(makeMessage(path, 'yaml/too-deep', 'error', t(lang, 'load.tooDeep', { max: MAX_DEPTH }), position));
      continue;
    }
    if (messages.length >= MAX_SYNTAX_ERRORS) break;
    const line = lineCounter.linePos(error.pos[0]).line;
    if (explained(line)) continue;
    // The parser often reports one mistake twice, in different words, at the same spot.
    if (messages.some((m) => m.line === line)) continue;
    const rule = error.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax';
    messages.push(makeMessage(path, rule, 'error', syntaxDetail(text, error, lang), position));
  }
  return messages;
}

/** The words for one parser error: ours where we have them, else the parser's first line. */
function syntaxDetail(text: string, error: Document.Parsed['errors'][number], lang: Lang): string {
  if (error.code === 'DUPLICATE_KEY') {
    const lineEnd = text.indexOf('\n', error.pos[0]);
    const key = text.slice(error.pos[0], lineEnd < 0 ? undefined : lineEnd).split(':')[0]?.trim();
    return t(lang, 'yaml.DUPLICATE_KEY', { key });
  }
  const detail = t(lang, `yaml.${error.code}`);
  return detail === `yaml.${error.code}` ? t(lang, 'yaml.OTHER', { detail: error.message.split('\n')[0] }) : detail;
}

/**
 * Tags such as !!js/function are never executed or constructed: the value stays text.
 * Say so, because the author evidently meant something else.
 */
function tagWarnings(path: string, text: string, doc: Document.Parsed, lineCounter: LineCounter, lang: Lang): Message[] {
  return doc.warnings.map((warning) => {
    const tag = text.slice(warning.pos[0], warning.pos[1]);
    const key = warning.code === 'TAG_RESOLVE_FAILED' ? 'load.unknownTag' : 'yaml.OTHER';
    return makeMessage(path, 'yaml/unknown-tag', 'warning', t(lang, key, { tag, detail: warning.message.split('\n')[0] }), rangePosition(lineCounter, warning.pos[0], warning.pos[1]));
  });
}

/** The document's data, within the alias and depth limits and of the expected shape; else the message why not. */
function documentData(path: string, doc: Document.Parsed, lineCounter: LineCounter, options: ParseOptions): { data: Record<string, unknown> } | { message: Message } {
  const { lang } = options;
  if (doc.contents === null) return { message: fileMessage(path, lang, 'yaml/empty', 'load.empty') };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const isAliasBomb = error instanceof ReferenceError && /alias/i.test(error.message);
    const rule = isAliasBomb ? 'yaml/alias-limit' : 'yaml/too-deep';
    const key = isAliasBomb ? 'load.aliasLimit' : 'load.tooDeep';
    return { message: fileMessage(path, lang, rule, key, { max: isAliasBomb ? MAX_ALIAS_COUNT : MAX_DEPTH }) };
  }
  if (depthOf(data, MAX_DEPTH) > MAX_DEPTH) return { message: fileMessage(path, lang, 'yaml/too-deep', 'load.tooDeep', { max: MAX_DEPTH }) };
  const isMapping = data !== null && typeof data === 'object' && !Array.isArray(data);
  if (!isMapping && !(options.allowList && Array.isArray(data))) {
    const range = doc.contents?.range ?? [0, 0];
    const kind = Array.isArray(data) ? 'list' : 'text';
    return { message: makeMessage(path, 'yaml/not-a-mapping', 'error', t(lang, `load.notAMapping.${kind}`), rangePosition(lineCounter, range[0], range[1])) };
  }
  return { data: data as Record<string, unknown> };
}

/** Parses the bytes of one file. Pure and synchronous, so it can run in a worker. */
export function parseSource(path: string, bytes: Uint8Array, options: ParseOptions): SourceFile {
  const decoded = decodeText(path, bytes, options.lang);
  if ('refused' in decoded) return decoded.refused;
  const { text } = decoded;

  // The plain path (plain.ts) first, when no node tree is asked for; then the quick path.
  const plain = options.quick === false || options.tree ? undefined : plainRead(text);
  const quick = plain ? { data: plain, tree: undefined } : options.quick === false ? undefined : quickRead(text, { tree: options.tree });
  if (quick) return Object.assign(restoreSource({ path, text, data: quick.data, messages: [] }), quick.tree ? { tree: quick.tree } : {});

  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter });
  } catch {
    // The parser reports its own limits as errors; this is for anything it throws instead.
    return emptyResult(path, [fileMessage(path, options.lang, 'yaml/too-deep', 'load.tooDeep', { max: MAX_DEPTH })], text);
  }
  const errors = syntaxMessages(path, text, doc, lineCounter, options);
  if (errors.length > 0) return { path, text, doc, lineCounter, data: undefined, messages: errors };
  const result = documentData(path, doc, lineCounter, options);
  if ('message' in result) return { path, text, doc, lineCounter, data: undefined, messages: [result.message] };
  return { path, text, doc, lineCounter, data: result.data, messages: tagWarnings(path, text, doc, lineCounter, options.lang) };
}

/**
 * Reads and parses one file; unreadable files become a `load/unreadable` message. Reading
 * is synchronous on purpose: case files are small, and for thousands of them the thread
 * pool round trips of async reads cost more than the reads themselves.
 */
export function readSource(path: string, options: ParseOptions): SourceFile {
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(path, MAX_FILE_BYTES, { reuse: true });
  } catch (error) {
    if (error instanceof ReadRefused) {
      const { refusal } = error;
      const message = refusal.reason === 'too-large'
        ? tooLargeMessage(path, refusal.size, options.lang)
        : makeMessage(path, 'load/not-a-file', 'error', t(options.lang, 'load.notAFile'), startOfFile);
      return emptyResult(path, [message]);
    }
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const key = code === 'ENOENT' ? 'load.notFound' : code === 'EISDIR' ? 'load.isDirectory' : 'load.unreadable';
    return emptyResult(path, [makeMessage(path, code === 'ENOENT' ? 'load/not-found' : 'load/unreadable', 'error', t(options.lang, key, { code }), startOfFile)]);
  }
  return parseSource(path, bytes, options);
}
