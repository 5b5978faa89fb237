/**
 * The casebook in the team meeting, end to end on the example casebook: where decisions go
 * (inline, appendix, omit; also from a named edition), the presentation view driven by the
 * keyboard, handouts, hyphenation on a phone, and how full the pages are. Outputs are read
 * back from the files: PDF text and named destinations through poppler, HTML in Chromium.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { destinations, measure } from '../../scripts/page-fill.mjs';
import { EPOCH, draftsLine, makeTree, repoRoot, runInProcess, type CliResult } from '../helpers.js';

const BASE = 'casusboekje-sociaal-domein';
/** `casebook …` in this process (nothing here depends on the process), reproducible. */
const run = (args: string[], cwd: string) => runInProcess(args, { cwd, env: { SOURCE_DATE_EPOCH: EPOCH } });

interface ExampleCase {
  id: string;
  title: string;
  status?: string;
  domains: string[];
  decision?: string;
  outcome?: string;
}

function exampleCopy(config: string): string {
  const dir = makeTree({ 'casebook.yaml': config }, 'casebook-meeting-');
  cpSync(path.join(repoRoot, 'cases'), path.join(dir, 'cases'), { recursive: true });
  return dir;
}

function exampleCases(dir: string): ExampleCase[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.yaml') ? [path.join(d, e.name)] : []));
  return walk(path.join(dir, 'cases')).map((file) => parse(readFileSync(file, 'utf8')) as ExampleCase);
}
const isDraft = (c: ExampleCase) => (c.status ?? 'draft') === 'draft';

/**
 * Text compared without what typesetting changes: soft hyphens and line-end hyphens,
 * typographic quotes, white space and Markdown marks.
 */
