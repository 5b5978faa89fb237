/**
 * The book model's text fields are Markdown already rendered to sanitised HTML (the same
 * HTML the web page shows). This turns that small, known set of elements into Word content:
 * emphasis, links, lists, block quotes, code, tables and inlined images become Word's own
 * formatting, numbering and styles, so the document can be edited like any other.
 */
import {
  AlignmentType,
  BorderStyle,
  ExternalHyperlink,
  ImageRun,
  InternalHyperlink,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { imageFromDataUri } from './image.js';

/** Run formatting that nested inline elements add up. */
interface Format {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
  superScript?: boolean;
  subScript?: boolean;
  highlight?: boolean;
  link?: boolean;
}

export interface HtmlContext {
  /** nl-NL or en-GB: the language of every run, for Word's spelling check. */
  language: string;
  /** A link within the book (`#case-…`) to its bookmark name, when that part is in the document. */
  bookmarkFor(anchor: string): string | undefined;
  /** A new list instance for each ordered list, so each counts from 1. */
  nextListInstance(): number;
  /** Widest an image may be, in pixels at 96 dpi (the text width). */
  maxImageWidth: number;
}

export type Block = Paragraph | Table;

const BLOCK_TAGS = new Set(['p', 'div', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'pre', 'table', 'hr', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'li']);

/** A text run in the book's language. */
export function textRun(text: string, context: Pick<HtmlContext, 'language'>, options: Omit<IRunOptions, 'text' | 'language'> = {}): TextRun {
  return new TextRun({ ...options, text: text.replace(SOFT_HYPHENS, ''), language: { value: context.language } });
}

function runOptions(format: Format): Omit<IRunOptions, 'text' | 'language'> {
  return {
    ...(format.bold ? { bold: true } : {}),
    ...(format.italics ? { italics: true } : {}),
    ...(format.underline ? { underline: {} } : {}),
    ...(format.strike ? { strike: true } : {}),
    ...(format.code ? { font: 'Consolas' } : {}),
    ...(format.superScript ? { superScript: true } : {}),
    ...(format.subScript ? { subScript: true } : {}),
    ...(format.highlight ? { highlight: 'yellow' as const } : {}),
    ...(format.link ? { style: 'Hyperlink' } : {}),
  };
}

const FORMAT_OF: Record<string, Format> = {
  strong: { bold: true },
  b: { bold: true },
  em: { italics: true },
  i: { italics: true },
  cite: { italics: true },
  dfn: { italics: true },
  var: { italics: true },
  u: { underline: true },
  ins: { underline: true },
  s: { strike: true },
  del: { strike: true },
  code: { code: true },
  kbd: { code: true },
  samp: { code: true },
  sup: { superScript: true },
  sub: { subScript: true },
  mark: { highlight: true },
};

/**
 * Soft hyphens come from the HTML's Dutch hyphenation; Word hyphenates by itself, and in a
 * .docx they would stay in copied text, in search and in an import back.
 */
const SOFT_HYPHENS = /\u00ad|&shy;|&#173;|&#xad;/gi;

function parse(html: string): ChildNode[] {
  return parseDocument(html.replace(SOFT_HYPHENS, ''), { decodeEntities: true }).children;
}

const isElement = (node: ChildNode): node is Element => node.type === 'tag';

/** Runs of a piece of inline HTML (an argument, a reason, a note). */
export function inlineRuns(html: string, context: HtmlContext, format: Format = {}): ParagraphChild[] {
  return trimRuns(runsOf(parse(html), context, format, { pre: false }), context);
}

/** Paragraphs, lists and tables of a block of HTML (a case's situation, dilemma, ...). */
export function blocks(html: string, context: HtmlContext, paragraph: ParagraphStyle = {}): Block[] {
  return blocksOf(parse(html), context, paragraph, 0);
}

/** What every paragraph of a block gets: a style (the dilemma's box) or an indent. */
export interface ParagraphStyle {
  style?: string;
  indent?: number;
}

/** A run list with leading and trailing spaces of the whole paragraph dropped (HTML collapses them too). */
type Piece = { kind: 'text'; text: string; format: Format } | { kind: 'break' } | { kind: 'child'; child: ParagraphChild };

function trimRuns(pieces: Piece[], context: Pick<HtmlContext, 'language'>): ParagraphChild[] {
  const first = pieces.findIndex((p) => p.kind !== 'text' || p.text.trim() !== '');
  if (first < 0) return [];
  const list = pieces.slice(first);
  while (list.length > 0) {
    const last = list[list.length - 1]!;
    if (last.kind === 'text' && last.text.trim() === '') list.pop();
    else if (last.kind === 'break') list.pop();
    else break;
  }
  const head = list[0]!;
  if (head.kind === 'text') list[0] = { ...head, text: head.text.trimStart() };
  const tail = list[list.length - 1]!;
  if (tail.kind === 'text') list[list.length - 1] = { ...tail, text: tail.text.trimEnd() };
  return list.map((piece) => {
    if (piece.kind === 'child') return piece.child;
    if (piece.kind === 'break') return new TextRun({ break: 1, language: { value: context.language } });
    return textRun(piece.text, context, runOptions(piece.format));
  });
}

function runsOf(nodes: ChildNode[], context: HtmlContext, format: Format, mode: { pre: boolean }): Piece[] {
  const pieces: Piece[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      const text = mode.pre ? node.data : node.data.replace(/[ \t\r\n\f]+/g, ' ');
      if (text === '') continue;
      pieces.push(textPiece(text, format));
      continue;
    }
    if (!isElement(node)) continue;
    const name = node.name;
    if (name === 'br') {
      pieces.push({ kind: 'break' });
    } else if (name === 'wbr') {
      continue;
    } else if (name === 'img') {
      const image = imageRun(node, context);
      if (image) pieces.push({ kind: 'child', child: image });
      else if (node.attribs.alt) pieces.push(textPiece(`[${node.attribs.alt}]`, format));
    } else if (name === 'a') {
      const href = node.attribs.href ?? '';
      const inner = trimRuns(runsOf(node.children, context, { ...format }, mode), context);
      if (inner.length === 0) continue;
      if (href.startsWith('#')) {
        const bookmark = context.bookmarkFor(href.slice(1));
        if (bookmark) pieces.push({ kind: 'child', child: new InternalHyperlink({ anchor: bookmark, children: linkRuns(node, context, format, mode) }) });
        else pieces.push(...runsOf(node.children, context, format, mode));
      } else {
        pieces.push({ kind: 'child', child: new ExternalHyperlink({ link: href, children: linkRuns(node, context, format, mode) }) });
      }
    } else if (name === 'q') {
      pieces.push(textPiece('“', format), ...runsOf(node.children, context, format, mode), textPiece('”', format));
    } else {
      pieces.push(...runsOf(node.children, context, { ...format, ...(FORMAT_OF[name] ?? {}) }, mode));
    }
  }
  return pieces;
}

