/**
 * Case text is Markdown typed by anyone in the team, so it is treated as untrusted: marked
 * (a local instance, never the global one) turns it into HTML, and sanitize-html keeps only
 * a small set of harmless elements. Images are read from the casebook folder and inlined as
 * data: URIs, so the output never fetches anything. Whatever is dropped is reported, so the
 * author can see it at its line.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Marked, Tokens } from 'marked';
import { createRequire } from 'node:module';
import type SanitizeHtml from 'sanitize-html';
import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';
import { NOT_PROSE_RUN, escapeQuotes, simpleBlockHtml, simpleInlineHtml } from './markdown-simple.js';
import { UNDECIDED, hyphenate, hyphenateProse, settleQuotes, smartQuotes, type QuoteState } from './typography.js';

/** Something left out of the output, to be placed in the source by the caller. */
export interface Finding {
  rule: string;
  message: string;
  /** Text of the source field to point at (the tag, the link, the image path). */
  needle?: string;
}

/** Where a piece of Markdown comes from: what its image paths are relative to, and who hears about drops. */
export interface MarkdownSource {
  /** The casebook folder; no file outside it is ever read. */
  root: string;
  /** The folder relative image paths start from (the folder of the case file). */
  baseDir: string;
  lang: Lang;
  report(finding: Finding): void;
}

const require = createRequire(import.meta.url);
let sanitizer: typeof SanitizeHtml | undefined;
/**
 * sanitize-html (with htmlparser2 and postcss) is loaded the first time a text needs it: most
 * texts take the plain path, and loading it costs a fifth of a second.
 */
const sanitizeHtml = (...args: Parameters<typeof SanitizeHtml>): string => (sanitizer ??= require('sanitize-html') as typeof SanitizeHtml)(...args);

/** Elements a case may use; everything else is dropped (its text is kept). */
const ALLOWED_TAGS = [
  'p', 'div', 'br', 'hr', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'pre', 'code',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark', 'abbr', 'q',
  'cite', 'dfn', 'kbd', 'samp', 'var', 'span', 'wbr', 'a', 'img', 'figure', 'figcaption',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];
const ALLOWED = new Set(ALLOWED_TAGS);
/**
 * Headings inside a field sit below the case's own section headings (h4), so that the
 * heading order of the whole book stays intact: they become h5 or h6.
 */
const HEADING_SHIFT: Record<string, string> = { h1: 'h5', h2: 'h6', h3: 'h6', h4: 'h6' };

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  abbr: ['title'],
  ol: ['start', 'reversed'],
  th: ['colspan', 'rowspan', 'align'],
  td: ['colspan', 'rowspan', 'align'],
};
/** Elements whose content is code or markup, not text: dropped together with the element. */
const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'noembed', 'noframes', 'xmp', 'title', 'object', 'svg', 'math', 'select'];
/** Attributes that can run code or load something; dropping them is worth telling the author. */
const RISKY_ATTRIBUTES = new Set(['style', 'srcset', 'formaction', 'action', 'background', 'dynsrc', 'lowsrc', 'ping', 'poster', 'data', 'xlink:href', 'srcdoc', 'manifest', 'codebase']);
const SAFE_LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

export const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};
const MAX_IMAGE_MB = 10;

/** The scheme of a URL as a browser would read it (it ignores whitespace and control characters). */
function schemeOf(url: string): string | undefined {
  const compact = url.replace(/[\u0000-\u0020\u007F-\u009F]/g, '');
  if (compact.startsWith('//') || compact.startsWith('\\\\')) return '//';
  return /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(compact)?.[1]?.toLowerCase();
}

export type ImageResult = { ok: true; uri: string } | { ok: false; rule: string; message: string };

/**
 * Reads an image that must lie inside `root` and returns it as a data: URI. The path is
 * checked before the file system is touched, and again after symbolic links are resolved.
 */
