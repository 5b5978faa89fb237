/**
 * HTML → PDF in Chromium, with real page numbers in the contents, the value index and the
 * related links. Chromium cannot compute "the page of that element" (no target-counter), so
 * the numbers are first estimated from a layout in page-sized columns (see ESTIMATING_CLASS in
 * html.ts), filled in, and the page is printed. The PDF is read back to check where each part
 * really landed; only if a number is off are the right ones filled in and the page printed
 * again (at most three prints). Where things landed is read from the PDF's named
 * destinations: Chromium writes one for every element a link points at, keyed by its id, so
 * matching is by id, never by title or order. The result is then finished (pdf-finish.ts):
 * bookmarks, metadata, fixed dates and file id for reproducible output.
 *
 * The page can reach nothing: scripts are off and every request except data: URLs is refused.
 */
import { createHash } from 'node:crypto';
import type { PDFObject } from 'pdf-lib';
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';
import type { Browser, Page } from 'puppeteer-core';
import { chromiumDestinations } from './chromium-pdf.js';
import { BREAK_ATTRIBUTE, ESTIMATING_CLASS } from './html.js';
import { finishPdf, type OutlineEntry, type PdfMetadata } from './pdf-finish.js';

export type { OutlineEntry, PdfMetadata } from './pdf-finish.js';

export interface PdfOptions {
  timeoutMs: number;
  /** Language of a failure's message. */
  lang?: Lang;
  onProgress?: (key: string, params?: Record<string, string | number>) => void;
}

export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  /** Page (1-based) of every anchor that was linked to. */
  anchorPages: Map<string, number>;
  /** URLs the page tried to load and was refused. */
  blocked: string[];
  /** Prints made: 1 when the estimated page numbers were right. */
  passes: number;
}

/** How many prints at most before the page numbers are taken as they are. */
const MAX_PASSES = 3;

interface Destinations {
  pages: Map<string, number>;
  count: number;
}

type PdfLib = typeof import('pdf-lib');

/** The entries of a name tree (PDF 32000 7.9.6), keys as text; kids are followed to a fixed depth. */
function nameTreeEntries(lib: PdfLib, node: PDFObject | undefined, lookup: (o: PDFObject | undefined) => PDFObject | undefined, depth = 0): Array<[string, PDFObject]> {
  const { PDFArray, PDFDict, PDFHexString, PDFName, PDFString } = lib;
  const dict = lookup(node);
  if (!(dict instanceof PDFDict) || depth > 32) return [];
  const entries: Array<[string, PDFObject]> = [];
  const names = lookup(dict.get(PDFName.of('Names')));
  if (names instanceof PDFArray) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = lookup(names.get(i));
      if (key instanceof PDFString || key instanceof PDFHexString) entries.push([key.decodeText(), names.get(i + 1)]);
    }
  }
  const kids = lookup(dict.get(PDFName.of('Kids')));
  if (kids instanceof PDFArray) for (const kid of kids.asArray()) entries.push(...nameTreeEntries(lib, kid, lookup, depth + 1));
  return entries;
}

/**
 * Where each named destination of a PDF lands (1-based page numbers): the catalog's /Dests and
 * the /Names /Dests tree. Chromium's own PDF is read straight from its bytes (chromium-pdf.ts);
 * any other goes through pdf-lib.
 */
export async function readDestinations(bytes: Uint8Array): Promise<Destinations> {
  return chromiumDestinations(bytes) ?? libraryDestinations(bytes);
}

