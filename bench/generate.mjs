#!/usr/bin/env node
// Generates a synthetic casebook of N cases for benchmarks and tests: the example cases and
// the tagger development set, cycled with unique ids and varied lengths, written the way
// people write cases by hand rather than serialised: comments above and beside fields, block
// scalars (`|` and `>`), quoted titles, flow lists for ids, drafts and cases in review among
// the published ones, and a few files that take the full YAML path (a quoted summary over
// two lines).
//   node bench/generate.mjs <dir> <count>
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function yamlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : []);
}

export function templates() {
  const files = [...yamlFiles(path.join(root, 'cases')), ...yamlFiles(path.join(root, 'tests', 'fixtures', 'tagger-dev'))].sort();
  return files.map((f) => parse(readFileSync(f, 'utf8')));
}

const paragraphs = (text) => String(text).split(/\n\s*\n/);

/** Case number `i` of a synthetic casebook: a template with a unique id and its own length. */
export function syntheticCase(all, i) {
  const base = structuredClone(all[i % all.length]);
  const id = `${base.id}-${i}`;
  const variant = Math.floor(i / all.length) % 4;
  base.id = id;
  // Most cases are published; every tenth is in review and every fifteenth a draft.
  base.status = i % 10 === 7 ? 'review' : i % 15 === 4 ? 'draft' : 'published';
  if (!base.values || base.values.length === 0) base.values = ['maatwerk', 'samen-met-de-inwoner'];
  base.date = `20${24 + (i % 3)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  // Lengths vary: some cases lose paragraphs, some gain a repeated one.
  const trimmed = (text) => text.replace(/\n+$/, '');
  if (variant === 1) base.situation = `${trimmed(paragraphs(base.situation)[0])}\n`;
  if (variant === 2) base.situation = `${trimmed(base.situation)}\n\n${trimmed(paragraphs(base.situation).slice(-1)[0])}\n`;
  if (variant === 3) delete base.options;
  // Related cases point at cases that exist in the synthetic set.
  base.related = i > 0 ? [`${all[(i - 1) % all.length].id}-${i - 1}`] : [];
  if (base.related.length === 0) delete base.related;
  return base;
}

// --- Writing a case by hand -------------------------------------------------------------

const PLAIN = /^[A-Za-zÀ-ÿ0-9(][^\n#:]*$/;
const ID = /^[a-z0-9][a-z0-9.-]*$/;

/** A one-line scalar as a person would type it: plain where that is safe, else quoted. */
function scalar(value, i) {
  if (typeof value !== 'string') return String(value);
  const plainSafe = PLAIN.test(value) && !/^(?:true|false|null|yes|no|on|off|~|[-+.\d][\d.:eE+-]*)$/i.test(value) && !/\s$/.test(value) && !/[[\]{},]/.test(value[0]) && !/ #|: /.test(value);
  if (plainSafe) return value;
  if (!value.includes("'") && !/[\n\\]/.test(value) && i % 2 === 0) return `'${value}'`;
  return JSON.stringify(value);
}

/** A list of ids as a flow list, the way the examples write domains and tags. */
const flowList = (items) => `[${items.join(', ')}]`;

/**
 * Text as people write it: a long sentence on one line, or folded (`>-`) over lines of 78; a
 * text of several lines as a literal block (`|`, `|-` or `|+` after its trailing breaks),
 * folded (`>`) where each paragraph is one line.
 */
function block(key, text, indent, i) {
  const pad = ' '.repeat(indent);
  const trailing = /\n*$/.exec(text)[0].length;
  const lines = text.slice(0, text.length - trailing).split('\n');
  if (lines.some((line) => /\t|\s$/.test(line)) || /^\s/.test(lines[0] ?? '') || lines.length === 0) return `${pad}${key}: ${JSON.stringify(text)}\n`;
  const foldable = !/ {2}/.test(text) && lines.every((line, n) => line === '' || ((n === 0 || lines[n - 1] === '') && (n + 1 === lines.length || lines[n + 1] === '') && !/^[ \-*>#\d]/.test(line)));
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  if (lines.length === 1 && trailing === 0 && !(foldable && i % 5 === 3)) return `${pad}${key}: ${scalar(text, i)}\n`;
  const folded = foldable && (lines.length === 1 || i % 5 === 3);
  const body = folded ? lines.flatMap((line) => (line === '' ? [''] : wrap(line, 78 - indent - 2))) : lines;
  const tail = trailing > 1 ? '\n'.repeat(trailing - 1) : '';
  return `${pad}${key}: ${folded ? '>' : '|'}${chomp}\n${body.map((line) => (line === '' ? '' : `${pad}  ${line}`)).join('\n')}\n${tail}`;
}

function wrap(line, width) {
  const out = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + word.length + 1 > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}

/** A list of Markdown strings: block items, a few quoted as people quote sentences. */
function stringList(key, items, indent, quoted) {
  const pad = ' '.repeat(indent);
  const item = (text, n) => {
    if (!quoted) return scalar(text, 1);
    // The first quoted sentence goes on over two lines, as people wrap a long one.
    const middle = text.indexOf(' ', text.length >> 1);
    if (n === 0 && middle > 0 && !/[\n"\\]|\s\s/.test(text)) return `"${text.slice(0, middle)}\n${pad}    ${text.slice(middle + 1)}"`;
    return JSON.stringify(text);
  };
  return `${pad}${key}:\n${items.map((text, n) => `${pad}  - ${item(text, n)}`).join('\n')}\n`;
}

const FIELD_COMMENTS = {
  situation: '# Wat speelt er?',
  dilemma: '# Het dilemma, als vraag',
  options: '# Wat hebben we overwogen?',
  legal: '# Juridisch kader',
  values: '# Welke kernwaarden staan op het spel?',
};

/** The text of case `i` as a person writes it (the data equals `data`). */
export function handWritten(data, i) {
  // One file in twenty quotes its list items, wraps its quoted summary over two lines and
  // lines up a comment with the Tab key; the tab sends it down the full YAML path (the plain
  // and quick paths take the rest, as they take the example cases).
  const quoted = i % 20 === 9;
  const out = ['# yaml-language-server: $schema=../../schemas/case.schema.json\n'];
  if (i % 3 === 0) out.push(`# Besproken in het casuïstiekoverleg van ${data.date}.\n`);
  for (const [key, value] of Object.entries(data)) {
    if (i % 2 === 0 && FIELD_COMMENTS[key]) out.push(`\n${FIELD_COMMENTS[key]}\n`);
    else if (['situation', 'options', 'legal', 'lessons', 'values'].includes(key)) out.push('\n');
    const middle = typeof value === 'string' ? value.indexOf(' ', value.length >> 1) : -1;
    if (quoted && key === 'summary' && middle > 0 && !/[\n"\\]|\s\s/.test(value)) out.push(`summary: "${value.slice(0, middle)}\n  ${value.slice(middle + 1)}"\n`);
    else if (key === 'status' && value !== 'published') out.push(`status: ${value}   # nog niet klaar voor het boekje\n`);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string' && ID.test(v))) out.push(`${key}: ${flowList(value)}${quoted && key === 'domains' ? '\t# het domein bepaalt de map' : ''}\n`);
    else if (typeof value === 'string' && (value.includes('\n') || value.length > 90)) out.push(block(key, value, 0, i));
    else if (key === 'options') {
      out.push('options:\n');
      for (const option of value) {
        out.push(`  - title: ${scalar(option.title, i)}\n`);
        for (const side of ['for', 'against']) if (option[side]) out.push(stringList(side, option[side], 4, quoted));
        if (option.values) out.push(`    values: ${flowList(option.values)}\n`);
        for (const [k, v] of Object.entries(option)) if (!['title', 'for', 'against', 'values'].includes(k)) out.push(`    ${k}: ${scalar(v, i)}\n`);
      }
    } else if (key === 'legal') {
      out.push('legal:\n');
      for (const item of value) {
        out.push(`  - law: ${scalar(item.law, i)}\n`);
        if (item.article !== undefined) out.push(`    article: "${item.article}"\n`);
        if (item.note !== undefined) out.push(item.note.length > 90 ? block('note', item.note, 4, i) : `    note: ${scalar(item.note, i)}\n`);
      }
    } else if (key === 'values') {
      out.push('values:\n');
      for (const v of value) {
        if (typeof v === 'string') out.push(`  - ${v}\n`);
        else out.push(`  - id: ${v.id}\n${v.why.length > 90 || v.why.includes('\n') ? block('why', v.why, 4, i) : `    why: ${scalar(v.why, i)}\n`}`);
      }
    } else if (Array.isArray(value)) out.push(stringList(key, value, 0, quoted));
    else out.push(`${key === 'title' && i % 4 === 1 ? '# werktitel, nog bespreken\n' : ''}${key}: ${scalar(value, i)}\n`);
  }
  return out.join('');
}

/**
 * `count` cases in `dir`, numbered from `first`; `edit` may change each case before it is
 * written (bench/varied.mjs).
 */
export function generateCasebook(dir, count, { title = `Synthetisch casusboek (${count} casussen)`, edit, first = 0 } = {}) {
  rmSync(dir, { recursive: true, force: true });
  const all = templates();
  // (mkdirSync returns the first folder it made, which is a parent when those are new too.)
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'casebook.yaml'),
    `title: ${title}\norganisation: Gemeente Benchmark\ncases: [cases]\n`);
  for (let i = first; i < first + count; i++) {
    const data = syntheticCase(all, i);
    // The first case's related case is not in the book.
    if (i === first) delete data.related;
    edit?.(data, i);
    const folder = path.join(dir, 'cases', data.domains[0]);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `${data.id}.yaml`), handWritten(data, i));
  }
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, count] = process.argv.slice(2);
  if (!dir || !count) {
    console.error('usage: node bench/generate.mjs <dir> <count>');
    process.exit(2);
  }
  generateCasebook(path.resolve(dir), Number(count));
  console.log(`${count} cases in ${dir}`);
}
