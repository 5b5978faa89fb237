/**
 * What `casebook tag` and `casebook values` print, as pure functions from results to text.
 * The readable report puts, per case, what is tagged next to what is suggested, and marks
 * where they differ; the JSON report has exactly the shape of the case format contract.
 */
import { plural, t } from '../i18n/index.js';
import { styles } from './color.js';
import { escapeLines, escapeText } from './escape.js';
import { relativePath } from './util.js';
import type { Lang, ValueSet } from '../types.js';
import type { CaseTags } from '../tag/index.js';
import { signalsOf } from '../tag/lexicon.js';

export interface TagReportContext {
  cwd: string;
  lang: Lang;
  color: boolean;
  /** Only cases where tagged and suggested differ (and the summary). */
  quiet?: boolean;
}

/** How many phrases the readable report shows per suggestion (the JSON has all the tagger gives). */
const SHOWN_EVIDENCE = 3;
const ID_COLUMN = 22;

type Agreement = 'agree' | 'differ' | 'empty';

function agreement(result: CaseTags): Agreement {
  if (result.values.length === 0) return 'empty';
  const suggested = new Set(result.suggestions.map((s) => s.id));
  const same = result.values.length === suggested.size && result.values.every((id) => suggested.has(id));
  return same ? 'agree' : 'differ';
}

const score = (n: number) => n.toFixed(2);

export function tagText(results: readonly CaseTags[], context: TagReportContext): string {
  const { lang } = context;
  const s = styles(context.color);
  const counts: Record<Agreement, number> = { agree: 0, differ: 0, empty: 0 };
  const blocks: string[] = [];
  for (const result of results) {
    const state = agreement(result);
    counts[state]++;
    if (context.quiet && state === 'agree') continue;
    const lines = [s.underline(escapeText(relativePath(context.cwd, result.file)))];
    const tagged = result.values.length > 0 ? escapeText(result.values.join(', ')) : s.yellow(t(lang, 'tag.none'));
    lines.push(`  ${s.dim(t(lang, 'tag.tagged'))} ${tagged}`);
    const width = Math.max(ID_COLUMN, ...result.suggestions.map((x) => x.id.length + 2), ...result.values.map((id) => id.length + 2));
    for (const suggestion of result.suggestions) {
      const isTagged = result.values.includes(suggestion.id);
      const mark = isTagged ? s.dim('✓') : s.yellow('+');
      const where = (e: (typeof suggestion.evidence)[number]) => (e.source === 'model' ? `${e.line}:${e.column} ${t(lang, 'tag.fromModel')}` : `${e.line}:${e.column}`);
      const shown = suggestion.evidence.slice(0, SHOWN_EVIDENCE).map((e) => `"${escapeText(e.text)}" ${s.dim(`(${where(e)})`)}`);
      const rest = suggestion.evidence.length - SHOWN_EVIDENCE;
      if (rest > 0) shown.push(s.dim(t(lang, 'tag.more', { count: rest })));
      lines.push(`  ${mark} ${suggestion.id.padEnd(width)}${score(suggestion.score)}  ${shown.join(', ')}`);
    }
    for (const id of result.values) {
      if (!result.suggestions.some((x) => x.id === id)) lines.push(`  ${s.red('−')} ${escapeText(id).padEnd(width)}${s.dim(t(lang, 'tag.notSuggested'))}`);
    }
    if (result.suggestions.length === 0 && result.values.length === 0) lines.push(`  ${s.dim(t(lang, 'tag.noSuggestions'))}`);
    blocks.push(lines.join('\n'));
  }
  const summary = t(lang, 'tag.summary', {
    cases: plural(lang, 'tag.cases', results.length),
    agree: counts.agree,
    differ: counts.differ,
    empty: counts.empty,
  });
  const body = blocks.length > 0 ? `${blocks.join('\n\n')}\n\n` : '';
  return `${body}${s.dim(t(lang, 'tag.legend'))}\n${summary}\n`;
}

/** About this many characters of JSON are written at a time (tagJsonChunks). */
const CHUNK_CHARACTERS = 64 * 1024;

/**
 * `casebook tag --format json`: one entry per case, evidence as the phrases only, and per
 * phrase which part of the tagger found it (`lexicon` or `model`). The same text as
 * JSON.stringify of the whole list with two spaces (tagJsonChunks).
 */
export function tagJson(results: readonly CaseTags[], cwd: string): string {
  return [...tagJsonChunks(results, cwd)].join('');
}

/** tagJson in pieces of about 64 kB (tagJsonListChunks). */
export function tagJsonChunks(results: readonly CaseTags[], cwd: string): Generator<string> {
  return tagJsonListChunks(results.map((result) => tagJsonEntry(result, cwd)));
}

/**
 * One case's entry of `tag --format json`, as text indented as it stands in the list. `tag`
 * makes it as soon as the case is tagged: 10,000 cases' suggestions and evidence are then
 * never all held as objects until the end.
 */
