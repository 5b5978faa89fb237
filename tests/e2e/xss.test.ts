/**
 * `casebook build` on cases full of XSS vectors (tests/fixtures/xss/vectors.yaml), spread over
 * every Markdown field and a few plain-text ones, with a loopback server that records every
 * request. The HTML is opened in Chromium with its own script running and worked over with the
 * mouse and keyboard; the PDF is read with pdfjs and qpdf. Each detector is first shown to fire
 * on a page or PDF that is hostile on purpose. Local images: inside the casebook inlined,
 * outside refused at the right place.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarkdownRenderer, type Finding } from '../../src/render/markdown.js';
import { repoRoot, startCli, type CliResult } from '../helpers.js';
import { loadVectors, type XssVector } from '../xss.js';

const HTML = 'casusboekje-sociaal-domein.html';
const PDF = 'casusboekje-sociaal-domein.pdf';

type Run = CliResult;

const run = (args: string[], cwd: string) => startCli(args, { cwd }).done;

/** A PNG of one colour; `comment` makes its bytes recognisable. */
function png(size: number, rgb: [number, number, number], comment = ''): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, tail]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.from([0, ...Array.from({ length: size }, () => rgb).flat()]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(comment ? [chunk('tEXt', Buffer.from(`Comment\0${comment}`, 'latin1'))] : []),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A YAML double-quoted scalar on one line: JSON, with what YAML cannot carry unescaped escaped. */
const yamlString = (text: string) => JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);

/** Where a vector went: its case file, the line of its value, and whether the field is one line of Markdown. */
interface Placement {
  vector: XssVector;
  file: string;
  /** The field, as in the case format: `situation`, `options.for`, `values.why`, ... */
  field: string;
  line: number;
  inline: boolean;
}

/**
 * Case files that hold the vectors, one per field, each on a line of its own: every Markdown
 * field of the format, block and one-line, plus hostile plain text in titles and authors.
 */
function hostileCases(vectors: XssVector[]): { files: Record<string, string>; placements: Placement[] } {
  const files: Record<string, string> = {};
  const placements: Placement[] = [];
  let next = 0;
  for (let number = 1; next < vectors.length; number++) {
    const file = `cases/xss/xss-${String(number).padStart(2, '0')}.yaml`;
    const lines: string[] = [];
    const put = (prefix: string, field: string, inline: boolean) => {
      const vector = vectors[next++];
      if (!vector) return lines.push(`${prefix}${yamlString('Geen vector meer over.')}`);
      placements.push({ vector, file, field, line: lines.length + 1, inline });
      return lines.push(`${prefix}${yamlString(vector.input)}`);
    };
    lines.push(`title: ${yamlString(`Vectoren ${number} <img src=x onerror="top.__xss='title'">`)}`, 'status: published', 'domains: [wmo]');
    lines.push(`authors: [${yamlString(`<svg onload="top.__xss='author'">Team ${number}`)}]`);
    put('summary: ', 'summary', true);
    for (const field of ['situation', 'request', 'effect', 'purpose', 'dilemma']) put(`${field}: `, field, false);
    lines.push('options:', `  - title: ${yamlString("<script>top.__xss='option-title'</script>Optie")}`, '    for:');
    put('      - ', 'options.for', true);
    lines.push('    against:');
    put('      - ', 'options.against', true);
    put('consequences: ', 'consequences', false);
    lines.push('legal:', '  - law: Wmo 2015');
    put('    note: ', 'legal.note', true);
    put('decision: ', 'decision', false);
    put('outcome: ', 'outcome', false);
    lines.push('lessons:');
    put('  - ', 'lessons', true);
    put('  - ', 'lessons', true);
    lines.push('questions:');
    put('  - ', 'questions', true);
    lines.push('values:', '  - id: maatwerk');
    put('    why: ', 'values.why', true);
    files[file] = lines.join('\n') + '\n';
  }
  return { files, placements };
}

