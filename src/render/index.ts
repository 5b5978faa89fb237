/**
 * Stage 4 of the pipeline: render. `build()` validates the casebook (errors stop it), makes
 * the view model for the edition, lays it out with the templates, and produces one
 * self-contained HTML file and/or an A4 PDF. Outputs are made in memory first and written
 * only when everything succeeded, each atomically, so a failed or interrupted build leaves
 * the previous outputs as they were.
 */
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { CasebookError } from '../errors.js';
import { t, type Params } from '../i18n/index.js';
import { sortMessages } from '../message.js';
import type { Casebook, Lang, Message, ValidationResult } from '../types.js';
import { slugify } from '../util/slug.js';
import { AtomicWriteError, writeFilesAtomic, type FileToWrite } from '../util/write.js';
import { suggest } from '../validate/suggest.js';
import { validate } from '../validate/index.js';
import { version } from '../version.js';
import { formatSeconds, runInBrowser } from './browser.js';
import { assembleHtml, assembleHtmlPieces } from './html.js';
import { STATUSES, type BookView, type EditionFilters } from './model.js';
import { renderPdf, type OutlineEntry } from './pdf.js';
import { configMessage } from './source-message.js';
import { prepareBook, templateFailure } from './prepare.js';
import { TemplateRenderError } from './templates.js';

export type { BookView, CaseView, ChapterView, EditionFilters, CaseStatus } from './model.js';
export { findBrowser, launchBrowser, type BrowserLocation } from './browser.js';

export type OutputFormat = 'html' | 'pdf';

export interface BuildOptions {
  /** Default: both. */
  formats?: OutputFormat[];
  /** Output folder; relative to the casebook folder. Default: `output` from casebook.yaml. */
  outDir?: string;
  filters?: EditionFilters;
  /** Language of messages (the book itself is in the casebook's language). */
  lang?: Lang;
  /** Build even when privacy errors stand (only those); every page then carries a warning. */
  allowPrivacyErrors?: boolean;
  /** The browser for the PDF (--browser); otherwise CASEBOOK_BROWSER, or one is looked for. */
  browser?: string;
  /** Start the browser without its sandbox. */
  noSandbox?: boolean;
  /** SOURCE_DATE_EPOCH, CASEBOOK_PDF_TIMEOUT, CASEBOOK_BROWSER, CASEBOOK_NO_SANDBOX. */
  env?: NodeJS.ProcessEnv;
  /** Short progress lines, already worded. */
  onProgress?: (line: string) => void;
  /**
   * Stops the build (Ctrl-C): the browser is killed, nothing is written, and build() rejects
   * with the signal's reason. Once the new files are complete and being renamed into place,
   * the build finishes.
   */
  signal?: AbortSignal;
}

export interface BuildResult {
  /** Absolute paths of the files written, HTML first. */
  outputs: string[];
  /** Validation and render messages together, sorted. */
  messages: Message[];
  validation: ValidationResult;
  /** True when errors stopped the build; nothing was written then. */
  stopped: boolean;
  /** Privacy errors the build went ahead with (--allow-privacy-errors). */
  privacyErrors: number;
  cases: number;
  /** Page count of the PDF, when one was made. */
  pages?: number;
  /** How many times Chromium printed it: 1 when the estimated page numbers were right. */
  passes?: number;
}

const DEFAULT_TIMEOUT_SECONDS = 300;

/** The build date: SOURCE_DATE_EPOCH when set (reproducible builds), otherwise now. */
export function buildDate(env: NodeJS.ProcessEnv, lang: Lang): Date {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return new Date();
  if (!/^\d{1,12}$/.test(raw.trim())) throw new CasebookError(t(lang, 'render.build.badEpoch', { value: raw }));
  return new Date(Number(raw.trim()) * 1000);
}