/** The same through pdf-lib, for a PDF of any shape. */
export async function libraryDestinations(bytes: Uint8Array): Promise<Destinations> {
  // Loaded when a PDF of another shape is read, not at start-up.
  const lib = await import('pdf-lib');
  const { PDFArray, PDFDict, PDFName, PDFRef } = lib;
  const doc = await lib.PDFDocument.load(bytes, { updateMetadata: false });
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const pageOfRef = new Map(doc.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const named: Array<[string, PDFObject]> = [];
  const dests = lookup(doc.catalog.get(PDFName.of('Dests')));
  if (dests instanceof PDFDict) for (const [key, value] of dests.entries()) named.push([key.decodeText(), value]);
  const names = lookup(doc.catalog.get(PDFName.of('Names')));
  if (names instanceof PDFDict) named.push(...nameTreeEntries(lib, names.get(PDFName.of('Dests')), lookup));
  const pages = new Map<string, number>();
  for (const [name, value] of named) {
    // A destination is an array [page, /XYZ ...], or a dictionary holding one under /D.
    let dest = lookup(value);
    if (dest instanceof PDFDict) dest = lookup(dest.get(PDFName.of('D')));
    const page = dest instanceof PDFArray ? dest.get(0) : undefined;
    const number = page instanceof PDFRef ? pageOfRef.get(page.toString()) : undefined;
    if (number !== undefined) pages.set(name, number);
  }
  return { pages, count: doc.getPageCount() };
}

const flatten = (entries: OutlineEntry[]): string[] => entries.flatMap((e) => [e.anchor, ...flatten(e.children ?? [])]);

/** Whether every anchor that needs a number is on the same page in both. */
function sameNumbers(anchors: readonly string[], a: Map<string, number>, b: Map<string, number>): boolean {
  return anchors.every((anchor) => a.get(anchor) === b.get(anchor));
}

/** No scripts, no request but data: URLs (the others are refused and noted in `blocked`), print media. */
async function lockDown(page: Page, blocked: string[]): Promise<void> {
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:')) {
      void request.continue();
    } else {
      blocked.push(url);
      void request.abort('blockedbyclient');
    }
  });
  // Laid out for print from the start: the estimate and the print need no screen layout,
  // which would cost a full layout of the book (1.5-2 s at 1,000 cases).
  await page.emulateMediaType('print');
}

/** Every anchor that needs a page number or a bookmark. */
async function prepare(page: Page, html: string, outline: OutlineEntry[], timeout: number, blocked: string[]): Promise<string[]> {
  await lockDown(page, blocked);
  await page.setContent(html, { waitUntil: 'load', timeout });
  return page.evaluate(async (anchors: string[]) => {
    await document.fonts.ready;
    // Every anchor that needs a page number or a bookmark gets a (hidden) link, so that
    // Chromium writes a named destination for it.
    const wanted = new Set(anchors);
    for (const el of document.querySelectorAll<HTMLElement>('[data-pageref]')) wanted.add(el.dataset.pageref ?? '');
    const box = document.createElement('div');
    box.hidden = true;
    const present: string[] = [];
    for (const anchor of wanted) {
      if (!anchor || !document.getElementById(anchor)) continue;
      const link = document.createElement('a');
      link.href = `#${anchor}`;
      box.append(link);
      present.push(anchor);
    }
    document.body.append(box);
    return present;
  }, flatten(outline));
}

/**
 * The page each anchor will most likely print on, read from a layout in page-sized columns.
 * Forced page breaks are found in the computed style (the top levels of the book are enough:
 * cover, sections, chapters, cases) and turned into column breaks for the moment.
 */
async function estimatePages(page: Page, anchors: string[]): Promise<Map<string, number>> {
  const entries = await page.evaluate((anchors: string[], estimating: string, attribute: string) => {
    const forced = /^(page|left|right|recto|verso)$/;
    const marked: Element[] = [];
    const visit = (parent: Element, depth: number) => {
      for (const el of parent.children) {
        const style = getComputedStyle(el);
        if (style.display === 'none') continue;
        const value = [forced.test(style.breakBefore) ? 'before' : '', forced.test(style.breakAfter) ? 'after' : ''].join(' ').trim();
        if (value) {
          el.setAttribute(attribute, value);
          marked.push(el);
        }
        if (depth < 4) visit(el, depth + 1);
      }
    };
    visit(document.body, 1);
    const root = document.documentElement;
    root.classList.add(estimating);
    const body = document.body.getBoundingClientRect();
    const result: Array<[string, number]> = [];
    for (const anchor of anchors) {
      const first = document.getElementById(anchor)?.getClientRects()[0];
      if (first) result.push([anchor, Math.floor((first.left - body.left + 1) / body.width) + 1]);
    }
    root.classList.remove(estimating);
    for (const el of marked) el.removeAttribute(attribute);
    return result;
  }, anchors, ESTIMATING_CLASS, BREAK_ATTRIBUTE);
  return new Map(entries);
}

