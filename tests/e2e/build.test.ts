/**
 * `casebook build` end to end: the example casebook to HTML and PDF, read back with pdfjs,
 * poppler and Chromium. Chromium is slow on 2 cores, so each build runs once and its outputs
 * are shared by the assertions about it.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EPOCH, draftsLine, makeTree, repoRoot, runInProcess, type CliResult } from '../helpers.js';

const HTML = 'casusboekje-sociaal-domein.html';
const PDF = 'casusboekje-sociaal-domein.pdf';

type Run = CliResult;

/** `casebook …` in this process (nothing here depends on the process), reproducible. */
const run = (args: string[], cwd: string, env: Record<string, string | undefined> = {}) => runInProcess(args, { cwd, env: { SOURCE_DATE_EPOCH: EPOCH, ...env } });

/**
 * A copy of the example casebook in a temporary folder, with `extra` files; without the
 * example's cases where only the extra ones matter (each case makes the PDF longer to print).
 */
function exampleCopy(extra: Record<string, string> = {}, { cases = true } = {}): string {
  const dir = makeTree(extra, 'casebook-build-');
  if (cases) cpSync(path.join(repoRoot, 'cases'), path.join(dir, 'cases'), { recursive: true });
  if (!extra['casebook.yaml']) cpSync(path.join(repoRoot, 'casebook.yaml'), path.join(dir, 'casebook.yaml'));
  return dir;
}

interface ExampleCase {
  id: string;
  title: string;
  status: string;
  domains: string[];
}

function exampleCases(dir: string): ExampleCase[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.yaml') ? [path.join(d, e.name)] : []));
  return walk(path.join(dir, 'cases')).map((file) => {
    const data = parse(readFileSync(file, 'utf8')) as ExampleCase;
    return { ...data, status: data.status ?? 'draft' };
  });
}

interface OutlineItem {
  title: string;
  page: number;
  items: OutlineItem[];
}

interface PdfFacts {
  pages: number;
  outline: OutlineItem[];
  info: Record<string, unknown>;
  marked: boolean;
  /** Text of each page (index 0 = page 1), as pdftotext -layout reads it. */
  text: string[];
  bytes: Buffer;
}

async function readPdf(file: string): Promise<PdfFacts> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const bytes = readFileSync(file);
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const walk = async (items: Array<{ title: string; dest: unknown; items: unknown[] }> | null): Promise<OutlineItem[]> => {
    const result: OutlineItem[] = [];
    for (const item of items ?? []) {
      const dest = (typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest) as Array<{ num: number; gen: number }>;
      result.push({ title: item.title, page: (await doc.getPageIndex(dest[0]!)) + 1, items: await walk(item.items as never) });
    }
    return result;
  };
  const outline = await walk((await doc.getOutline()) as never);
  const { info } = await doc.getMetadata();
  const markInfo = await doc.getMarkInfo();
  const pages = doc.numPages;
  await doc.destroy();
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, pages);
  return { pages, outline, info: info as Record<string, unknown>, marked: markInfo?.Marked === true, text, bytes };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `3. Traplift of verhuizen` → [3, 'Traplift of verhuizen']. */
const numbered = (title: string) => {
  const match = /^(\d+)\. (.*)$/.exec(title)!;
  return [Number(match[1]), match[2]!] as const;
};

let browser: Browser;
beforeAll(async () => {
  browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
});

