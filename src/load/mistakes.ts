/**
 * The YAML mistakes people make when they write a case by hand, each recognised in the
 * source line where it is made. The parser sees the effect (a mapping where text was meant,
 * a line that does not fit), often a line later and in its own words; this module names the
 * cause and gives the corrected line. It reads lines, not a parse tree: it must work
 * exactly for the files the parser gives up on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CASE_FIELDS } from '../case/index.js';
import { t } from '../i18n/index.js';
import { schemasDir } from '../paths.js';
import { makeMessage } from '../message.js';
import type { Lang, Message } from '../types.js';

/** What the scan needs to know about the case format. */
export interface MistakeFields {
  /** Every key a case or one of its parts (option, legal item, value) can have. */
  keys: ReadonlySet<string>;
  /** Lists of short items that people write as `a, b` (domains, values, tags, ...). */
  idLists: ReadonlySet<string>;
}

export interface Mistake {
  /** Rule id, `yaml/<name>`. */
  rule: string;
  /** Message key below `yaml.mistake.`. */
  message: string;
  params: Record<string, string>;
  /** 1-based line, and the columns of the mistake on it. */
  line: number;
  column: number;
  endColumn: number;
  /** The lines whose parser errors this mistake explains. */
  covers: [number, number];
  /** The line as it should be written. */
  fixed: string;
  /** The fix is in the indentation alone: the line trimmed reads the same, so no "schrijf:" line. */
  indentOnly?: true;
}

/** Curly quotes that Word and mail clients put in; YAML only knows " and '. */
const CURLY_OPEN = /^[\u201c\u201e\u2018\u201a\u00ab]/;
const CURLY_CLOSE = /[\u201d\u201c\u2019\u2018\u00bb]$/;

/** A YAML scalar for `text` on one line: double quotes, or single ones when it holds a ". */
export function quoteLine(text: string): string {
  if (!text.includes('"') && !text.includes('\\')) return `"${text}"`;
  return `'${text.replace(/'/g, "''")}'`;
}

