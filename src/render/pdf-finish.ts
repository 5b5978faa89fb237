/**
 * Finishing Chromium's PDF: bookmarks for the parts, the chapters and the cases; title,
 * author, subject and keywords; the build date as creation and modification date; and a file
 * id derived from the input, so that the same input gives the same bytes.
 *
 * Chromium writes plain PDF (one classic cross-reference table, no object streams), so this
 * is done as an incremental update: the new objects are appended after the original bytes,
 * which costs milliseconds where re-saving a 2,000-page document costs many seconds. Only
 * the dates in Chromium's own information dictionary are overwritten in place, with text of
 * the same length. A file in any other shape (another browser's writer) is finished by
 * loading and saving it with pdf-lib instead.
 */
import type { PDFDict, PDFDocument, PDFRef } from 'pdf-lib';
import { catalogDestinations, objectDict, readStructure, type ChromiumPdf } from './chromium-pdf.js';

export interface OutlineEntry {
  title: string;
  anchor: string;
  children?: OutlineEntry[];
}

export interface PdfMetadata {
  title: string;
  author?: string;
  subject?: string;
  keywords: string[];
  lang: string;
  creator: string;
  /** Creation and modification date (the build date). */
  date: Date;
}

/** `D:20260101000000+00'00'`: the form (and length) Chromium writes. */
export function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+00'00'`;
}

/** A PDF text string in UTF-16BE, as hex: safe for any character. */
function textString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

export async function finishPdf(bytes: Uint8Array, outline: OutlineEntry[], meta: PdfMetadata, id: string): Promise<Uint8Array> {
  return appendUpdate(bytes, outline, meta, id) ?? (await resave(bytes, outline, meta, id));
}

/** The build date over Chromium's own (same length, so no offset moves); undefined when the lengths differ. */
function patchDates(original: Buffer, info: { start: number; dict: string }, date: string): Buffer | undefined {
  const patched = Buffer.from(original);
  for (const key of ['CreationDate', 'ModDate']) {
    const found = new RegExp(`/${key} \\((D:[^)]*)\\)`).exec(info.dict);
    if (!found) continue;
    if (found[1]!.length !== date.length) return undefined;
    patched.write(date, info.start + found.index + key.length + 3, 'latin1');
  }
  return patched;
}

function infoObject(meta: PdfMetadata, info: string, date: string): string {
  const entries = [
    `/Title ${textString(meta.title)}`,
    meta.author ? `/Author ${textString(meta.author)}` : '',
    meta.subject ? `/Subject ${textString(meta.subject)}` : '',
    meta.keywords.length ? `/Keywords ${textString(meta.keywords.join(', '))}` : '',
    `/Creator ${textString(meta.creator)}`,
    /\/Producer \([^)]*\)/.exec(info)?.[0] ?? '',
    `/CreationDate (${date})`,
    `/ModDate (${date})`,
  ].filter(Boolean);
  return `<<${entries.join('\n')}>>`;
}

/** The bookmark objects of one level (and those below), numbered from `numbering.next`; only entries whose anchor has a destination. */
function outlineLevel(entries: OutlineEntry[], parent: number, destinations: Map<string, string>, numbering: { next: number }, objects: Array<[number, string]>): { first: number; last: number; count: number } | undefined {
  const items = entries.filter((e) => destinations.has(e.anchor));
  if (items.length === 0) return undefined;
  const numbers = items.map(() => numbering.next++);
  let count = items.length;
  items.forEach((entry, i) => {
    const fields = [`/Title ${textString(entry.title)}`, `/Parent ${parent} 0 R`, `/Dest ${destinations.get(entry.anchor)}`];
    if (i > 0) fields.push(`/Prev ${numbers[i - 1]} 0 R`);
    if (i < numbers.length - 1) fields.push(`/Next ${numbers[i + 1]} 0 R`);
    const children = outlineLevel(entry.children ?? [], numbers[i]!, destinations, numbering, objects);
    if (children) {
      fields.push(`/First ${children.first} 0 R`, `/Last ${children.last} 0 R`, `/Count ${children.count}`);
      count += children.count;
    }
    objects.push([numbers[i]!, `<<${fields.join('\n')}>>`]);
  });
  return { first: numbers[0]!, last: numbers[numbers.length - 1]!, count };
}

/** The new objects appended, with a cross-reference section that points back at the original one. */
function appendObjects(patched: Buffer, pdf: ChromiumPdf, objects: Array<[number, string]>, trailer: { size: number; info: number; id: string }): Uint8Array {
  const parts: string[] = ['\n'];
  let position = patched.length + 1;
  const offsets = new Map<number, number>();
  for (const [number, dict] of objects.sort((a, b) => a[0] - b[0])) {
    const body = `${number} 0 obj\n${dict}\nendobj\n`;
    offsets.set(number, position);
    parts.push(body);
    position += Buffer.byteLength(body, 'latin1');
  }
  const entry = (n: number) => `${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
  const newNumbers = [...offsets.keys()].filter((n) => n >= pdf.size);
  const { id } = trailer;
  parts.push(
    'xref\n',
    `${pdf.root} 1\n${entry(pdf.root)}`,
    `${pdf.size} ${newNumbers.length}\n${newNumbers.map(entry).join('')}`,
    `trailer\n<</Size ${trailer.size}\n/Root ${pdf.root} 0 R\n/Info ${trailer.info} 0 R\n/Prev ${pdf.startxref}\n/ID [<${id}> <${id}>]>>\n`,
    `startxref\n${position}\n%%EOF\n`,
  );
  return Buffer.concat([patched, Buffer.from(parts.join(''), 'latin1')]);
}

