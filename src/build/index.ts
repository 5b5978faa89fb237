/**
 * Above the pipeline: `build()` runs it for one edition. It validates the casebook (errors
 * stop it), has render make the view model and lay it out with the templates, and writes one
 * self-contained HTML file and/or an A4 PDF. `serve` uses the same steps (live.ts).
 */
import { constants } from 'node:fs';
import { access, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { draftsLeftOut } from '../case/edition.js';
import { CasebookError } from '../errors.js';
import { isInsideReal } from '../load/contain.js';
import { t, type Params } from '../i18n/index.js';
import { sortMessages } from '../message.js';
import {
  HANDOUTS_FOLDER, TemplateRenderError, assembleHtmlPieces, checkFilters, configMessage, editionFilters, layOutHandouts, namedEdition, prepareBook, printBook,
  renderDocx, templateFailure, type DecisionsMode, type EditionFilters, type OutputFormat, type PreparedBook,
} from '../render/index.js';
import type { Casebook, Lang, Message, ValidationResult } from '../types.js';
import { slugify } from '../util/slug.js';
import { AtomicWriteError, isLocked, writeFilesAtomic, type FileToWrite, type RenameFs } from '../util/write.js';
import { validate } from '../validate/index.js';
import { version } from '../version.js';

export type { BookView, CaseView, ChapterView, EditionFilters, CaseStatus, DecisionsMode, OutputFormat } from '../render/index.js';
export { DECISIONS_MODES, HANDOUTS_FOLDER, editionFilters, namedEdition } from '../render/index.js';
export { checkFilters, outlineOf, findBrowser, launchBrowser, type BrowserLocation } from '../render/index.js';

export interface BuildOptions {
  /** Default: both. */
  formats?: OutputFormat[];
  /** Output folder; relative to the casebook folder. Default: `output` from casebook.yaml. */
  outDir?: string;
  filters?: EditionFilters;
  /** A named edition from casebook.yaml: its filters and decisions, under the command line's own. */
  edition?: string;
  /** Where decision and outcome go; default: the edition's, else casebook.yaml's, else inline. */
  decisions?: DecisionsMode;
  /** Language of messages (the book itself is in the casebook's language). */
  lang?: Lang;
  /** Build even when privacy errors stand (only those); every page then carries a warning. */
  allowPrivacyErrors?: boolean;
  /** The browser for the PDF (--browser); otherwise CASEBOOK_BROWSER, or one is looked for. */
  browser?: string;
  /** Start the browser without its sandbox. */
  noSandbox?: boolean;
  /** The renames that put the outputs in place; tests pass their own (a file locked as on Windows). */
  writeFs?: RenameFs;
  /** SOURCE_DATE_EPOCH, CASEBOOK_PDF_TIMEOUT, CASEBOOK_BROWSER, CASEBOOK_NO_SANDBOX. */
  env?: NodeJS.ProcessEnv;
  /** Short progress lines, already worded. */
  onProgress?: (line: string) => void;
  /** The casebook's validation, when it was made while loading (loadAndValidate); else build validates. */
  validation?: ValidationResult;
  /**
   * Stops the build (Ctrl-C): the browser is killed, nothing is written, and build() rejects
   * with the signal's reason. Once the new files are complete and being renamed into place,
   * the build finishes.
   */
  signal?: AbortSignal;
}

export interface BuildResult {
  /** Absolute paths of the files written: HTML, PDF, Word. */
  outputs: string[];
  /** Validation and render messages together, sorted. */
  messages: Message[];
  validation: ValidationResult;
  /** True when errors stopped the build; nothing was written then. */
  stopped: boolean;
  /** Privacy errors the build went ahead with (--allow-privacy-errors). */
  privacyErrors: number;
  cases: number;
  /** Drafts that would be in this edition with `--drafts`: the person may miss a case they just wrote. */
  draftsLeftOut: number;
  /** Page count of the PDF, when one was made. */
  pages?: number;
  /** How many times Chromium printed it: 1 when the estimated page numbers were right. */
  passes?: number;
  /** With `handouts`: each case's handout and its page count. */
  handouts?: Array<{ caseId: string; pages: number }>;
}

const DEFAULT_TIMEOUT_SECONDS = 300;

/** The build date: SOURCE_DATE_EPOCH when set (reproducible builds), otherwise now. */
export function buildDate(env: NodeJS.ProcessEnv, lang: Lang): Date {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return new Date();
  if (!/^\d{1,12}$/.test(raw.trim())) throw new CasebookError(t(lang, 'render.build.badEpoch', { value: raw }));
  return new Date(Number(raw.trim()) * 1000);
}

/** A day: no book takes longer to print, and a timer cannot wait much longer. */
const MAX_TIMEOUT_SECONDS = 86_400;
/** Two minutes without progress: a print on a busy machine is slow, never still for that long. */
const DEFAULT_STALL_SECONDS = 120;

/** A number of seconds from the environment, in milliseconds. */
function secondsSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, lang: Lang): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CasebookError(t(lang, 'render.build.badTimeout', { name, value: raw }));
  // A timer cannot wait longer than 2^31-1 ms (24.8 days); longer would fire at once.
  if (seconds > MAX_TIMEOUT_SECONDS) throw new CasebookError(t(lang, 'render.build.timeoutTooLong', { name, value: raw, max: MAX_TIMEOUT_SECONDS }));
  return Math.round(seconds * 1000);
}

