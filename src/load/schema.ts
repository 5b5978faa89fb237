/**
 * JSON Schema validation with messages a policy officer can act on. ajv finds the problems;
 * this module picks the one error that explains each problem (anyOf/oneOf noise removed),
 * words it in plain Dutch or English, adds "bedoelde je …?", and places it in the YAML source.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv2020, ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { t } from '../i18n/index.js';
import { pointerSegments, positionOf, startOfFile } from '../position/index.js';
import { makeMessage } from '../message.js';
import { findMistakes, listOfText, mistakeFields, mistakeMessages, quoteLine } from './mistakes.js';
import { readDataFile } from '../data.js';
import { packageRoot, schemasDir } from '../paths.js';
import type { Lang, Message, SourceFile } from '../types.js';
import { isoDateOf, wordedDate } from '../util/date.js';
import { suggest } from '../util/suggest.js';

const require = createRequire(import.meta.url);

type JsonSchema = Record<string, unknown>;

/**
 * How every schema is compiled, here and at build time (scripts/compile-schemas.mjs). Our own
 * schemas are checked against the 2020-12 meta-schema by a test (schemas.test.ts); checking
 * them again at every start would compile that meta-schema each time (~20 ms a schema).
 */
const AJV_OPTIONS: Options = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true, validateSchema: false };

/** An ajv with the formats. Loaded only when a schema is not precompiled: loading ajv took 60 ms. */
export function schemaCompiler(options: Options = {}): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const formats = require('ajv-formats') as { default?: (ajv: Ajv2020) => void } & ((ajv: Ajv2020) => void);
  const ajv = new Ajv({ ...AJV_OPTIONS, ...options });
  (formats.default ?? formats)(ajv);
  return ajv;
}

const PRECOMPILED_FILE = path.join(packageRoot, 'dist', 'schemas.precompiled.cjs');
let precompiledValidators: Map<string, ValidateFunction> | undefined;

/** The validate functions made at build time, by the exact text of the schema each was made from. */
function precompiled(): Map<string, ValidateFunction> {
  if (precompiledValidators === undefined) {
    precompiledValidators = new Map();
    try {
      for (const entry of require(PRECOMPILED_FILE) as Array<{ schema: string; validate: ValidateFunction }>) precompiledValidators.set(entry.schema, entry.validate);
    } catch {
      // Running from the TypeScript sources (tests), or not built: every schema is compiled.
    }
  }
  return precompiledValidators;
}

/**
 * The validate function of `schema`: the one made at build time when the schema is exactly
 * the one it was made from (our schemas with the built-in lists), else compiled now. Compiling
 * casebook.yaml's and a case's schema took about 0.1 s of every run, and loading ajv 60 ms.
 */
export function validatorFor(schema: JsonSchema): ValidateFunction {
  return precompiled().get(JSON.stringify(schema)) ?? schemaCompiler().compile(schema);
}

/** The schema as SchemaChecker checks with it: a copy with the given lists, without its $id. */
export function schemaVariant(schema: JsonSchema, options: SchemaCheckerOptions = {}): JsonSchema {
  const copy = structuredClone(schema) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [name, ids] of Object.entries(options.enums ?? {})) {
    const def = copy.$defs?.[name];
    if (def) def.enum = ids;
  }
  // The $id is dropped: several variants of one schema (per casebook lists) may coexist.
  delete copy.$id;
  return copy;
}

export function readSchema(name: string): JsonSchema {
  return JSON.parse(readFileSync(path.join(schemasDir, name), 'utf8')) as JsonSchema;
}

let keyAliases: Record<string, string | string[]> | undefined;
/** Dutch (and other) words people type for a field, mapped to the real key: `titel` → `title`. */
function aliases(): Record<string, string | string[]> {
  keyAliases ??= readDataFile('key-aliases.yaml') as Record<string, string | string[]>;
  return keyAliases;
}