function appendUpdate(bytes: Uint8Array, outline: OutlineEntry[], meta: PdfMetadata, id: string): Uint8Array | undefined {
  const original = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = original.toString('latin1');
  const pdf = readStructure(text);
  if (!pdf) return undefined;
  const catalog = objectDict(pdf, pdf.root);
  const info = objectDict(pdf, pdf.info);
  if (!catalog || !info || !/\/Type \/Catalog\b/.test(catalog.dict) || /\/(Outlines|PageMode|Names)\b/.test(catalog.dict)) return undefined;
  const destinations = catalogDestinations(pdf, catalog.dict);
  const date = pdfDate(meta.date);
  const patched = destinations && patchDates(original, info, date);
  if (!destinations || !patched) return undefined;

  // New objects: the information dictionary, the bookmarks, and the catalog again.
  const numbering = { next: pdf.size };
  const objects: Array<[number, string]> = [];
  const infoNumber = numbering.next++;
  objects.push([infoNumber, infoObject(meta, info.dict, date)]);
  const outlinesNumber = numbering.next++;
  const top = outlineLevel(outline, outlinesNumber, destinations, numbering, objects);
  let catalogDict = catalog.dict.slice(0, -2);
  if (top) {
    objects.push([outlinesNumber, `<</Type /Outlines\n/First ${top.first} 0 R\n/Last ${top.last} 0 R\n/Count ${top.count}>>`]);
    catalogDict += `\n/Outlines ${outlinesNumber} 0 R\n/PageMode /UseOutlines`;
  }
  if (!/\/Lang\b/.test(catalogDict)) catalogDict += `\n/Lang ${textString(meta.lang)}`;
  objects.push([pdf.root, `${catalogDict}>>`]);
  return appendObjects(patched, pdf, objects, { size: numbering.next, info: infoNumber, id });
}

/** The same finish through pdf-lib, for a PDF that is not in Chromium's shape. */
async function resave(bytes: Uint8Array, outline: OutlineEntry[], meta: PdfMetadata, id: string): Promise<Uint8Array> {
  // Loaded only when needed: it takes a quarter of a second to import.
  const lib = await import('pdf-lib');
  const { PDFDict, PDFHexString, PDFName } = lib;
  const doc = await lib.PDFDocument.load(bytes, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  doc.setCreator(meta.creator);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.setLanguage(meta.lang);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  if (meta.keywords.length > 0) info.set(PDFName.of('Keywords'), PDFHexString.fromText(meta.keywords.join(', ')));
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  addOutline(lib, doc, outline, (anchor) => dests?.get(PDFName.of(anchor)));
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

function addOutline(lib: typeof import('pdf-lib'), doc: PDFDocument, outline: OutlineEntry[], destination: (anchor: string) => ReturnType<PDFDict['get']>): void {
  const { PDFHexString, PDFName, PDFNumber } = lib;
  const context = doc.context;
  const level = (entries: OutlineEntry[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } | undefined => {
    const items = entries.filter((e) => destination(e.anchor) !== undefined);
    if (items.length === 0) return undefined;
    const refs = items.map(() => context.nextRef());
    let count = items.length;
    items.forEach((entry, i) => {
      const item = context.obj({});
      item.set(PDFName.of('Title'), PDFHexString.fromText(entry.title));
      item.set(PDFName.of('Parent'), parent);
      item.set(PDFName.of('Dest'), destination(entry.anchor)!);
      if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
      const children = level(entry.children ?? [], refs[i]!);
      if (children) {
        item.set(PDFName.of('First'), children.first);
        item.set(PDFName.of('Last'), children.last);
        item.set(PDFName.of('Count'), PDFNumber.of(children.count));
        count += children.count;
      }
      context.assign(refs[i]!, item);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count };
  };
  const root = context.nextRef();
  const top = level(outline, root);
  if (!top) return;
  const outlines = context.obj({});
  outlines.set(PDFName.of('Type'), PDFName.of('Outlines'));
  outlines.set(PDFName.of('First'), top.first);
  outlines.set(PDFName.of('Last'), top.last);
  outlines.set(PDFName.of('Count'), PDFNumber.of(top.count));
  context.assign(root, outlines);
  doc.catalog.set(PDFName.of('Outlines'), root);
}