export function pdfTimeoutMs(env: NodeJS.ProcessEnv, lang: Lang): number {
  const raw = env.CASEBOOK_PDF_TIMEOUT;
  if (raw === undefined || raw === '') return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CasebookError(t(lang, 'render.build.badTimeout', { value: raw }));
  return Math.round(seconds * 1000);
}

/** A file name from the title: lower case, accents dropped, words joined by hyphens. */
export function fileSlug(text: string): string {
  return slugify(text, 80) || 'casebook';
}

/** Unknown ids in the filters stop the build before anything is done (exit 2, with a suggestion). */
export function checkFilters(casebook: Casebook, filters: EditionFilters, lang: Lang): void {
  const check = (values: readonly string[] | undefined, known: readonly string[], kind: 'domain' | 'value' | 'status', aliases = {}) => {
    for (const value of values ?? []) {
      if (known.includes(value)) continue;
      const suggestion = suggest(value, known, aliases);
      const params = { value, kind: t(lang, `render.build.kinds.${kind}`), ...(suggestion ? { suggestion } : {}) };
      throw new CasebookError(t(lang, suggestion ? 'render.build.unknownFilterSuggest' : 'render.build.unknownFilter', params));
    }
  };
  check(filters.domains, casebook.config.domains.map((d) => d.id), 'domain');
  check(filters.values, casebook.values.values.map((v) => v.id), 'value');
  // People say the Dutch words; the status ids are English.
  check(filters.statuses, STATUSES, 'status', { concept: 'draft', vastgesteld: 'published', gepubliceerd: 'published', terbeoordeling: 'review' });
}

/** A system error's code, with what it means where a person would not know it (ENOSPC: de schijf is vol). */
export function describeIoError(error: unknown, lang: Lang): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (!code) return error instanceof Error ? error.message : String(error);
  const meaning = t(lang, `render.build.ioErrors.${code}`);
  return meaning === `render.build.ioErrors.${code}` ? code : `${code}: ${meaning}`;
}

async function ensureWritable(dir: string, lang: Lang): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new CasebookError(t(lang, 'render.build.outputUnwritable', { dir, code: describeIoError(error, lang) }));
  }
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
    { title: labels.valueIndex!, anchor: view.anchors.valueIndex },
    { title: labels.matrix!, anchor: view.anchors.matrix },
  ];
}