/** Where a quoted scalar that starts at `value[0]` closes; -1 when not on this line. */
function closingQuote(value: string): number {
  const quote = value[0];
  for (let i = 1; i < value.length; i++) {
    const ch = value[i];
    if (quote === '"' && ch === '\\') {
      i++;
      continue;
    }
    if (ch !== quote) continue;
    if (quote === "'" && value[i + 1] === "'") {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}

/** Plain text up to a comment (` #`), trimmed. */
const beforeComment = (value: string) => value.replace(/\s#.*$/, '').trimEnd();
const hasColon = (text: string) => /:(\s|$)/.test(text);
const indentOf = (line: string) => line.length - line.trimStart().length;
const BLOCK_HEADER = /^[|>][-+0-9]*\s*(#.*)?$/;
const ITEM = /^(\s*)((?:-[ \t]+)*)(.*)$/s;
const KEY = /^([A-Za-z_][\w-]*):(.*)$/s;
/** Spaces that look like a space but are text to YAML: no-break, the typographic ones, the ideographic. */
const UNICODE_SPACE = '\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000';
const INDENT_WITH_UNICODE = new RegExp(`^[ \\t${UNICODE_SPACE}]*`);
const ONE_UNICODE_SPACE = new RegExp(`[${UNICODE_SPACE}]`);
const LEADING_UNICODE_SPACES = new RegExp(`^[${UNICODE_SPACE}]+`);
/** A list item marked with an en or em dash, a minus sign or a bullet instead of `-`. */
const BULLET = /^([ ]*)([\u2013\u2014\u2212\u2022\u00b7\u25aa\u2023\u25e6\u2043])[ \t\u00a0]+(\S.*)$/;
/** A key, then `=` or spaces instead of `: `, then text. */
const NO_COLON = /^([A-Za-z_][\w-]*)(?:[ \t]*=[ \t]*|[ \t]+)([^\s=].*)$/s;
/** A list item's text that YAML reads as a mapping: `- Leerpunt: iets`. */
const ITEM_KEY = /^([^\s:#'"[\]{}&*!|>%@`][^:#]*?):(\s.*|)$/;

interface Continuation {
  line: number;
  keyColumn: number;
  key: string;
  prefix: string;
  colon: boolean;
  more: number;
  last: number;
  misplaced?: boolean;
}

/** Every mistake in the text, top to bottom. */
export function findMistakes(text: string, fields: MistakeFields): Mistake[] {
  const scan = new MistakeScan(text.split('\n').map((line) => line.replace(/\r$/, '')), fields);
  scan.lines.forEach((raw, index) => scan.scanLine(raw, index + 1));
  scan.endContinuation();
  return absorbColonInMultiline(scan.found);
}

/** The scan of a file's lines, top to bottom, with what it knows from the lines before. */
class MistakeScan {
  readonly found: Mistake[] = [];
  /** Inside a block scalar (`|`, `>`): the column of its key; the lines below it are text. */
  private blockParent: number | undefined;
  /** The indentation of the block scalar's first line of text. */
  private blockIndent: number | undefined;
  /** The block scalar's key, and whether its header fixes the indentation (`|2`). */
  private block = { key: '', explicit: false };
  /** Lines up to this one belong to a mistake already found (text of a block not indented). */
  private skipUntil = 0;
  /** A plain value whose text may go on over the next, more indented lines. */
  private continuation: Continuation | undefined;
  /** The line before is a key without a value, or a list item: a list may follow. */
  private listMayFollow = false;
  /** The column of the last key without a value on its line (`options:`): a list's parent. */
  private openKey = -1;
  /** The last list item that starts with a key (`- title: …`), while its fields may follow. */
  private item: { parent: number; key: string; column: number } | undefined;

  constructor(readonly lines: readonly string[], private readonly fields: MistakeFields) {}

  scanLine(raw: string, number: number): void {
    const trimmed = raw.trim();
    if (number <= this.skipUntil) return;
    if (this.unicodeIndent(raw, number)) return;
    if (this.blockParent !== undefined) {
      if (trimmed === '' || indentOf(raw) > this.blockParent) return this.blockLine(raw, number);
      const parent = this.blockParent;
      this.blockParent = undefined;
      if (this.blockIndent === undefined && this.unindentedBlock(raw, number, parent)) return;
    }
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (this.continues(raw, trimmed, number)) return;
    this.endContinuation();
    if (this.listMayFollow && this.bullet(raw, number)) return;

    const [, indent = '', dashes = '', rest = ''] = ITEM.exec(raw)!;
    const mayBeList = this.listMayFollow;
    this.listMayFollow = dashes !== '';
    const column = indent.length + dashes.length;
    const prefix = indent + dashes;

    // `-vertrouwen`: meant as a list item, read as text.
    if (dashes === '' && /^-[^\s\-\d]/.test(rest) && mayBeList) {
      this.listMayFollow = true;
      this.found.push({
        rule: 'yaml/dash-without-space', message: 'dashWithoutSpace', params: { item: rest.slice(1) },
        line: number, column: indent.length + 1, endColumn: raw.length + 1, covers: [number, number],
        fixed: `${indent}- ${rest.slice(1)}`,
      });
      return;
    }
    const keyed = KEY.exec(rest);
    if (keyed && this.misaligned(raw, number, { column, dashes, key: keyed[1]!, after: keyed[2]! })) return;
    if (keyed) return this.scanKeyed(raw, number, { column, prefix, key: keyed[1]!, after: keyed[2]! });
    // `dilemma Moeten we ...` or `dilemma = ...`: a field without its colon.
    const unkeyed = dashes === '' ? NO_COLON.exec(rest) : null;
    if (unkeyed && this.fields.keys.has(unkeyed[1]!)) {
      const text = beforeComment(unkeyed[2]!);
      this.found.push({
        rule: 'yaml/missing-colon', message: 'missingColon', params: { key: unkeyed[1]! },
        line: number, column: column + 1, endColumn: raw.length + 1, covers: [number, number],
        fixed: `${indent}${unkeyed[1]}: ${hasColon(text) ? quoteLine(text) : text}`,
      });
      return;
    }
    // A list item of text: `- 'Dilemma's'`, `- Leerpunt: iets`.
    if (dashes === '') return;
    const item = { value: rest, line: number, valueColumn: column, lead: prefix, key: undefined };
    if (!this.unclosedQuote(raw, item, indent.length)) this.push(valueMistake(raw, item, this.fields));
  }

  /**
   * Indentation with a non-breaking or other Unicode space (pasted from Word, Teams or a
   * mail): it looks like spaces, but YAML counts only the plain space. Inside a `|` text such
   * a space after the text's own indentation is just text.
   */
  private unicodeIndent(raw: string, number: number): boolean {
    const indent = INDENT_WITH_UNICODE.exec(raw)![0];
    const first = indent.search(ONE_UNICODE_SPACE);
    if (first < 0 || indent.length === raw.length) return false;
    if (this.blockParent !== undefined && first >= (this.blockIndent ?? this.blockParent + 1)) return false;
    this.found.push({
      rule: 'yaml/unicode-space', message: 'unicodeIndent', params: {},
      line: number, column: first + 1, endColumn: indent.length + 1, covers: [number, number],
      fixed: ' '.repeat(indent.length) + raw.slice(indent.length), indentOnly: true,
    });
    return true;
  }

  /** `– maatwerk` or `• title: …`: a list item whose dash Word turned into a dash of its own or a bullet. */
  private bullet(raw: string, number: number): boolean {
    const found = BULLET.exec(raw);
    if (!found) return false;
    const [, indent = '', mark = '', rest = ''] = found;
    this.found.push({
      rule: 'yaml/bullet', message: 'bullet', params: { mark },
      line: number, column: indent.length + 1, endColumn: indent.length + 2, covers: [number, number],
      fixed: `${indent}- ${rest}`,
    });
    return true;
  }

  /** A later line of a `|` text indented less than its first line: the text ends there, and the line fits nowhere. */
  private lessIndented(raw: string, number: number, spaces: number): void {
    this.found.push({
      rule: 'yaml/block-indent', message: 'blockLessIndented', params: { key: this.block.key, spaces: String(spaces) },
      line: number, column: 1, endColumn: indentOf(raw) + 1, covers: [number, number],
      fixed: `${' '.repeat(spaces)}${raw.trimStart()}`, indentOnly: true,
    });
  }

  /**
   * `situation: |` with its text on the lines below, but not indented: YAML reads an empty
   * text and then lines that are no fields. The text runs to the next field.
   */
  private unindentedBlock(raw: string, number: number, parent: number): boolean {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('- ') || KEY.test(trimmed)) return false;
    let last = number;
    for (let index = number; index < this.lines.length; index++) {
      const line = this.lines[index]!;
      const text = line.trim();
      if (text !== '' && (indentOf(line) <= parent && (KEY.test(text) || text.startsWith('- ')))) break;
      if (text !== '') last = index + 1;
    }
    this.skipUntil = last;
    this.found.push({
      rule: 'yaml/block-indent', message: 'blockNotIndented', params: { key: this.block.key, spaces: String(parent + 2) },
      line: number, column: 1, endColumn: raw.length + 1, covers: [number, last],
      fixed: `${' '.repeat(parent + 2)}${trimmed}`, indentOnly: true,
    });
    return true;
  }

  /**
   * `title: "Een casus` without its closing quote: YAML reads on, over the next fields, to the
   * next quote or the end of the file, and reports the end. The quote is unclosed when a line
   * that is not indented below the field comes before the closing quote.
   */
  private unclosedQuote(raw: string, at: ValueAt, keyColumn: number): boolean {
    const quote = at.value[0];
    if ((quote !== '"' && quote !== "'") || closingQuote(at.value) >= 0) return false;
    let end = this.lines.length + 1;
    for (let index = at.line; index < this.lines.length; index++) {
      const line = this.lines[index]!;
      if (line.trim() === '') continue;
      if (indentOf(line) > keyColumn) {
        // An indented line that closes the quote: a text over several lines, which YAML allows.
        if (closingQuote(quote + line.trim()) >= 0 || line.includes(quote)) return false;
        continue;
      }
      // The next field (or item) came first; the quote, if any, closes somewhere below it.
      const closes = this.lines.findIndex((later, i) => i >= index && later.includes(quote));
      if (closes >= 0) end = closes + 1;
      break;
    }
    this.found.push({
      rule: 'yaml/unclosed-quote', message: quote === '"' ? 'unclosedDouble' : 'unclosedSingle', params: { key: at.key ?? '-' },
      line: at.line, column: at.valueColumn + 1, endColumn: raw.length + 1, covers: [at.line, end],
      fixed: `${at.lead}${at.value.trimEnd()}${quote}`,
    });
    return true;
  }

  /**
   * A line of a block scalar's text. One that starts with a tab (pasted, or the Tab key) is
   * indented with a tab, which YAML forbids; the parser blames the indentation instead. Its
   * spaces are those of the text's first line.
   */
  private blockLine(raw: string, number: number): void {
    if (raw.trim() === '') return;
    if (raw[0] !== '\t') {
      if (this.blockIndent === undefined) this.blockIndent = indentOf(raw);
      else if (!this.block.explicit && indentOf(raw) < this.blockIndent) this.lessIndented(raw, number, this.blockIndent);
      return;
    }
    const indent = /^[ \t]*/.exec(raw)![0];
    this.found.push({
      rule: 'yaml/tab-indent', message: 'tabIndent', params: {},
      line: number, column: 1, endColumn: indent.length + 1, covers: [number, number],
      fixed: ' '.repeat(this.blockIndent ?? this.blockParent! + 2) + raw.slice(indent.length), indentOnly: true,
    });
  }

  /**
   * `  - title: Stoppen` / `  for: [...]`: a field of a list item indented less than the
   * item's first field, but more than the list's parent, fits no level; the parser only says
   * the indentation is wrong. True when this line is such a field.
   */
  private misaligned(raw: string, number: number, { column, dashes, key, after }: { column: number; dashes: string; key: string; after: string }): boolean {
    if (dashes !== '') {
      this.item = { parent: this.openKey, key, column };
      return false;
    }
    const item = this.item;
    if (!item || column >= item.column) return false;
    if (column <= item.parent) {
      this.item = undefined;
      return false;
    }
    if (!this.fields.keys.has(key) || !/^(\s|$)/.test(after)) return false;
    this.found.push({
      rule: 'yaml/field-indent', message: 'fieldIndentItem', params: { key, above: item.key, spaces: String(item.column) },
      line: number, column: column + 1, endColumn: raw.length + 1, covers: [number, number],
      fixed: `${' '.repeat(item.column)}${raw.trimStart()}`, indentOnly: true,
    });
    return true;
  }

  /** A line indented below a plain value goes on with its text; true when this line does. */
  private continues(raw: string, trimmed: string, number: number): boolean {
    const c = this.continuation;
    if (!c || indentOf(raw) <= c.keyColumn) return false;
    c.more++;
    c.last = number;
    // A known field indented too far is an indentation mistake (the parser says so), not text.
    const field = KEY.exec(trimmed);
    if (field && this.fields.keys.has(field[1]!) && /^(\s|$)/.test(field[2]!)) {
      // Named here, at the field's line: the parser says the line above runs on.
      if (!c.misplaced) {
        this.found.push({
          rule: 'yaml/field-indent', message: 'fieldIndentDeeper', params: { key: field[1]!, above: c.key, spaces: String(c.keyColumn) },
          line: number, column: indentOf(raw) + 1, endColumn: raw.length + 1, covers: [c.line, number],
          fixed: `${' '.repeat(c.keyColumn)}${trimmed}`, indentOnly: true,
        });
      }
      c.misplaced = true;
    }
    if (hasColon(beforeComment(trimmed))) c.colon = true;
    return true;
  }

  /** A text with `: ` that goes on over more lines needs `|`. */
  endContinuation(): void {
    const c = this.continuation;
    this.continuation = undefined;
    if (!c || c.more === 0 || !c.colon || c.misplaced) return;
    this.found.push({
      rule: 'yaml/needs-block', message: 'needsBlock', params: { key: c.key },
      line: c.line, column: c.keyColumn + 1, endColumn: this.lines[c.line - 1]!.length + 1,
      covers: [c.line, c.last], fixed: `${c.prefix}${c.key}: |`,
    });
  }

  /** `key: value` (or `- key: value`), with `after` what follows the colon. */
  private scanKeyed(raw: string, number: number, { column, prefix, key, after }: { column: number; prefix: string; key: string; after: string }): void {
    if (after !== '' && !/^[ \t]/.test(after)) {
      // `title:` and a non-breaking space: it looks right, so say what it is.
      const unicode = LEADING_UNICODE_SPACES.exec(after);
      if (unicode && this.fields.keys.has(key)) {
        this.found.push({
          rule: 'yaml/unicode-space', message: 'unicodeAfterColon', params: { key },
          line: number, column: column + key.length + 2, endColumn: column + key.length + 2 + unicode[0].length, covers: [number, number],
          fixed: `${prefix}${key}: ${after.slice(unicode[0].length)}`,
        });
        return;
      }
      if (this.fields.keys.has(key)) {
        this.found.push({
          rule: 'yaml/no-space-after-colon', message: 'noSpaceAfterColon', params: { key },
          line: number, column: column + 1, endColumn: raw.length + 1, covers: [number, number],
          fixed: `${prefix}${key}: ${after}`,
        });
      }
      return;
    }
    const value = after.trim();
    if (value === '' || value.startsWith('#')) {
      this.listMayFollow = true;
      this.openKey = column;
      return;
    }
    if (BLOCK_HEADER.test(value)) {
      this.blockParent = column;
      this.blockIndent = undefined;
      this.block = { key, explicit: /^[|>][-+]?[1-9]/.test(value) };
      return;
    }
    const valueColumn = raw.length - after.trimStart().length;
    if (this.unclosedQuote(raw, { value, line: number, valueColumn, lead: `${prefix}${key}: `, key }, column)) return;
    this.push(valueMistake(raw, { value, line: number, valueColumn, lead: `${prefix}${key}: `, key }, this.fields));
    if (!/^[^'"[{&*!|>“„‘‚«]/.test(value)) return;
    const text = beforeComment(value);
    // A colon on the first line alone needs quotes (valueMistake); with more lines, `|`.
    this.continuation = { line: number, keyColumn: column, key, prefix, colon: hasColon(text), more: 0, last: number };
    if (this.fields.idLists.has(key) && text.includes(',') && !hasColon(text)) {
      const items = text.split(',').map((item) => item.trim()).filter(Boolean);
      this.found.push({
        rule: 'yaml/comma-list', message: 'commaList', params: { key },
        line: number, column: valueColumn + 1, endColumn: raw.length + 1, covers: [number, number],
        fixed: `${prefix}${key}: [${items.join(', ')}]`,
      });
    }
  }

  private push(mistake: Mistake | undefined): void {
    if (mistake) this.found.push(mistake);
  }
}

/** A value on one line (`value` of the line `raw`), after `lead`; `key` is undefined for a list item. */
interface ValueAt {
  value: string;
  line: number;
  valueColumn: number;
  lead: string;
  key: string | undefined;
}

/** The mistake in a one-line value: curly quotes, a quote inside quotes, or a colon in plain text. */
function valueMistake(raw: string, { value, line, valueColumn, lead, key }: ValueAt, fields: MistakeFields): Mistake | undefined {
  const where = { line, column: valueColumn + 1, endColumn: raw.length + 1, covers: [line, line] as [number, number] };
  const name = key ?? '-';
  if (CURLY_OPEN.test(value)) {
    const inner = beforeComment(value).replace(CURLY_OPEN, '').replace(CURLY_CLOSE, '');
    // Only a problem when YAML trips over it; otherwise the quotes are just text.
    if (!hasColon(inner) && !CURLY_CLOSE.test(beforeComment(value))) return undefined;
    return { rule: 'yaml/curly-quotes', message: 'curlyQuotes', params: { key: name }, ...where, fixed: `${lead}${quoteLine(inner)}` };
  }
  if (value[0] === "'" || value[0] === '"') {
    const close = closingQuote(value);
    if (close < 0) return undefined;
    const tail = value.slice(close + 1).trim();
    if (tail === '' || tail.startsWith('#')) return undefined;
    const inner = beforeComment(value).slice(1).replace(/['"]$/, '');
    const fixed = value[0] === "'"
      ? (inner.includes('"') ? `'${inner.replace(/'/g, "''")}'` : `"${inner}"`)
      : (inner.includes("'") ? `"${inner.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `'${inner}'`);
    return {
      rule: 'yaml/quote-inside-quotes', message: value[0] === "'" ? 'quoteInsideSingle' : 'quoteInsideDouble', params: { key: name },
      ...where, fixed: `${lead}${fixed}`,
    };
  }
  if (/^[[{&*!|>%@`]/.test(value)) return undefined;
  const text = beforeComment(value);
  if (key === undefined) {
    // `- Leerpunt: iets` is a mapping with one key; a known key is meant as one.
    const item = ITEM_KEY.exec(text);
    if (!item || fields.keys.has(item[1]!)) return undefined;
    return { rule: 'yaml/colon-in-text', message: 'colonInItem', params: { key: name }, ...where, fixed: `${lead}${quoteLine(text)}` };
  }
  if (!hasColon(text)) return undefined;
  return { rule: 'yaml/colon-in-text', message: 'colonInText', params: { key: name }, ...where, fixed: `${lead}${quoteLine(text)}` };
}

/** A first line with ': ' that continues on the next lines needs `|`, not quotes: one mistake, not two. */
function absorbColonInMultiline(found: Mistake[]): Mistake[] {
  const blocks = new Set(found.filter((m) => m.rule === 'yaml/needs-block').map((m) => m.line));
  return found
    .filter((m) => !(m.rule === 'yaml/colon-in-text' && blocks.has(m.line)))
    .sort((a, b) => a.line - b.line);
}

/**
 * `values: maatwerk` or `for: Scheelt geld`: a list written as one text, which YAML reads
 * as text. The line to write: the text between [ ], split at commas in a list of ids, quoted
 * where a flow list would misread it. Undefined when the text will not fit on one line.
 */
export function listOfText(key: string, text: string, fields: MistakeFields): string | undefined {
  if (text.includes('\n') || text.trim() === '') return undefined;
  const items = fields.idLists.has(key) ? text.split(',').map((item) => item.trim()).filter(Boolean) : [text.trim()];
  const flow = items.map((item) => (/^[^[\]{},:#"'&*!|>%@`-][^[\]{},#]*$/.test(item) && !hasColon(item) ? item : quoteLine(item)));
  return `${key}: [${flow.join(', ')}]`;
}

/** The mistakes as messages, with the corrected line as suggestion. */
export function mistakeMessages(file: string, mistakes: readonly Mistake[], lang: Lang): Message[] {
  return mistakes.map((m) => {
    const params = Object.fromEntries(Object.entries(m.params).map(([name, value]) => [name, printable(value)]));
    return makeMessage(file, m.rule, 'error', t(lang, `yaml.mistake.${m.message}`, params),
      { line: m.line, column: m.column, endLine: m.line, endColumn: Math.max(m.column, m.endColumn) },
      m.indentOnly ? {} : { suggestion: printable(m.fixed.trim()) });
  });
}

/** Source text shown in a terminal: control characters dropped. */
const printable = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

/** Lists whose items are ids or short names, so `a, b` is meant as `[a, b]`. */
const ID_LISTS = CASE_FIELDS.filter((f) => ['ids', 'values', 'texts', 'names'].includes(f.kind)).map((f) => f.name);

let caseFields: MistakeFields | undefined;

/** The keys of the case format at every level (options, legal items, values), from the case schema. */
export function mistakeFields(): MistakeFields {
  if (caseFields) return caseFields;
  const schema = JSON.parse(readFileSync(path.join(schemasDir, 'case.schema.json'), 'utf8')) as unknown;
  const keys = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    for (const [name, child] of Object.entries(node as Record<string, unknown>)) {
      if (name === 'properties' && child && typeof child === 'object') for (const key of Object.keys(child)) keys.add(key);
      walk(child);
    }
  };
  walk(schema);
  caseFields = { keys, idLists: new Set(ID_LISTS) };
  return caseFields;
}
