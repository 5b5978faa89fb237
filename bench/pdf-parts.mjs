#!/usr/bin/env node
// A probe for issue 18's "PDF across cores" (not casebook's build path): prints a book's HTML
// (casebook build --format html) tagged, the way casebook prints it, either whole or as one
// of two halves: the cases split in two in book order, the front matter (cover, colophon,
// guide, contents) with the first half and the back matter (decisions, index, heat map,
// matrix) with the second. Prints the wall time of Page.printToPDF alone and the pages.
//   node bench/pdf-parts.mjs <book.html> all|first|second <out.pdf> [css selector to leave out]
// Run under /usr/bin/time for the CPU of the whole process tree; run two halves at once
// (two browsers) for the parallel case. BENCHMARKS.md ("PDF across cores") has the numbers.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const [html, part, out, leaveOut] = process.argv.slice(2);
const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-sandbox', '--ipc-connection-timeout=3600'];
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args, protocolTimeout: 3_600_000 });
try {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.emulateMediaType('print');
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load', timeout: 0 });
  if (part !== 'all') {
    await page.evaluate((half) => {
      const cases = [...document.querySelectorAll('article.case')];
      const cut = Math.ceil(cases.length / 2);
      for (const c of half === 'first' ? cases.slice(cut) : cases.slice(0, cut)) c.remove();
      for (const chapter of document.querySelectorAll('section.chapter')) if (!chapter.querySelector('article.case')) chapter.remove();
      const front = ['.cover', '.colophon', '.guide', '.contents'];
      const back = ['.decisions-appendix', '.value-index', '.heatmap-section', '.matrix-section'];
      for (const selector of half === 'first' ? back : front) for (const el of document.querySelectorAll(selector)) el.remove();
    }, part);
  }
  // Chromium's own processor time per process (the print compositor ends when it is done, so
  // it is sampled while the print runs).
  const session = await browser.target().createCDPSession();
  const cpu = new Map();
  const sample = async () => { for (const p of (await session.send('SystemInfo.getProcessInfo')).processInfo) cpu.set(p.id, p.cpuTime); };
  await sample();
  const before = [...cpu.values()].reduce((a, b) => a + b, 0);
  const sampling = setInterval(() => void sample().catch(() => undefined), 500);
  // What a part of the book costs to print: the same print without it.
  // `unlink:<selector>`: the same elements kept, their links made plain text (what links cost).
  if (leaveOut?.startsWith('unlink:')) await page.evaluate((selector) => { for (const a of document.querySelectorAll(selector)) a.removeAttribute('href'); }, leaveOut.slice(7));
  else if (leaveOut) await page.evaluate((selector) => { for (const el of document.querySelectorAll(selector)) el.remove(); }, leaveOut);
  const started = Date.now();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false, timeout: 0 });
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampling);
  await sample();
  const used = [...cpu.values()].reduce((a, b) => a + b, 0) - before;
  writeFileSync(out, pdf);
  const pages = Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  console.log(`${part}: print ${seconds.toFixed(1)} s wall, ${used.toFixed(1)} s Chromium CPU, ${pages} pages, ${(pdf.length / 1e6).toFixed(1)} MB`);
} finally {
  await browser.close();
}