async function fillPageNumbers(page: Page, pages: Map<string, number>): Promise<void> {
  await page.evaluate((entries: Array<[string, number]>) => {
    const map = new Map(entries);
    for (const el of document.querySelectorAll<HTMLElement>('[data-pageref]')) {
      const number = map.get(el.dataset.pageref ?? '');
      el.textContent = number === undefined ? '' : String(number);
    }
  }, [...pages]);
}

export async function renderPdf(browser: Browser, html: string, outline: OutlineEntry[], meta: PdfMetadata, options: PdfOptions): Promise<PdfResult> {
  const timeout = options.timeoutMs;
  const blocked: string[] = [];
  const page = await browser.newPage();
  try {
    const anchors = await prepare(page, html, outline, timeout, blocked);
    let known = await estimatePages(page, anchors);
    let bytes: Uint8Array | undefined;
    let found: Destinations | undefined;
    let passes = 0;
    while (passes < MAX_PASSES) {
      await fillPageNumbers(page, known);
      passes++;
      options.onProgress?.('pass', { pass: passes });
      bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false, timeout }).catch((error: unknown) => {
        // Chromium says only "Printing failed" when a book is too large to print at once.
        if (!/Printing failed/i.test((error as Error)?.message ?? '')) throw error;
        const pages = Math.max(0, ...known.values());
        throw new CasebookError(t(options.lang ?? 'nl', 'render.build.printFailed', { pages, size: (Buffer.byteLength(html) / 1024 / 1024).toFixed(0) }));
      });
      found = await readDestinations(bytes);
      if (sameNumbers(anchors, known, found.pages)) break;
      options.onProgress?.('pages', { count: found.count });
      known = found.pages;
    }
    options.onProgress?.('finish');
    const id = createHash('sha256').update(html).update(JSON.stringify({ ...meta, date: meta.date.toISOString() })).digest('hex').slice(0, 32);
    const finished = await finishPdf(bytes!, outline, meta, id);
    return { bytes: finished, pages: found!.count, anchorPages: found!.pages, blocked, passes };
  } finally {
    await page.close().catch(() => undefined);
  }
}

export interface Sheet {
  html: string;
  meta: PdfMetadata;
}

export interface PrintedSheet {
  bytes: Uint8Array;
  pages: number;
}

/**
 * Short documents without page references or bookmarks (handouts): one print each, in a few
 * tabs that are set up once and reused, so that many of them cost little more than the
 * printing itself.
 */
export async function printSheets(browser: Browser, sheets: Sheet[], options: { timeoutMs: number; tabs?: number; blocked?: string[] }): Promise<PrintedSheet[]> {
  const printed: PrintedSheet[] = new Array(sheets.length);
  const blocked = options.blocked ?? [];
  let next = 0;
  const worker = async () => {
    const page = await browser.newPage();
    try {
      await lockDown(page, blocked);
      while (next < sheets.length) {
        const index = next++;
        const { html, meta } = sheets[index]!;
        // A fresh document each time: setContent writes into the current one, whose Content
        // Security Policy (from the previous sheet's meta tag) would still hold.
        await page.goto('about:blank', { timeout: options.timeoutMs });
        await page.setContent(html, { waitUntil: 'load', timeout: options.timeoutMs });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false, timeout: options.timeoutMs });
        const id = createHash('sha256').update(html).update(JSON.stringify({ ...meta, date: meta.date.toISOString() })).digest('hex').slice(0, 32);
        printed[index] = { bytes: await finishPdf(bytes, [], meta, id), pages: countPages(bytes) };
      }
    } finally {
      await page.close().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.tabs ?? 2, sheets.length) }, worker));
  return printed;
}

/** Page objects in a PDF as Chromium writes it (plain objects, no object streams). */
function countPages(bytes: Uint8Array): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
