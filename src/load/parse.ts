/**
 * Reading one YAML file safely. Whatever a person (or an attacker) puts in a file, this
 * returns a SourceFile with messages instead of throwing: binary content, bad encodings,
 * syntax errors, duplicate keys, alias bombs and absurd nesting all become `yaml/*` messages
 * with a position, so every other file can still be checked.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { t } from '../i18n/index.js';
import { makeMessage } from '../message.js';
import type { Lang, Message, SourceFile } from '../types.js';
import { rangePosition, startOfFile } from './position.js';

/** A case is a few kilobytes; anything near this is a mistake or an attack. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Aliases may be used, but not to blow a small file up into gigabytes. */
export const MAX_ALIAS_COUNT = 100;
/** Deeper than this is not a case any person wrote. */
export const MAX_DEPTH = 64;
/** After this many syntax errors in one file the rest is mostly noise. */
const MAX_SYNTAX_ERRORS = 5;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface ParseOptions {
  lang: Lang;
  /** Expect a mapping at the top (cases, casebook.yaml) or allow a list (values files). */
  allowList?: boolean;
}

function emptyResult(path: string, messages: Message[], text?: string): SourceFile {
  return { path, text, doc: undefined, lineCounter: new LineCounter(), data: undefined, messages };
}

/** Where the first invalid UTF-8 byte is, as a position (lines counted on the valid prefix). */
function invalidUtf8Position(bytes: Uint8Array): { line: number; column: number } {
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the longest prefix that decodes; fine for files up to MAX_FILE_BYTES.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, lo));
  const lines = prefix.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
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

/** Parses the bytes of one file. Pure and synchronous, so it can run in a worker. */
export function parseSource(path: string, bytes: Uint8Array, options: ParseOptions): SourceFile {
  const { lang } = options;
  const fileMessage = (rule: string, key: string, params = {}) =>
    makeMessage(path, rule, 'error', t(lang, key, params), startOfFile);

  if (bytes.length > MAX_FILE_BYTES) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1).replace('.', lang === 'nl' ? ',' : '.');
    return emptyResult(path, [fileMessage('yaml/too-large', 'load.tooLarge', { size: mb(bytes.length), max: mb(MAX_FILE_BYTES) })]);
  }
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return emptyResult(path, [fileMessage('yaml/binary', 'load.binary')]);

  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const at = invalidUtf8Position(bytes);
    return emptyResult(path, [
      makeMessage(path, 'yaml/encoding', 'error', t(lang, 'load.encoding'), { line: at.line, column: at.column, endLine: at.line, endColumn: at.column }),
    ]);
  }
  // TextDecoder already drops a UTF-8 BOM; a BOM that survives (e.g. doubled) is removed too.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2', schema: 'core' });
  } catch (error) {
    // The parser reports its own limits as errors; this is for anything it throws instead.
    return emptyResult(path, [fileMessage('yaml/too-deep', 'load.tooDeep', { max: MAX_DEPTH })], text);
  }

  const messages: Message[] = [];
  const seenExhaustion = { done: false };
  for (const error of doc.errors) {
    if (error.code === 'RESOURCE_EXHAUSTION') {
      if (seenExhaustion.done) continue;
      seenExhaustion.done = true;
      messages.push(makeMessage(path, 'yaml/too-deep', 'error', t(lang, 'load.tooDeep', { max: MAX_DEPTH }), rangePosition(lineCounter, error.pos[0], error.pos[1])));
      continue;
    }
    if (messages.length >= MAX_SYNTAX_ERRORS) break;
    const rule = error.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax';
    let detail = t(lang, `yaml.${error.code}`);
    if (detail === `yaml.${error.code}`) detail = t(lang, 'yaml.OTHER', { detail: error.message.split('\n')[0] });
    if (rule === 'yaml/duplicate-key') {
      const key = text.slice(error.pos[0], error.pos[1]).split(':')[0]?.trim();
      detail = t(lang, 'yaml.DUPLICATE_KEY', { key });
    }
    messages.push(makeMessage(path, rule, 'error', detail, rangePosition(lineCounter, error.pos[0], error.pos[1])));
  }
  if (messages.length > 0) return { path, text, doc, lineCounter, data: undefined, messages };

  const contents = doc.contents;
  if (contents === null) {
    return { path, text, doc, lineCounter, data: undefined, messages: [fileMessage('yaml/empty', 'load.empty')] };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const isAliasBomb = error instanceof ReferenceError && /alias/i.test(error.message);
    const rule = isAliasBomb ? 'yaml/alias-limit' : 'yaml/too-deep';
    const key = isAliasBomb ? 'load.aliasLimit' : 'load.tooDeep';
    return { path, text, doc, lineCounter, data: undefined, messages: [fileMessage(rule, key, { max: isAliasBomb ? MAX_ALIAS_COUNT : MAX_DEPTH })] };
  }
  if (depthOf(data, MAX_DEPTH) > MAX_DEPTH) {
    return { path, text, doc, lineCounter, data: undefined, messages: [fileMessage('yaml/too-deep', 'load.tooDeep', { max: MAX_DEPTH })] };
  }

  const isMapping = data !== null && typeof data === 'object' && !Array.isArray(data);
  if (!isMapping && !(options.allowList && Array.isArray(data))) {
    const range = contents?.range ?? [0, 0];
    const kind = Array.isArray(data) ? 'list' : 'text';
    return {
      path, text, doc, lineCounter, data: undefined,
      messages: [makeMessage(path, 'yaml/not-a-mapping', 'error', t(lang, `load.notAMapping.${kind}`), rangePosition(lineCounter, range[0], range[1]))],
    };
  }
  return { path, text, doc, lineCounter, data: data as Record<string, unknown>, messages };
}

/** Reads and parses one file; unreadable files become a `load/unreadable` message. */
export async function readSource(path: string, options: ParseOptions): Promise<SourceFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const key = code === 'ENOENT' ? 'load.notFound' : code === 'EISDIR' ? 'load.isDirectory' : 'load.unreadable';
    return emptyResult(path, [makeMessage(path, code === 'ENOENT' ? 'load/not-found' : 'load/unreadable', 'error', t(options.lang, key, { code }), startOfFile)]);
  }
  return parseSource(path, bytes, options);
}