/** Each warning of a stylish report: file, line, column and rule. */
function warnings(stdout: string): Array<{ file: string; line: number; column: number; rule: string }> {
  const found: Array<{ file: string; line: number; column: number; rule: string }> = [];
  // A message can span lines (a link with a newline in it): it ends at its rule.
  for (const section of stdout.split(/^(?=\S.*\.ya?ml$)/m)) {
    const file = /^(\S.*\.ya?ml)$/m.exec(section)?.[1];
    if (!file) continue;
    for (const m of section.matchAll(/^ {2}(\d+):(\d+) {2}(?:waarschuwing|fout|info) {2}[\s\S]*? {2}([a-z]+\/[a-z-]+)$/gm)) {
      found.push({ file, line: Number(m[1]), column: Number(m[2]), rule: m[3]! });
    }
  }
  return found;
}

interface Probe {
  dialogs: string[];
  /** Requests the page made beyond its own file and data: URLs. */
  requests: string[];
  xss: unknown;
  title: string;
  csp: string[];
  errors: string[];
  /** What the browser parsed into the hostile articles that could run or load something. */
  dom: string[];
  /** How many hostile elements the mouse went over and clicked. */
  touched: number;
}

/**
 * Opens `url` with scripting on and works over the articles matching `articles`: every element
 * hovered and clicked with the mouse, focus moved through each with the keyboard, and the
 * events that inline handlers listen for dispatched on each element. Links to http(s) are not
 * followed (following a link is the reader's choice, not the page's).
 */
