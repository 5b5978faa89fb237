/**
 * HTML → PDF in Chromium, with real page numbers in the contents, the value index and the
 * related links. Chromium cannot compute "the page of that element" (no target-counter), so
 * the page is printed once to measure (nothing painted, which is cheap), the PDF is read back
 * to see where each part landed, the numbers are filled in and the page is printed for real,
 * until the numbers no longer move (at most three prints). Where things landed is read from
 * the PDF's named destinations: Chromium writes one for every element a link points at, keyed
 * by its id, so matching is by id, never by title or order. The result is then finished
 * (pdf-finish.ts): bookmarks, metadata, fixed dates and file id for reproducible output.
 *
 * The page can reach nothing: scripts are off and every request except data: URLs is refused.
 */
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'puppeteer';
import { MEASURING_CLASS } from './html.js';
import { finishPdf, type OutlineEntry, type PdfMetadata } from './pdf-finish.js';

export type { OutlineEntry, PdfMetadata } from './pdf-finish.js';

export interface PdfOptions {
  timeoutMs: number;
  onProgress?: (key: string, params?: Record<string, string | number>) => void;
}

export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  /** Page (1-based) of every anchor that was linked to. */
  anchorPages: Map<string, number>;
  /** URLs the page tried to load and was refused. */
  blocked: string[];
  passes: number;
}

/** How many prints at most before the page numbers are taken as they are. */
const MAX_PASSES = 3;

interface Destinations {
  pages: Map<string, number>;
  count: number;
}

/** Where each named destination of a PDF lands (1-based page numbers). */
export async function readDestinations(bytes: Uint8Array): Promise<Destinations> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs takes ownership of the buffer it is given; give it a copy.
  const doc = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false, useSystemFonts: false, disableFontFace: true }).promise;
  try {
    const destinations = (await doc.getDestinations()) as Record<string, unknown[] | null>;
    const pageOfRef = new Map<string, number>();
    const pages = new Map<string, number>();
    for (const [name, dest] of Object.entries(destinations)) {
      const ref = dest?.[0] as { num: number; gen: number } | undefined;
      if (!ref || typeof ref !== 'object') continue;
      const key = `${ref.num} ${ref.gen}`;
      let index = pageOfRef.get(key);
      if (index === undefined) {
        index = (await doc.getPageIndex(ref)) + 1;
        pageOfRef.set(key, index);
      }
      pages.set(name, index);
    }
    return { pages, count: doc.numPages };
  } finally {
    await doc.destroy();
  }
}

const flatten = (entries: OutlineEntry[]): string[] => entries.flatMap((e) => [e.anchor, ...flatten(e.children ?? [])]);

function sameNumbers(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}

async function prepare(page: Page, html: string, outline: OutlineEntry[], timeout: number, blocked: string[]): Promise<void> {
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
  await page.setContent(html, { waitUntil: 'load', timeout });
  await page.evaluate(async (anchors: string[]) => {
    await document.fonts.ready;
    // Every anchor that needs a page number or a bookmark gets a (hidden) link, so that
    // Chromium writes a named destination for it.
    const wanted = new Set(anchors);
    for (const el of document.querySelectorAll<HTMLElement>('[data-pageref]')) wanted.add(el.dataset.pageref ?? '');
    const box = document.createElement('div');
    box.hidden = true;
    for (const anchor of wanted) {
      if (!anchor || !document.getElementById(anchor)) continue;
      const link = document.createElement('a');
      link.href = `#${anchor}`;
      box.append(link);
    }
    document.body.append(box);
  }, flatten(outline));
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
    await prepare(page, html, outline, timeout, blocked);
    let known: Map<string, number> | undefined;
    let bytes: Uint8Array | undefined;
    let found: Destinations | undefined;
    let passes = 0;
    while (passes < MAX_PASSES) {
      passes++;
      options.onProgress?.('pass', { pass: passes });
      // The first print only measures: nothing painted, no tags. Later prints are the real thing.
      const measuring = known === undefined;
      await page.evaluate((name: string, on: boolean) => document.documentElement.classList.toggle(name, on), MEASURING_CLASS, measuring);
      bytes = await page.pdf({ preferCSSPageSize: true, printBackground: !measuring, tagged: !measuring, outline: false, timeout });
      found = await readDestinations(bytes);
      if (known && sameNumbers(known, found.pages)) break;
      if (passes === MAX_PASSES) break;
      options.onProgress?.('pages', { pages: found.count });
      await fillPageNumbers(page, found.pages);
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
