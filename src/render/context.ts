/**
 * What every part of the view model needs while it is made: the book's language and fixed
 * words, the labels of ids, the rendered value descriptions, the Markdown renderer and the
 * list that collects what rendering had to say about the sources.
 */
import path from 'node:path';
import type { CaseStatus } from '../case/index.js';
import { messagesFor, t, type Params } from '../i18n/index.js';
import type { Casebook, CasebookConfig, Lang, Message, SourceFile } from '../types.js';
import { MONTH_NAMES } from '../util/date.js';
import { MarkdownRenderer, type Finding, type MarkdownSource } from './markdown.js';
import { sourceMessage } from './source-message.js';

export type Labels = Record<string, unknown>;

export interface BookContext {
  casebook: Casebook;
  config: CasebookConfig;
  lang: Lang;
  /** render.book in the book's language (Dutch filling any gap). */
  labels: Labels;
  markdown: MarkdownRenderer;
  /** Findings of the Markdown renderer, as warnings at the field they are about. */
  messages: Message[];
  /** Titles in the reading order of the book's language (see titleOrder). */
  compareTitles(a: string, b: string): number;
  say(key: string, params?: Params): string;
  domainLabel(id: string): string;
  roleLabel(id: string): string;
  valueLabel(id: string): string;
  statusLabel(status: CaseStatus): string;
  /** A value's description from the value set, as HTML. */
  valueDescription(id: string): string | undefined;
  /** Where findings in the Markdown at `pointer` of `file` are reported. */
  source(file: SourceFile, pointer: string): MarkdownSource;
}

/** A plain string that is not blank. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
/** The strings of a list that are not blank. */
export const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : []);
/** The mappings of a list. */
export const records = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)) : [];

function deepMerge(base: Labels, own: Labels): Labels {
  const result: Labels = { ...base };
  for (const [key, value] of Object.entries(own)) {
    const existing = result[key];
    result[key] = existing && typeof existing === 'object' && !Array.isArray(existing) && value && typeof value === 'object' && !Array.isArray(value)
      ? deepMerge(existing as Labels, value as Labels)
      : value;
  }
  return result;
}

/** A subtree of render.yaml in `lang`, with Dutch filling any gap. */
export function bookTexts(lang: Lang, key: string): Labels {
  return deepMerge(messagesFor('nl', key), lang === 'nl' ? {} : messagesFor(lang, key));
}

// The months as words (util/date.ts): setting up an Intl.DateTimeFormat took 30 ms of every
// build (ICU builds its date patterns), for a date that is only day, month and year:
// tests/unit/render-model.test.ts checks these words against Intl's for every day of
// 1000-2200 in both languages.
// Outside these years (no era, four digits) Intl words the date.
const WORDED_YEARS = { from: 1000, to: 9999 };
const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

/** A date as words in `lang` ("23 november 2025"), in UTC. */
export function formatDate(date: Date, lang: Lang): string {
  const year = date.getUTCFullYear();
  if (year >= WORDED_YEARS.from && year <= WORDED_YEARS.to) return `${date.getUTCDate()} ${MONTH_NAMES[lang][date.getUTCMonth()]} ${year}`;
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(lang, format);
  }
  return format.format(date);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A path relative to the casebook folder, with forward slashes. */
