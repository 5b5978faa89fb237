/**
 * casebook.yaml: finding it, checking it against its schema, and filling in defaults.
 * Also the lists it can replace: domains, roles and the value set.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import { makeMessage } from '../message.js';
import { readDataFile } from '../data.js';
import type { CasebookConfig, CoreValue, Lang, LabelledId, Message, SourceFile, ValueSet } from '../types.js';
import { SchemaChecker, readSchema } from './schema.js';
import { isInsideReal } from './contain.js';
import { readSource } from './parse.js';
import { positionOf, startOfFile } from '../position/index.js';

export const CONFIG_FILE = 'casebook.yaml';

/** casebook.yaml in `start` or the nearest folder above it. */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** `--casebook PATH` may name the file or the folder that holds it. */
export function resolveConfigArgument(argument: string, cwd: string, lang: Lang): string {
  const full = path.resolve(cwd, argument);
  let info;
  try {
    info = statSync(full);
  } catch {
    throw new CasebookError(t(lang, 'load.casebookMissing', { file: argument }));
  }
  if (info.isDirectory()) {
    const inside = path.join(full, CONFIG_FILE);
    if (!existsSync(inside)) throw new CasebookError(t(lang, 'load.noCasebook', { dir: argument }));
    return inside;
  }
  return full;
}

/** Defaults of `tagging` in casebook.yaml: suggest from `threshold`; `strong` fails `tag --check`. */
export const DEFAULT_THRESHOLD = 0.4;
export const DEFAULT_STRONG_THRESHOLD = 0.7;

type Bilingual = string | { nl: string; en?: string };
const pick = (text: Bilingual, lang: Lang): string => (typeof text === 'string' ? text : (lang === 'en' ? text.en : undefined) ?? text.nl);
const both = (text: Bilingual): { nl: string; en: string } =>
  typeof text === 'string' ? { nl: text, en: text } : { nl: text.nl, en: text.en ?? text.nl };

function builtInList(name: string, lang: Lang): LabelledId[] {
  const raw = readDataFile(`${name}.yaml`) as Array<{ id: string; label: Bilingual }>;
  return raw.map((item) => ({ id: item.id, label: pick(item.label, lang) }));
}

interface RawValue {
  id: string;
  label: Bilingual;
  description: Bilingual;
  signals?: Array<string | { phrase: string; weight?: number }>;
  exclude?: string[];
  fields?: Record<string, number>;
}

function toValueSet(raw: unknown, source: string, fallbackProvenance: { nl: string; en: string }): ValueSet {
  const list = (Array.isArray(raw) ? raw : (raw as { values: RawValue[] }).values) as RawValue[];
  const provenance = !Array.isArray(raw) && (raw as { provenance?: Bilingual }).provenance;
  const values: CoreValue[] = list.map((value) => ({
    id: value.id,
    label: both(value.label),
    description: both(value.description),
    signals: (value.signals ?? []).map((s) => (typeof s === 'string' ? { phrase: s } : s)),
    exclude: value.exclude ?? [],
    ...(value.fields ? { fields: value.fields } : {}),
  }));
  return { source, provenance: provenance ? both(provenance) : fallbackProvenance, values };
}

let builtInValues: ValueSet | undefined;
export function loadBuiltInValues(): ValueSet {
  builtInValues ??= toValueSet(readDataFile('values.yaml'), 'built-in', { nl: '', en: '' });
  return builtInValues;
}

let casebookChecker: SchemaChecker | undefined;
let valuesChecker: SchemaChecker | undefined;

export interface LoadedConfig {
  config: CasebookConfig;
  values: ValueSet;
  sources: SourceFile[];
  messages: Message[];
}

function defaults(root: string, file: string | undefined, lang: Lang): CasebookConfig {
  return {
    file,
    root,
    title: lang === 'en' ? 'Casebook' : 'Casusboek',
    language: lang,
    cases: ['cases'],
    domains: builtInList('domains', lang),
    roles: builtInList('roles', lang),
    output: 'dist',
    chapters: 'domain',
    decisions: 'inline',
    editions: {},
    rules: {},
    privacy: { patterns: [], allowNames: [], allowEmailDomains: [] },
    tagging: { threshold: DEFAULT_THRESHOLD, strongThreshold: DEFAULT_STRONG_THRESHOLD },
    theme: {},
  };
}

/**
 * An id used twice in a list of values, domains or roles: the book would get the same
 * anchor (`id="value-zorg"`) twice, and a case's tag could mean either.
 */
function duplicateIds(source: SourceFile, base: string, items: readonly unknown[], lang: Lang): Message[] {
  const first = new Map<string, number>();
  const messages: Message[] = [];
  items.forEach((item, index) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, index);
      return;
    }
    const pointer = `${base}/${index}/id`;
    const line = positionOf(source, `${base}/${earlier}/id`).line;
    messages.push(makeMessage(source.path, 'casebook/duplicate-list-id', 'error', t(lang, 'casebook.duplicateListId', { id, line }), positionOf(source, pointer), { path: pointer }));
  });
  return messages;
}