/** A link's own runs, in Word's Hyperlink character style (blue, underlined). */
function linkRuns(node: Element, context: HtmlContext, format: Format, mode: { pre: boolean }): ParagraphChild[] {
  return trimRuns(runsOf(node.children, context, { ...format, link: true }, mode), context);
}

function textPiece(text: string, format: Format): Piece {
  return { kind: 'text', text, format };
}

function imageRun(node: Element, context: HtmlContext): ImageRun | undefined {
  const image = imageFromDataUri(node.attribs.src ?? '');
  if (!image) return undefined;
  const wanted = Number(node.attribs.width) || image.width;
  const scale = Math.min(1, context.maxImageWidth / wanted) * (wanted / image.width);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round((Number(node.attribs.height) || image.height * (wanted / image.width)) * Math.min(1, context.maxImageWidth / wanted)));
  const alt = node.attribs.alt ?? '';
  const altText = { name: alt.slice(0, 100) || 'image', description: alt, title: node.attribs.title ?? alt };
  if (image.type === 'svg') {
    return new ImageRun({ type: 'svg', data: image.data, fallback: { type: 'png', data: image.fallback! }, transformation: { width, height }, altText });
  }
  return new ImageRun({ type: image.type, data: image.data, transformation: { width, height }, altText });
}

function paragraph(children: ParagraphChild[], style: ParagraphStyle, extra: Record<string, unknown> = {}): Paragraph {
  return new Paragraph({
    children,
    ...(style.style ? { style: style.style } : {}),
    ...(style.indent ? { indent: { left: style.indent } } : {}),
    ...extra,
  });
}

function blocksOf(nodes: ChildNode[], context: HtmlContext, style: ParagraphStyle, depth: number): Block[] {
  const result: Block[] = [];
  // Inline content between blocks (a div's loose text) becomes a paragraph of its own.
  let loose: ChildNode[] = [];
  const flush = () => {
    const runs = trimRuns(runsOf(loose, context, {}, { pre: false }), context);
    if (runs.length > 0) result.push(paragraph(runs, style));
    loose = [];
  };
  for (const node of nodes) {
    if (!isElement(node) || !BLOCK_TAGS.has(node.name)) {
      loose.push(node);
      continue;
    }
    flush();
    result.push(...blockOf(node, context, style, depth));
  }
  flush();
  return result;
}

