import type { Browser } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { pdfTimeoutMs } from '../../src/build/index.js';
import { renderPdf } from '../../src/render/pdf.js';

/** A browser whose page lays the book out (412 pages estimated) and then fails to print, as Chromium does for a huge book. */
function failingBrowser(): Browser {
  const answers: unknown[] = [['hoofdstuk-1'], [['hoofdstuk-1', 412]]];
  const page = {
    setJavaScriptEnabled: async () => undefined,
    setRequestInterception: async () => undefined,
    on: () => page,
    emulateMediaType: async () => undefined,
    setContent: async () => undefined,
    evaluate: async () => answers.shift(),
    pdf: async () => {
      throw new Error('Protocol error (Page.printToPDF): Printing failed');
    },
    close: async () => undefined,
  };
  return { newPage: async () => page } as unknown as Browser;
}

describe('a print that fails', () => {
  it('says how large the book is and what to do, not just "Printing failed"', async () => {
    const html = `<html><body>${'x'.repeat(3 * 1024 * 1024)}</body></html>`;
    const meta = { title: 'Boek', subject: '', keywords: [], lang: 'nl', creator: 'test', date: new Date(0) };
    await expect(renderPdf(failingBrowser(), html, [{ title: 'H1', anchor: 'hoofdstuk-1' }], meta, { timeoutMs: 1000, lang: 'nl' }))
      .rejects.toThrow("Chromium kon het boek niet als PDF afdrukken (geschat aantal pagina's: 412; HTML: 3 MB): dat is te groot voor één PDF op deze computer. Maak een kleinere editie met --domain, --value of --status, of bouw alleen HTML met --format html.");
  });
});

describe('CASEBOOK_PDF_TIMEOUT', () => {
  it('refuses a time longer than a timer can wait, instead of failing at once as "browser could not be started"', () => {
    expect(() => pdfTimeoutMs({ CASEBOOK_PDF_TIMEOUT: '1e7' }, 'nl')).toThrow('CASEBOOK_PDF_TIMEOUT is 1e7 seconden; dat kan niet langer zijn dan 86400 (een dag).');
    expect(pdfTimeoutMs({ CASEBOOK_PDF_TIMEOUT: '86400' }, 'nl')).toBe(86_400_000);
  });
});
