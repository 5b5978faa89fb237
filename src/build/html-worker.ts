/** The worker thread that lays out a build's HTML ahead (html-thread.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { findConfigFile, loadConfig, resolveConfigArgument } from '../load/config.js';
import { collectCaseFiles } from '../load/files.js';
import { loadCasebook } from '../load/index.js';
import { checkFilters, editionFilters, namedEdition } from '../render/edition.js';
import { assembleHtmlPieces } from '../render/html.js';
import { encoded } from '../util/write.js';
import { textsOf, type HtmlJob, type HtmlSettings, type ThreadReply } from './html-thread.js';
import { prepareEdition } from './prepare.js';

/**
 * Above this many case files the thread is not used: a second copy of the casebook and its
 * book in memory cost more than the thread saves (10,000 cases: 720 MB at the peak against
 * 380 MB on one thread, where 500 MB is the limit).
 */
const MAX_FILES = 5000;

/** How many files the casebook's `cases:` patterns find (before any is read). */
async function caseFileCount(job: HtmlJob): Promise<number> {
  const cwd = path.resolve(job.cwd);
  const lang = job.lang ?? 'nl';
  const configFile = job.casebook ? resolveConfigArgument(job.casebook, cwd, lang) : findConfigFile(cwd);
  const { config } = await loadConfig(configFile, cwd, lang);
  return (await collectCaseFiles(config.cases, config.root, config.root, lang)).files.length;
}

/** Runs in the thread: load, edition, view model, layout, encoding; throws whatever build() would meet. */
async function layOutAhead(job: HtmlJob): Promise<{ reply: ThreadReply; transfer: ArrayBuffer[] }> {
  if ((await caseFileCount(job)) > MAX_FILES) throw new Error('a large casebook: laid out on the main thread');
  const casebook = await loadCasebook({ cwd: job.cwd, ...(job.casebook ? { casebook: job.casebook } : {}), ...(job.lang ? { lang: job.lang } : {}) });
  if (job.templates !== undefined) {
    casebook.config.templates = job.templates;
    casebook.config.templatesNamed = true;
  }
  const lang = job.lang ?? casebook.config.language;
  const edition = namedEdition(casebook, job.edition, lang);
  const filters = editionFilters(edition, job.filters);
  const decisions = job.decisions ?? edition?.decisions ?? casebook.config.decisions;
  checkFilters(casebook, filters, lang);
  const settings: HtmlSettings = { lang, filters, decisions, date: job.date.getTime(), ...(job.edition !== undefined ? { editionName: job.edition } : {}) };
  const prepared = prepareEdition(casebook, lang, { filters, date: job.date, privacyErrors: 0, decisions, ...(job.edition !== undefined ? { editionName: job.edition } : {}) });
  const book = prepared.book;
  if (!book) throw new Error('templates unusable');
  const chunks = [...encoded(assembleHtmlPieces({ ...book.view, format: 'html' }, book.templates, book.theme))];
  const html = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    html.set(chunk, at);
    at += chunk.length;
  }
  const reply: ThreadReply = { settings, html, messages: prepared.messages, cases: book.view.cases.length, slug: book.view.book.edition.slug, files: textsOf(casebook) };
  return { reply, transfer: [html.buffer] };
}

try {
  const { reply, transfer } = await layOutAhead(workerData as HtmlJob);
  parentPort!.postMessage(reply, transfer);
} catch (error) {
  // build() meets the same problem on its own thread and words it there.
  parentPort!.postMessage({ failed: error instanceof Error ? error.message : String(error) });
}