const plain = (text: string) => text.toLowerCase().replace(/[“”„]/g, '"').replace(/[‘’]/g, "'").replace(/[\s\u00ad*_`-]+/g, '');
/** A recognisable piece of a field: its first sentence, at most 60 characters. */
const snippet = (text: string) => plain(text.split(/(?<=[.!?])\s/)[0]!.slice(0, 60)).slice(0, 40);

/** Each page's text (index 0 = page 1). */
function pdfPages(file: string): string[] {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f').slice(0, -1);
}

let browser: Browser;
let dir: string;
let cases: ExampleCase[];
let drafts: ExampleCase[];
let withDecision: ExampleCase[];
const builds: Record<string, CliResult> = {};

beforeAll(async () => {
  const config = `${readFileSync(path.join(repoRoot, 'casebook.yaml'), 'utf8')}\neditions:\n  bespreking:\n    decisions: omit\n  wmo-team:\n    domains: [wmo]\n`;
  dir = exampleCopy(config);
  cases = exampleCases(dir).filter((c) => !isDraft(c));
  drafts = exampleCases(dir).filter(isDraft);
  withDecision = cases.filter((c) => c.decision);
  const [inline, appendix, omit] = await Promise.all([
    run(['build', '--format', 'html,pdf,handouts', '--out', 'inline'], dir),
    run(['build', '--decisions', 'appendix', '--out', 'appendix'], dir),
    run(['build', '--edition', 'bespreking', '--out', 'omit'], dir),
  ]);
  Object.assign(builds, { inline, appendix, omit });
  browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The page in Chromium; with `axe`, past its Content Security Policy so that axe-core can be injected. */
async function openHtml(file: string, width = 1280, axe = false): Promise<Page> {
  const page = await browser.newPage();
  if (axe) await page.setBypassCSP(true);
  await page.setViewport({ width, height: 900 });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return page;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: readFileSync(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('decisions: appendix', () => {
  const pdfFile = () => path.join(dir, 'appendix', `${BASE}-besluiten-achterin.pdf`);

  it('names the edition in the file name and writes both files', () => {
    expect(builds.appendix!.stderr).toBe('');
    expect(builds.appendix!.stdout).toBe(`Geschreven: appendix/${BASE}-besluiten-achterin.html\nGeschreven: appendix/${BASE}-besluiten-achterin.pdf\n${draftsLine(drafts.length)}`);
  });

  it('keeps every decision off its case pages, collects them all at the back, and each "pagina N" is the page its decision starts on', () => {
    const pages = pdfPages(pdfFile());
    const dests = destinations(pdfFile());
    const fill = measure(pdfFile());
    const appendixPage = dests.get('decisions')!;
    expect(appendixPage).toBeGreaterThan(0);
    expect(pages[appendixPage - 1]).toContain('Besluiten en afloop');
    expect(withDecision.length).toBeGreaterThan(3);
    for (const item of withDecision) {
      const range = fill.cases.find((c: { anchor: string }) => c.anchor === `case-${item.id}`)!;
      const casePages = pages.slice(range.first - 1, range.last).join('\n');
      expect(plain(casePages), item.id).not.toContain(snippet(item.decision!));
      const reference = /Het besluit en de afloop staan op pagina (\d+)\./.exec(casePages.replace(/\s+/g, ' '));
      expect(reference, item.id).toBeTruthy();
      const target = dests.get(`decision-${item.id}`);
      expect(Number(reference![1]), item.id).toBe(target);
      // The decision itself begins on that page (or runs over from its heading there).
      expect(plain(pages.slice(target! - 1, target! + 1).join('\n')), item.id).toContain(snippet(item.decision!));
      expect(target!).toBeGreaterThanOrEqual(appendixPage);
    }
    // In case order, each with its number and title.
    const order = withDecision.map((c) => dests.get(`case-${c.id}`)!);
    const entries = [...withDecision].sort((a, b) => dests.get(`case-${a.id}`)! - dests.get(`case-${b.id}`)!).map((c) => dests.get(`decision-${c.id}`)!);
    expect(entries).toEqual([...entries].sort((a, b) => a - b));
    expect(order.length).toBe(withDecision.length);
  });

  it('lists the appendix and the heat map in the contents with their pages, and gives the heat map a running head', () => {
    const pages = pdfPages(pdfFile());
    const dests = destinations(pdfFile());
    const contents = pages[dests.get('contents')! - 1]!.split('\n').concat(pages[dests.get('contents')!]!.split('\n'));
    for (const [title, anchor] of [['Besluiten en afloop', 'decisions'], ['Overzicht per domein', 'matrix-overview']] as const) {
      const line = contents.find((l) => new RegExp(`^\\s*${title}\\s`).test(l));
      expect(line, title).toBeDefined();
      expect(Number(/(\d+)\s*$/.exec(line!)![1]), title).toBe(dests.get(anchor));
    }
    const heatmapPage = pages[dests.get('matrix-overview')! - 1]!;
    expect(heatmapPage.split('\n')[0]).toMatch(/Casusboekje sociaal domein\s+Overzicht per domein/);
    const outline = execFileSync('qpdf', ['--json', '--json-key=outlines', pdfFile()], { encoding: 'utf8' });
    expect(outline).toContain('Besluiten en afloop');
    expect(outline).toContain('Overzicht per domein');
  });

  it('HTML: each decision is in a closed <details> at the back, and the case points there', async () => {
    const page = await openHtml(path.join(dir, 'appendix', `${BASE}-besluiten-achterin.html`));
    try {
      const facts = await page.evaluate(() => [...document.querySelectorAll('[data-part="decision"]')].map((el) => {
        const details = el.closest('details');
        return { inAppendix: Boolean(el.closest('#decisions')), inCase: Boolean(el.closest('article.case')), closed: details !== null && !details.open, summary: details?.querySelector('summary')?.textContent ?? '' };
      }));
      expect(facts.length).toBe(withDecision.length);
      for (const fact of facts) expect(fact).toEqual({ inAppendix: true, inCase: false, closed: true, summary: expect.stringContaining('Toon besluit en afloop') });
      const pointers = await page.$$eval('article.case .decision-pointer a', (links) => links.map((a) => a.getAttribute('href')));
      expect(pointers.length).toBeGreaterThanOrEqual(withDecision.length);
      for (const href of pointers) expect(await page.$(href!)).not.toBeNull();
    } finally {
      await page.close();
    }
  });

  it('no page before a case\'s last page is less than half full', () => {
    expect(measure(pdfFile()).thin).toEqual([]);
  });
});

describe('decisions: omit (the edition "bespreking" from casebook.yaml)', () => {
  it('leaves every decision and outcome out of the HTML and the PDF', () => {
    expect(builds.omit!.stdout).toBe(`Geschreven: omit/${BASE}-bespreking.html\nGeschreven: omit/${BASE}-bespreking.pdf\n${draftsLine(drafts.length)}`);
    const html = plain(readFileSync(path.join(dir, 'omit', `${BASE}-bespreking.html`), 'utf8').replace(/<[^>]*>/g, ' '));
    const pdf = plain(pdfPages(path.join(dir, 'omit', `${BASE}-bespreking.pdf`)).join('\n'));
    for (const item of cases) {
      for (const text of [item.decision, item.outcome].filter((t): t is string => Boolean(t))) {
        expect(html, item.id).not.toContain(snippet(text));
        expect(pdf, item.id).not.toContain(snippet(text));
      }
    }
    expect(html).not.toContain(plain('Toon besluit en afloop'));
    expect(pdf).not.toContain(plain('Besluiten en afloop'));
  });

  it('takes the filters of an edition, and refuses an unknown edition or --decisions value with a suggestion', async () => {
    const wmo = await run(['build', '--edition', 'wmo-team', '--format', 'html', '--out', 'wmo'], dir);
    expect(wmo.stdout).toBe(`Geschreven: wmo/${BASE}-wmo-team.html\n${draftsLine(drafts.filter((c) => c.domains.includes('wmo')).length)}`);
    const ids = [...readFileSync(path.join(dir, 'wmo', `${BASE}-wmo-team.html`), 'utf8').matchAll(/<article id="case-([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.sort()).toEqual(cases.filter((c) => c.domains.includes('wmo')).map((c) => c.id).sort());
    const unknown = await run(['build', '--edition', 'bespreken', '--format', 'html'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("casebook: Er is geen editie 'bespreken' in casebook.yaml; bedoelde je 'bespreking'?\n");
    const wrong = await run(['build', '--decisions', 'achterin', '--format', 'html'], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe("casebook: Onbekende waarde 'achterin' voor --decisions. Kies inline (bij de casus), appendix (achterin) of omit (weglaten).\n");
  });
});

describe('decisions: inline (the default)', () => {
  const htmlFile = () => path.join(dir, 'inline', `${BASE}.html`);

  it('HTML: decision and outcome folded in a closed <details> at their case; the PDF shows them at the case', async () => {
    const page = await openHtml(htmlFile());
    try {
      const facts = await page.$$eval('[data-part="decision"], [data-part="outcome"]', (els) => els.map((el) => {
        const details = el.closest('details');
        return { atCase: Boolean(el.closest('article.case')), closed: details !== null && !details.open, visible: el.checkVisibility() };
      }));
      expect(facts.length).toBe(cases.filter((c) => c.decision).length + cases.filter((c) => c.outcome).length);
      for (const fact of facts) expect(fact).toEqual({ atCase: true, closed: true, visible: false });
      // Printing from the browser opens them (the PDF has them open from the start).
      await page.emulateMediaType('print');
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      expect(await page.$$eval('article.case details.case-verdict', (els) => els.every((d) => (d as HTMLDetailsElement).open))).toBe(true);
    } finally {
      await page.close();
    }
    const pages = pdfPages(path.join(dir, 'inline', `${BASE}.pdf`));
    const fill = measure(path.join(dir, 'inline', `${BASE}.pdf`));
    for (const item of withDecision) {
      const range = fill.cases.find((c: { anchor: string }) => c.anchor === `case-${item.id}`)!;
      expect(plain(pages.slice(range.first - 1, range.last).join('\n')), item.id).toContain(snippet(item.decision!));
    }
  });

  it('no page before a case\'s last page is less than half full', () => {
    expect(measure(path.join(dir, 'inline', `${BASE}.pdf`)).thin).toEqual([]);
  });

  it('presentation view: the keyboard walks one case in the reading guide\'s order, decision last; focus and announcements follow; no axe-core violations', async () => {
    const page = await openHtml(htmlFile(), 1280, true);
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    try {
      const full = cases.find((c) => c.id === 'wmo-gebruikelijke-hulp-overbelaste-partner')!;
      expect(full.decision && full.outcome).toBeTruthy();
      const button = `button[data-discuss="case-${full.id}"]`;
      expect(await page.$eval(button, (el) => (el as HTMLElement).hidden)).toBe(false);
      await page.focus(button);
      await page.keyboard.press('Enter');
      await page.waitForSelector('dialog#present[open]');
      const seen: Array<{ part: string; focus: string; progress: string }> = [];
      const state = () => page.evaluate(() => ({
        part: document.getElementById('present')!.getAttribute('data-part') ?? '',
        focus: document.activeElement?.classList.contains('present-part-title') ? document.activeElement.textContent ?? '' : `not a part title: ${document.activeElement?.tagName}`,
        progress: document.getElementById('present-progress')!.textContent ?? '',
      }));
      seen.push(await state());
      // Right arrow and space in turn; space first scrolls a part that is longer than the screen.
      const atEnd = () => page.evaluate(() => {
        const stage = document.getElementById('present-stage')!;
        return (document.querySelector('[data-present="next"]') as HTMLButtonElement).disabled && stage.scrollTop + stage.clientHeight >= stage.scrollHeight - 2;
      });
      for (let i = 0; i < 40 && !(await atEnd()); i++) {
        await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'Space');
        const now = await state();
        if (now.part !== seen.at(-1)!.part) seen.push(now);
      }
      expect(seen.map((s) => s.part)).toEqual(['situation', 'dilemma', 'options', 'effect', 'purpose', 'consequences', 'legal', 'questions', 'decision']);
      expect(seen[0]!.focus).toBe('Situatie en hulpvraag');
      expect(seen.at(-1)!.focus).toBe('Besluit en afloop');
      expect(seen[1]!.progress).toBe('Deel 2 van 9: Het dilemma');
      expect(await page.$eval('#present-progress', (el) => el.getAttribute('aria-live'))).toBe('polite');
      // The last part shows both decision and outcome.
      expect(plain(await page.$eval('#present-stage', (el) => el.textContent ?? ''))).toContain(snippet(full.outcome!));
      await page.keyboard.press('ArrowLeft');
      expect((await state()).part).toBe('questions');
      await page.keyboard.press('Home');
      expect((await state()).part).toBe('situation');
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.waitForSelector('dialog#present:not([open])');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-discuss'))).toBe(`case-${full.id}`);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('on a 390 px phone the longest compound fits without horizontal scrolling', async () => {
    const page = await openHtml(htmlFile(), 390);
    try {
      const target = 'case-integraal-maatwerk-en-rechtmatigheidsverantwoording';
      await page.$eval(`#${target}`, (el) => el.scrollIntoView());
      const facts = await page.evaluate((id) => {
        const article = document.getElementById(id)!;
        const title = article.querySelector('.case-title')!;
        const range = document.createRange();
        range.selectNodeContents(title);
        return {
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          titleRight: range.getBoundingClientRect().right,
          text: article.textContent ?? '',
          hyphenated: (title.textContent ?? '').includes('\u00ad'),
        };
      }, target);
      expect(facts.text.replaceAll('\u00ad', '')).toContain('rechtmatigheidsverantwoording');
      expect(facts.hyphenated).toBe(true);
      expect(facts.scrollWidth).toBeLessThanOrEqual(facts.clientWidth);
      expect(facts.titleRight).toBeLessThanOrEqual(facts.clientWidth);
    } finally {
      await page.close();
    }
  });
});

