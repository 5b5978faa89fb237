#!/usr/bin/env node
// Where Chromium spends a print of casebook's pages (issue 18, "PDF per page"). Two steps:
//
//   node bench/pdf-cost.mjs capture <casebook folder> <book.html>
//     builds the book's PDF through casebook's own path (dist/) and keeps the exact page it
//     prints: page numbers filled in, the hidden destination links added.
//   node bench/pdf-cost.mjs print <book.html> <rounds> <variant> [<variant> ...]
//     prints that page once per variant per round, the variants alternating (A B A B), in one
//     browser, after a warm-up print. A variant is `base` or one of VARIANTS below (a change to
//     the CSS or the DOM, or a print option). For each print: the wall time of Page.printToPDF,
//     Chromium's own CPU during it per process type (SystemInfo.getProcessInfo, sampled while
//     it runs, since the print compositor ends with the print), the pages and the bytes.
//
// The page's Content Security Policy is bypassed for every variant alike, so that a variant can
// add CSS. Numbers: BENCHMARKS.md, "PDF per page".
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [mode, ...rest] = process.argv.slice(2);

/** Each variant: CSS appended to the page, a DOM change before the print, or print options. */
const VARIANTS = {
  base: {},
  // The paper named in the print options too (puppeteer's default is Letter; the CSS says A4).
  a4: { pdf: { format: 'A4' } },
  a4untagged: { pdf: { format: 'A4', tagged: false } },
  untagged: { pdf: { tagged: false } },
  // No soft hyphens in the text (the DOM's text nodes), hyphenation left to nobody.
  noshy: { dom: () => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); for (let n; (n = w.nextNode());) if (n.data.includes('\u00AD')) n.data = n.data.replaceAll('\u00AD', ''); } },
  nokern: { css: '* { font-kerning: none !important; font-variant-ligatures: none !important; text-rendering: optimizeSpeed !important; }' },
  speed: { css: '* { text-rendering: optimizeSpeed !important; }' },
  nobg: { css: '* { background: none !important; box-shadow: none !important; } ', pdf: { printBackground: false } },
  noborder: { css: '* { border: 0 !important; }' },
  nobreak: { css: '* { break-inside: auto !important; break-after: auto !important; orphans: 1 !important; widows: 1 !important; }' },
  nomargin: { css: '@page { @top-left { content: none } @top-center { content: none } @top-right { content: none } @bottom-left { content: none } @bottom-right { content: none } }' },
  nonamedpages: { css: '* { page: auto !important; }' },
  noflex: { css: '.toc-title { display: block !important; } .toc-title::after { display: none !important; } .toc a, .value-cases a, .chapter-cases a { display: block !important; }' },
  nogrid: { css: '.value-list { display: block !important; }' },
  onefont: { css: '* { font-family: "Liberation Serif" !important; }' },
  dejavu: { css: '* { font-family: "DejaVu Sans" !important; }' },
  nohiddenlinks: { dom: () => { for (const box of document.querySelectorAll('body > div[hidden]')) box.remove(); } },
  nolinks: { dom: () => { for (const a of document.querySelectorAll('a[href]')) a.removeAttribute('href'); } },
  noariahidden: { dom: () => { for (const el of document.querySelectorAll('[aria-hidden]')) el.remove(); } },
  nosvg: { dom: () => { for (const el of document.querySelectorAll('svg')) el.remove(); } },
  noimg: { dom: () => { for (const el of document.querySelectorAll('img')) el.remove(); } },
  nomatrix: { dom: () => { for (const el of document.querySelectorAll('.matrix-section')) el.remove(); } },
  nocolor: { css: '* { color: #000 !important; }' },
  nocoloradjust: { css: '* { -webkit-print-color-adjust: economy !important; print-color-adjust: economy !important; }' },
  nouppercase: { css: '* { text-transform: none !important; letter-spacing: normal !important; }' },
  // Generic containers (div, span, section, dt/dd wrappers) out of the accessibility tree: Chromium tags them /NonStruct.
  rolenone: { dom: () => { for (const el of document.querySelectorAll('div, span, section')) if (!el.hasAttribute('role')) el.setAttribute('role', 'none'); } },
  rolenonespan: { dom: () => { for (const el of document.querySelectorAll('span')) if (!el.hasAttribute('role')) el.setAttribute('role', 'none'); } },
  rolenonediv: { dom: () => { for (const el of document.querySelectorAll('div')) if (!el.hasAttribute('role')) el.setAttribute('role', 'none'); } },
  ariahiddendiv: { dom: () => { for (const el of document.querySelectorAll('div div div')) el.setAttribute('aria-hidden', 'true'); } },
  contentsdiv: { css: 'div { display: contents !important; }' },
  // Attributes Chromium may carry into the accessibility tree: data-*, classes and ids (the
  // classes only after the style is computed would change the look, so this is for scale only).
  nodata: { dom: () => { for (const el of document.querySelectorAll('*')) for (const a of [...el.attributes]) if (a.name.startsWith('data-') && a.name !== 'data-label') el.removeAttribute(a.name); } },
  noids: { dom: () => { const linked = new Set([...document.querySelectorAll('a[href^="#"]')].map((a) => decodeURIComponent(a.getAttribute('href').slice(1)))); for (const el of document.querySelectorAll('[id]')) if (!linked.has(el.id) && !document.querySelector(`[aria-labelledby~="${CSS.escape(el.id)}"]`)) el.removeAttribute('id'); } },
  // The cover's named page with the same margins as the others.
  covermargin: { css: '@page cover { margin: 22mm 20mm 22mm 24mm; }' },
  coverauto: { css: '#cover, .cover { page: auto !important; }' },
  chaptersauto: { css: '.chapter, .case { page: auto !important; }' },
  // The cover on a page with the others' margins, bled into them.
  bleed: { css: '@page cover { margin: 22mm 20mm 22mm 24mm; } .cover { margin: -22mm -20mm -22mm -24mm !important; height: 297mm !important; box-sizing: border-box; }' },
  // The cover on a page with the others' margins, its colour the page's background (one print layout fewer).
  coverpage: { css: '@page cover { margin: 22mm 20mm 22mm 24mm; background: #1d4e6e; } .cover { height: 253mm !important; padding: 6mm 4mm 2mm 2mm !important; background: none !important; }' },
  notabular: { css: '* { font-variant-numeric: normal !important; }' },
};