export async function build(casebook: Casebook, options: BuildOptions = {}): Promise<BuildResult> {
  const lang = options.lang ?? casebook.config.language;
  const env = options.env ?? process.env;
  const formats = options.formats ?? ['html', 'pdf'];
  const filters = options.filters ?? {};
  const progress = (key: string, params?: Params) => options.onProgress?.(t(lang, `render.build.progress.${key}`, params));
  const signal = options.signal;
  signal?.throwIfAborted();

  const validation = validate(casebook, { lang });
  const errors = validation.messages.filter((m) => !m.suppressed && m.severity === 'error');
  const privacyOnly = errors.length > 0 && errors.every((m) => m.rule.startsWith('privacy/'));
  const result: BuildResult = { outputs: [], messages: [...validation.messages], validation, stopped: false, privacyErrors: 0, cases: 0 };
  const stop = (more: Message[] = []) => {
    result.messages = sortMessages([...result.messages, ...more]);
    result.stopped = true;
    return result;
  };
  if (errors.length > 0 && !(options.allowPrivacyErrors && privacyOnly)) return stop();
  if (errors.length > 0) result.privacyErrors = errors.length;

  checkFilters(casebook, filters, lang);
  const date = buildDate(env, lang);
  const timeoutMs = pdfTimeoutMs(env, lang);

  const prepared = prepareBook(casebook, lang, { filters, date, privacyErrors: result.privacyErrors });
  if (!prepared.book) return stop(prepared.messages);
  const { templates, theme, view } = prepared.book;
  const renderMessages = prepared.messages;
  if (view.cases.length === 0) {
    const described = [view.book.edition.text].filter(() => !view.book.edition.full).join('') || t(lang, 'render.build.noCasesAtAll');
    throw new CasebookError(t(lang, 'render.build.noCases', { filters: described }));
  }
  result.cases = view.cases.length;

  const outDir = path.resolve(casebook.config.root, options.outDir ?? casebook.config.output);
  await ensureWritable(outDir, lang);
  const baseName = [fileSlug(casebook.config.title), view.book.edition.slug].filter(Boolean).join('-');

  const layout = <T>(make: () => T): T | undefined => {
    try {
      return make();
    } catch (error) {
      renderMessages.push(templateFailure(casebook, lang, error));
      return undefined;
    }
  };

  const outputs: FileToWrite[] = [];
  if (formats.includes('html')) {
    progress('html', { count: view.cases.length });
    // In pieces: each case is laid out as it is written (a large book is never one string).
    const html = layout(() => assembleHtmlPieces({ ...view, format: 'html' }, templates, theme));
    if (html === undefined) return stop(renderMessages);
    outputs.push({ file: path.join(outDir, `${baseName}.html`), data: html });
  }
  if (formats.includes('pdf')) {
    const html = layout(() => assembleHtml({ ...view, format: 'pdf' }, templates, theme));
    if (html === undefined) return stop(renderMessages);
    const labels = view.labels as Record<string, string>;
    progress('browser');
    try {
      // The time limit covers starting the browser too. A single call may take as long as the
      // whole limit allows (puppeteer's own default would cut a large PDF off after 3 minutes).
      const pdf = await runInBrowser(
        {
          env,
          lang,
          ...(options.noSandbox ? { noSandbox: true } : {}),
          ...(options.browser ? { browser: options.browser } : {}),
          ...(signal ? { signal } : {}),
          protocolTimeoutMs: Math.max(timeoutMs + 10_000, 180_000),
          timeoutMs,
          timeoutError: () => new CasebookError(t(lang, 'render.build.timeout', { seconds: formatSeconds(timeoutMs, lang) })),
        },
        (browser) =>
          renderPdf(browser, html, outlineOf(view), {
            title: view.book.documentTitle,
            ...(view.book.organisation ? { author: view.book.organisation } : {}),
            subject: view.book.subtitle ?? labels.valueIndex!,
            keywords: view.filters.values.map((v) => v.label),
            lang: view.lang,
            creator: `casebook ${version}`,
            date,
          }, { timeoutMs, onProgress: progress }),
      );
      for (const url of [...new Set(pdf.blocked)]) {
        renderMessages.push(configMessage(casebook, '/templates', 'render/blocked-request', 'warning', t(lang, 'render.messages.blockedRequest', { url: url.slice(0, 200) })));
      }
      result.pages = pdf.pages;
      result.passes = pdf.passes;
      outputs.push({ file: path.join(outDir, `${baseName}.pdf`), data: pdf.bytes });
    } catch (error) {
      if (error instanceof CasebookError || (signal?.aborted && error === signal.reason)) throw error;
      throw new CasebookError(t(lang, 'render.build.pdfFailed', { detail: ((error as Error).message ?? String(error)).split('\n')[0]! }));
    }
  }

  // All or nothing: the HTML is not replaced when the PDF does not fit on the disk.
  try {
    await writeFilesAtomic(outputs, signal ? { signal } : {});
  } catch (error) {
    // A case's template failing as its piece is written: nothing was replaced.
    if (error instanceof TemplateRenderError) return stop([...renderMessages, templateFailure(casebook, lang, error)]);
    if (!(error instanceof AtomicWriteError)) throw error;
    throw new CasebookError(t(lang, 'render.build.writeFailed', { file: error.file, dir: outDir, code: describeIoError(error.cause, lang) }));
  }
  result.outputs.push(...outputs.map((o) => o.file));
  result.messages = sortMessages([...result.messages, ...renderMessages]);
  return result;
}