function blockOf(node: Element, context: HtmlContext, style: ParagraphStyle, depth: number): Block[] {
  switch (node.name) {
    case 'p':
    case 'figcaption':
    case 'dt': {
      const runs = trimRuns(runsOf(node.children, context, node.name === 'dt' ? { bold: true } : {}, { pre: false }), context);
      return runs.length > 0 ? [paragraph(runs, style)] : [];
    }
    case 'h5':
    case 'h6':
      return [paragraph(trimRuns(runsOf(node.children, context, {}, { pre: false }), context), { ...style, style: node.name === 'h5' ? 'Heading4' : 'Heading5' })];
    case 'blockquote':
      return blocksOf(node.children, context, { ...style, style: style.style ?? 'Quote' }, depth);
    case 'dd':
      return blocksOf(node.children, context, { ...style, indent: (style.indent ?? 0) + 567 }, depth);
    case 'ul':
    case 'ol':
      return listOf(node, context, style, depth);
    case 'pre': {
      const text = node.children.map(textOf).join('').replace(/\n$/, '');
      return text.split('\n').map((line) => paragraph([textRun(line === '' ? ' ' : line, context, { font: 'Consolas' })], { ...style, style: style.style ?? 'Code' }));
    }
    case 'hr':
      return [new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } } })];
    case 'table':
      return [tableOf(node, context)];
    default:
      return blocksOf(node.children, context, style, depth);
  }
}

function listOf(node: Element, context: HtmlContext, style: ParagraphStyle, depth: number): Block[] {
  const ordered = node.name === 'ol';
  const instance = context.nextListInstance();
  const result: Block[] = [];
  for (const item of node.children) {
    if (!isElement(item) || item.name !== 'li') continue;
    // The item's own text is one paragraph in the list; nested lists and further paragraphs follow it.
    const inline: ChildNode[] = [];
    const rest: ChildNode[] = [];
    for (const child of item.children) {
      if (rest.length === 0 && !(isElement(child) && BLOCK_TAGS.has(child.name))) inline.push(child);
      else if (rest.length === 0 && isElement(child) && child.name === 'p' && inline.every((n) => n.type === 'text' && n.data.trim() === '')) inline.push(...child.children);
      else rest.push(child);
    }
    result.push(
      new Paragraph({
        children: trimRuns(runsOf(inline, context, {}, { pre: false }), context),
        numbering: { reference: ordered ? 'numbers' : 'bullets', level: Math.min(depth, 8), ...(ordered ? { instance } : {}) },
        ...(style.style ? { style: style.style } : {}),
      }),
    );
    result.push(...blocksOf(rest, context, { ...style, indent: 720 * (depth + 1) }, depth + 1).map((block) => block));
  }
  return result;
}

function textOf(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  if (isElement(node)) return node.name === 'br' ? '\n' : node.children.map(textOf).join('');
  return '';
}

function tableOf(node: Element, context: HtmlContext): Table {
  const rows: Element[] = [];
  const collect = (el: Element) => {
    for (const child of el.children) {
      if (!isElement(child)) continue;
      if (child.name === 'tr') rows.push(child);
      else if (['thead', 'tbody', 'tfoot'].includes(child.name)) collect(child);
    }
  };
  collect(node);
  const columns = Math.max(1, ...rows.map((row) => row.children.filter((c) => isElement(c) && (c.name === 'td' || c.name === 'th')).length));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((row) => {
      const cells = row.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th'));
      const header = cells.length > 0 && cells.every((c) => c.name === 'th');
      return new TableRow({
        tableHeader: header,
        children: cells.map((cell) => {
          const span = Number(cell.attribs.colspan);
          const content = blocksOf(cell.children, context, {}, 0);
          const align = cell.attribs.align === 'right' ? AlignmentType.RIGHT : cell.attribs.align === 'center' ? AlignmentType.CENTER : undefined;
          const children = content.length > 0 ? content : [new Paragraph({ children: [] })];
          return new TableCell({
            children: cell.name === 'th' || align ? children.map((c) => c) : children,
            ...(span > 1 && span <= columns ? { columnSpan: span } : {}),
            ...(cell.name === 'th' ? { shading: { fill: 'E7EEF3', type: 'clear', color: 'auto' } } : {}),
          });
        }),
      });
    }),
  });
}