async function capture(folder, out) {
  // The page casebook prints, taken at the moment it is printed.
  const { CdpPage: Page } = await import('puppeteer-core');
  const original = Page.prototype.pdf;
  let printed = 0;
  Page.prototype.pdf = async function (options) {
    writeFileSync(out, await this.content());
    printed++;
    return original.call(this, options);
  };
  const { runCli } = await import(path.join(root, 'dist/cli/main.js'));
  process.chdir(folder);
  const code = await runCli(['build', '--format', 'pdf', '--out', path.join(folder, 'out')]);
  console.log(`exit ${code ?? 0}, ${printed} print(s), page written to ${out}`);
}

async function print(html, rounds, names) {
  for (const name of names) for (const part of name.split('+')) if (!VARIANTS[part]) throw new Error(`no variant ${part}: ${Object.keys(VARIANTS).join(' ')}`);
  const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-sandbox', '--ipc-connection-timeout=3600'];
  const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args, protocolTimeout: 3_600_000 });
  const session = await browser.target().createCDPSession();
  const text = readFileSync(html, 'utf8');
  const results = new Map(names.map((n) => [n, []]));
  const once = async (name) => {
    // `a+b`: both variants at once.
    const parts = name.split('+').map((part) => VARIANTS[part]);
    const variant = { css: parts.map((v) => v.css ?? '').join('\n'), dom: parts.filter((v) => v.dom).map((v) => v.dom), pdf: Object.assign({}, ...parts.map((v) => v.pdf)) };
    const page = await browser.newPage();
    try {
      await page.setBypassCSP(true);
      await page.setJavaScriptEnabled(false);
      await page.emulateMediaType('print');
      await page.setContent(text, { waitUntil: 'load', timeout: 0 });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      if (variant.css) await page.evaluate((css) => { const s = document.createElement('style'); s.textContent = css; document.head.append(s); }, variant.css);
      for (const change of variant.dom) await page.evaluate(change);
      // Laid out before the print starts, as in casebook (the estimate lays the book out).
      await page.evaluate(() => document.body.getBoundingClientRect().height);
      const client = await page.createCDPSession();
      await client.send('Performance.enable');
      const metrics = async () => Object.fromEntries((await client.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
      const m0 = await metrics();
      const cpu = new Map();
      const sample = async () => { for (const p of (await session.send('SystemInfo.getProcessInfo')).processInfo) cpu.set(p.id, { type: p.type, cpu: p.cpuTime }); };
      await sample();
      const before = new Map([...cpu].map(([id, p]) => [id, p.cpu]));
      const sampling = setInterval(() => void sample().catch(() => undefined), 250);
      const started = Date.now();
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false, timeout: 0, ...variant.pdf });
      const wall = (Date.now() - started) / 1000;
      const m1 = await metrics();
      const layouts = `${m1.LayoutCount - m0.LayoutCount} layouts ${(m1.LayoutDuration - m0.LayoutDuration).toFixed(2)} s`;
      // PDF_COST_SAVE=<folder>: each variant's PDF kept, to look at.
      if (process.env.PDF_COST_SAVE) writeFileSync(path.join(process.env.PDF_COST_SAVE, `${name}.pdf`), pdf);
      clearInterval(sampling);
      await sample();
      const byType = {};
      for (const [id, p] of cpu) byType[p.type] = (byType[p.type] ?? 0) + p.cpu - (before.get(id) ?? 0);
      const total = Object.values(byType).reduce((a, b) => a + b, 0);
      const pages = Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
      return { wall, total, byType, pages, bytes: pdf.length, layouts };
    } finally {
      await page.close();
    }
  };
  try {
    await once(names[0]);
    for (let round = 0; round < rounds; round++) {
      for (const name of round % 2 ? [...names].reverse() : names) {
        const r = await once(name);
        results.get(name).push(r);
        const types = Object.entries(r.byType).filter(([, s]) => s > 0.05).map(([t, s]) => `${t} ${s.toFixed(1)}`).join(', ');
        console.log(`${name.padEnd(14)} wall ${r.wall.toFixed(2)} s, CPU ${r.total.toFixed(2)} s (${types}), ${r.pages} pages, ${(r.bytes / 1e6).toFixed(2)} MB, ${(1000 * r.total / r.pages).toFixed(1)} ms CPU/page, ${r.layouts}`);
      }
    }
  } finally {
    await browser.close();
  }
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
  console.log('median of each:');
  for (const [name, rs] of results) {
    console.log(`${name.padEnd(14)} wall ${median(rs.map((r) => r.wall)).toFixed(2)} s, CPU ${median(rs.map((r) => r.total)).toFixed(2)} s, ${rs[0].pages} pages, ${(median(rs.map((r) => r.total)) * 1000 / rs[0].pages).toFixed(1)} ms CPU/page`);
  }
}

if (mode === 'capture') await capture(path.resolve(rest[0]), path.resolve(rest[1]));
else if (mode === 'print') await print(path.resolve(rest[0]), Number(rest[1] ?? 3), rest.slice(2).length ? rest.slice(2) : ['base']);
else {
  console.error('usage: pdf-cost.mjs capture <casebook folder> <book.html> | print <book.html> <rounds> <variant>...');
  process.exitCode = 2;
}
