/**
 * An existing casebook file as HTML, whatever it was written in: a Word file through
 * mammoth (Word's styles become headings, lists, quotes and tables; casebook's own styles
 * keep a class so a book made by casebook reads back exactly), Markdown through marked, and
 * HTML as it is. Nothing is fetched and nothing is run: the HTML is only read.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { Marked } from 'marked';
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';

/** A casebook of a thousand pages is a few megabytes; more than this is not a casebook. */
export const MAX_IMPORT_MB = 50;
/** What a Word file may unpack to (its parts as the zip declares them): a zip bomb stops here. */
export const MAX_UNPACKED_MB = 300;
/** Elements nested deeper than this are no document a person wrote (and would exhaust the stack). */
export const MAX_DEPTH = 400;

/** casebook's own paragraph styles (see render/docx) and Word's usual ones, to HTML that keeps their meaning. */
const STYLE_MAP = [
  "p[style-name='Case Details'] => p.case-details:fresh",
  "p[style-name='Case Summary'] => p.case-summary:fresh",
  "p[style-name='Concept Notice'] => p.concept-notice:fresh",
  "p[style-name='Option Values'] => p.option-values:fresh",
  "p[style-name='Dilemma'] => p:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Citaat'] => blockquote > p:fresh",
  "p[style-name='Duidelijk citaat'] => blockquote > p:fresh",
  "p[style-name='TOC Heading'] => p.toc-heading:fresh",
  "p[style-name='Kopje inhoudsopgave'] => p.toc-heading:fresh",
  "p[style-name='Kop 1'] => h1:fresh",
  "p[style-name='Kop 2'] => h2:fresh",
  "p[style-name='Kop 3'] => h3:fresh",
  "p[style-name='Kop 4'] => h4:fresh",
  "p[style-name='Titel'] => h1.title:fresh",
  "p[style-name='Title'] => h1.title:fresh",
  "p[style-name='Subtitle'] => p.subtitle:fresh",
  "p[style-name='Ondertitel'] => p.subtitle:fresh",
];

export type SourceKind = 'docx' | 'md' | 'html';

export interface ReadSource {
  kind: SourceKind;
  html: string;
}

export function sourceKind(file: string): SourceKind | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.docx') return 'docx';
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.html' || ext === '.htm') return 'html';
  return undefined;
}

export async function readSource(file: string, lang: Lang): Promise<ReadSource> {
  const kind = sourceKind(file);
  if (!kind) {
    // The two files people most often have instead: Word's old format and a PDF of the booklet.
    const ext = path.extname(file).toLowerCase();
    const hint = ext === '.doc' || ext === '.rtf' || ext === '.odt' ? ` ${t(lang, 'import.saveAsDocx')}` : ext === '.pdf' ? ` ${t(lang, 'import.fromPdf')}` : '';
    throw new CasebookError(t(lang, 'import.badType', { file: path.basename(file) }) + hint);
  }
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CasebookError(t(lang, code === 'ENOENT' ? 'import.missing' : 'import.unreadable', { file, code }));
  }
  if (size > MAX_IMPORT_MB * 1024 * 1024) throw new CasebookError(t(lang, 'import.tooLarge', { file, size: (size / 1024 / 1024).toFixed(0), max: MAX_IMPORT_MB }));
  const bytes = await readFile(file);
  if (kind === 'docx') {
    let unpacked = 0;
    try {
      // Only the sizes the zip declares are read here; nothing is unpacked.
      unzipSync(bytes, { filter: (entry) => ((unpacked += entry.originalSize), false) });
    } catch (error) {
      throw new CasebookError(t(lang, 'import.badDocx', { file: path.basename(file), detail: String((error as Error).message ?? error) }));
    }
    if (unpacked > MAX_UNPACKED_MB * 1024 * 1024) throw new CasebookError(t(lang, 'import.tooLarge', { file, size: (unpacked / 1024 / 1024).toFixed(0), max: MAX_UNPACKED_MB }));
    try {
      // Images are not kept: a case file is text. Their alt text stays.
      const result = await mammoth.convertToHtml(
        { buffer: bytes },
        { styleMap: STYLE_MAP, convertImage: mammoth.images.imgElement(async (image) => ({ src: '', alt: (image as { altText?: string }).altText ?? '' })) },
      );
      return { kind, html: checkDepth(result.value, file, lang) };
    } catch (error) {
      throw new CasebookError(t(lang, 'import.badDocx', { file: path.basename(file), detail: String((error as Error).message ?? error).split('\n')[0]! }));
    }
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (kind === 'md') return { kind, html: checkDepth(new Marked({ gfm: true, async: false }).parse(text, { async: false }) as string, file, lang) };
  return { kind, html: checkDepth(text, file, lang) };
}

/** The HTML, unless its elements nest deeper than MAX_DEPTH (counted without parsing). */
function checkDepth(html: string, file: string, lang: Lang): string {
  const VOID = /^(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr|p|li|dt|dd|option|tr|td|th)$/i;
  let depth = 0;
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g)) {
    if (VOID.test(match[2]!) || match[3]) continue;
    depth += match[1] ? -1 : 1;
    if (depth > MAX_DEPTH) throw new CasebookError(t(lang, 'import.tooDeep', { file: path.basename(file), max: MAX_DEPTH }));
    if (depth < 0) depth = 0;
  }
  return html;
}
