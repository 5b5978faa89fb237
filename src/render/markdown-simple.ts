/**
 * marked's HTML for a small part of Markdown beyond prose: `**strong**` words, and lists (`- `
 * or `1. `, one line per item or with continuation lines indented under the item's text)
 * between paragraphs. Nearly every text of a casebook that is not plain prose is this, and
 * marked's first use (compiling its regular expressions, warming up its code) costs about a
 * twentieth of a 1,000-case build. Anything outside this part returns undefined and goes to
 * marked as before; tests/unit/render-markdown-simple.test.ts checks the bytes against marked's
 * on every text of the repository's casebooks and on random texts at the edge.
 */

/** The characters of prose (markdown.ts, PROSE) and `*`, which may only make `**strong**`. */
const SIMPLE = /^[\p{L}\p{M}\p{N} .,;:?!()"'’‘“”/%€+=\-–—…\n*]*$/u;
/** Part of SIMPLE without Unicode classes, read first: it is three times faster on Latin text. */
const LATIN_SIMPLE = /^[a-zA-Z0-9 .,;:?!()"'’‘“”/%€+=\-–—…\nÀ-ÖØ-öø-ÿ*]*$/;
/** A line break after a space (a hard break), a space at the end, or what marked would make a link. */
export const NOT_PROSE_RUN = / (?:\n|$)|:\/\/|www\./i;
/**
 * How a line of a paragraph (or an item's text) may start: a letter, a bracket, a quote, a euro
 * sign, a number that no `.`, `)` or further digit follows, or `**` before a letter or digit.
 */
const LINE_START = /^(?:[\p{L}("'’‘“”€]|[0-9]+(?![0-9.)])|\*\*[\p{L}\p{N}])/u;
/** A list item's first line: `- ` or a number, `.` and one space, then the item's text. */
const ITEM = /^(?:(-)|([0-9]{1,9})\.) (?=\S)/;
const WORD = /[\p{L}\p{N}]/u;
/** After a closing `**` that follows a letter or digit: what may come next (end and white space aside). */
const AFTER_CLOSE = new Set(['.', ',', ';', ':', '!', '?', ')']);

export const escapeQuotes = (text: string) => text.replace(/["']/g, (c) => (c === '"' ? '&quot;' : '&#39;'));

/** `**` at `at` opens: at the start or after a space or a line break, and before a letter or digit. */
function opens(text: string, at: number): boolean {
  const before = text[at - 1];
  return (before === undefined || before === ' ' || before === '\n') && WORD.test(text[at + 2] ?? '');
}

/**
 * `**` at `at` closes: after a letter or digit and before the end, white space or a sentence's
 * punctuation; or after that punctuation and before the end or white space.
 */
function closes(text: string, at: number): boolean {
  const before = text[at - 1] ?? '';
  const after = text[at + 2];
  const spaceAfter = after === undefined || after === ' ' || after === '\n';
  if (WORD.test(before)) return spaceAfter || AFTER_CLOSE.has(after!);
  return AFTER_CLOSE.has(before) && spaceAfter;
}

/** marked's inline HTML for prose with `**strong**` words on one line each; undefined for any other `*`. */
export function strongHtml(text: string): string | undefined {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('**'); open !== -1; open = text.indexOf('**', from)) {
    const close = text.indexOf('**', open + 2);
    const before = text.slice(from, open);
    if (close === -1 || before.includes('*') || !opens(text, open) || !closes(text, close)) return undefined;
    const inner = text.slice(open + 2, close);
    if (inner.includes('*') || inner.includes('\n')) return undefined;
    out += `${escapeQuotes(before)}<strong>${escapeQuotes(inner)}</strong>`;
    from = close + 2;
  }
  const rest = from === 0 ? text : text.slice(from);
  return rest.includes('*') ? undefined : out + escapeQuotes(rest);
}

/** Only the characters of prose and `*`, and no hard break or link. */
const simpleCharacters = (text: string) => (LATIN_SIMPLE.test(text) || SIMPLE.test(text)) && !NOT_PROSE_RUN.test(text);

/** marked's parseInline for prose with `**strong**` words; undefined for anything else. */
export function simpleInlineHtml(text: string): string | undefined {
  return simpleCharacters(text) ? strongHtml(text) : undefined;
}

interface List {
  tag: 'ul' | 'ol';
  /** Each item's text: its lines without the marker and the indentation. */
  items: string[];
}

/**
 * A block (lines between blank lines) as a list: every line an item of the same kind or a
 * continuation indented exactly to the item's text; undefined when it is anything else.
 */
function listOf(block: string): List | undefined {
  const lines = block.split('\n');
  const first = ITEM.exec(lines[0]!);
  if (first === null) return undefined;
  const tag = first[1] === undefined ? 'ol' : 'ul';
  const items: string[] = [];
  let indent = '';
  for (const line of lines) {
    const item = ITEM.exec(line);
    let text: string;
    if (item !== null) {
      if ((item[1] === undefined ? 'ol' : 'ul') !== tag) return undefined;
      indent = ' '.repeat(item[0].length);
      text = line.slice(item[0].length);
      items.push(text);
    } else {
      if (!line.startsWith(indent)) return undefined;
      text = line.slice(indent.length);
      items[items.length - 1] += `\n${text}`;
    }
    if (!LINE_START.test(text)) return undefined;
  }
  return { tag, items };
}

/**
 * marked's HTML for a block of paragraphs and lists (see the top of this file): each paragraph
 * in `<p>`, a list in `<ul>` or `<ol>` (starting at 1) with an item per line; lists of the same
 * kind between blank lines are one loose list (each item's text in `<p>`). Undefined for
 * anything else.
 */
export function simpleBlockHtml(text: string): string | undefined {
  if (!simpleCharacters(text)) return undefined;
  const body = text.replace(/^\n+|\n+$/g, '');
  if (body === '') return undefined;
  const blocks = body.split(/\n\n+/);
  let out = '';
  for (let i = 0; i < blocks.length; ) {
    const list = listOf(blocks[i]!);
    if (list === undefined) {
      if (!blocks[i]!.split('\n').every((line) => LINE_START.test(line))) return undefined;
      const html = strongHtml(blocks[i]!);
      if (html === undefined) return undefined;
      out += `<p>${html}</p>\n`;
      i++;
      continue;
    }
    if (list.tag === 'ol' && !blocks[i]!.startsWith('1.')) return undefined;
    const items = [...list.items];
    for (i++; i < blocks.length; i++) {
      const next = listOf(blocks[i]!);
      if (next === undefined || next.tag !== list.tag) break;
      items.push(...next.items);
    }
    const loose = items.length > list.items.length;
    out += `<${list.tag}>\n`;
    for (const item of items) {
      const html = strongHtml(item);
      if (html === undefined) return undefined;
      out += loose ? `<li><p>${html}</p>\n</li>\n` : `<li>${html}</li>\n`;
    }
    out += `</${list.tag}>\n`;
  }
  return out;
}
