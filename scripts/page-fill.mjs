/**
 * How full the pages of a casebook PDF are, measured from the PDF itself (poppler): for each
 * page, how far down the content area the text reaches (0..1), and for each case the pages
 * before its last page that are less than half filled. Used by the build tests and for the
 * page counts in BENCHMARKS.md.
 *
 *   node scripts/page-fill.mjs book.pdf
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The printed page's content box in points (A4, margins 22 mm top and bottom: src/render/html.ts PAGE). */
const MM = 72 / 25.4;
const TOP = 22 * MM;
const BOTTOM = (297 - 22) * MM;
/** Parts that start on a page of their own. */
const PART_ANCHORS = new Set(['cover', 'colophon', 'guide', 'contents', 'decisions', 'value-index', 'matrix-overview', 'matrix']);

/** Page (1-based) of every named destination. */
export function destinations(file) {
  const out = execFileSync('pdfinfo', ['-dests', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const pages = new Map();
  for (const match of out.matchAll(/^\s*(\d+)\s+\[[^\]]*\]\s+"([^"]+)"$/gm)) pages.set(match[2], Number(match[1]));
  return pages;
}

/** For each page, how far down the content area its text reaches (running heads and footers excluded). */
export function pageFills(file) {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  return html.split('<page ').slice(1).map((page) => {
    let lowest = TOP;
    for (const match of page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)) {
      const yMin = Number(match[1]);
      const yMax = Number(match[2]);
      if (yMin >= TOP - 2 && yMax <= BOTTOM + 2) lowest = Math.max(lowest, yMax);
    }
    return Math.min(1, (lowest - TOP) / (BOTTOM - TOP));
  });
}

/** Every case's pages, and those before its last page that are less than `threshold` full. */
export function measure(file, threshold = 0.5) {
  const dests = destinations(file);
  const fills = pageFills(file);
  const starts = [...new Set([...dests].filter(([name]) => name.startsWith('case-') || name.startsWith('chapter-') || PART_ANCHORS.has(name)).map(([, page]) => page))].sort((a, b) => a - b);
  const cases = [...dests].filter(([name]) => name.startsWith('case-')).map(([anchor, first]) => {
    const next = starts.find((page) => page > first) ?? fills.length + 1;
    const last = next - 1;
    const thin = [];
    for (let page = first; page < last; page++) if (fills[page - 1] < threshold) thin.push({ page, fill: Number(fills[page - 1].toFixed(2)) });
    return { anchor, first, last, pages: last - first + 1, thin };
  }).sort((a, b) => a.first - b.first);
  return { pages: fills.length, fills, cases, thin: cases.flatMap((c) => c.thin.map((t) => ({ anchor: c.anchor, ...t }))) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) {
    const result = measure(file);
    const perCase = result.cases.map((c) => c.pages);
    console.log(`${file}: ${result.pages} pages, ${result.cases.length} cases, ${(perCase.reduce((a, b) => a + b, 0) / perCase.length).toFixed(2)} pages per case, ${result.thin.length} pages before a case's last page under half full`);
    for (const t of result.thin.slice(0, 20)) console.log(`  page ${t.page} (${t.anchor}): ${Math.round(t.fill * 100)}%`);
  }
}