export function pdfTimeoutMs(env: NodeJS.ProcessEnv, lang: Lang): number {
  return secondsSetting(env, 'CASEBOOK_PDF_TIMEOUT', DEFAULT_TIMEOUT_SECONDS, lang);
}

/** How long the browser may make no progress at all before the build stops (CASEBOOK_PDF_STALL). */
export function pdfStallMs(env: NodeJS.ProcessEnv, lang: Lang): number {
  return secondsSetting(env, 'CASEBOOK_PDF_STALL', DEFAULT_STALL_SECONDS, lang);
}

/** A file name from the title: lower case, accents dropped, words joined by hyphens. */
export function fileSlug(text: string): string {
  return slugify(text, 80) || 'casebook';
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

/** Validation decides whether the build goes on: errors stop it, except privacy errors the person allowed. */
function gate(casebook: Casebook, lang: Lang, options: Pick<BuildOptions, 'allowPrivacyErrors' | 'validation'>): { result: BuildResult; go: boolean } {
  const allowPrivacyErrors = options.allowPrivacyErrors;
  const validation = options.validation ?? validate(casebook, { lang });
  const errors = validation.messages.filter((m) => !m.suppressed && m.severity === 'error');
  const privacyOnly = errors.length > 0 && errors.every((m) => m.rule.startsWith('privacy/'));
  const result: BuildResult = { outputs: [], messages: [...validation.messages], validation, stopped: false, privacyErrors: 0, cases: 0, draftsLeftOut: 0 };
  if (errors.length > 0 && !(allowPrivacyErrors && privacyOnly)) return { result, go: false };
  if (errors.length > 0) result.privacyErrors = errors.length;
  return { result, go: true };
}

/** The edition's book, or the messages that stop it; an edition without cases is a mistake in the filters. */
function prepareEdition(casebook: Casebook, lang: Lang, options: { filters: EditionFilters; date: Date; privacyErrors: number; decisions: DecisionsMode; editionName?: string }) {
  const prepared = prepareBook(casebook, lang, options);
  const view = prepared.book?.view;
  if (view && view.cases.length === 0) {
    const { domains, values, statuses } = options.filters;
    const filtered = [domains, values, statuses].some((ids) => (ids?.length ?? 0) > 0);
    // Without filters, an empty book means every case is still a draft.
    if (!filtered) throw new CasebookError(t(lang, 'render.build.noCasesOnlyDrafts'));
    throw new CasebookError(t(lang, 'render.build.noCases', { filters: view.book.edition.text }));
  }
  return prepared;
}

interface LayoutJob {
  casebook: Casebook;
  book: PreparedBook;
  outDir: string;
  baseName: string;
  lang: Lang;
  env: NodeJS.ProcessEnv;
  date: Date;
  timeoutMs: number;
  stallMs: number;
  /** What the layout has to say (blocked requests, a template that failed). */
  messages: Message[];
}

/** Lays out each format in memory; undefined when a casebook's own template fails (its message is then in `job.messages`). */
async function layOut(job: LayoutJob, options: BuildOptions, result: BuildResult): Promise<FileToWrite[] | undefined> {
  const { casebook, book, lang, messages } = job;
  const formats = options.formats ?? ['html', 'pdf'];
  const progress = (key: string, params?: Params) => options.onProgress?.(t(lang, `render.build.progress.${key}`, params));
  const outputs: FileToWrite[] = [];
  /** Written last, so that the handouts are the tail of `result.outputs`. */
  const sheets: FileToWrite[] = [];
  try {
    if (formats.includes('html')) {
      progress('html', { count: book.view.cases.length });
      // In pieces: each case is laid out as it is written (a large book is never one string).
      outputs.push({ file: path.join(job.outDir, `${job.baseName}.html`), data: assembleHtmlPieces({ ...book.view, format: 'html' }, book.templates, book.theme) });
    }
    const wantHandouts = formats.includes('handouts');
    if (formats.includes('pdf') || wantHandouts) {
      // Handouts leave decision and outcome out unless they were asked for in so many words.
      const handouts = wantHandouts ? layOutHandouts(book.view, book.templates, book.theme, options.decisions === 'inline') : [];
      const printed = await printBook(book, {
        lang, env: job.env, date: job.date, timeoutMs: job.timeoutMs, stallMs: job.stallMs, onProgress: progress, pdf: formats.includes('pdf'), handouts,
        ...(options.noSandbox ? { noSandbox: true } : {}),
        ...(options.browser ? { browser: options.browser } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const pdf = printed.book;
      if (pdf) {
        for (const url of [...new Set(pdf.blocked)]) {
          messages.push(configMessage(casebook, '/templates', 'render/blocked-request', 'warning', t(lang, 'render.messages.blockedRequest', { url: url.slice(0, 200) })));
        }
        result.pages = pdf.pages;
        result.passes = pdf.passes;
        outputs.push({ file: path.join(job.outDir, `${job.baseName}.pdf`), data: pdf.bytes });
      }
      if (wantHandouts) {
        const folder = path.join(job.outDir, HANDOUTS_FOLDER);
        await ensureWritable(folder, lang);
        for (const sheet of printed.handouts) sheets.push({ file: path.join(folder, sheet.handout.fileName), data: sheet.bytes });
        result.handouts = printed.handouts.map((sheet) => ({ caseId: sheet.handout.caseId, pages: sheet.pages }));
      }
    }
    if (formats.includes('docx')) {
      progress('docx', { count: book.view.cases.length });
      const docx = await renderDocx(book.view, { date: job.date, creator: `casebook ${version}` });
      options.signal?.throwIfAborted();
      outputs.push({ file: path.join(job.outDir, `${job.baseName}.docx`), data: docx });
    }
  } catch (error) {
    messages.push(templateFailure(casebook, lang, error));
    return undefined;
  }
  return [...outputs, ...sheets];
}

/**
 * validate → model → layout → write. Outputs are made in memory first and written only when
 * everything succeeded, each atomically, so a failed or interrupted build leaves the previous
 * outputs as they were.
 */
export async function build(casebook: Casebook, options: BuildOptions = {}): Promise<BuildResult> {
  const lang = options.lang ?? casebook.config.language;
  const env = options.env ?? process.env;
  const edition = namedEdition(casebook, options.edition, lang);
  const given = editionFilters(edition, options.filters ?? {});
  const decisions = options.decisions ?? edition?.decisions ?? casebook.config.decisions;
  const signal = options.signal;
  signal?.throwIfAborted();

  const { result, go } = gate(casebook, lang, options);
  const stop = (more: Message[] = []) => {
    result.messages = sortMessages([...result.messages, ...more]);
    result.stopped = true;
    return result;
  };
  if (!go) return stop();

  const filters = checkFilters(casebook, given, lang);
  const date = buildDate(env, lang);
  const timeoutMs = pdfTimeoutMs(env, lang);
  const stallMs = pdfStallMs(env, lang);
  const prepared = prepareEdition(casebook, lang, { filters, date, privacyErrors: result.privacyErrors, decisions, ...(options.edition !== undefined ? { editionName: options.edition } : {}) });
  if (!prepared.book) return stop(prepared.messages);
  const { book, messages: renderMessages } = prepared;
  result.cases = book.view.cases.length;
  result.draftsLeftOut = draftsLeftOut(casebook.cases.flatMap((c) => (c.data === undefined ? [] : [c.data])), filters);

  const outDir = path.resolve(casebook.config.root, options.outDir ?? casebook.config.output);
  // `output:` from casebook.yaml (or a `dist` that is a link) must not lead out of the
  // casebook; --out on the command line is the person's own choice.
  if (options.outDir === undefined && !isInsideReal(casebook.config.root, outDir)) {
    throw new CasebookError(t(lang, 'load.settingOutside', { setting: 'output', value: casebook.config.output }));
  }
  await ensureWritable(outDir, lang);
  const baseName = [fileSlug(casebook.config.title), book.view.book.edition.slug].filter(Boolean).join('-');
  const outputs = await layOut({ casebook, book, outDir, baseName, lang, env, date, timeoutMs, stallMs, messages: renderMessages }, options, result);
  if (outputs === undefined) return stop(renderMessages);

  // All or nothing: the HTML is not replaced when the PDF does not fit on the disk.
  try {
    await writeFilesAtomic(outputs, { ...(signal ? { signal } : {}), ...(options.writeFs ? { fs: options.writeFs } : {}) });
  } catch (error) {
    // A case's template failing as its piece is written: nothing was replaced.
    if (error instanceof TemplateRenderError) return stop([...renderMessages, templateFailure(casebook, lang, error)]);
    if (!(error instanceof AtomicWriteError)) throw error;
    if (isLocked(error.cause)) throw new CasebookError(t(lang, 'render.build.fileLocked', { file: error.file, dir: outDir, code: describeIoError(error.cause, lang) }));
    throw new CasebookError(t(lang, 'render.build.writeFailed', { file: error.file, dir: outDir, code: describeIoError(error.cause, lang) }));
  }
  result.outputs.push(...outputs.map((o) => o.file));
  // A case no longer in the edition (back to draft, say) must not keep its old handout.
  if (result.handouts) await removeStaleHandouts(path.join(outDir, HANDOUTS_FOLDER), new Set(outputs.map((o) => path.basename(o.file))));
  result.messages = sortMessages([...result.messages, ...renderMessages]);
  return result;
}

/** PDFs in the handouts folder that this build did not write: cases that left the edition. */
async function removeStaleHandouts(folder: string, keep: Set<string>): Promise<void> {
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    if (name.endsWith('.pdf') && !keep.has(name)) await rm(path.join(folder, name), { force: true }).catch(() => undefined);
  }
}