/**
 * What was meant by a value of the wrong type, and the line to write: `ja` for true, one text
 * for a list (`values: maatwerk`), an item's first field as text (`- Traplift` for
 * `- title: Traplift`).
 */
function typeFix(type: string, field: string, value: unknown, schema: JsonSchema | undefined): { hint: string; params?: Record<string, string>; suggestion: string } | undefined {
  if (type === 'boolean') {
    const meant = booleanSuggestion(value);
    return meant ? { hint: 'booleanSuggest', params: { suggestion: meant }, suggestion: meant } : undefined;
  }
  if (typeof value !== 'string') return undefined;
  if (type === 'array') {
    const asList = listOfText(field, value, mistakeFields());
    return asList ? { hint: 'textForList', suggestion: asList } : undefined;
  }
  const required = schema?.required as string[] | undefined;
  if (type !== 'object' || required?.length !== 1 || value.includes('\n')) return undefined;
  const asItem = listOfText(required[0]!, value, mistakeFields())?.replace(/: \[(.*)\]$/, ': $1');
  return asItem ? { hint: 'textForItem', params: { key: required[0]! }, suggestion: `- ${asItem}` } : undefined;
}

let booleanWords: Map<string, string> | undefined;
/** `ja` or `nee` in a true/false field: the value that was meant. */
function booleanSuggestion(value: unknown): string | undefined {
  booleanWords ??= new Map(Object.entries(readDataFile('boolean-words.yaml') as Record<string, string[]>)
    .flatMap(([meant, words]) => words.map((word) => [word, meant] as const)));
  return typeof value === 'string' ? booleanWords.get(value.trim().toLowerCase()) : undefined;
}

/** `3-10-2024` or `3 oktober 2024` in a date field: the day it is, as the field takes it. */
function dateSuggestion(value: unknown): string | undefined {
  const iso = typeof value === 'string' ? isoDateOf(value) : undefined;
  return iso === value ? undefined : iso;
}