async function probe(browser: Browser, url: string, articles: string, options: { bypassCSP: boolean; host: string }): Promise<Probe> {
  const page = await browser.newPage();
  const result: Probe = { dialogs: [], requests: [], xss: undefined, title: '', csp: [], errors: [], dom: [], touched: 0 };
  try {
    await page.setViewport({ width: 1100, height: 900 });
    if (options.bypassCSP) await page.setBypassCSP(true);
    page.on('dialog', (dialog) => {
      result.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (request.url() !== url && !request.url().startsWith('data:')) result.requests.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') result.errors.push(message.text());
    });
    page.on('pageerror', (error) => result.errors.push(String(error)));
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`), true);
      document.addEventListener('click', (e) => {
        const link = (e.target as Element | null)?.closest?.('a[href]');
        if (link && /^\s*https?:/i.test(link.getAttribute('href') ?? '')) e.preventDefault();
      }, true);
    });
    await page.goto(url, { waitUntil: 'load' });
    const targets = await page.$$(`${articles} .case-section *, ${articles} .dilemma *, ${articles} .case-summary *, ${articles} .value-why *, ${articles} .case-title`);
    for (const target of targets) {
      // Scrolled to the middle of the view and measured there in one call (what boundingBox()
      // measures, at a third of the round trips: there are some 500 targets per page).
      const box = await target.evaluate((el) => {
        el.scrollIntoView({ block: 'center' });
        const { x, y, width, height } = el.getBoundingClientRect();
        return el.getClientRects().length === 0 ? null : { x, y, width, height };
      });
      if (!box || box.width === 0 || box.height === 0) continue;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      result.touched++;
    }
    // The keyboard through each article: focus starts where the mouse clicked last.
    for (const title of await page.$$(`${articles} .case-title`)) {
      await title.click();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (!(await page.evaluate((selector: string) => Boolean(document.activeElement?.closest(selector)), articles))) break;
      }
    }
    await page.evaluate((selector: string) => {
      const types = ['mouseover', 'mouseenter', 'mousedown', 'mouseup', 'click', 'dblclick', 'contextmenu', 'pointerover', 'pointerdown', 'focus', 'focusin', 'blur', 'keydown', 'keyup', 'input', 'change', 'toggle', 'animationstart', 'transitionend', 'load', 'error', 'wheel', 'copy', 'paste', 'dragstart', 'submit', 'pageshow'];
      for (const el of document.querySelectorAll(`${selector}, ${selector} *`)) for (const type of types) el.dispatchEvent(new Event(type, { bubbles: true, cancelable: true }));
    }, articles);
    await new Promise((resolve) => setTimeout(resolve, 700));
    Object.assign(result, await page.evaluate((selector: string, host: string) => {
      const url = (text: string) => {
        try {
          return new URL(text).href;
        } catch {
          return text;
        }
      };
      const markdown = ['p', 'div', 'br', 'hr', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'pre', 'code', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark', 'abbr', 'q', 'cite', 'dfn', 'kbd', 'samp', 'var', 'span', 'wbr', 'a', 'img', 'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'];
      const layout = ['article', 'section', 'h3', 'h4', 'time', 'button', 'details', 'summary'];
      const elements = new Set([...markdown, ...layout]);
      const attributes = new Set(['href', 'src', 'alt', 'title', 'rel', 'width', 'height', 'start', 'reversed', 'colspan', 'rowspan', 'align', 'id', 'class', 'hidden', 'scope', 'datetime', 'aria-labelledby', 'aria-label', 'aria-hidden', 'data-values', 'data-domains', 'data-status', 'data-label', 'type', 'data-discuss', 'data-verdict', 'data-part']);
      const dom: string[] = [];
      for (const el of document.querySelectorAll(`${selector}, ${selector} *`)) {
        const name = el.localName;
        if (!elements.has(name) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') dom.push(`<${name}> (${el.namespaceURI})`);
        for (const { name: attribute, value } of Array.from(el.attributes)) {
          if (!attributes.has(attribute)) dom.push(`${attribute} on <${name}>`);
          else if (attribute === 'href' && !/^(#|https?:\/\/|mailto:|tel:)/i.test(value)) dom.push(`href=${value}`);
          else if (attribute === 'src' && !/^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/.test(value)) dom.push(`src=${value}`);
          // A link to the test server only where its text is that very address (a URL typed as text).
          else if (attribute === 'href' && value.includes(host) && url(value) !== url(el.textContent ?? '')) dom.push(`a link to ${value} behind '${el.textContent}'`);
        }
      }
      // The page as a whole: its one script, its one style sheet, nothing that loads or redirects.
      if (document.scripts.length > 1) dom.push(`${document.scripts.length} scripts`);
      for (const el of document.querySelectorAll('iframe, frame, frameset, object, embed, applet, base, link, meta[http-equiv]:not([http-equiv="Content-Security-Policy"]), body style, template, noscript')) dom.push(`<${el.localName}> in the page`);
      const w = window as unknown as { __xss?: unknown; __csp: string[] };
      return { xss: w.__xss, title: document.title, csp: w.__csp, dom };
    }, articles, options.host));
    return result;
  } finally {
    await page.close();
  }
}

/** A URL as a browser writes it, or the text itself when it is none. */
const normalUrl = (url: string) => {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
};

/**
 * The links in `html` that show their own address as their text: what GFM makes of a URL
 * typed as text. Following one is the reader's choice, made in full view of where it goes.
 */
function selfDescribingLinks(html: string): Set<string> {
  const decode = (text: string) => text.replace(/&(amp|quot|lt|gt|#39);/g, (_m, ref: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'" })[ref]!);
  const links = new Set<string>();
  for (const [, href, text] of html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)) {
    if (normalUrl(decode(href!)) === normalUrl(decode(text!))) links.add(normalUrl(decode(href!)));
  }
  return links;
}

/**
 * What in a PDF could run, submit or reach out: link annotations to script, data, file or the
 * test server (unless the link shows that address as its text, see selfDescribingLinks);
 * JavaScript, launch, form and additional actions anywhere in its objects.
 */
async function pdfThreats(file: string, forbiddenHost: string, visibleLinks = new Set<string>()): Promise<string[]> {
  const threats: string[] = [];
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  try {
    for (let number = 1; number <= doc.numPages; number++) {
      const annotations = (await (await doc.getPage(number)).getAnnotations()) as Array<{ subtype: string; url?: string; unsafeUrl?: string; actions?: Record<string, unknown> }>;
      for (const annotation of annotations) {
        if (annotation.subtype !== 'Link') threats.push(`page ${number}: a ${annotation.subtype} annotation`);
        for (const target of [annotation.url, annotation.unsafeUrl]) {
          if (target === undefined) continue;
          if (/^\s*(javascript|vbscript|data|file):/i.test(target)) threats.push(`page ${number}: link to ${target}`);
          if (target.includes(forbiddenHost) && !visibleLinks.has(normalUrl(target))) threats.push(`page ${number}: link to the test server`);
        }
        if (annotation.actions && Object.keys(annotation.actions).length > 0) threats.push(`page ${number}: actions ${Object.keys(annotation.actions).join(', ')}`);
      }
    }
  } finally {
    await doc.destroy();
  }
  // Every object, also inside compressed object streams, as qpdf reads it.
  const qpdf = spawnSync('qpdf', ['--json', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  expect(qpdf.status, qpdf.stderr).toBe(0);
  const json = JSON.parse(qpdf.stdout) as { qpdf: unknown };
  const keys = new Set(['/JS', '/JavaScript', '/AA', '/Launch', '/SubmitForm', '/ImportData', '/AcroForm', '/XFA']);
  const names = new Set(['/JavaScript', '/Launch', '/SubmitForm', '/ImportData', '/ResetForm', '/GoToR', '/GoToE', '/Rendition']);
  const walk = (value: unknown, where: string): void => {
    if (typeof value === 'string') {
      if (names.has(value)) threats.push(`${where}: ${value}`);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, where);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (keys.has(key)) threats.push(`${where}: key ${key}`);
        // qpdf writes strings as u:<text> or b:<hex>.
        if (key === '/URI' && typeof inner === 'string' && /^u:\s*(javascript|vbscript|data|file):/i.test(inner)) threats.push(`${where}: URI ${inner.slice(2)}`);
        walk(inner, where);
      }
    }
  };
  walk(json.qpdf, 'object');
  const bytes = readFileSync(file).toString('latin1');
  for (const token of ['/JavaScript', '/Launch', '/SubmitForm', '/ImportData']) if (bytes.includes(token)) threats.push(`bytes: ${token}`);
  return [...new Set(threats)];
}

/** A small PDF that does all a PDF should not, with correct cross-references. */
function hostilePdf(base: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /AA << /WC 5 0 R >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R 6 0 R 7 0 R] >>',
    '<< /Type /Annot /Subtype /Link /Rect [0 0 50 50] /A << /S /URI /URI (javascript:app.alert\\(1\\)) >> >>',
    '<< /S /JavaScript /JS (app.alert\\(1\\)) >>',
    `<< /Type /Annot /Subtype /Link /Rect [50 50 100 100] /A << /S /URI /URI (${base}/pdf-link) >> >>`,
    '<< /Type /Annot /Subtype /Link /Rect [100 100 150 150] /A << /S /Launch /F (calc.exe) >> >>',
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

let browser: Browser;
let server: Server;
let hits: string[];
let base: string;
let root: string;
let dir: string;
let built: Run;
let hitsDuringBuild: string[];
let vectors: XssVector[];
let placements: Placement[];
const INSIDE_PNG = png(16, [200, 30, 30], 'binnen-het-casusboek');
const OUTSIDE_PNG = png(16, [30, 30, 200], 'geheim-buiten-het-casusboek');
const IMAGE_CASE = 'cases/xss/afbeeldingen.yaml';
let imageCase: string;

beforeAll(async () => {
  hits = [];
  server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    response.end('x');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vectors = loadVectors(base);
  // The casebook in a folder of its own, so that a file next to it is outside it.
  root = mkdtempSync(path.join(tmpdir(), 'casebook-xss-'));
  dir = path.join(root, 'boek');
  // The example's settings, without its cases: only the hostile ones are probed, and each
  // further article makes every scroll and click in the browser slower.
  mkdirSync(dir);
  cpSync(path.join(repoRoot, 'casebook.yaml'), path.join(dir, 'casebook.yaml'));
  const hostile = hostileCases(vectors);
  placements = hostile.placements;
  imageCase = [
    'title: Casus met afbeeldingen',
    'status: published',
    'domains: [wmo]',
    'values: [maatwerk]',
    'situation: |',
    '  Het plattegrondje: ![Plattegrond](../../img/plattegrond.png)',
    '',
    '  Van buiten het boek: ![Geheim](../../../outside.png)',
    '',
    `  Met een absoluut pad: ![Absoluut](${path.join(root, 'outside.png')})`,
    'dilemma: Mag een casus een plaatje van elders tonen?',
    '',
  ].join('\n');
  for (const [file, text] of Object.entries({ ...hostile.files, [IMAGE_CASE]: imageCase })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  mkdirSync(path.join(dir, 'img'));
  writeFileSync(path.join(dir, 'img', 'plattegrond.png'), INSIDE_PNG);
  writeFileSync(path.join(root, 'outside.png'), OUTSIDE_PNG);
  browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  built = await run(['build'], dir);
  hitsDuringBuild = [...hits];
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

const article = (html: string, id: string) => {
  const start = html.indexOf(`<article id="case-${id}"`);
  return html.slice(start, html.indexOf('</article>', start));
};

describe('casebook build on cases full of XSS vectors', () => {
  it('builds both files, fetching nothing, with warnings', () => {
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toContain(`Geschreven: dist/${HTML}\nGeschreven: dist/${PDF}\n`);
    expect(warnings(built.stdout).filter((w) => w.rule.startsWith('render/')).length).toBeGreaterThan(vectors.length);
    expect(hitsDuringBuild).toEqual([]);
  });

  it('spreads the vectors over every Markdown field of the format, each on a line of its own', () => {
    expect(placements.map((p) => p.vector.name)).toEqual(vectors.map((v) => v.name));
    expect(new Set(placements.map((p) => p.field))).toEqual(new Set(['summary', 'situation', 'request', 'effect', 'purpose', 'dilemma', 'options.for', 'options.against', 'consequences', 'legal.note', 'decision', 'outcome', 'lessons', 'questions', 'values.why']));
    for (const placement of placements) {
      const line = readFileSync(path.join(dir, placement.file), 'utf8').split('\n')[placement.line - 1]!;
      expect(line.endsWith(yamlString(placement.vector.input)), placement.vector.name).toBe(true);
    }
  });

  it('reports at the line of each vector what the renderer took out of it', () => {
    const reported = warnings(built.stdout).filter((w) => w.rule.startsWith('render/'));
    const renderer = new MarkdownRenderer();
    let warned = 0;
    for (const placement of placements) {
      const expected: Finding[] = [];
      const source = { root: dir, baseDir: path.dirname(path.join(dir, placement.file)), lang: 'nl' as const, report: (f: Finding) => expected.push(f) };
      if (placement.inline) renderer.inline(placement.vector.input, source);
      else renderer.block(placement.vector.input, source);
      const here = reported.filter((w) => w.file === placement.file && w.line === placement.line).map((w) => w.rule);
      expect(here.sort(), placement.vector.name).toEqual(expected.map((f) => f.rule).sort());
      if (here.length > 0) warned++;
    }
    expect(warned).toBeGreaterThanOrEqual(Math.floor(vectors.length * 0.8));
    // And nothing elsewhere in the hostile cases: titles and authors are plain text, escaped.
    const lines = new Set(placements.map((p) => `${p.file}:${p.line}`));
    expect(reported.filter((w) => w.file.startsWith('cases/xss/xss-') && !lines.has(`${w.file}:${w.line}`))).toEqual([]);
  });

  it('writes the hostile titles and authors as text', () => {
    const html = readFileSync(path.join(dir, 'dist', HTML), 'utf8');
    const first = article(html, 'xss-01');
    expect(first).toContain(`<h3 id="case-xss-01-title" class="case-title">Vectoren 1 &lt;img src&#x3D;x onerror&#x3D;&quot;top.__xss&#x3D;&#x27;title&#x27;&quot;&gt;</h3>`);
    expect(first).toContain('&lt;svg onload&#x3D;&quot;top.__xss&#x3D;&#x27;author&#x27;&quot;&gt;Team 1');
    expect(first).toContain('&lt;script&gt;top.__xss&#x3D;&#x27;option-title&#x27;&lt;/script&gt;Optie');
  });
});