export function tagJsonEntry(result: CaseTags, cwd: string): string {
  // Written out as JSON.stringify(list, null, 2) lays an entry out one level in, each value
  // by JSON.stringify: the same bytes, without an object per entry and a copy to indent it.
  // Joined from a list, so that the entry kept until the report is one flat string: built
  // with +=, it was a tree of a hundred joined pieces, 10,000 of them 34 MB more to keep.
  const parts = [`  {\n    "file": ${jsonString(relativePath(cwd, result.file))},\n    "id": ${jsonString(result.id)},\n    "values": ${jsonList(result.values, '    ')},\n    "suggestions": `];
  if (result.suggestions.length === 0) {
    parts.push('[]\n  }');
    return parts.join('');
  }
  parts.push('[');
  result.suggestions.forEach((s, k) => {
    const evidence = s.evidence.map((e) => e.text);
    const sources = s.evidence.map((e) => e.source);
    parts.push(`${k > 0 ? ',' : ''}\n      {\n        "id": ${jsonString(s.id)},\n        "score": ${jsonNumber(s.score)},\n        "evidence": ${jsonList(evidence, '        ')},\n        "evidenceSources": ${jsonList(sources, '        ')}\n      }`);
  });
  parts.push('\n    ]\n  }');
  return parts.join('');
}

/** What JSON.stringify writes otherwise than as it stands in a string: a quote, a backslash,
 * a control character, a lone surrogate (here: any surrogate, which then goes the long way). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON.stringify of a string. Most of the entries' strings (paths, ids, phrases) need no
 * escape, and for them a test costs a fraction of the call: JSON.stringify per string was
 * about a third of the entries' instructions (about 40 calls per case, counted with callgrind).
 */
function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** JSON.stringify of a number. */
function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** A list of strings as JSON.stringify(…, null, 2) writes it at this indentation. */
function jsonList(items: readonly string[], indent: string): string {
  if (items.length === 0) return '[]';
  let text = '[';
  for (let k = 0; k < items.length; k++) text += `${k > 0 ? ',' : ''}\n${indent}  ${jsonString(items[k]!)}`;
  return `${text}\n${indent}]`;
}

/**
 * The list of entries (tagJsonEntry) as JSON.stringify(list, null, 2) writes it, in pieces of
 * about 64 kB: for 10,000 cases one string of 11 MB and its bytes were each made whole before
 * (and the string copied once more on its first read, as V8 builds it from parts).
 */
export function* tagJsonListChunks(entries: readonly string[]): Generator<string> {
  if (entries.length === 0) {
    yield '[]\n';
    return;
  }
  let parts = ['[\n'];
  let size = 0;
  for (let index = 0; index < entries.length; index++) {
    const text = `${entries[index]!}${index < entries.length - 1 ? ',' : '\n]'}\n`;
    parts.push(text);
    size += text.length;
    if (size >= CHUNK_CHARACTERS) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/** How many of a value's phrases `casebook values` shows: the strongest. */
const SHOWN_SIGNALS = 6;

function sourceLabel(valueSet: ValueSet, cwd: string, lang: Lang): string {
  return valueSet.source === 'built-in' ? t(lang, 'tag.values.builtIn') : t(lang, 'tag.values.own', { file: escapeText(relativePath(cwd, valueSet.source)) });
}

export function valuesText(valueSet: ValueSet, context: { cwd: string; lang: Lang; color: boolean }): string {
  const { lang } = context;
  const s = styles(context.color);
  const lines = [s.bold(t(lang, 'tag.values.heading', { count: valueSet.values.length, source: sourceLabel(valueSet, context.cwd, lang) }))];
  const provenance = valueSet.provenance[lang] || valueSet.provenance.nl;
  if (provenance) lines.push(escapeLines(provenance.trim()));
  for (const value of valueSet.values) {
    lines.push('', `${s.bold(escapeText(value.id))}  ${escapeText(value.label[lang])}`, `  ${escapeLines(value.description[lang].trim()).replace(/\n/g, '\n  ')}`);
    if ((value.signals ?? []).length === 0) {
      lines.push(`  ${s.dim(t(lang, 'tag.values.labelAsSignal'))}`);
      continue;
    }
    const strongest = [...signalsOf(value)].sort((a, b) => b.weight - a.weight).slice(0, SHOWN_SIGNALS);
    const examples = strongest.map((x) => `"${escapeText(x.phrase)}"`).join(', ');
    lines.push(`  ${s.dim(plural(lang, 'tag.values.signals', value.signals!.length, { examples }))}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `casebook values --format json`: the set as data, with the file relative to `cwd`. */
export function valuesJson(valueSet: ValueSet, cwd: string): string {
  const source = valueSet.source === 'built-in' ? 'built-in' : relativePath(cwd, valueSet.source);
  return `${JSON.stringify({ ...valueSet, source }, null, 2)}\n`;
}