/**
 * The files of a casebook's templates folder (and its partials/) that a build would refuse:
 * links that lead out of the casebook, and what is not a regular file. Checked here too, so
 * that `validate` in CI catches a pull request that links a template to a private file.
 */
function checkTemplateFiles(root: string, folder: string, lang: Lang): Message[] {
  const messages: Message[] = [];
  for (const sub of [folder, path.join(folder, 'partials')]) {
    let names: string[];
    try {
      names = readdirSync(sub);
    } catch {
      continue; // a missing folder is reported when the templates are loaded
    }
    for (const name of names.sort()) {
      const file = path.join(sub, name);
      if (!isInsideReal(root, file)) {
        messages.push(makeMessage(file, 'load/outside-casebook', 'error', t(lang, 'load.outsideCasebook', { target: file }), startOfFile));
        continue;
      }
      const info = statSync(file, { throwIfNoEntry: false });
      if (info && !info.isFile() && !info.isDirectory()) messages.push(makeMessage(file, 'load/not-a-file', 'error', t(lang, 'load.notAFile'), startOfFile));
    }
  }
  return messages;
}

/**
 * Every path in casebook.yaml stays inside the casebook's folder, after links: a setting
 * that leads out is an error at it and is not used (the error stops a build before anything
 * is written). Returns the values file to read, if it may be read.
 */
function containPaths(source: SourceFile, config: CasebookConfig, written: { cases?: string | string[]; output?: string; values?: string }, lang: Lang): { messages: Message[]; values?: string } {
  const root = config.root;
  const messages: Message[] = [];
  const contained = (pointer: string, value: string) => {
    // A glob is judged by its fixed part: `../elders/*.yaml` by `../elders`.
    if (isInsideReal(root, path.resolve(root, value.split(/[*?[\]{}!]/)[0]!))) return true;
    const setting = pointer.slice(1).replace('/', ' ');
    messages.push(makeMessage(source.path, 'load/outside-casebook', 'error', t(lang, 'load.settingOutside', { setting, value }), positionOf(source, pointer), { path: pointer }));
    return false;
  };
  const cases = Array.isArray(written.cases) ? written.cases : written.cases === undefined ? [] : [written.cases];
  config.cases = config.cases.filter((entry) => !cases.includes(entry) || contained(Array.isArray(written.cases) ? `/cases/${cases.indexOf(entry)}` : '/cases', entry));
  if (config.templates !== undefined && !contained('/templates', config.templates)) delete config.templates;
  else if (config.templates !== undefined) messages.push(...checkTemplateFiles(root, path.resolve(root, config.templates), lang));
  // (A default `dist` that is a link out is refused when a build would write there.)
  if (written.output !== undefined && !contained('/output', config.output)) config.output = 'dist';
  if (config.tagging.model !== undefined && !contained('/tagging/model', config.tagging.model)) delete config.tagging.model;
  const values = written.values !== undefined && contained('/values', written.values) ? written.values : undefined;
  return { messages, ...(values !== undefined ? { values } : {}) };
}

/** The casebook's own value set (`values:`), checked against its schema and for ids used twice. */
async function readValuesFile(config: SourceFile, valuesPath: string, lang: Lang): Promise<{ file: string; messages: Message[]; source?: SourceFile; values?: ValueSet }> {
  const file = path.resolve(path.dirname(config.path), valuesPath);
  if (!existsSync(file)) {
    return { file, messages: [makeMessage(config.path, 'load/not-found', 'error', t(lang, 'load.valuesMissing', { file: valuesPath }), positionOf(config, '/values'), { path: '/values' })] };
  }
  const source = await readSource(file, { lang, allowList: true });
  valuesChecker ??= new SchemaChecker(readSchema('values.schema.json'));
  const messages = [...source.messages, ...valuesChecker.check(source, lang)];
  if (messages.length > 0 || source.data === undefined) return { file, messages, source };
  const list = Array.isArray(source.data) ? { base: '', items: source.data } : { base: '/values', items: (source.data as { values: unknown[] }).values };
  messages.push(...duplicateIds(source, list.base, list.items, lang));
  if (messages.length > 0) return { file, messages, source };
  return { file, messages, source, values: toValueSet(source.data, file, { nl: `Eigen set: ${valuesPath}`, en: `Own set: ${valuesPath}` }) };
}

/** How the book is laid out: chapters, where decisions go, the named editions. */
function bookLayout(field: Field, config: CasebookConfig): Pick<CasebookConfig, 'chapters' | 'decisions' | 'editions'> {
  return {
    chapters: field<CasebookConfig['chapters']>('chapters') ?? config.chapters,
    decisions: field<CasebookConfig['decisions']>('decisions') ?? config.decisions,
    editions: field<CasebookConfig['editions']>('editions') ?? {},
  };
}