describe('handouts', () => {
  const folder = () => path.join(dir, 'inline', 'handouts');

  it('one tagged, titled A4 PDF of at most two pages per published case, with the book\'s title and the case number in the footer, without the decision', () => {
    expect(builds.inline!.stdout).toBe(`Geschreven: inline/${BASE}.html\nGeschreven: inline/${BASE}.pdf\nGeschreven: ${cases.length} hand-outs in inline/handouts/\n${draftsLine(drafts.length)}`);
    expect(readdirSync(folder()).sort()).toEqual(cases.map((c) => `${c.id}.pdf`).sort());
    const dests = destinations(path.join(dir, 'inline', `${BASE}.pdf`));
    const numbers = [...dests].filter(([name]) => name.startsWith('case-')).sort((a, b) => a[1] - b[1]).map(([name]) => name.slice(5));
    for (const item of cases) {
      const file = path.join(folder(), `${item.id}.pdf`);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(info).toMatch(/Page size:\s+594.96 x 841.92 pts \(A4\)/);
      expect(/Title:\s+(.*)/.exec(info)![1]).toBe(item.title);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(pages, item.id).toBeLessThanOrEqual(2);
      const text = pdfPages(file);
      const number = numbers.indexOf(item.id) + 1;
      expect(text.at(-1)).toContain(`Casusboekje sociaal domein · casus ${number}`);
      expect(text.join('\n')).toContain('Aantekeningen');
      if (item.decision) expect(plain(text.join('\n')), item.id).not.toContain(snippet(item.decision));
    }
  });

  it('removes the handout of a case that left the edition', async () => {
    const stale = path.join(folder(), 'oud-en-ingetrokken.pdf');
    writeFileSync(stale, '%PDF-1.4 oud');
    const again = await run(['build', '--format', 'handouts', '--decisions', 'inline', '--domain', 'wmo', '--out', 'inline'], dir);
    expect(again.code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    const wmo = cases.filter((c) => c.domains.includes('wmo'));
    expect(readdirSync(folder()).sort()).toEqual(wmo.map((c) => `${c.id}.pdf`).sort());
    // With --decisions inline the handouts do carry the decision.
    const withOne = wmo.find((c) => c.decision)!;
    expect(plain(pdfPages(path.join(folder(), `${withOne.id}.pdf`)).join('\n'))).toContain(snippet(withOne.decision!));
  }, 120_000);
});

describe('the cover', () => {
  it('shows the organisation\'s logo from casebook.yaml, and wraps its title balanced', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const title = 'Casusboekje voor het sociaal domein van Voorbeeld';
    const cover = makeTree({
      'casebook.yaml': `title: ${title}\norganisation: Gemeente Voorbeeld\ntheme:\n  logo: beeld/logo.png\n`,
      'beeld/logo.png': png,
      'cases/a.yaml': 'title: Een casus\nstatus: published\ndomains: [wmo]\nvalues: [maatwerk]\nsituation: Iets.\ndilemma: Wat nu?\n',
    }, 'casebook-cover-');
    try {
      const built = await run(['build', '--format', 'html'], cover);
      expect(built.code).toBe(0);
      const page = await openHtml(path.join(cover, 'dist', 'casusboekje-voor-het-sociaal-domein-van-voorbeeld.html'), 700);
      try {
        expect(await page.$eval('.cover-logo', (img) => [(img as HTMLImageElement).src.slice(0, 22), img.getAttribute('alt')])).toEqual(['data:image/png;base64,', 'Gemeente Voorbeeld']);
        // The title's line widths, as laid out with the stylesheet's wrapping or with plain greedy wrapping.
        const lineWidths = (greedy: boolean) => page.$eval('.cover-title', (h1, plainWrap) => {
          (h1 as HTMLElement).style.setProperty('text-wrap', plainWrap ? 'wrap' : '');
          const range = document.createRange();
          range.selectNodeContents(h1);
          const rects = [...range.getClientRects()];
          const tops = [...new Set(rects.map((r) => Math.round(r.top)))];
          return tops.map((top) => rects.filter((r) => Math.round(r.top) === top).reduce((w, r) => w + r.width, 0));
        }, greedy);
        const ratio = (lines: number[]) => Math.min(...lines) / Math.max(...lines);
        // A width where greedy wrapping leaves a short last line...
        let found = false;
        for (let width = 400; width <= 1300 && !found; width += 50) {
          await page.setViewport({ width, height: 900 });
          const greedy = await lineWidths(true);
          if (greedy.length < 2 || ratio(greedy) >= 0.5) continue;
          found = true;
          // ...is one where the cover's title has as many lines, of about the same length.
          const balanced = await lineWidths(false);
          expect(balanced, `at ${width} px`).toHaveLength(greedy.length);
          expect(ratio(balanced), `at ${width} px`).toBeGreaterThan(0.65);
        }
        expect(found).toBe(true);
      } finally {
        await page.close();
      }
    } finally {
      rmSync(cover, { recursive: true, force: true });
    }
  });
});
