/**
 * Stage 4 of the pipeline: render. From a casebook that passed validation to the book: the
 * view model of an edition with the templates and theme (`prepareBook`), laid out as one
 * self-contained HTML file (`assembleHtml`, `assembleHtmlPieces`) or printed to an A4 PDF in
 * Chromium (`printBook`). Render neither validates nor writes files: src/build does both.
 */
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';
import { version } from '../version.js';
import { formatSeconds, runInBrowser } from './browser.js';
import { assembleHtml } from './html.js';
import type { BookView } from './view.js';
import { renderPdf, type OutlineEntry, type PdfResult } from './pdf.js';
import type { PreparedBook } from './prepare.js';
import { printHandouts, type Handout, type PrintedHandout } from './handouts.js';

export type { BookView, CaseView, ChapterView } from './view.js';
export { checkFilters, editionFilters, inEdition, namedEdition, type EditionFilters } from './edition.js';
export { DECISIONS_MODES, type DecisionsMode } from './decisions.js';
export { HANDOUTS_FOLDER, layOutHandouts, type Handout, type PrintedHandout } from './handouts.js';
export type { CaseStatus } from '../case/index.js';
export { findBrowser, launchBrowser, type BrowserLocation } from './browser.js';
export { assembleHtml, assembleHtmlPieces } from './html.js';
export { MarkdownRenderer } from './markdown.js';
export { prepareBook, templateFailure, type PreparedBook } from './prepare.js';
export { configMessage } from './source-message.js';
export { TemplateRenderError } from './templates.js';

export type OutputFormat = 'html' | 'pdf' | 'docx' | 'handouts';

/**
 * The book as a Word file. The Word writer (and the `docx` library under it) is loaded only
 * when a Word file is asked for: an HTML or PDF build does not pay for it.
 */
export async function renderDocx(...args: Parameters<typeof import('./docx/index.js').renderDocx>): Promise<Uint8Array> {
  const { renderDocx: render } = await import('./docx/index.js');
  return render(...args);
}

/** Bookmarks: the parts of the book, the chapters, and the cases within them. */
export function outlineOf(view: Omit<BookView, 'format'>): OutlineEntry[] {
  const labels = view.labels as Record<string, string>;
  return [
    { title: view.book.title, anchor: view.anchors.cover },
    { title: labels.colophon!, anchor: view.anchors.colophon },
    { title: labels.guide!, anchor: view.anchors.guide },
    { title: labels.contents!, anchor: view.anchors.contents },
    ...view.chapters.map((chapter) => ({
      title: `${chapter.number}. ${chapter.title}`,
      anchor: chapter.anchor,
      children: chapter.cases.map((c) => ({ title: `${c.number}. ${c.title}${c.draft ? ` (${labels.concept})` : ''}`, anchor: c.anchor })),
    })),
    ...(view.decisions.entries.length > 0 ? [{ title: labels.decisionsAppendix!, anchor: view.anchors.decisions }] : []),
    { title: labels.valueIndex!, anchor: view.anchors.valueIndex },
    { title: labels.heatmapHeading!, anchor: view.anchors.heatmap },
    { title: labels.matrix!, anchor: view.anchors.matrix },
  ];
}

export interface PrintOptions {
  lang: Lang;
  env: NodeJS.ProcessEnv;
  /** The build date, for the PDF's metadata. */
  date: Date;
  timeoutMs: number;
  /** How long the browser may make no progress before the print is given up (none: no watch). */
  stallMs?: number;
  /** `--browser`: the browser to print with instead of looking for one. */
  browser?: string;
  noSandbox?: boolean;
  signal?: AbortSignal;
  onProgress?: (key: string, params?: Record<string, string | number>) => void;
}

export interface Printed {
  /** The book, when it was asked for. */
  book?: PdfResult;
  /** Each handout with its PDF. */
  handouts: PrintedHandout[];
}

/**
 * The book as a PDF, and any handouts, printed in one Chromium. The time limit covers starting
 * the browser too; a single call may take as long as the whole limit allows (puppeteer's own
 * default would cut a large PDF off after 3 minutes). Failures other than the time limit or
 * the signal become one worded CasebookError.
 */
export async function printBook(book: PreparedBook, options: PrintOptions & { pdf?: boolean; handouts?: Handout[] }): Promise<Printed> {
  const { view, templates, theme } = book;
  const { lang, timeoutMs, signal } = options;
  const wantBook = options.pdf ?? true;
  const html = wantBook ? assembleHtml({ ...view, format: 'pdf' }, templates, theme) : '';
  const handouts = options.handouts ?? [];
  const labels = view.labels as Record<string, string>;
  const meta = {
    ...(view.book.organisation ? { author: view.book.organisation } : {}),
    subject: view.book.subtitle ?? labels.valueIndex!,
    keywords: view.filters.values.map((v) => v.label),
    lang: view.lang,
    creator: `casebook ${version}`,
    date: options.date,
  };
  options.onProgress?.('browser');
  try {
    return await runInBrowser(
      {
        env: options.env,
        lang,
        ...(options.noSandbox ? { noSandbox: true } : {}),
        ...(options.browser ? { browser: options.browser } : {}),
        ...(signal ? { signal } : {}),
        protocolTimeoutMs: Math.max(timeoutMs + 10_000, 180_000),
        timeoutMs,
        timeoutError: () => new CasebookError(t(lang, 'render.build.timeout', { seconds: formatSeconds(timeoutMs, lang) })),
        ...(options.stallMs !== undefined ? { stallMs: options.stallMs, stallError: (path: string) => new CasebookError(t(lang, 'render.build.stalled', { path, seconds: formatSeconds(options.stallMs!, lang) })) } : {}),
      },
      async (browser) => {
        const printed: Printed = { handouts: [] };
        if (wantBook) {
          printed.book = await renderPdf(browser, html, outlineOf(view), { ...meta, title: view.book.documentTitle }, { timeoutMs, lang, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
        }
        if (handouts.length > 0) options.onProgress?.('handouts', { count: handouts.length });
        printed.handouts = await printHandouts(browser, handouts, meta, { timeoutMs });
        return printed;
      },
    );
  } catch (error) {
    if (error instanceof CasebookError || (signal?.aborted && error === signal.reason)) throw error;
    throw new CasebookError(t(lang, 'render.build.pdfFailed', { detail: ((error as Error).message ?? String(error)).split('\n')[0]! }));
  }
}