/** A setting of casebook.yaml as written, or undefined when absent or when it has a schema error. */
type Field = <T>(name: string) => T | undefined;

/** The settings of casebook.yaml over the defaults; returns the messages about ids used twice. */
function applySettings(config: CasebookConfig, field: Field, source: SourceFile, lang: Lang): Message[] {
  const messages: Message[] = [];
  const title = field<string>('title');
  if (title) config.title = title;
  for (const key of ['subtitle', 'organisation', 'version', 'templates'] as const) {
    const value = field<string>(key);
    if (value !== undefined) config[key] = value;
  }
  const cases = field<string | string[]>('cases');
  if (cases !== undefined) config.cases = Array.isArray(cases) ? cases : [cases];
  config.output = field<string>('output') ?? config.output;
  Object.assign(config, bookLayout(field, config));
  for (const list of ['domains', 'roles'] as const) {
    const items = field<LabelledId[]>(list);
    if (items) messages.push(...duplicateIds(source, `/${list}`, items, lang));
  }
  const domains = field<LabelledId[]>('domains');
  if (domains) config.domains = domains.map(({ id, label }) => ({ id, label }));
  const roles = field<LabelledId[]>('roles');
  if (roles) config.roles = roles.map(({ id, label }) => ({ id, label }));
  config.rules = field<CasebookConfig['rules']>('rules') ?? {};
  applyPrivacyAndTagging(config, field);
  config.theme = field<CasebookConfig['theme']>('theme') ?? {};
  return messages;
}

/** `privacy` (own patterns, names and mail domains that are fine) and `tagging` (thresholds). */
function applyPrivacyAndTagging(config: CasebookConfig, field: Field): void {
  const privacy = field<{ patterns?: CasebookConfig['privacy']['patterns']; 'allow-names'?: string[]; 'allow-email-domains'?: string[] }>('privacy');
  if (privacy) {
    config.privacy = {
      patterns: (privacy.patterns ?? []).map((p) => ({ ...p, severity: p.severity ?? 'error' })),
      allowNames: privacy['allow-names'] ?? [],
      allowEmailDomains: privacy['allow-email-domains'] ?? [],
    };
  }
  const tagging = field<{ threshold?: number; strong?: number; model?: string }>('tagging');
  if (tagging?.threshold !== undefined) config.tagging.threshold = tagging.threshold;
  if (tagging?.strong !== undefined) config.tagging.strongThreshold = tagging.strong;
  if (tagging?.model !== undefined) config.tagging.model = tagging.model;
}

/** casebook.yaml read and checked against its schema: its messages, and its settings that may be used. */
async function readConfigFile(file: string, lang: Lang): Promise<{ source: SourceFile; messages: Message[]; field: Field }> {
  const source = await readSource(file, { lang });
  // The reader's words are about a case; casebook.yaml holds settings.
  const ownWords: Record<string, string> = { 'yaml/empty': 'load.configEmpty', 'yaml/not-a-mapping': 'load.configNotAMapping' };
  const messages: Message[] = source.messages.map((m) => (ownWords[m.rule] ? { ...m, message: t(lang, ownWords[m.rule]!) } : m));
  casebookChecker ??= new SchemaChecker(readSchema('casebook.schema.json'));
  const schemaMessages = casebookChecker.check(source, lang);
  messages.push(...schemaMessages);
  const raw = (source.data ?? {}) as Record<string, unknown>;
  // A field with a schema error is not used: its default stands instead.
  const broken = new Set(schemaMessages.map((m) => (m.path ?? '').split('/')[1] ?? ''));
  const field: Field = <T>(name: string): T | undefined => (broken.has(name) ? undefined : (raw[name] as T | undefined));
  return { source, messages, field };
}

/**
 * Reads casebook.yaml (or, without one, the defaults for `cwd`). Problems in the file are
 * messages; fields that are wrong fall back to their defaults so the cases can still be checked.
 */
export async function loadConfig(file: string | undefined, cwd: string, messageLang: Lang): Promise<LoadedConfig> {
  if (!file) {
    return { config: defaults(path.resolve(cwd), undefined, 'nl'), values: loadBuiltInValues(), sources: [], messages: [] };
  }
  const { source, messages, field } = await readConfigFile(file, messageLang);
  const config = defaults(path.dirname(file), file, field<Lang>('language') ?? 'nl');
  messages.push(...applySettings(config, field, source, messageLang));

  const written = { cases: field<string | string[]>('cases'), output: field<string>('output'), values: field<string>('values') };
  const contain = containPaths(source, config, written, messageLang);
  messages.push(...contain.messages);
  const sources: SourceFile[] = [source];
  let values = loadBuiltInValues();
  if (contain.values !== undefined) {
    const own = await readValuesFile(source, contain.values, messageLang);
    config.valuesFile = own.file;
    messages.push(...own.messages);
    if (own.source) sources.push(own.source);
    if (own.values) values = own.values;
  }
  return { config, values, sources, messages };
}