describe('the HTML in Chromium, with its own script running', () => {
  const hostileArticles = 'article[id^="case-xss-"]';
  let controlUrl: string;

  beforeAll(() => {
    // The same page with one article made hostile on purpose, past casebook: the detectors must fire.
    const html = readFileSync(path.join(dir, 'dist', HTML), 'utf8');
    const at = html.indexOf('>', html.indexOf('<article id="case-xss-01"')) + 1;
    const active = `<section class="case-section"><p onmouseover="top.__xss='control-hover'">zweef <a href="${base}/verstopt">de wet</a></p><img src="data:," onerror="alert('control');top.__xss='control';fetch('${base}/control')"></section>`;
    writeFileSync(path.join(dir, 'dist', 'control.html'), html.slice(0, at) + active + html.slice(at));
  });

  it('the detectors fire on a deliberately active page: blocked by the policy, and run without it', async () => {
    controlUrl = pathToFileURL(path.join(dir, 'dist', 'control.html')).href;
    const before = hits.length;
    // The probe works over the article made hostile, not all of them: the same detectors on the
    // same page, at a fraction of the round trips (the two probes here cost as much as the two
    // tests below).
    const controlArticle = 'article#case-xss-01';
    const guarded = await probe(browser, controlUrl, controlArticle, { bypassCSP: false, host: base.replace('http://', '') });
    expect(guarded.dom).toEqual(expect.arrayContaining(['onmouseover on <p>', 'onerror on <img>', `a link to ${base}/verstopt behind 'de wet'`]));
    expect(guarded.csp).toContain('script-src-attr inline');
    expect(guarded.xss).toBeUndefined();
    expect(hits.slice(before)).toEqual([]);
    const open = await probe(browser, controlUrl, controlArticle, { bypassCSP: true, host: base.replace('http://', '') });
    expect(open.dialogs).toContain('control');
    expect(['control', 'control-hover']).toContain(open.xss);
    expect(open.requests).toContain(`${base}/control`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hits.slice(before)).toContain('GET /control');
    hits.splice(before);
  }, 120_000);

  it.each([
    ['under its Content Security Policy', false],
    ['without it: the sanitising alone makes it inert', true],
  ])('nothing runs, loads or submits %s', async (_name, bypassCSP) => {
    const url = pathToFileURL(path.join(dir, 'dist', HTML)).href;
    const title = /<title>([^<]*)<\/title>/.exec(readFileSync(path.join(dir, 'dist', HTML), 'utf8'))![1];
    const before = hits.length;
    const { touched, ...result } = await probe(browser, url, hostileArticles, { bypassCSP, host: base.replace('http://', '') });
    expect(touched).toBeGreaterThan(placements.length);
    // csp: not even an attempt that the policy had to stop.
    expect({ ...result, hits: hits.slice(before) }).toEqual({ dialogs: [], requests: [], xss: undefined, title, csp: [], errors: [], dom: [], hits: [] });
  }, 180_000);

  it('keeps the page\'s own script working: the finder still finds the hostile cases', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(pathToFileURL(path.join(dir, 'dist', HTML)).href, { waitUntil: 'load' });
      const total = Number(/van (\d+)$/.exec((await page.$eval('#finder-count', (el) => el.textContent)) ?? '')?.[1]);
      const cases = new Set(placements.map((p) => p.file)).size;
      await page.type('#finder-q', 'vectoren');
      await page.waitForFunction((n: number) => document.getElementById('finder-count')!.textContent!.startsWith(`Casussen getoond: ${n} van`), { timeout: 5000 }, cases);
      expect(await page.$eval('#finder-count', (el) => el.textContent)).toBe(`Casussen getoond: ${cases} van ${total}`);
    } finally {
      await page.close();
    }
  });
});

