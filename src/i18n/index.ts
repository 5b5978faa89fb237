/**
 * Everything a person reads comes from data/messages/<lang>/*.yaml, so that wording can be
 * improved (or a language added) without touching code. Each file holds one part of the
 * tool (core, privacy, tag, render, …); they are merged. Keys are dotted paths; `{name}`
 * placeholders are filled from the params object.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { readDataFile } from '../data.js';
import { dataDir } from '../paths.js';
import type { Lang } from '../types.js';

export const languages: readonly Lang[] = ['nl', 'en'];

type Table = Record<string, unknown>;
const tables = new Map<Lang, Table>();

function merge(target: Table, source: Table): Table {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (existing && typeof existing === 'object' && value && typeof value === 'object') merge(existing as Table, value as Table);
    else target[key] = value;
  }
  return target;
}

function table(lang: Lang): Table {
  let loaded = tables.get(lang);
  if (!loaded) {
    const folder = path.join(dataDir, 'messages', lang);
    loaded = {};
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.yaml')).sort()) {
      merge(loaded, (readDataFile(`messages/${lang}/${name}`) ?? {}) as Table);
    }
    tables.set(lang, loaded);
  }
  return loaded;
}

function lookup(lang: Lang, key: string): unknown {
  let node: unknown = table(lang);
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Table)[part];
  }
  return node;
}

export type Params = Record<string, string | number | undefined>;

export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

const pluralRules = new Map<Lang, Intl.PluralRules>();

/** `one` or `other` (the forms our languages have) for a count, by the language's own rules. */
function pluralForm(lang: Lang, count: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(count);
}

/**
 * The text for `key` in `lang`, falling back to Dutch, then to the key itself. A message
 * that depends on a number has a form per plural category (`one:`, `other:`); the form is
 * chosen by `params.count`, so "1 casus" and "2 casussen" come from the same key.
 */
export function t(lang: Lang, key: string, params?: Params): string {
  const found = lookup(lang, key) ?? lookup('nl', key);
  if (typeof found === 'string') return interpolate(found, params);
  if (found && typeof found === 'object' && typeof params?.count === 'number') {
    const forms = found as Record<string, unknown>;
    const form = forms[pluralForm(lang, params.count)] ?? forms.other;
    if (typeof form === 'string') return interpolate(form, params);
  }
  return key;
}

/** A subtree of the message table (e.g. all labels of a template), in `lang` with Dutch fallback. */
export function messagesFor(lang: Lang, key: string): Table {
  const base = lookup('nl', key);
  const own = lookup(lang, key);
  return { ...(base as Table | undefined), ...(own as Table | undefined) };
}

/** `1 fout`, `2 fouten`: the form of `key` for `count` (see t). */
export function plural(lang: Lang, key: string, count: number, params: Params = {}): string {
  return t(lang, key, { ...params, count });
}
