import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/render/browser.js';
import { chromiumDestinations } from '../../src/render/chromium-pdf.js';
import { finishPdf, pdfDate } from '../../src/render/pdf-finish.js';
import { libraryDestinations, readDestinations } from '../../src/render/pdf.js';

/** A three-page PDF with named destinations, as another writer (pdf-lib, object streams) would make it. */
async function foreignPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const pages = [doc.addPage(), doc.addPage(), doc.addPage()];
  const dest = (i: number) => doc.context.obj([pages[i]!.ref, PDFName.of('XYZ'), 0, 800, 0]);
  doc.catalog.set(PDFName.of('Dests'), doc.context.obj({ 'chapter-a': dest(1), 'case-x': dest(1), 'case-y': dest(2) }));
  return doc.save({ useObjectStreams: true });
}

const meta = {
  title: 'Casusboek — editie Wmo', author: 'Gemeente Test', subject: 'Dilemma’s', keywords: ['Maatwerk', 'Eigen kracht'],
  lang: 'nl', creator: 'casebook test', date: new Date('2026-01-01T00:00:00Z'),
};
const outline = [
  { title: 'Colofon', anchor: 'colophon' },
  { title: '1. Hoofdstuk A', anchor: 'chapter-a', children: [{ title: '1. Casus X', anchor: 'case-x' }, { title: '2. Casus Y', anchor: 'case-y' }] },
];

describe('finishing the PDF', () => {
  it('writes dates in the form Chromium uses, so they can replace its own in place', () => {
    expect(pdfDate(new Date('2026-03-04T05:06:07Z'))).toBe("D:20260304050607+00'00'");
  });

  it('reads where each named destination lands', async () => {
    const found = await readDestinations(await foreignPdf());
    expect(found.count).toBe(3);
    expect([...found.pages].sort()).toEqual([['case-x', 2], ['case-y', 3], ['chapter-a', 2]]);
  });

  it("reads Chromium's own PDF straight from its bytes, the same as pdf-lib reads it", async () => {
    // 30 pages (a page tree of more than one level), tagged as the book is, links to every
    // destination; `odd é` is a name Chromium writes with #-escapes, which the quick reader leaves to pdf-lib.
    const ids = Array.from({ length: 30 }, (_, i) => `part-${i}`);
    const html = (names: string[]) => `<!doctype html><style>@page { size: A4; } section { break-before: page; }</style>${names.map((id) => `<section id="${id}">${id}</section>`).join('')}<div hidden>${names.map((id) => `<a href="#${encodeURIComponent(id)}"></a>`).join('')}</div>`;
    const { browser } = await launchBrowser({ env: process.env });
    try {
      const page = await browser.newPage();
      await page.setContent(html(ids));
      const plain = await page.pdf({ preferCSSPageSize: true, tagged: true });
      await page.setContent(html([...ids, 'odd é']));
      const odd = await page.pdf({ preferCSSPageSize: true, tagged: true });
      const quick = chromiumDestinations(plain);
      expect(quick?.count).toBe(30);
      expect(quick?.pages.get('part-0')).toBe(1);
      expect(quick?.pages.get('part-29')).toBe(30);
      const full = await libraryDestinations(plain);
      expect([...quick!.pages].sort()).toEqual([...full.pages].sort());
      expect(chromiumDestinations(odd)).toBeUndefined();
      // (Chromium names a destination by the link's fragment, percent-encoded.)
      expect((await readDestinations(odd)).pages.get('odd%20%C3%A9')).toBe(31);
      expect(chromiumDestinations(await foreignPdf())).toBeUndefined();
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('finishes a PDF of another shape through pdf-lib: bookmarks for what exists, metadata, a fixed id', async () => {
    const finished = await finishPdf(await foreignPdf(), outline, meta, '0123456789abcdef0123456789abcdef');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: finished.slice(), verbosity: 0 }).promise;
    const tree = await doc.getOutline();
    expect(tree.map((i) => i.title)).toEqual(['1. Hoofdstuk A']);
    expect(tree[0]!.items.map((i) => i.title)).toEqual(['1. Casus X', '2. Casus Y']);
    const { info } = (await doc.getMetadata()) as { info: Record<string, unknown> };
    expect(info).toMatchObject({ Title: meta.title, Author: 'Gemeente Test', Subject: 'Dilemma’s', Keywords: 'Maatwerk, Eigen kracht', Creator: 'casebook test', Language: 'nl' });
    expect(doc.fingerprints[0]).toBe('0123456789abcdef0123456789abcdef');
    await doc.destroy();
    expect(Buffer.from(await finishPdf(await foreignPdf(), outline, meta, '0123456789abcdef0123456789abcdef')).equals(Buffer.from(finished))).toBe(true);
  });
});