describe('casebook build on the example casebook', () => {
  let dir: string;
  let built: Run;
  let pdf: PdfFacts;
  let cases: ExampleCase[];

  beforeAll(async () => {
    dir = exampleCopy();
    cases = exampleCases(dir);
    built = await run(['build'], dir);
    pdf = await readPdf(path.join(dir, 'dist', PDF));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const published = () => cases.filter((c) => c.status !== 'draft');
  const drafts = () => cases.filter((c) => c.status === 'draft');
  const allCases = () => pdf.outline.flatMap((entry) => entry.items);

  it('writes both files and names them at the end, and says how many drafts are left out', () => {
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(drafts().length).toBeGreaterThan(1);
    expect(built.stdout).toBe(`Geschreven: dist/${HTML}\nGeschreven: dist/${PDF}\n${draftsLine(drafts().length)}`);
  });

  it('has bookmarks for the parts, the chapters and their cases, and the matrix on the last page', () => {
    expect(pdf.outline.map((e) => e.title)).toEqual([
      'Casusboekje sociaal domein', 'Colofon', 'Leeswijzer', 'Inhoud',
      '1. Wmo 2015', '2. Jeugdwet', '3. Participatiewet', '4. Wet gemeentelijke schuldhulpverlening', '5. Wet inburgering', '6. Integraal (over de domeinen)',
      'Kernwaardenregister', 'Overzicht per domein', 'Kernwaarden per casus',
    ]);
    expect(pdf.outline.slice(0, 4).map((e) => e.page)).toEqual([1, 2, 3, 4]);
    expect(allCases().map((c) => numbered(c.title)[0])).toEqual(published().map((_, i) => i + 1));
    expect(allCases().map((c) => numbered(c.title)[1]).sort()).toEqual(published().map((c) => c.title).sort());
    // Each case starts on a page of its own, after its chapter's opening page.
    const starts = pdf.outline.flatMap((e) => [e.page, ...e.items.map((c) => c.page)]);
    for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThan(starts[i - 1]!);
    expect(pdf.pages).toBe(pdf.outline.at(-1)!.page);
    expect(execFileSync('pdfinfo', [path.join(dir, 'dist', PDF)], { encoding: 'utf8' })).toMatch(new RegExp(`Pages:\\s+${pdf.pages}\\n[\\s\\S]*Page size:\\s+594.96 x 841.92 pts \\(A4\\)`));
  });

  it('prints in the contents the page where each chapter and case starts', () => {
    const contents = pdf.outline.find((e) => e.title === 'Inhoud')!;
    const firstChapter = pdf.outline.find((e) => e.title.startsWith('1. '))!;
    const lines = pdf.text.slice(contents.page - 1, firstChapter.page - 1).join('\n').split('\n');
    const entries = [...pdf.outline.filter((e) => /^\d+\. /.test(e.title)), ...allCases()];
    expect(entries.length).toBe(6 + published().length);
    for (const entry of entries) {
      const [number, title] = numbered(entry.title);
      const line = new RegExp(`^\\s*${number}\\s+${escapeRegex(title.slice(0, 28))}.*\\s(\\d+)\\s*$`);
      const found = lines.map((l) => line.exec(l)).find(Boolean);
      expect(found, `contents entry for ${entry.title}`).toBeTruthy();
      expect(Number(found![1]), entry.title).toBe(entry.page);
    }
    for (const part of ['Colofon', 'Leeswijzer', 'Kernwaardenregister', 'Kernwaarden per casus']) {
      const page = pdf.outline.find((e) => e.title === part)!.page;
      expect(lines.some((l) => new RegExp(`^\\s*${part}\\s.*\\s${page}\\s*$`).test(l)), part).toBe(true);
    }
  });

  it('prints in the value index the page where each case starts', () => {
    const index = pdf.outline.find((e) => e.title === 'Kernwaardenregister')!;
    const matrix = pdf.outline.find((e) => e.title === 'Kernwaarden per casus')!;
    const lines = pdf.text.slice(index.page - 1, matrix.page - 1).join('\n').split('\n');
    let checked = 0;
    for (const entry of allCases()) {
      const [number, title] = numbered(entry.title);
      const line = new RegExp(`^\\s*${number}\\s+${escapeRegex(title.slice(0, 28))}.*\\s(\\d+)\\s*$`);
      for (const match of lines.map((l) => line.exec(l)).filter(Boolean)) {
        expect(Number(match![1]), entry.title).toBe(entry.page);
        checked++;
      }
    }
    // Every case has at least one value, and is listed under each.
    expect(checked).toBeGreaterThanOrEqual(published().length);
  });

  it('has a running head with the title and the chapter, and "pagina X van Y" below', () => {
    const chapter = pdf.outline.find((e) => e.title === '2. Jeugdwet')!;
    for (const entry of chapter.items) {
      const page = pdf.text[entry.page]!; // the page after the case's first page
      expect(page).toContain('Casusboekje sociaal domein');
      expect(page).toContain('Hoofdstuk 2 · Jeugdwet');
      expect(page).toContain(`pagina ${entry.page + 1} van ${pdf.pages}`);
    }
    expect(pdf.text[0]).not.toMatch(/pagina 1 van/);
  });

  it('carries title, author, subject, keywords (the values), language and the build date in its metadata', () => {
    expect(pdf.info).toMatchObject({
      Title: 'Casusboekje sociaal domein',
      Author: 'Gemeente Voorbeeld',
      Subject: "Dilemma's uit de praktijk van de omgekeerde toets",
      Language: 'nl',
      Creator: 'casebook 0.1.0',
      CreationDate: "D:20260101000000+00'00'",
      ModDate: "D:20260101000000+00'00'",
    });
    expect(String(pdf.info.Keywords).split(', ')).toEqual(expect.arrayContaining(['Effect voorop', 'Samen met de inwoner', 'Rechtmatig']));
  });

  it('is tagged, and its fonts are named and embedded', () => {
    expect(pdf.marked).toBe(true);
    expect(pdf.bytes.includes('/StructTreeRoot')).toBe(true);
    // Finished as an update appended to Chromium's own bytes, not re-saved.
    expect(pdf.bytes.subarray(-600).toString('latin1')).toMatch(/\/Prev \d+\n\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]>>/);
    expect(execFileSync('qpdf', ['--check', path.join(dir, 'dist', PDF)], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
    const fonts = execFileSync('pdffonts', [path.join(dir, 'dist', PDF)], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(1);
    for (const font of fonts) {
      expect(font).toMatch(/^[A-Z]{6}\+Liberation(Serif|Sans)/);
      expect(font).toMatch(/\syes\s+yes\s+yes\s/); // embedded, subset, with a Unicode map
    }
  });

  it('leaves drafts out of both outputs', () => {
    expect(drafts().length).toBeGreaterThan(0);
    const text = pdf.text.join('\n').replace(/\s+/g, ' ');
    const html = readFileSync(path.join(dir, 'dist', HTML), 'utf8');
    for (const draft of drafts()) {
      expect(text).not.toContain(draft.title);
      expect(html).not.toContain(draft.title);
      expect(html).not.toContain(`id="case-${draft.id}"`);
    }
    expect(text).not.toMatch(/Concept/);
  });

  it('gives the same bytes for the same input with SOURCE_DATE_EPOCH', async () => {
    const again = await run(['build', '--out', 'again'], dir);
    expect(again.code).toBe(0);
    expect(readFileSync(path.join(dir, 'again', PDF)).equals(pdf.bytes)).toBe(true);
    expect(readFileSync(path.join(dir, 'again', HTML), 'utf8')).toBe(readFileSync(path.join(dir, 'dist', HTML), 'utf8'));
  }, 120_000);

  it('HTML: no request when it opens, readable without scripting, no axe-core violations with it', async () => {
    const url = pathToFileURL(path.join(dir, 'dist', HTML)).href;
    const page = await browser.newPage();
    try {
      const requests: string[] = [];
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.url() !== url) requests.push(request.url());
        void request.continue();
      });
      // Without scripting: the whole book, no finder.
      await page.setJavaScriptEnabled(false);
      await page.goto(url, { waitUntil: 'load' });
      expect(await page.$$eval('article.case', (els) => els.filter((el) => (el as HTMLElement).offsetHeight > 0).length)).toBe(published().length);
      expect(await page.$eval('#finder', (el) => (el as HTMLElement).offsetHeight)).toBe(0);
      // With scripting: search and filters work on the page itself.
      await page.setJavaScriptEnabled(true);
      await page.goto(url, { waitUntil: 'load' });
      await page.type('#finder-q', 'pgb');
      await page.waitForFunction(() => document.getElementById('finder-count')!.textContent!.startsWith('Casussen getoond: 2 van'));
      expect(await page.$eval('#finder-count', (el) => el.textContent)).toBe(`Casussen getoond: 2 van ${published().length}`);
      await page.click('#finder-reset');
      await page.select('#finder-domain', 'jeugdwet');
      const jeugd = published().filter((c) => c.domains.includes('jeugdwet')).length;
      expect(await page.$eval('#finder-count', (el) => el.textContent)).toBe(`Casussen getoond: ${jeugd} van ${published().length}`);
      await page.select('#finder-domain', '');
      expect(requests).toEqual([]);
      // axe-core, injected past the page's Content Security Policy (which would refuse it).
      await page.setBypassCSP(true);
      await page.goto(url, { waitUntil: 'load' });
      await page.addScriptTag({ content: readFileSync(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run();
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('marks drafts "Concept" on each of their pages with --drafts', async () => {
    const withDrafts = await run(['build', '--drafts', '--format', 'pdf', '--out', 'concepten'], dir);
    expect(withDrafts.code).toBe(0);
    expect(withDrafts.stdout).toBe(`Geschreven: concepten/casusboekje-sociaal-domein-concepten.pdf\n`);
    const facts = await readPdf(path.join(dir, 'concepten', 'casusboekje-sociaal-domein-concepten.pdf'));
    const starts = facts.outline.flatMap((e) => [e, ...e.items]).map((e) => e.page).sort((a, b) => a - b);
    const draftEntries = facts.outline.flatMap((e) => e.items).filter((c) => c.title.endsWith(' (Concept)'));
    expect(draftEntries.map((c) => numbered(c.title)[1].replace(/ \(Concept\)$/, '')).sort()).toEqual(drafts().map((c) => c.title).sort());
    for (const entry of draftEntries) {
      const end = starts.find((p) => p > entry.page)!;
      for (let page = entry.page; page < end; page++) expect(facts.text[page - 1], `page ${page}`).toMatch(/^\s*\S.*\sConcept\s/m);
    }
    // Other cases' pages carry no mark.
    const other = facts.outline.flatMap((e) => e.items).find((c) => !c.title.endsWith('(Concept)'))!;
    expect(facts.text[other.page - 1]).not.toContain('Concept');
  }, 120_000);

  it('makes an edition per domain, named after it, and refuses an unknown domain with a suggestion', async () => {
    const wmo = await run(['build', '--domain', 'wmo', '--format', 'html', '--out', 'edities'], dir);
    expect(wmo.code).toBe(0);
    // Only the drafts this edition would hold are counted.
    const wmoDrafts = drafts().filter((c) => c.domains.includes('wmo')).length;
    expect(wmoDrafts).toBeLessThan(drafts().length);
    expect(wmo.stdout).toBe(`Geschreven: edities/casusboekje-sociaal-domein-wmo.html\n${draftsLine(wmoDrafts)}`);
    const html = readFileSync(path.join(dir, 'edities', 'casusboekje-sociaal-domein-wmo.html'), 'utf8');
    const ids = [...html.matchAll(/<article id="case-([^"]+)"/g)].map((m) => m[1]).sort();
    expect(ids).toEqual(published().filter((c) => c.domains.includes('wmo')).map((c) => c.id).sort());
    const wrong = await run(['build', '--domain', 'wmoo', '--format', 'html'], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe("casebook: 'wmoo' is geen bekend domein; bedoelde je 'wmo'?\n");
    // Typed in capitals, an id is the same edition, under the same name.
    const capitals = await run(['build', '--domain', 'WMO', '--format', 'html', '--out', 'hoofdletters'], dir);
    expect(capitals.stdout).toBe(`Geschreven: hoofdletters/casusboekje-sociaal-domein-wmo.html\n${draftsLine(wmoDrafts)}`);
    expect(readFileSync(path.join(dir, 'hoofdletters', 'casusboekje-sociaal-domein-wmo.html'), 'utf8')).toBe(html);
  });

  it('keeps the previous output when validation fails, and says why', async () => {
    const before = [readFileSync(path.join(dir, 'dist', HTML)), readFileSync(path.join(dir, 'dist', PDF))];
    writeFileSync(path.join(dir, 'cases', 'kapot.yaml'), 'title: Een kapotte casus\nstatus: published\ndomains: [wmo]\nsituation: x\n');
    try {
      const failed = await run(['build'], dir);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(/kapot\.yaml\n\s+1:1\s+fout\s+Het verplichte veld 'dilemma' ontbreekt\.\s+schema\/required/);
      expect(failed.stderr).toBe('Er is niets gebouwd: los eerst de fouten hierboven op (casebook validate toont ze ook).\n');
    } finally {
      rmSync(path.join(dir, 'cases', 'kapot.yaml'));
    }
    expect(readFileSync(path.join(dir, 'dist', HTML)).equals(before[0]!)).toBe(true);
    expect(readFileSync(path.join(dir, 'dist', PDF)).equals(before[1]!)).toBe(true);
  });

  it('writes nothing when the PDF cannot be made, not even the HTML', async () => {
    const html = path.join(dir, 'dist', HTML);
    const before = readFileSync(html);
    writeFileSync(html, 'vorige versie');
    const noBrowser = await run(['build'], dir, { PUPPETEER_EXECUTABLE_PATH: '/nergens/chrome' });
    expect(noBrowser.code).toBe(2);
    expect(noBrowser.stderr).toBe('casebook: PUPPETEER_EXECUTABLE_PATH wijst naar /nergens/chrome, maar daar staat geen programma (en op het PATH staat het ook niet). Geef het volledige pad van Chrome, Chromium of Edge, of laat PUPPETEER_EXECUTABLE_PATH weg, zodat casebook zelf een browser zoekt.\n');
    expect(readFileSync(html, 'utf8')).toBe('vorige versie');
    writeFileSync(html, before);
  });

  it('says so when the output folder cannot be made', async () => {
    writeFileSync(path.join(dir, 'een-bestand'), 'x');
    const blocked = await run(['build', '--format', 'html', '--out', 'een-bestand/uitvoer'], dir);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toBe(`casebook: De uitvoermap ${path.join(dir, 'een-bestand', 'uitvoer')} kan niet worden gemaakt of beschreven (ENOTDIR). Kies een andere map met --out of controleer de rechten.\n`);
  });

  it('refuses an unknown format', async () => {
    // docx is a format since issue 16; epub is not.
    const wrong = await run(['build', '--format', 'epub'], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe("casebook: Onbekend formaat 'epub'. Kies html, pdf, docx (Word), handouts of een combinatie zoals html,pdf.\n");
  });
});

describe('casebook build on a hostile case', () => {
  let server: Server;
  let hits: string[];
  let dir: string;
  let built: Run;
  /** Columns after the server's URL shift with the length of its port (the tests above assume one digit). */
  let portDigits: number;

  beforeAll(async () => {
    hits = [];
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    portDigits = String(port).length - 1;
    const base = `http://127.0.0.1:${port}`;
    dir = exampleCopy({
      'cases/hostile.yaml': [
        'title: Een casus vol trucs',
        'status: published',
        'domains: [wmo]',
        'values: [maatwerk]',
        `summary: Kijk <img src="${base}/summary.png" onerror="alert(1)"> hier.`,
        'situation: |',
        '  <script>alert(document.cookie)</script>',
        '',
        `  <img src=x onerror="fetch('${base}/onerror')">`,
        '',
        '  [klik](javascript:alert(2)) en <a href="JaVaScRiPt:alert(3)">hier</a>',
        '',
        `  ![extern](${base}/remote.png)`,
        '',
        '  ![geheim](../../etc/passwd) en ![absoluut](/etc/passwd)',
        '',
        `  <iframe src="${base}/frame"></iframe>`,
        '',
        `  <style>body { background: url(${base}/style.png) }</style>`,
        '',
        `  <link rel="stylesheet" href="${base}/sheet.css">`,
        '',
        `  <p style="background:url(${base}/attr.png)" onmouseover="alert(4)">tekst</p>`,
        '',
        `  <object data="${base}/object"></object>`,
        '',
        `  <meta http-equiv="refresh" content="0;url=${base}/refresh">`,
        'dilemma: |',
        `  Wat nu? <svg onload="fetch('${base}/svg')"><circle r="1"/></svg>`,
        '',
      ].join('\n'),
    }, { cases: false });
    built = await run(['build'], dir);
  }, 180_000);

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds, and warns at each line what it left out', () => {
    expect(built.code).toBe(0);
    const warnings = [...built.stdout.matchAll(/^\s+(\d+):(\d+)\s+waarschuwing\s.*\s(render\/[a-z-]+)$/gm)].map((m) => `${m[1]}:${m[2]} ${m[3]}`);
    expect(warnings).toEqual([
      '5:25 render/remote-image',
      `5:${57 + portDigits} render/unsafe-html`,
      '7:3 render/unsafe-html',
      '9:12 render/image-missing',
      '9:14 render/unsafe-html',
      '11:10 render/unsafe-link',
      '11:43 render/unsafe-link',
      '13:13 render/remote-image',
      '15:13 render/image-outside',
      '15:18 render/image-outside',
      '17:3 render/unsafe-html',
      '19:3 render/unsafe-html',
      '21:3 render/unsafe-html',
      '23:6 render/unsafe-html',
      `23:${58 + portDigits} render/unsafe-html`,
      '25:3 render/unsafe-html',
      '27:3 render/unsafe-html',
      '29:11 render/unsafe-html',
    ]);
  });

  it('leaves nothing active in the output', () => {
    const html = readFileSync(path.join(dir, 'dist', HTML), 'utf8');
    const article = html.slice(html.indexOf('<article id="case-hostile"'), html.indexOf('</article>', html.indexOf('<article id="case-hostile"')));
    expect(article).toContain('<p>tekst</p>');
    expect(article).toContain('<p><span>klik</span> en <span>hier</span></p>');
    expect(article).not.toMatch(/<(script|iframe|style|link|object|meta|svg|img)\b/i);
    expect(article).not.toMatch(/\son[a-z]+=|javascript:|127\.0\.0\.1|style=/i);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).not.toContain('root:x:0:0');
  });

  it('made no request while rendering the PDF, nor when the HTML is opened', async () => {
    expect(existsSync(path.join(dir, 'dist', PDF))).toBe(true);
    const page = await browser.newPage();
    try {
      await page.goto(pathToFileURL(path.join(dir, 'dist', HTML)).href, { waitUntil: 'load' });
      await page.hover('article#case-hostile p');
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await page.close();
    }
    expect(hits).toEqual([]);
  });
});

describe('casebook build with privacy errors', () => {
  let dir: string;

  beforeAll(() => {
    const config = `${readFileSync(path.join(repoRoot, 'casebook.yaml'), 'utf8')}\nprivacy:\n  patterns:\n    - id: zaaknummer\n      pattern: "ZAAK-\\\\d{6}"\n      severity: error\n`;
    dir = exampleCopy({
      'casebook.yaml': config,
      'cases/zaak.yaml': 'title: Een casus met een zaaknummer\nstatus: published\ndomains: [wmo]\nvalues: [maatwerk]\nsituation: Het gaat om ZAAK-123456.\ndilemma: Wat nu?\n',
    }, { cases: false });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to build while a privacy error stands, and names the way out', async () => {
    const refused = await run(['build', '--format', 'html'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/zaak\.yaml\n\s+5:\d+\s+fout\s.*privacy\/custom/);
    expect(refused.stderr).toContain('Met --allow-privacy-errors kun je toch een proefversie bouwen');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('builds with --allow-privacy-errors, with a warning in the terminal, the colophon and on every page', async () => {
    const allowed = await run(['build', '--allow-privacy-errors'], dir);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('Let op: gebouwd ondanks 1 privacyfout, omdat --allow-privacy-errors is gegeven.');
    const html = readFileSync(path.join(dir, 'dist', HTML), 'utf8');
    expect(html).toContain('<p class="privacy-warning">Waarschuwing: dit casusboek is gemaakt terwijl de privacycontrole nog 1 fout meldde');
    expect(html).toContain('<p class="privacy-banner">Let op: bevat mogelijk persoonsgegevens. Niet verspreiden.</p>');
    const facts = await readPdf(path.join(dir, 'dist', PDF));
    facts.text.forEach((page, i) => expect(page.replace(/\s+/g, ' '), `page ${i + 1}`).toContain('bevat mogelijk persoonsgegevens'));
  }, 120_000);
});
