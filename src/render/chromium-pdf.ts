/**
 * Reading a PDF as Chromium writes it, without a PDF library: one classic cross-reference
 * table, no object streams, plain dictionaries. Each function returns undefined for any other
 * shape, and the caller then takes the slow, general road (pdf-lib). Loading a book's PDF
 * whole in pdf-lib costs about 4 ms of processor time a page (5 s and a gigabyte at 2,000
 * pages, most of it the tagged structure's objects); what the build needs from it (where each
 * named destination lands, the catalog, the information dictionary) is a few hundred objects.
 */

export interface ChromiumPdf {
  /** The whole file as latin1 text (one character a byte). */
  text: string;
  size: number;
  root: number;
  info: number;
  startxref: number;
  /** Byte offset of each object, from the cross-reference table. */
  offset(n: number): number;
}

/** The trailer and cross-reference table of a PDF as Chromium writes it; undefined for any other shape. */
export function readStructure(text: string): ChromiumPdf | undefined {
  const end = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-64));
  if (!end) return undefined;
  const startxref = Number(end[1]);
  const table = /^xref\n0 (\d+)\n/.exec(text.slice(startxref, startxref + 32));
  if (!table) return undefined;
  const entries = startxref + table[0].length;
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(text.slice(entries + Number(table[1]) * 20, entries + Number(table[1]) * 20 + 512));
  if (!trailer) return undefined;
  const field = (name: string) => Number(new RegExp(`/${name} (\\d+)`).exec(trailer[1]!)?.[1]);
  const size = Number(field('Size'));
  const root = Number(field('Root'));
  const info = Number(field('Info'));
  if (!size || !root || !info || size !== Number(table[1]) || /\/(Prev|Encrypt|XRefStm)\b/.test(trailer[1]!)) return undefined;
  return { text, size, root, info, startxref, offset: (n) => (n > 0 && n < size ? Number(text.slice(entries + n * 20, entries + n * 20 + 10)) : -1) };
}

/** The dictionary of object `n` (no stream), as text. */
export function objectDict(pdf: ChromiumPdf, n: number): { start: number; dict: string } | undefined {
  const { text } = pdf;
  const start = pdf.offset(n);
  const head = `${n} 0 obj\n`;
  if (start < 0 || text.slice(start, start + head.length) !== head) return undefined;
  const close = text.indexOf('\nendobj', start);
  if (close < 0) return undefined;
  const dict = text.slice(start + head.length, close);
  return dict.startsWith('<<') && dict.endsWith('>>') ? { start: start + head.length, dict } : undefined;
}

/** The text of the catalog's /Dests dictionary ('' when there is none; undefined: not in the shape we know). */
function destsDict(pdf: ChromiumPdf, catalog: string): string | undefined {
  const destsRef = /\/Dests (\d+) 0 R/.exec(catalog);
  return destsRef ? objectDict(pdf, Number(destsRef[1]))?.dict : '';
}

/** The explicit destinations in a /Dests dictionary's text, as `[page 0 R /XYZ …]`. */
function explicitDestinations(dests: string): Map<string, string> {
  return new Map([...dests.matchAll(/\/([A-Za-z0-9_.-]+) (\[\d+ 0 R \/XYZ [^\]]*\])/g)].map((match) => [match[1]!, match[2]!]));
}

/** Where each anchor lands: the explicit destinations of the catalog's /Dests dictionary, as `[page 0 R /XYZ …]` (undefined: not in the shape we know). */
export function catalogDestinations(pdf: ChromiumPdf, catalog: string): Map<string, string> | undefined {
  const dests = destsDict(pdf, catalog);
  return dests === undefined ? undefined : explicitDestinations(dests);
}

/** Deepest page tree Chromium writes is a few levels; anything deeper is not its shape. */
const MAX_PAGE_TREE_DEPTH = 16;

/** The page objects in reading order, from the catalog's /Pages tree; undefined when a node is not in the shape we know. */
function pageObjects(pdf: ChromiumPdf, catalog: string): number[] | undefined {
  const rootRef = /\/Pages (\d+) 0 R/.exec(catalog);
  if (!rootRef) return undefined;
  const pages: number[] = [];
  // Each object is read once: a node met again (a kid shared by several nodes, a cycle) is not
  // Chromium's shape. The depth limit alone still lets a kid listed many times on every level
  // make an exponential walk; this way the walk stays within the file's objects.
  const seen = new Set<number>();
  const visit = (n: number, depth: number): boolean => {
    if (seen.has(n)) return false;
    seen.add(n);
    const node = objectDict(pdf, n);
    if (!node || depth > MAX_PAGE_TREE_DEPTH) return false;
    if (/\/Type \/Pages\b/.test(node.dict)) {
      const kids = /\/Kids \[([\d\sR]*)\]/.exec(node.dict);
      if (!kids) return false;
      return [...kids[1]!.matchAll(/(\d+) 0 R/g)].every((kid) => visit(Number(kid[1]), depth + 1));
    }
    if (!/\/Type \/Page\b/.test(node.dict)) return false;
    pages.push(n);
    return true;
  };
  return visit(Number(rootRef[1]), 0) ? pages : undefined;
}

/**
 * Where each named destination lands (1-based page numbers) and how many pages there are, read
 * straight from Chromium's bytes; undefined for a PDF in any other shape. Every entry of the
 * /Dests dictionary must be understood, so that none is silently missed.
 */
export function chromiumDestinations(bytes: Uint8Array): { pages: Map<string, number>; count: number } | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const pdf = readStructure(text);
  const catalog = pdf && objectDict(pdf, pdf.root);
  if (!pdf || !catalog || !/\/Type \/Catalog\b/.test(catalog.dict) || /\/Names\b/.test(catalog.dict)) return undefined;
  const order = pageObjects(pdf, catalog.dict);
  const dests = destsDict(pdf, catalog.dict);
  if (!order || dests === undefined) return undefined;
  const destinations = explicitDestinations(dests);
  // Each `/name [` opens one entry: as many as were understood, or this is not the shape we know.
  if ((dests.match(/\/[^\s/[\]<>()]+\s*\[/g)?.length ?? 0) !== destinations.size) return undefined;
  const pageOfObject = new Map(order.map((n, index) => [n, index + 1]));
  const pages = new Map<string, number>();
  for (const [name, dest] of destinations) {
    const page = pageOfObject.get(Number(/^\[(\d+) 0 R/.exec(dest)![1]));
    if (page === undefined) return undefined;
    pages.set(name, page);
  }
  return { pages, count: order.length };
}