export function inlineImage(src: string, baseDir: string, root: string, lang: Lang): ImageResult {
  const say = (key: string, params: Record<string, string | number> = {}) => t(lang, `render.messages.${key}`, { src, ...params });
  const scheme = schemeOf(src);
  if (scheme === 'data') {
    return /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i.test(src.trim())
      ? { ok: true, uri: src.trim() }
      : { ok: false, rule: 'render/image-missing', message: say('imageType') };
  }
  if (scheme === 'file') return { ok: false, rule: 'render/image-outside', message: say('imageOutside') };
  // A Windows drive letter (C:\...) looks like a scheme but is a path: outside the casebook.
  if (scheme && scheme.length === 1) return { ok: false, rule: 'render/image-outside', message: say('imageOutside') };
  if (scheme === 'http' || scheme === 'https' || scheme === 'ftp' || scheme === '//') {
    return { ok: false, rule: 'render/remote-image', message: say('remoteImage') };
  }
  if (scheme) return { ok: false, rule: 'render/unsafe-link', message: t(lang, 'render.messages.unsafeLink', { href: src }) };
  let relative = src.split(/[?#]/)[0]!;
  try {
    relative = decodeURI(relative);
  } catch {
    // Not percent-encoded after all: use it as typed.
  }
  const rootFull = path.resolve(root);
  const full = path.resolve(baseDir, relative);
  const inside = (candidate: string, base: string) => {
    const rel = path.relative(base, candidate);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  if (!inside(full, rootFull)) return { ok: false, rule: 'render/image-outside', message: say('imageOutside') };
  const type = IMAGE_TYPES[path.extname(full).toLowerCase()];
  if (!type) return { ok: false, rule: 'render/image-missing', message: say('imageType') };
  let real: string;
  let size: number;
  try {
    real = realpathSync(full);
    if (!inside(real, realpathSync(rootFull))) return { ok: false, rule: 'render/image-outside', message: say('imageOutside') };
    const info = statSync(real);
    if (!info.isFile()) return { ok: false, rule: 'render/image-missing', message: say('imageMissing') };
    size = info.size;
  } catch {
    return { ok: false, rule: 'render/image-missing', message: say('imageMissing') };
  }
  if (size > MAX_IMAGE_MB * 1024 * 1024) {
    return { ok: false, rule: 'render/image-missing', message: say('imageTooLarge', { size: (size / 1024 / 1024).toFixed(1), max: MAX_IMAGE_MB }) };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(real);
  } catch {
    return { ok: false, rule: 'render/image-missing', message: say('imageMissing') };
  }
  if (!looksLike(type, bytes)) return { ok: false, rule: 'render/image-missing', message: say('imageType') };
  return { ok: true, uri: `data:${type};base64,${bytes.toString('base64')}` };
}

/** The first bytes of the file agree with its extension (a renamed text file is no image). */
function looksLike(type: string, bytes: Buffer): boolean {
  const head = bytes.subarray(0, 16);
  switch (type) {
    case 'image/png': return head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/jpeg': return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
    case 'image/gif': return head.subarray(0, 4).toString('latin1') === 'GIF8';
    case 'image/webp': return head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP';
    case 'image/svg+xml': return /<svg[\s>]/i.test(bytes.subarray(0, 4096).toString('utf8'));
    default: return false;
  }
}

/**
 * Deeper than this, quotes and lists are not text a person wrote. marked recurses once per
 * level: 10,000 levels (`- - - …`, `> > > …`) overflow its stack, and 1,500 lines of ever
 * deeper quotes took 35 s. So the depth is measured before marked sees the text.
 */
export const MAX_MARKDOWN_DEPTH = 32;
const CONTAINER_MARKER = /^(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;

/** The deepest line of `text`: its quote and list markers at the start, plus its indentation before them in steps of two. */
export function markdownDepth(text: string): { depth: number; line: string } {
  let deepest = { depth: 0, line: '' };
  for (const line of text.split('\n')) {
    let columns = 0;
    let at = 0;
    while (line[at] === ' ' || line[at] === '\t') columns += line[at++] === '\t' ? 4 : 1;
    let depth = Math.floor(columns / 2);
    for (let marker; (marker = CONTAINER_MARKER.exec(line.slice(at, at + 12))); ) {
      depth++;
      at += marker[0].length;
      while (line[at] === ' ' || line[at] === '\t') at++;
    }
    if (depth > deepest.depth) deepest = { depth, line };
  }
  return deepest;
}

/**
 * Prose: letters, digits, spaces and the punctuation of sentences, without any character that
 * starts Markdown syntax (`*_~[]<>&|#@\\` and backquotes), so marked would do no more than
 * escape the quotes and put the paragraphs in `<p>`. Each line starts with a letter, a quote, a
 * bracket, a euro sign or a number that no `.` or `)` follows (never a list, a heading, a quote
 * block or code) and ends without a space (a line break); `://` and `www.` would become links.
 * Most of a casebook's text is prose.
 */
export const PROSE = /^[\p{L}\p{M}\p{N} .,;:?!()"'’‘“”/%€+=\-–—…\n]*$/u;
/**
 * Part of PROSE without Unicode classes (ASCII letters and digits, Latin-1's letters): most
 * prose is made of these, and this test reads it in a third of the time PROSE takes; a text
 * with any other letter still goes to PROSE.
 */
export const LATIN_PROSE = /^[a-zA-Z0-9 .,;:?!()"'’‘“”/%€+=\-–—…\nÀ-ÖØ-öø-ÿ]*$/;
/**
 * A line that does not start prose. A line may start with a number ("38 uur per week" wrapped
 * onto a line of its own) unless `.` or `)` follows it: that would be an ordered list.
 */
const PROSE_LINE_START = /(?:^|\n)(?:[^\p{L}("'’‘“”\n0-9€]|[0-9]+[.)])/u;

/** The paragraphs of prose (see PROSE), or for a line (not `block`) the whole text; undefined when it is not prose. */
function proseParagraphs(text: string, block: boolean): string[] | undefined {
  if (!(LATIN_PROSE.test(text) || PROSE.test(text)) || NOT_PROSE_RUN.test(text)) return undefined;
  if (!block) return [text];
  if (PROSE_LINE_START.test(text)) return undefined;
  const paragraphs = text.replace(/^\n+|\n+$/g, '');
  if (paragraphs === '') return undefined;
  return paragraphs.split(/\n\n+/);
}

/** marked's HTML for prose's paragraphs: quotes escaped as marked escapes text, each paragraph in `<p>` and `</p>\n`. */
const proseMarkup = (paragraphs: string[], block: boolean) =>
  block ? paragraphs.map((paragraph) => `<p>${escapeQuotes(paragraph)}</p>\n`).join('') : escapeQuotes(paragraphs[0]!);

/**
 * marked's HTML for prose (see PROSE) without running marked, which was a third of the time of
 * rendering a case: the text escaped as marked escapes text, each paragraph (lines between
 * blank lines) in `<p>` and `</p>\n`. Anything else returns undefined and goes to marked;
 * tests/unit/render-markdown-prose.test.ts checks the bytes against marked's on every text of
 * the repository's casebooks and on random texts made of the characters at the edge.
 */
export function proseHtml(text: string, block: boolean): string | undefined {
  const paragraphs = proseParagraphs(text, block);
  return paragraphs === undefined ? undefined : proseMarkup(paragraphs, block);
}

/**
 * What plainSanitized makes of proseHtml's HTML, without writing that HTML and reading it back:
 * the same text pieces in the same order through the typography (htmlparser2 splits text at
 * every entity, so each quote, which marked escapes, is a piece of its own; the line break after
 * a paragraph is one too). Prose holds no `&`, `<` or `>`, so no piece needs escaping. The
 * quotes are found with indexOf (a character loop in JavaScript was a tenth of the view model),
 * and the pieces between them, which hold none, skip the typography's search for quotes.
 */
function typesetProse(paragraphs: string[], block: boolean, prose: ProseTypography): string {
  let out = '';
  let quoted = false;
  for (const paragraph of paragraphs) {
    if (block) out += '<p>';
    let from = 0;
    let double = paragraph.indexOf('"');
    let single = paragraph.indexOf("'");
    while (double !== -1 || single !== -1) {
      const at = double === -1 ? single : single === -1 ? double : Math.min(double, single);
      if (at > from) out += prose.unquoted(paragraph.slice(from, at));
      out += prose.text(paragraph[at]!);
      quoted = true;
      from = at + 1;
      if (at === double) double = paragraph.indexOf('"', from);
      else single = paragraph.indexOf("'", from);
    }
    if (from < paragraph.length) out += prose.unquoted(from === 0 ? paragraph : paragraph.slice(from));
    if (block) out += `</p>${prose.unquoted('\n')}`;
  }
  // Without quotes there is nothing for finish to settle (prose never holds UNDECIDED).
  return quoted ? prose.finish(out) : out;
}

const escapeText = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Link text that is an address (web, e-mail): typed as text, shown as typed. */
const ADDRESS_TEXT = /[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:|@/i;
/** Elements whose text is code, not prose: no typographic quotes, no soft hyphens. */
const CODE_TAGS = new Set(['code', 'pre', 'kbd', 'samp', 'var']);

/**
 * Typography for the text nodes of one field, as the sanitiser meets them: typographic quotes
 * and soft hyphens in prose; code, and a link whose text is an address (an autolink), stay
 * exactly as typed. Attributes never come here.
 */
class ProseTypography {
  private codeDepth = 0;
  private linkDepth = 0;
  private linkText = '';
  private readonly quotes: QuoteState;

  constructor(html: string, private readonly lang: Lang) {
    // Typed in the text itself, the private character would confuse the quotes: then no deferring.
    this.quotes = { before: '', defer: !html.includes(UNDECIDED) };
  }

  open(name: string): void {
    if (CODE_TAGS.has(name)) this.codeDepth++;
    if (name === 'a' && this.linkDepth++ === 0) this.linkText = '';
  }

  close(name: string): void {
    if (CODE_TAGS.has(name) && this.codeDepth > 0) this.codeDepth--;
    if (name === 'a' && this.linkDepth > 0) this.linkDepth--;
  }

  text(text: string): string {
    if (this.linkDepth > 0) this.linkText += text;
    if (this.codeDepth > 0 || (this.linkDepth > 0 && ADDRESS_TEXT.test(this.linkText))) {
      this.quotes.before = 'x';
      return text;
    }
    return hyphenate(smartQuotes(text, this.quotes), this.lang);
  }

  /**
   * What text() makes of a piece of prose that holds no quote, outside code and links (the prose
   * path): smartQuotes would only note its last character.
   */
  unquoted(text: string): string {
    this.quotes.before = text[text.length - 1]!;
    // Prose holds no white space but spaces and line breaks (PROSE): no search for other white space.
    return hyphenateProse(text, this.lang);
  }

  finish(clean: string): string {
    return this.quotes.defer ? settleQuotes(clean) : clean;
  }
}

/**
 * Our marked: headings below the case's own, task boxes as characters. marked is loaded here,
 * the first time a text needs it: importing and setting it up costs about 110 M instructions
 * (1.5% of a 1,000-case build), and most books never need it (markdown-simple.ts).
 */
function newMarked(): Marked {
  const marked = new (require('marked') as typeof import('marked')).Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    renderer: {
      heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, { tokens, depth }: Tokens.Heading) {
        const level = Math.min(6, depth + 4);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      // A task list's checkbox would be a form control; a character says the same.
      checkbox({ checked }: Tokens.Checkbox) {
        return checked ? '☑ ' : '☐ ';
      },
    },
  });
  return marked;
}

/**
 * The same text as one flat string. The HTML of a text is built piece by piece (`+=`), which in
 * V8 is a tree of pieces (cons strings) and slices of the source text; the view model keeps every
 * text's tree until the page is laid out, so each garbage collection copied all those small
 * objects again, and writing walked them once more. Reading one character makes V8 copy the text
 * into one string: the view model of 1,000 cases then cost about 150 M instructions less.
 */
function flattened(html: string): string {
  html.charCodeAt(0);
  return html;
}

/** Markdown → safe HTML. One instance per build (or per `serve`); it caches the images it has read. */
export class MarkdownRenderer {
  private markedInstance: Marked | undefined;
  private readonly images = new Map<string, ImageResult>();
  private readonly rendered = new Map<string, { html: string; findings: Finding[] }>();
  /** How many texts took the plain path and how many went through sanitize-html. */
  readonly counts = { plain: 0, sanitized: 0 };

  /**
   * @param keep remember rendered texts, for a renderer that lives across builds (`serve`).
   * @param options.plainPath false: every text through sanitize-html (the tests compare both ways).
   * @param options.prosePath false: every text through marked, none on the prose or the simple
   *   path (markdown-simple.ts; the tests compare both ways).
   */
  constructor(private readonly keep = false, private readonly options: { plainPath?: boolean; prosePath?: boolean } = {}) {}

  /** marked, made the first time a text needs it (a book of prose, lists and strong words never does). */
  private get marked(): Marked {
    return (this.markedInstance ??= newMarked());
  }

  /** A block of Markdown (paragraphs, lists, ...). */
  block(text: string, source: MarkdownSource): string {
    return flattened(this.memo('b', text, source, (recording) => {
      const prose = this.options.prosePath === false ? undefined : proseParagraphs(text, true);
      if (prose !== undefined) return this.prose(prose, true, recording);
      const simple = this.options.prosePath === false ? undefined : simpleBlockHtml(text);
      if (simple !== undefined) return this.clean(simple, recording, true);
      return this.tooDeep(text, recording) ? `<p>${escapeText(text)}</p>` : this.clean(this.marked.parse(text, { async: false }) as string, recording, !text.includes('<'));
    }));
  }

  /** One line of Markdown (a list item, an argument, a reason): no paragraph around it. */
  inline(text: string, source: MarkdownSource): string {
    return flattened(this.memo('i', text, source, (recording) => {
      const prose = this.options.prosePath === false ? undefined : proseParagraphs(text, false);
      if (prose !== undefined) return this.prose(prose, false, recording);
      const simple = this.options.prosePath === false ? undefined : simpleInlineHtml(text);
      if (simple !== undefined) return this.clean(simple, recording, true);
      return this.tooDeep(text, recording) ? escapeText(text) : this.clean(this.marked.parseInline(text, { async: false }) as string, recording, !text.includes('<'));
    }));
  }

  /** Text nested too deep is shown as it is typed, and the author hears where. */
  private tooDeep(text: string, source: MarkdownSource): boolean {
    const { depth, line } = markdownDepth(text);
    if (depth <= MAX_MARKDOWN_DEPTH) return false;
    source.report({ rule: 'render/too-deep', message: t(source.lang, 'render.messages.tooDeep', { depth, max: MAX_MARKDOWN_DEPTH }), needle: line.trim().slice(0, 40) });
    return true;
  }

  /**
   * Rendering is pure for a given text and folder, so a renderer kept between builds
   * (`serve`) renders each unchanged text once; what it reported is reported again.
   */
  private memo(kind: string, text: string, source: MarkdownSource, render: (source: MarkdownSource) => string): string {
    if (!this.keep) return render(source);
    const key = `${kind}\u0000${source.lang}\u0000${source.baseDir}\u0000${text}`;
    let entry = this.rendered.get(key);
    if (!entry) {
      const findings: Finding[] = [];
      const html = render({ ...source, report: (finding) => findings.push(finding) });
      entry = { html, findings };
      this.rendered.set(key, entry);
    }
    for (const finding of entry.findings) source.report(finding);
    return entry.html;
  }

  private image(src: string, source: MarkdownSource): ImageResult {
    const key = `${source.baseDir}\u0000${src}`;
    let result = this.images.get(key);
    if (!result) {
      result = inlineImage(src, source.baseDir, source.root, source.lang);
      this.images.set(key, result);
    }
    return result;
  }

  /** Prose's HTML made safe: typeset directly on the plain path (the same bytes), else through clean. */
  private prose(paragraphs: string[], block: boolean, source: MarkdownSource): string {
    if (this.options.plainPath === false) return this.clean(proseMarkup(paragraphs, block), source, true);
    this.counts.plain++;
    // Prose never holds the private character UNDECIDED (see ProseTypography's constructor).
    return typesetProse(paragraphs, block, new ProseTypography('', source.lang));
  }

  /**
   * marked's HTML made safe. `ownTags`: the Markdown had no `<`, so every tag in `html` is
   * marked's own and the plain path (plainSanitized) may lay it out instead of sanitize-html.
   */
  private clean(html: string, source: MarkdownSource, ownTags: boolean): string {
    if (ownTags && this.options.plainPath !== false) {
      const plain = plainSanitized(html, new ProseTypography(html, source.lang));
      if (plain !== undefined) {
        this.counts.plain++;
        return plain;
      }
    }
    this.counts.sanitized++;
    return this.sanitize(html, source);
  }

  private sanitize(html: string, source: MarkdownSource): string {
    const say = (key: string, params: Record<string, string>) => t(source.lang, `render.messages.${key}`, params);
    // Inside an element that is dropped with all its content (script, svg, ...), nothing more is reported.
    let droppedDepth = 0;
    // Whether the last element dropped with its content was still open where the text ended.
    let droppedToEnd = false;
    const prose = new ProseTypography(html, source.lang);
    const clean = sanitizeHtml(html, {
      allowedTags: ALLOWED_TAGS,
      allowedAttributes: ALLOWED_ATTRIBUTES,
      allowedSchemes: [...SAFE_LINK_SCHEMES],
      allowedSchemesByTag: { img: ['data'] },
      allowProtocolRelative: false,
      nonTextTags: NON_TEXT_TAGS,
      textFilter: (text) => prose.text(text),
      onOpenTag: (name, attribs) => {
        prose.open(name);
        if (droppedDepth > 0) {
          droppedDepth++;
          return;
        }
        droppedToEnd = false;
        if (!ALLOWED.has(name) && !(name in HEADING_SHIFT)) {
          source.report({ rule: 'render/unsafe-html', message: say('unsafeTag', { tag: name }), needle: `<${name}` });
          if (NON_TEXT_TAGS.includes(name)) droppedDepth = 1;
          return;
        }
        for (const [attribute, value] of Object.entries(attribs)) {
          const allowed = ALLOWED_ATTRIBUTES[name]?.includes(attribute) ?? false;
          if (allowed) continue;
          if (/^on/i.test(attribute) || RISKY_ATTRIBUTES.has(attribute.toLowerCase()) || /^\s*(javascript|vbscript):/i.test(value)) {
            source.report({ rule: 'render/unsafe-html', message: say('unsafeAttribute', { attribute, tag: name }), needle: `${attribute}=` });
          }
        }
      },
      onCloseTag: (name, isImplied) => {
        prose.close(name);
        if (droppedDepth === 0) return;
        droppedDepth--;
        if (droppedDepth === 0 && isImplied) droppedToEnd = true;
      },
      transformTags: {
        ...HEADING_SHIFT,
        a: (tagName, attribs) => {
          const href = attribs.href;
          if (href === undefined) return { tagName: 'span', attribs: {} };
          const scheme = schemeOf(href);
          const safe = href.trim().startsWith('#') || (scheme !== undefined && SAFE_LINK_SCHEMES.has(scheme));
          if (!safe) {
            source.report({ rule: 'render/unsafe-link', message: say('unsafeLink', { href }), needle: href });
            return { tagName: 'span', attribs: {} };
          }
          const kept: Record<string, string> = { href: href.trim() };
          if (attribs.title) kept.title = attribs.title;
          if (scheme === 'http' || scheme === 'https') kept.rel = 'noopener noreferrer';
          return { tagName, attribs: kept };
        },
        img: (tagName, attribs) => {
          const src = attribs.src ?? '';
          const kept: Record<string, string> = { alt: attribs.alt ?? '' };
          if (attribs.title) kept.title = attribs.title;
          for (const size of ['width', 'height'] as const) if (attribs[size] && /^\d{1,4}$/.test(attribs[size]!)) kept[size] = attribs[size]!;
          const result = src === '' ? undefined : this.image(src, source);
          if (result?.ok) kept.src = result.uri;
          else if (result) source.report({ rule: result.rule, message: result.message, needle: src });
          return { tagName, attribs: kept };
        },
      },
      // An image that could not be inlined is left out entirely, not shown broken.
      exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
    });
    if (!droppedToEnd) reportUnfinishedTag(html, source);
    return prose.finish(clean);
  }
}

/**
 * A tag still open where the text ends (`<iframe src=x <`) never reaches onOpenTag: the parser
 * drops it, as a browser would. It is reported all the same (the caller leaves out what is only
 * text inside a dropped element, `<script>a <b`). Raw `<` in marked's output only comes from
 * HTML; text is escaped.
 */
function reportUnfinishedTag(html: string, source: MarkdownSource): void {
  const unfinished = /<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(html.lastIndexOf('>') + 1))?.[1]?.toLowerCase();
  if (unfinished && !ALLOWED.has(unfinished) && !(unfinished in HEADING_SHIFT)) {
    source.report({ rule: 'render/unsafe-html', message: t(source.lang, 'render.messages.unsafeTag', { tag: unfinished }), needle: `<${unfinished}` });
  }
}

/** The tags marked writes without attributes: the plain path takes these and nothing else. */
const PLAIN_TAGS = new Set(['p', 'em', 'strong', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'h5', 'h6']);
/** Void elements: sanitize-html writes them as `<br />`. */
const PLAIN_VOID = new Set(['br', 'hr']);
/**
 * An element that the HTML parser closes when one of these opens right inside it (htmlparser2's
 * openImpliesClose, for the plain tags): a paragraph before a list, a cell before a cell. Where
 * that would happen, the plain path leaves the HTML to sanitize-html.
 */
const CLOSES_EARLY = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['li', new Set(['li'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ...['p', 'h5', 'h6', 'blockquote', 'hr', 'ol', 'ul', 'pre', 'table'].map((name): [string, Set<string>] => [name, new Set(['p'])]),
]);
/** The entities marked escapes text with, decoded. */
const MARKED_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** A tag without attributes, one of marked's entities, or anything else the plain path leaves to sanitize-html. */
const PLAIN_TOKEN = /<(\/?)([a-z][a-z0-9]*)>|&(?:amp|lt|gt|quot|#39);|[<&\u0000-\u0008\u000B-\u001F]/g;
/** Text as sanitize-html escapes it (decodeEntities: quotes stay as they are). */
const escapeSanitized = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * sanitize-html's output for HTML that marked made from Markdown without any `<`: only
 * marked's own tags without attributes (paragraphs, emphasis, lists, quotes, code, tables
 * without alignment), so there is nothing to drop and nothing to report. It gives the same
 * bytes as sanitize-html with our options (tests/unit/render-markdown-plain.test.ts compares
 * the two): each text node escaped as sanitize-html escapes it and passed to the typography
 * in the same pieces as htmlparser2 gives them (split at every entity), `<br>` as `<br />`.
 * Anything else (a link, an image, a numbered list that starts at 3, an entity typed in the
 * text, a tag out of order) returns undefined: then sanitize-html does the work. Saves
 * parsing the HTML again, which was a third of the time of rendering a case.
 */
function plainSanitized(html: string, prose: ProseTypography): string | undefined {
  let out = '';
  let from = 0;
  const open: string[] = [];
  const text = (piece: string) => {
    if (piece !== '') out += prose.text(escapeSanitized(piece));
  };
  for (const match of html.matchAll(PLAIN_TOKEN)) {
    text(html.slice(from, match.index));
    from = match.index + match[0].length;
    const [token, closing, name] = match;
    if (name === undefined) {
      const decoded = MARKED_ENTITIES[token];
      if (decoded === undefined) return undefined;
      text(decoded);
    } else if ((!PLAIN_TAGS.has(name) && !PLAIN_VOID.has(name)) || (!closing && CLOSES_EARLY.get(name)?.has(open.at(-1)!))) {
      return undefined;
    } else if (PLAIN_VOID.has(name)) {
      if (closing) return undefined;
      out += `<${name} />`;
    } else if (closing) {
      if (open.pop() !== name) return undefined;
      prose.close(name);
      out += token;
    } else {
      open.push(name);
      prose.open(name);
      out += token;
    }
  }
  text(html.slice(from));
  return open.length === 0 ? prose.finish(out) : undefined;
}