describe('the PDF', () => {
  it('the detector finds script, launch and additional actions and links to the test server in a hostile PDF', async () => {
    const file = path.join(root, 'hostile.pdf');
    writeFileSync(file, hostilePdf(base));
    expect(selfDescribingLinks(`<a href="${base}/a">${base}/a</a> <a href="${base}/b">de wet</a>`)).toEqual(new Set([`${base}/a`]));
    const threats = await pdfThreats(file, base.replace('http://', ''), new Set([`${base}/a`]));
    expect(threats).toEqual(expect.arrayContaining([
      'page 1: link to javascript:app.alert(1)',
      'page 1: link to the test server',
      'object: key /AA',
      'object: URI javascript:app.alert(1)',
      'object: key /JS',
      'object: /JavaScript',
      'object: /Launch',
      'bytes: /JavaScript',
      'bytes: /Launch',
    ]));
  });

  it('has no script, no form, no launch action, and no link to script, data, files or the test server', async () => {
    const visible = selfDescribingLinks(readFileSync(path.join(dir, 'dist', HTML), 'utf8'));
    expect(await pdfThreats(path.join(dir, 'dist', PDF), base.replace('http://', ''), visible)).toEqual([]);
  });
});

describe('images in case text', () => {
  it('inlines an image from inside the casebook, and refuses one outside it, by relative or absolute path', () => {
    const html = readFileSync(path.join(dir, 'dist', HTML), 'utf8');
    const lines = imageCase.split('\n');
    const at = (needle: string) => {
      const line = lines.findIndex((l) => l.includes(needle));
      return `${line + 1}:${lines[line]!.indexOf(needle) + 1}`;
    };
    const found = warnings(built.stdout).filter((w) => w.file === IMAGE_CASE).map((w) => `${w.line}:${w.column} ${w.rule}`);
    expect(found).toEqual([`${at('../../../outside.png')} render/image-outside`, `${at(path.join(root, 'outside.png'))} render/image-outside`]);
    expect(found).toEqual(['8:34 render/image-outside', '10:37 render/image-outside']);
    const images = article(html, 'afbeeldingen');
    expect(images).toContain(`<img alt="Plattegrond" src="data:image/png;base64,${INSIDE_PNG.toString('base64')}" />`);
    expect(images.match(/<img\b/g)).toHaveLength(1);
    expect(html).not.toContain(OUTSIDE_PNG.toString('base64'));
    expect(html).not.toContain(OUTSIDE_PNG.toString('base64').slice(-60));
    expect(html).not.toContain('geheim-buiten-het-casusboek');
  });

  it('shows the inlined image in the PDF, on the page of its case only', async () => {
    const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(readFileSync(path.join(dir, 'dist', PDF))), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
    try {
      const pagesWithImages: number[] = [];
      let casePage = 0;
      for (let number = 1; number <= doc.numPages; number++) {
        const page = await doc.getPage(number);
        const text = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
        if (text.includes('Casus met afbeeldingen') && text.includes('Het plattegrondje')) casePage = number;
        const { fnArray } = await page.getOperatorList();
        if (fnArray.includes(OPS.paintImageXObject) || fnArray.includes(OPS.paintInlineImageXObject)) pagesWithImages.push(number);
      }
      expect(casePage).toBeGreaterThan(0);
      expect(pagesWithImages).toEqual([casePage]);
    } finally {
      await doc.destroy();
    }
  });
});
