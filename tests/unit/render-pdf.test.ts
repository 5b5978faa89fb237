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

  it("gives up at once on a page tree that is not Chromium's shape (a node met twice)", () => {
    // Chromium's layout (one xref table, plain dictionaries). Twelve /Pages levels, each with
    // 40 kids that are all the next level, then one page: walked as a tree, that is 40^12
    // visits within the depth limit; each object is read once instead.
    const pdf = (levels: number, kids: number) => {
      const objects = ['<< /Type /Catalog /Pages 4 0 R >>', '<< /Producer (Skia/PDF) >>', '<< /Type /Page >>'];
      for (let level = 0; level < levels; level++) {
        const next = level === levels - 1 ? 3 : 5 + level;
        objects.push(`<< /Type /Pages /Kids [${Array.from({ length: kids }, () => `${next} 0 R`).join(' ')}] /Count 1 >>`);
      }
      let text = '%PDF-1.4\n';
      const offsets = objects.map((dict, i) => {
        const at = text.length;
        text += `${i + 1} 0 obj\n${dict}\nendobj\n`;
        return at;
      });
      const startxref = text.length;
      text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
      text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 2 0 R >>\nstartxref\n${startxref}\n%%EOF`;
      return new TextEncoder().encode(text);
    };
    expect(chromiumDestinations(pdf(3, 1))).toEqual({ pages: new Map(), count: 1 });
    expect(chromiumDestinations(pdf(12, 40))).toBeUndefined();
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