export function relativeToRoot(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Markdown from a YAML field: findings become warnings at that field (or at the exact text). */
function markdownSource(file: SourceFile, root: string, lang: Lang, pointer: string, messages: Message[], baseDir = path.dirname(file.path)): MarkdownSource {
  return {
    root,
    baseDir,
    lang,
    report: (finding: Finding) => messages.push(sourceMessage(file, pointer, finding.rule, 'warning', finding.message, finding.needle)),
  };
}

/** The built-in value set ships with casebook; there is no author to tell. */
function silentSource(root: string, lang: Lang): MarkdownSource {
  return { root, baseDir: root, lang, report: () => undefined };
}

function valuePointer(file: SourceFile, index: number, lang: Lang): string {
  const list = Array.isArray(file.data) ? '' : '/values';
  const raw = (Array.isArray(file.data) ? file.data : (file.data?.values as unknown[] | undefined))?.[index] as { description?: unknown } | undefined;
  return typeof raw?.description === 'object' ? `${list}/${index}/description/${lang}` : `${list}/${index}/description`;
}

/** Value descriptions come from the value set: Markdown too, rendered once. */
function valueDescriptions(casebook: Casebook, markdown: MarkdownRenderer, messages: Message[]): Map<string, string> {
  const { config } = casebook;
  const lang = config.language;
  const valuesSource = casebook.sources.find((s) => s.path === config.valuesFile);
  const descriptions = new Map<string, string>();
  casebook.values.values.forEach((value, index) => {
    const source = valuesSource ? markdownSource(valuesSource, config.root, lang, valuePointer(valuesSource, index, lang), messages) : silentSource(config.root, lang);
    descriptions.set(value.id, markdown.inline(value.description[lang], source));
  });
  return descriptions;
}

/** ASCII space, punctuation and symbols: in the root order each weighs less than any letter. */
const isAsciiMark = (code: number) => (code >= 0x20 && code <= 0x2f) || (code >= 0x3a && code <= 0x40) || (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code <= 0x7e);
/** Latin-1's letters with an accent, from U+00C0, as their letter (`-`: not one letter with an accent, such as æ, ß or ø). */
const LATIN1_BASE = 'aaaaaa-ceeeeiiii-nooooo--uuuuy--aaaaaa-ceeeeiiii-nooooo--uuuuy-y';

/** The letter a character is at the base level, lower case (a char code), or -1 when it is not a plain Latin letter. */
function baseLetter(code: number): number {
  if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) return code | 0x20;
  // Also the end of a title (NaN).
  if (!(code >= 0xc0 && code <= 0xff)) return -1;
  const base = LATIN1_BASE.charCodeAt(code - 0xc0);
  return base === 0x2d ? -1 : base;
}

/**
 * The order of `Intl.Collator(lang, { numeric: true, sensitivity: 'base' })`, without setting
 * one up where it is not needed: ICU's first collator costs about 69 M instructions (1% of a
 * 1,000-case build). Read side by side, two titles are equal at the base level while their
 * characters are the same or the same letter in another case or with an accent (é, Ë); the
 * first place where they are two different letters, or an ASCII space, punctuation mark or
 * symbol against a letter (it weighs less), decides; both ending there makes them equal. This is
 * the collator's order because what comes before weighs the same in both (digit runs included:
 * they end at the same place) and the root order, which Dutch and English use, has no
 * contractions of these letters. Anything else (digits, other characters, one title ending first)
 * asks the collator. tests/unit/render-title-order.test.ts compares it with Intl.Collator.
 */
export function titleOrder(lang: Lang): (a: string, b: string) => number {
  let collator: Intl.Collator | undefined;
  const exact = (a: string, b: string) => (collator ??= new Intl.Collator(lang, { numeric: true, sensitivity: 'base' })).compare(a, b);
  return (a, b) => {
    for (let i = 0; i < a.length || i < b.length; i++) {
      const x = a.charCodeAt(i);
      const y = b.charCodeAt(i);
      if (x === y) continue;
      const bx = baseLetter(x);
      const by = baseLetter(y);
      if (bx !== -1 && by !== -1) {
        if (bx !== by) return bx < by ? -1 : 1;
      } else if (bx !== -1 && isAsciiMark(y)) {
        return 1;
      } else if (isAsciiMark(x) && by !== -1) {
        return -1;
      } else {
        return exact(a, b);
      }
    }
    return 0;
  };
}

export function bookContext(casebook: Casebook, markdown: MarkdownRenderer): BookContext {
  const { config } = casebook;
  const lang = config.language;
  const messages: Message[] = [];
  const labels = bookTexts(lang, 'render.book');
  const domainLabels = new Map(config.domains.map((d) => [d.id, d.label]));
  const roleLabels = new Map(config.roles.map((r) => [r.id, r.label]));
  const valueById = new Map(casebook.values.values.map((v) => [v.id, v]));
  const descriptions = valueDescriptions(casebook, markdown, messages);
  // A case asks for a source for each of its texts: its folder is worked out once.
  let lastFile: SourceFile | undefined;
  let lastDir = '';
  return {
    casebook,
    config,
    lang,
    labels,
    markdown,
    messages,
    compareTitles: titleOrder(lang),
    say: (key, params) => t(lang, key, params),
    domainLabel: (id) => domainLabels.get(id) ?? id,
    roleLabel: (id) => roleLabels.get(id) ?? id,
    valueLabel: (id) => valueById.get(id)?.label[lang] ?? id,
    statusLabel: (status) => String((labels.statuses as Labels)[status] ?? status),
    valueDescription: (id) => descriptions.get(id),
    source: (file, pointer) => {
      if (file !== lastFile) {
        lastFile = file;
        lastDir = path.dirname(file.path);
      }
      return markdownSource(file, config.root, lang, pointer, messages, lastDir);
    },
  };
}