/** What kind of id an enum holds, from the `$defs` name, so messages can say "domein". */
function enumKind(schemaPath: string): string {
  const match = /\$defs\/(\w+)Id\//.exec(schemaPath);
  if (match) return match[1]!;
  // `rules: {privacy/bsn: fatal}`: the value of a rule is its severity.
  if (/properties\/rules\/additionalProperties\/enum$/.test(schemaPath)) return 'severity';
  const field = /properties\/(\w+)\/enum$/.exec(schemaPath);
  return field ? field[1]! : 'choice';
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const segment of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function fieldName(pointer: string): string {
  const segments = pointerSegments(pointer).filter((s) => !/^\d+$/.test(s));
  return segments[segments.length - 1] ?? '';
}

/** Keywords that can only fail for a value of the given JSON type. */
const keywordsFor: Record<string, ReadonlySet<string>> = {
  string: new Set(['enum', 'const', 'pattern', 'minLength', 'maxLength', 'format']),
  number: new Set(['enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']),
  integer: new Set(['enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']),
  // Our schemas put enums only on scalars, so an enum error on a group or list comes from
  // another branch of an anyOf.
  object: new Set(['required', 'additionalProperties', 'minProperties', 'maxProperties', 'dependentRequired']),
  array: new Set(['minItems', 'maxItems', 'uniqueItems', 'contains']),
  boolean: new Set(['enum', 'const']),
  null: new Set(['enum', 'const']),
};

function jsonType(value: unknown): string {
  const type = describeType(value);
  return type === 'integer' ? 'number' : type;
}

/** The `type` of each branch of an anyOf/oneOf, following a `$ref` into `$defs`. */
function branchTypes(branches: unknown, root: JsonSchema): string[][] {
  if (!Array.isArray(branches)) return [];
  return branches.map((branch: JsonSchema) => {
    let schema: JsonSchema | undefined = branch;
    for (let hops = 0; schema && typeof schema.$ref === 'string' && hops < 4; hops++) {
      const name: string | undefined = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
      schema = name ? (root.$defs as Record<string, JsonSchema> | undefined)?.[name] : undefined;
    }
    const type = schema?.type;
    return Array.isArray(type) ? type.map(String) : type ? [String(type)] : [];
  });
}

/**
 * From ajv's list, keep the errors that explain the problem. The anyOf/oneOf in our schemas
 * choose by type (a value id is text, or a group with id and why). When a branch has the
 * data's type, only errors that can belong to that type are kept: a value id typed as text
 * is an enum problem, not a "must be a group" problem. When no branch has the data's type,
 * one type error lists every accepted type.
 */
function explain(errors: ErrorObject[], data: unknown, root: JsonSchema): ErrorObject[] {
  const drop = new Set<ErrorObject>();
  const added: ErrorObject[] = [];
  for (const combinator of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    drop.add(combinator);
    const at = combinator.instancePath;
    const actual = jsonType(valueAt(data, at));
    const types = branchTypes(combinator.schema, root);
    const matched = types.some((list) => list.includes(actual) || (actual === 'number' && list.includes('integer')));
    const here = errors.filter((e) => e !== combinator && e.instancePath === at);
    if (matched) {
      for (const e of here) if (e.keyword === 'type' || !keywordsFor[actual]?.has(e.keyword)) drop.add(e);
    } else {
      for (const e of here) drop.add(e);
      // Deeper errors come from branches the value does not even have the type of.
      for (const e of errors) if (e.instancePath.startsWith(at + '/')) drop.add(e);
      added.push({ ...combinator, keyword: 'type', params: { type: [...new Set(types.flat())].join(',') } });
    }
  }
  return [...errors.filter((e) => !drop.has(e)), ...added];
}

export interface SchemaCheckerOptions {
  /** Replace the allowed ids of `$defs/<name>` (e.g. the casebook's own domain list). */
  enums?: Record<string, string[]>;
  /** Per kind of id (`status`, `domain`, `role`), words that mean one: `vastgesteld` → published. */
  aliases?: Record<string, Record<string, string>>;
}

/** A compiled schema that turns a parsed file into positioned, worded messages. */
export class SchemaChecker {
  private readonly validateFn: ValidateFunction;
  private readonly schema: JsonSchema;
  private readonly aliases: Record<string, Record<string, string>>;

  constructor(schema: JsonSchema, options: SchemaCheckerOptions = {}) {
    this.schema = schemaVariant(schema, options);
    this.aliases = options.aliases ?? {};
    this.validateFn = validatorFor(this.schema);
  }

  /** What an unknown key is: a value with its reason written as a field, a key misspelt, or unknown. */
  private unknownKey(key: string, known: string[], say: (key: string, extra?: Record<string, string>) => string, value: unknown): { text: string; suggestion?: string } {
    // `- maatwerk: omdat …` under values; the suggestion `id` also stands for the missing `id`.
    if (known.includes('why') && this.valueIds().has(key)) return { text: say('unknownKey.valueWithReason', { key }), suggestion: 'id' };
    // `dilemma Moeten we: ja of nee?`: the colon after the field is missing, a later one made the key.
    const words = /^([A-Za-z_][\w-]*)[ \t]+(\S.*)$/s.exec(key);
    if (words && known.includes(words[1]!) && (typeof value === 'string' || value === null)) {
      const line = `${words[1]}: ${quoteLine(value === null ? `${words[2]}:` : `${words[2]}: ${value}`)}`;
      return { text: say('unknownKey.missingColon', { field: words[1]!, line }), suggestion: words[1]! };
    }
    const suggestion = suggest(key, known, aliases());
    return suggestion ? { text: say('unknownKey.suggest', { key, suggestion }), suggestion } : { text: say('unknownKey.plain', { key, known: known.join(', ') }) };
  }

  /** `situation:` with nothing after it: the message that says it is empty, and whether it may be left out. */
  private emptyKey(value: unknown, type: string, pointer: string, field: string): string | undefined {
    if (value !== null || !type.includes('string')) return undefined;
    const required = pointer === `/${field}` && ((this.schema.required ?? []) as string[]).includes(field);
    return required ? 'emptyRequired' : 'empty';
  }

  /** The ids of the casebook's values, from the schema's `valueId` list. */
  private valueIds(): ReadonlySet<string> {
    const enumOf = ((this.schema.$defs as Record<string, JsonSchema> | undefined)?.valueId?.enum ?? []) as string[];
    return new Set(enumOf);
  }

  /** Schema messages for one parsed file; an unparsed file has none (its parse errors stand). */
  check(file: SourceFile, lang: Lang): Message[] {
    // The document (for positions) is touched only when there is something to place:
    // for files parsed in a worker thread, that saves parsing them a second time.
    if (file.data === undefined) return [];
    if (this.validateFn(file.data)) return [];
    if (!file.doc) return [];
    const errors = explain([...(this.validateFn.errors ?? [])], file.data, this.schema);
    const messages = errors.map((error) => this.toMessage(file, error, lang));
    return explainByMistakes(dropExplainedRequired(dedupe(messages)), file, lang);
  }

  private toMessage(file: SourceFile, error: ErrorObject, lang: Lang): Message {
    const pointer = error.instancePath;
    const value = valueAt(file.data, pointer);
    const field = fieldName(pointer);
    const position = (p: string, key = false) => positionOf(file, p, { key });
    const params = error.params as Record<string, unknown>;
    const say = (key: string, extra: Record<string, string | number | undefined> = {}) =>
      t(lang, `schema.${key}`, { field, value: typeof value === 'string' ? value : JSON.stringify(value), ...extra });

    switch (error.keyword) {
      case 'required': {
        const missing = String(params.missingProperty);
        const where = field === '' ? say('required.top', { field: missing }) : say('required.nested', { field: missing, parent: field });
        return makeMessage(file.path, 'schema/required', 'error', where, position(pointer, true), { path: `${pointer}/${missing}` });
      }
      case 'additionalProperties': {
        const key = String(params.additionalProperty);
        const known = Object.keys(((error.parentSchema as JsonSchema | undefined)?.properties as JsonSchema | undefined) ?? {});
        const { text, suggestion } = this.unknownKey(key, known, say, valueAt(value, `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
        const keyPointer = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        return makeMessage(file.path, 'schema/unknown-key', 'error', text, position(keyPointer, true), suggestion ? { suggestion, path: keyPointer } : { path: keyPointer });
      }
      case 'enum': {
        const allowed = (params.allowedValues as unknown[]).map(String);
        const kind = enumKind(error.schemaPath);
        const suggestion = typeof value === 'string' ? suggest(value, allowed, this.aliases[kind]) : undefined;
        const kindLabel = t(lang, `schema.kinds.${kind}`);
        const text = suggestion
          ? say('enum.suggest', { kind: kindLabel, suggestion })
          : say('enum.plain', { kind: kindLabel, allowed: allowed.join(', ') });
        return makeMessage(file.path, 'schema/enum', 'error', text, position(pointer), suggestion ? { suggestion, path: pointer } : { path: pointer });
      }
      case 'type': {
        const expected = String(params.type).split(',').map((name) => t(lang, `schema.types.${name}`)).join(t(lang, 'schema.or'));
        const base = say('type', { expected, actual: t(lang, `schema.types.${describeType(value)}`) });
        const fix = typeFix(String(params.type), field, value, error.parentSchema as JsonSchema | undefined);
        if (fix) return makeMessage(file.path, 'schema/type', 'error', `${base} ${say(fix.hint, fix.params)}`, position(pointer), { suggestion: fix.suggestion, path: pointer });
        const empty = this.emptyKey(value, String(params.type), pointer, field);
        if (empty) return makeMessage(file.path, 'schema/type', 'error', say(empty), position(pointer), { path: pointer });
        const hintKey = `schema.typeHint.${field}`;
        const hint = t(lang, hintKey);
        return makeMessage(file.path, 'schema/type', 'error', base + (hint === hintKey ? '' : ' ' + hint), position(pointer), { path: pointer });
      }
      case 'minLength':
      case 'maxLength': {
        const actual = typeof value === 'string' ? [...value].length : 0;
        const key = error.keyword === 'minLength' ? (actual === 0 ? 'empty' : 'tooShort') : 'tooLong';
        return makeMessage(file.path, 'schema/length', 'error', say(key, { limit: Number(params.limit), actual }), position(pointer), { path: pointer });
      }
      case 'pattern': {
        const pattern = String(params.pattern);
        const key = pattern === '\\S' ? 'empty' : `pattern.${field}`;
        const text = t(lang, `schema.${key}`) === `schema.${key}` ? say('pattern.other', { pattern }) : say(key);
        return makeMessage(file.path, 'schema/pattern', 'error', text, position(pointer), { path: pointer });
      }
      case 'format': {
        const suggestion = params.format === 'date' ? dateSuggestion(value) : undefined;
        if (suggestion === undefined) return makeMessage(file.path, 'schema/format', 'error', say(`format.${String(params.format)}`), position(pointer), { path: pointer });
        const text = say('format.dateSuggest', { suggestion, worded: wordedDate(suggestion, lang) });
        return makeMessage(file.path, 'schema/format', 'error', text, position(pointer), { suggestion, path: pointer });
      }
      case 'minItems':
      case 'maxItems':
        return makeMessage(file.path, error.keyword === 'minItems' ? 'schema/min-items' : 'schema/max-items', 'error',
          say(error.keyword, { limit: Number(params.limit) }), position(pointer), { path: pointer });
      case 'uniqueItems': {
        const list = Array.isArray(value) ? value : [];
        const second = Number(params.i);
        const itemPointer = `${pointer}/${second}`;
        return makeMessage(file.path, 'schema/duplicate-item', 'error', say('uniqueItems', { item: JSON.stringify(list[second]) }), position(itemPointer), { path: itemPointer });
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        return makeMessage(file.path, 'schema/range', 'error', say('range', { limit: String(params.limit), comparison: String(params.comparison) }), position(pointer), { path: pointer });
      default:
        return makeMessage(file.path, 'schema/invalid', 'error', say('other', { detail: error.message ?? error.keyword }), file.doc ? position(pointer) : startOfFile, { path: pointer });
    }
  }
}

/**
 * `values:` with `-vertrouwen` below it, or `domains: wmo, jeugdwet`, parse fine as text,
 * so the schema says "must be a list". The mistake in the line says why, and how to write it.
 */
function explainByMistakes(messages: Message[], file: SourceFile, lang: Lang): Message[] {
  if (file.text === undefined || !messages.some((m) => m.rule === 'schema/type')) return messages;
  const mistakes = findMistakes(file.text, mistakeFields());
  if (mistakes.length === 0) return messages;
  return messages.flatMap((m) => {
    if (m.rule !== 'schema/type') return [m];
    const here = mistakes.filter((mistake) => mistake.line >= m.line && mistake.line <= m.endLine);
    return here.length > 0 ? mistakeMessages(file.path, here, lang).map((message) => ({ ...message, path: m.path })) : [m];
  });
}

/** One message per rule and place: ajv can report the same problem through two paths. */
function dedupe(messages: Message[]): Message[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const key = `${m.rule}|${m.line}|${m.column}|${m.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A typo in a required key (`situatoin:`) makes both "unknown key" and "missing situation".
 * The unknown-key message already says what to do, so the missing-key one is dropped.
 */
function dropExplainedRequired(messages: Message[]): Message[] {
  const suggested = new Set(
    messages.filter((m) => m.rule === 'schema/unknown-key' && m.suggestion).map((m) => {
      const parent = (m.path ?? '').replace(/\/[^/]*$/, '');
      return `${parent}/${m.suggestion}`;
    }),
  );
  return messages.filter((m) => !(m.rule === 'schema/required' && m.path && suggested.has(m.path)));
}
