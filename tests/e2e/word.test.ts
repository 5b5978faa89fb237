/**
 * Word in and out, end to end and in-process: `build --format docx` of the example casebook
 * (its package, fields, styles and languages; read back with mammoth; opened by LibreOffice
 * and printed to PDF), and `casebook import` of that file into an empty casebook (the round
 * trip) and of a Word file that LibreOffice made from a casebook in the usual free layout.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/main.js';
import { EPOCH, makeTree, repoRoot } from '../helpers.js';

const DOCX = 'casusboekje-sociaal-domein.docx';

/** The CLI in this process, as a user would call it; the environment as given. */
async function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { NO_COLOR: '1', SOURCE_DATE_EPOCH: EPOCH, ...env },
    cwd,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

function exampleCopy(extra: Record<string, string> = {}): string {
  const dir = makeTree(extra, 'casebook-word-');
  cpSync(path.join(repoRoot, 'cases'), path.join(dir, 'cases'), { recursive: true });
  if (!extra['casebook.yaml']) cpSync(path.join(repoRoot, 'casebook.yaml'), path.join(dir, 'casebook.yaml'));
  return dir;
}

interface Case {
  id: string;
  title: string;
  status?: string;
  dilemma: string;
  options?: Array<{ title: string; for?: string[]; against?: string[] }>;
  legal?: Array<{ law: string; article?: string; note?: string }>;
}

function casesIn(dir: string): Case[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.yaml') ? [path.join(d, e.name)] : []));
  return walk(path.join(dir, 'cases')).map((file) => parse(readFileSync(file, 'utf8')) as Case);
}

/**
 * Text as a reader compares it: white space folded, and the book's typographic quotes
 * (’s, “…”, set by the Markdown step since the meeting issue) as the straight ones typed.
 */
const squash = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').trim();
/** Markdown to the words a reader sees. */
const words = (markdown: string) => squash(markdown.replace(/\*\*|\*|_|`/g, ''));

/** The DOS date and time of every entry of a zip (local file headers). */
function zipEntryTimes(bytes: Uint8Array): Array<{ name: string; time: number; date: number }> {
  const view = Buffer.from(bytes);
  const entries: Array<{ name: string; time: number; date: number }> = [];
  for (let offset = 0; offset + 30 < view.length; ) {
    if (view.readUInt32LE(offset) !== 0x04034b50) break;
    const compressed = view.readUInt32LE(offset + 18);
    const nameLength = view.readUInt16LE(offset + 26);
    const extraLength = view.readUInt16LE(offset + 28);
    entries.push({ name: view.toString('utf8', offset + 30, offset + 30 + nameLength), time: view.readUInt16LE(offset + 10), date: view.readUInt16LE(offset + 12) });
    offset += 30 + nameLength + extraLength + compressed;
  }
  return entries;
}

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'].find((p) => existsSync(p));
/** Without LibreOffice these tests are skipped on a developer's machine, never in CI (npm run setup installs it). */
const noLibreOffice = !soffice && !process.env.CI;

/** LibreOffice, headless, with a profile of its own (so a running LibreOffice does not interfere). */
function convert(file: string, to: string, outDir: string): string {
  const profile = path.join(outDir, '.lo-profile');
  execFileSync(soffice ?? 'soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', to, '--outdir', outDir, file], { stdio: 'pipe', timeout: 120_000 });
  const ext = to.split(':')[0]!;
  return path.join(outDir, `${path.basename(file, path.extname(file))}.${ext}`);
}

/** The example casebook, built once to Word for every test of this file that reads it. */
let dir: string;
let bytes: Uint8Array;
beforeAll(async () => {
  dir = exampleCopy();
  const run = await cli(['build', '--format', 'docx'], dir);
  // Progress lines may go to stderr (on CI runners); no warning or error.
  expect(run.stdout + run.stderr).not.toMatch(/warning|error|fout|waarschuwing/i);
  expect(run.code).toBe(0);
  bytes = readFileSync(path.join(dir, 'dist', DOCX));
}, 300_000);

/** A casebook of two small cases, one a draft. */
const SMALL = {
  'casebook.yaml': 'title: Klein casusboek\norganisation: Team Test\n',
  'cases/a.yaml': 'title: Een gepubliceerde casus\nstatus: published\ndomains: [wmo]\nsituation: Een inwoner vraagt hulp.\ndilemma: Wat doen we?\nvalues: [maatwerk]\nrelated: [b]\n',
  'cases/b.yaml': 'title: Een casus in concept\nstatus: draft\ndomains: [jeugdwet]\nsituation: Nog niet af.\ndilemma: Wat nu?\n',
};

describe('build --format docx', () => {
  let parts: Record<string, string>;
  let originals: Case[];

  beforeAll(() => {
    parts = Object.fromEntries(Object.entries(unzipSync(bytes)).filter(([name]) => /\.(xml|rels)$/.test(name)).map(([name, data]) => [name, strFromU8(data)]));
    originals = casesIn(dir);
  });

  it('writes only the Word file, with Word’s own styles for title, chapters, cases and sections', () => {
    expect(readdirSync(path.join(dir, 'dist'))).toEqual([DOCX]);
    const body = parts['word/document.xml']!;
    for (const style of ['Title', 'Heading1', 'Heading2', 'Heading3', 'Dilemma', 'CaseDetails']) expect(body).toContain(`<w:pStyle w:val="${style}"/>`);
    const published = originals.filter((c) => c.status !== 'draft');
    expect(body.match(/<w:pStyle w:val="Heading2"\/>/g)!.length).toBe(published.length);
    // Each case from a new page (the first of a chapter follows its chapter heading).
    expect(body.match(/<w:pageBreakBefore\/>/g)!.length).toBeGreaterThanOrEqual(published.length);
    // The dilemma's style is a shaded box.
    expect(parts['word/styles.xml']).toMatch(/w:styleId="Dilemma"[\s\S]*?<w:shd [^>]*w:fill="FFF4D6"/);
  });

  it('has a contents field Word updates on opening, with the entries written in, and fields for the page numbers', () => {
    const body = parts['word/document.xml']!;
    expect(body.includes('TOC \\h \\o &quot;1-2&quot;')).toBe(true);
    expect(parts['word/settings.xml']).toMatch(/<w:updateFields(?: w:val="(?:true|1|on)")?\/>/);
    // Entries written in: every case title is in the contents before Word updates it.
    const toc = body.slice(body.indexOf('TOC \\'), body.indexOf('</w:sdtContent>'));
    for (const c of originals.filter((o) => o.status !== 'draft')) expect(toc).toContain(c.title.replace(/'/g, '&apos;').replace(/&(?!apos;)/g, '&amp;').slice(0, 30));
    expect(body.includes('PAGEREF casus_1<')).toBe(true);
    const footer = Object.entries(parts).filter(([name]) => name.startsWith('word/footer')).map(([, xml]) => xml).join('');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
    expect(footer).toContain('>pagina <');
    const header = Object.entries(parts).filter(([name]) => name.startsWith('word/header')).map(([, xml]) => xml).join('');
    expect(header).toContain('Casusboekje sociaal domein');
  });

  it('links related cases and the value index to bookmarks on the cases', () => {
    const body = parts['word/document.xml']!;
    const bookmarks = new Set([...body.matchAll(/<w:bookmarkStart [^>]*w:name="([^"]+)"/g)].map((m) => m[1]));
    const anchors = [...body.matchAll(/<w:hyperlink [^>]*w:anchor="([^"]+)"/g)].map((m) => m[1]!);
    expect(anchors.length).toBeGreaterThan(20);
    for (const anchor of anchors) expect(bookmarks.has(anchor)).toBe(true);
  });

  it('marks every text run as Dutch, and sets the document properties', () => {
    const body = parts['word/document.xml']!;
    const runs = [...body.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1]!).filter((run) => run.includes('<w:t'));
    expect(runs.length).toBeGreaterThan(500);
    expect(runs.filter((run) => !run.includes('<w:lang w:val="nl-NL"/>')).length).toBe(0);
    expect(parts['word/styles.xml']).toContain('<w:lang w:val="nl-NL"/>');
    const core = parts['docProps/core.xml']!;
    expect(core).toContain('<dc:title>Casusboekje sociaal domein</dc:title>');
    expect(core).toContain('<dc:subject>Dilemma&apos;s uit de praktijk van de omgekeerde toets</dc:subject>');
    expect(core).toContain('<dc:creator>Gemeente Voorbeeld</dc:creator>');
    expect(core).toMatch(/<cp:keywords>[^<]*Effect voorop/);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>');
  });

  it('is the same file byte for byte under SOURCE_DATE_EPOCH, whatever the time zone; zip entries carry the build date', async () => {
    const first = makeTree(SMALL, 'casebook-word-');
    const second = makeTree(SMALL, 'casebook-word-');
    expect((await cli(['build', '--format', 'docx'], first)).code).toBe(0);
    // Zip entry times are local times: another zone must not change them (Node reads TZ anew when it is set).
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    const run = await cli(['build', '--format', 'docx'], second).finally(() => (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));
    expect(run.code).toBe(0);
    const small = readFileSync(path.join(first, 'dist', 'klein-casusboek.docx'));
    expect(Buffer.compare(readFileSync(path.join(second, 'dist', 'klein-casusboek.docx')), small)).toBe(0);
    // 2026-01-01 00:00:00 as a DOS date and time.
    for (const zip of [small, bytes]) {
      const times = zipEntryTimes(zip);
      expect(times.length).toBe(Object.keys(unzipSync(zip)).length);
      for (const entry of times) expect(entry).toMatchObject({ time: 0, date: ((2026 - 1980) << 9) | (1 << 5) | 1 });
    }
  });

  it('reads back with mammoth: every published case’s title, dilemma and options', async () => {
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    const flat = squash(text);
    for (const c of originals.filter((o) => o.status === 'published')) {
      expect(flat).toContain(c.title);
      expect(flat).toContain(words(c.dilemma));
      for (const option of c.options ?? []) {
        expect(flat).toContain(option.title);
        for (const arg of [...(option.for ?? []), ...(option.against ?? [])]) expect(flat).toContain(words(arg));
      }
    }
    // The draft is not in this edition.
    const draft = originals.find((o) => o.status === 'draft')!;
    expect(flat).not.toContain(draft.title);
  });

  it.skipIf(noLibreOffice)('opens in LibreOffice: the PDF has the headings, every case, the options tables and filled page numbers', () => {
    const pdf = convert(path.join(dir, 'dist', DOCX), 'pdf', path.join(dir, 'lo'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(30);
    for (const heading of ['Colofon', 'Leeswijzer', 'Inhoud', 'Kernwaardenregister', '1. Wmo 2015', 'Het dilemma', 'Opties']) expect(text).toContain(heading);
    const flat = squash(text);
    for (const c of originals.filter((o) => o.status !== 'draft')) expect(flat).toContain(squash(c.title).slice(0, 40));
    // The options tables: a header row per case with options.
    expect(text.match(/Optie\s+Voor\s+Tegen/g)!.length).toBe(originals.filter((o) => o.status !== 'draft' && o.options?.length).length);
    // PAGE and NUMPAGES filled in on every page but the cover.
    const footers = [...text.matchAll(/pagina (\d+) van (\d+)/g)];
    expect(footers.length).toBe(pages - 1);
    expect(footers.every((m) => m[2] === String(pages))).toBe(true);
    // Page references (related cases, the value index) and the contents' page numbers are numbers.
    expect(text).toMatch(/\(p\. \d+\)/);
    expect(text).toMatch(/Traplift of verhuizen naar een gelijkvloerse woning\?\.{3,}\s*\d+/);
  }, 180_000);
});

describe('build --format docx: editions, drafts, privacy, images, English', () => {
  it('includes drafts only with --drafts, marked as such; a related draft is not named otherwise', async () => {
    const small = makeTree(SMALL, 'casebook-word-');
    expect((await cli(['build', '-f', 'docx'], small)).code).toBe(0);
    const published = await mammoth.extractRawText({ path: path.join(small, 'dist', 'klein-casusboek.docx') });
    expect(published.value).toContain('Een gepubliceerde casus');
    expect(published.value).not.toContain('Een casus in concept');
    expect((await cli(['build', '-f', 'docx', '--drafts', '-o', 'out'], small)).code).toBe(0);
    const { value } = await mammoth.extractRawText({ path: path.join(small, 'out', 'klein-casusboek-concepten.docx') });
    expect(value).toContain('Een casus in concept');
    expect(value).toContain('Concept: deze casus is nog niet vastgesteld.');
  });

  it('honours the decisions setting: at the back with page references, or left out', async () => {
    const small = makeTree({ ...SMALL, 'cases/a.yaml': `${SMALL['cases/a.yaml']}decision: Het besluit was A.\noutcome: Het liep goed af.\n` }, 'casebook-word-');
    expect((await cli(['build', '-f', 'docx', '--decisions', 'appendix'], small)).code).toBe(0);
    const [appendixFile] = readdirSync(path.join(small, 'dist'));
    const xml = strFromU8(unzipSync(readFileSync(path.join(small, 'dist', appendixFile!)))['word/document.xml']!);
    // Where the appendix's heading is (the contents name it earlier).
    const appendix = xml.indexOf('w:name="decisions"');
    expect(appendix).toBeGreaterThan(0);
    expect(xml.indexOf('Het besluit was A.')).toBeGreaterThan(appendix);
    expect(xml.indexOf('PAGEREF besluit_1<')).toBeLessThan(appendix);
    expect(xml.indexOf('PAGEREF casus_1<', appendix)).toBeGreaterThan(appendix);
    expect((await cli(['build', '-f', 'docx', '--decisions', 'omit', '-o', 'omit'], small)).code).toBe(0);
    const { value } = await mammoth.extractRawText({ path: path.join(small, 'omit', readdirSync(path.join(small, 'omit'))[0]!) });
    expect(value).toContain('Een gepubliceerde casus');
    expect(value).not.toContain('Het besluit was A.');
    expect(value).not.toContain('Het liep goed af.');
  });

  it('refuses a casebook with privacy errors, and writes nothing', async () => {
    const dir = exampleCopy({ 'cases/wmo/bsn.yaml': 'title: Een casus met een BSN erin\nstatus: published\ndomains: [wmo]\nsituation: Zijn BSN is 111222333.\ndilemma: Wat nu?\nvalues: [maatwerk]\n' });
    const run = await cli(['build', '-f', 'docx'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('privacy/bsn');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('inlines images (and the theme\'s logo), writes an English book as en-GB, and replaces the old file only when complete', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');
    const dir = makeTree({
      'casebook.yaml': 'title: A casebook in English\nlanguage: en\ntheme: { logo: logo.png }\n',
      'logo.png': png,
      'cases/a.yaml': 'title: A case with a picture\nstatus: published\ndomains: [wmo]\nsituation: |\n  See *this*:\n\n  ![A diagram](diagram.png)\n\n  > A quote.\n\n  1. one\n  2. two\ndilemma: What do we do?\nvalues: [maatwerk]\n',
      'cases/diagram.png': png,
    });
    expect((await cli(['build', '-f', 'docx'], dir)).code).toBe(0);
    const file = path.join(dir, 'dist', 'a-casebook-in-english.docx');
    const zip = unzipSync(readFileSync(file));
    expect(Object.keys(zip).some((name) => name.startsWith('word/media/') && name.endsWith('.png'))).toBe(true);
    const body = strFromU8(zip['word/document.xml']!);
    expect(body).toContain('<w:lang w:val="en-GB"/>');
    expect(body).not.toContain('nl-NL');
    expect(body).toContain('<w:pStyle w:val="Quote"/>');
    expect(body).toMatch(/<w:i\/>[\s\S]{0,200}<w:t[^>]*>this<\/w:t>/);
    expect(body).toContain('<w:numPr>');
    expect(body).toContain('A diagram');
    // The image in the case and the theme's logo on the cover.
    expect(body.match(/<w:drawing>/g)!.length).toBe(2);
    expect(readdirSync(path.join(dir, 'dist')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const before = statSync(file).mtimeMs;
    expect((await cli(['build', '-f', 'docx,html'], dir)).code).toBe(0);
    expect(readdirSync(path.join(dir, 'dist')).sort()).toEqual(['a-casebook-in-english.docx', 'a-casebook-in-english.html']);
    expect(statSync(file).mtimeMs).toBeGreaterThanOrEqual(before);
  });

  it('says which formats there are', async () => {
    // `word` itself is taken for docx (tests/unit/render-decisions.test.ts).
    const run = await cli(['build', '-f', 'odt'], exampleCopy());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('docx (Word)');
  });
});

describe('casebook import', () => {
  it('round trip: the Word book imported into an empty casebook gives drafts that validate, with the same titles, dilemmas, options and legal references', async () => {
    const source = dir;
    const target = makeTree({ 'casebook.yaml': 'title: Leeg casusboek\n' }, 'casebook-import-');
    const run = await cli(['import', path.join(source, 'dist', DOCX)], target);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('gesplitst op kopniveau 2 (automatisch gekozen');
    expect(run.stdout).toMatch(/Niet geïmporteerd, want geen casus: .*Colofon.*Leeswijzer.*Kernwaardenregister/);

    const originals = casesIn(source).filter((c) => c.status !== 'draft');
    const imported = casesIn(target);
    expect(imported.length).toBe(originals.length);
    const validation = await cli(['validate', '--format', 'json'], target);
    expect(JSON.parse(validation.stdout)).toMatchObject({ cases: originals.length, errors: 0 });
    for (const original of originals) {
      const copy = imported.find((c) => c.title === original.title);
      expect(copy, original.title).toBeDefined();
      expect(copy!.status).toBe('draft');
      expect(squash(copy!.dilemma)).toBe(squash(original.dilemma));
      expect(copy!.options ?? []).toEqual((original.options ?? []).map((o) => ({ title: o.title, ...(o.for ? { for: o.for } : {}), ...(o.against ? { against: o.against } : {}), ...((o as { values?: string[] }).values ? { values: (o as { values?: string[] }).values } : {}) })));
      expect((copy!.legal ?? []).map((l) => ({ ...l, note: squash(l.note) || undefined }))).toEqual((original.legal ?? []).map((l) => ({ law: l.law, ...(l.article ? { article: String(l.article) } : {}), note: squash(l.note) || undefined })));
    }
    // Where it came from, and the tagger's suggestions as a comment only.
    const file = readdirSync(path.join(target, 'cases', 'wmo')).map((name) => path.join(target, 'cases', 'wmo', name))[0]!;
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=.*\n# Geïmporteerd uit casusboekje-sociaal-domein\.docx, kop "\d+\. /);
    expect(text).toMatch(/\n# Voorstel van casebook tag .*\nvalues:/);

    // Never overwrites: a second import adds files with a suffix and leaves the first ones as they were.
    const before = readFileSync(file, 'utf8');
    expect((await cli(['import', path.join(source, 'dist', DOCX), '--quiet'], target)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(casesIn(target).length).toBe(2 * originals.length);
    expect(readdirSync(path.join(target, 'cases', 'wmo')).some((name) => name.endsWith('-2.yaml'))).toBe(true);
  }, 120_000);

  it.skipIf(noLibreOffice)('imports a Word file made by LibreOffice from a casebook in the usual free layout: mapping and privacy findings', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Wijkteam Noord\n', 'bron/boekje.html': FREE_LAYOUT_CASEBOOK }, 'casebook-import-free-');
    mkdirSync(path.join(dir, 'cases'));
    const docx = convert(path.join(dir, 'bron', 'boekje.html'), 'docx:MS Word 2007 XML', path.join(dir, 'bron'));
    // Not made by the docx library: LibreOffice's own package.
    expect(strFromU8(unzipSync(readFileSync(docx))['docProps/app.xml']!)).toContain('LibreOffice');
    const run = await cli(['import', docx], dir);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('gesplitst op kopniveau 1');
    expect(out).toMatch(/Niet geïmporteerd, want geen casus: voorwerk vóór de eerste casus \(3 alinea's\), Inhoudsopgave/);
    expect(out).toContain('Situatie → situation, Hulpvraag → request, Dilemma → dilemma, Opties → options (2 opties), Wettelijk kader → legal (2 verwijzingen), Leerpunten → lessons');
    expect(out).toContain('in situation onder een eigen kopje: "Netwerk van het gezin"');
    expect(out).toContain('Casus → situation, Het dilemma → dilemma, Juridisch kader → legal (1 verwijzing), Afloop → outcome');
    expect(out).toMatch(/privacy: 3 bevindingen:[\s\S]*privacy\/name[\s\S]*privacy\/phone[\s\S]*privacy\/bsn/);
    // The number itself is never printed, only masked.
    expect(out).not.toContain('111222333');

    const cases = casesIn(dir);
    const logeer = cases.find((c) => c.title === 'Logeeropvang voor een broertje') as Case & Record<string, unknown>;
    expect(logeer).toMatchObject({
      status: 'draft',
      domains: ['jeugdwet'],
      request: 'Twee weekenden per maand logeeropvang.',
      dilemma: 'Gaan we mee in de vraag om logeeropvang, of zoeken we eerst ruimte in het netwerk?',
      options: [
        { title: 'Logeeropvang toekennen', for: ['snelle ontlasting van het gezin'], against: ['duur en ver weg'] },
        { title: 'Eerst het netwerk versterken', for: ['duurzamer'], against: ['het gezin is nu al overbelast'] },
      ],
      legal: [
        { law: 'Jeugdwet', article: '2.3', note: 'de jeugdhulpplicht van de gemeente' },
        { law: 'Awb', article: '3:2', note: 'zorgvuldige voorbereiding' },
      ],
      lessons: ['Vraag door naar het beoogde effect.'],
    });
    // Nothing dropped: the section that maps to no field is in the situation, under its heading.
    expect(logeer.situation).toMatch(/^Een moeder van drie kinderen[\s\S]*### Netwerk van het gezin\n\nContactpersoon is Jan de Vries/);
    const wasmachine = cases.find((c) => c.title === 'Bijzondere bijstand voor een wasmachine') as Case & Record<string, unknown>;
    expect(wasmachine).toMatchObject({ domains: ['participatiewet'], legal: [{ law: 'Participatiewet', article: '35', note: 'bijzondere bijstand.' }] });
    // The drafts validate apart from the privacy findings the import reported.
    const validation = JSON.parse((await cli(['validate', '--format', 'json'], dir)).stdout) as { messages: Array<{ rule: string; severity: string; suppressed?: boolean }> };
    expect([...new Set(validation.messages.map((m) => m.rule))].sort()).toEqual(['privacy/bsn', 'privacy/name', 'privacy/phone']);
  }, 180_000);

  it('imports Markdown and HTML too, with --split-on and --domain, and says what it cannot do', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Test\n',
      'boek.md': '# Ons casusboek\n\n## Voorwoord\n\nWelkom.\n\n## Een vraag om een scootmobiel\n\n### Situatie\n\nMevrouw vraagt een scootmobiel.\n\n### Dilemma\n\nWat is *echt* nodig?\n\n### Opties\n\n| Optie | Voor | Tegen |\n|---|---|---|\n| Verstrekken | Snel | Duur |\n\n### Kernwaarden\n\n- Effect voorop: het doel eerst\n',
      'boek.html': '<html><body><main><section><h3>Een casus in HTML-vorm</h3><p>Dilemma: Kiezen we A of B?</p><script>alert(1)</script></section></main></body></html>',
      'leeg.md': 'Alleen tekst, geen kopjes.\n',
    });
    const md = await cli(['import', 'boek.md', '--split-on', '2', '--domain', 'wmo'], dir);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("Voorwoord (1 alinea)");
    const [scoot] = casesIn(dir) as Array<Case & Record<string, unknown>>;
    expect(scoot).toMatchObject({ id: 'wmo-een-vraag-om-een-scootmobiel', domains: ['wmo'], dilemma: 'Wat is *echt* nodig?', options: [{ title: 'Verstrekken', for: ['Snel'], against: ['Duur'] }], values: [{ id: 'effect-voorop', why: 'het doel eerst' }] });
    const html = await cli(['import', 'boek.html', '--domain', 'jeugdwet', '--dry-run'], dir);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('(--dry-run: er is niets geschreven)');
    expect(html.stdout).toContain('Dilemma → dilemma');
    expect(casesIn(dir).length).toBe(1);
    expect((await cli(['import', 'leeg.md'], dir)).stderr).toContain('--split-on');
    expect((await cli(['import', 'boek.md', '--domain', 'wm'], dir)).stderr).toContain("bedoelde je 'wmo'");
    expect((await cli(['import', 'casebook.yaml'], dir)).stderr).toContain('.docx');
    expect((await cli(['import', 'weg.docx'], dir)).stderr).toMatch(/weg\.docx' bestaat niet/);
    expect((await cli(['import', 'boek.md', '--split-on', '9'], dir)).code).toBe(2);
  });

  it('refuses hostile files with a message, before they can exhaust memory or the stack', async () => {
    // A zip whose part says it unpacks to 2 GB (a zip bomb), and markup nested 100,000 deep.
    const zip = Buffer.from(zipSync({ 'word/document.xml': strToU8('<w:document/>') }));
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(0x7fffffff, central + 24);
    const dir = makeTree({ 'casebook.yaml': 'title: Test\n', 'bom.docx': zip, 'diep.html': `${'<div>'.repeat(100_000)}<h1>Een titel van een casus</h1>`, 'kapot.docx': 'geen zip' });
    const bomb = await cli(['import', 'bom.docx'], dir);
    expect(bomb.code).toBe(2);
    expect(bomb.stderr).toContain('maximaal 300 MB');
    const deep = await cli(['import', 'diep.html'], dir);
    expect(deep.code).toBe(2);
    expect(deep.stderr).toContain('dieper genest dan 400');
    const broken = await cli(['import', 'kapot.docx'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('geen Word-bestand');
    expect(existsSync(path.join(dir, 'cases'))).toBe(false);
    // A case folder that links out of the casebook is not written into.
    const outside = makeTree({}, 'casebook-outside-');
    mkdirSync(path.join(dir, 'cases'));
    symlinkSync(outside, path.join(dir, 'cases', 'wmo'));
    writeFileSync(path.join(dir, 'een.md'), '## Een casus over iets\n\n### Dilemma\n\nWat nu?\n');
    const link = await cli(['import', 'een.md', '--domain', 'wmo'], dir);
    expect(link.code).toBe(2);
    expect(link.stderr).toContain('buiten de map van het casusboek');
    expect(readdirSync(outside)).toEqual([]);
  });
});

/** A casebook as teams write them in Word: a title page, a contents list, cases with free-text sections. */
const FREE_LAYOUT_CASEBOOK = `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Casusboekje Wijkteam Noord</title></head><body>
<p style="font-size:28pt"><b>Casusboekje Wijkteam Noord</b></p>
<p>Gemeente Voorbeeld, afdeling Sociaal Domein</p>
<p>Versie maart 2025</p>
<h1>Inhoudsopgave</h1>
<p>Casus 1: Logeeropvang voor een broertje ........ 2</p>
<p>Casus 2: Bijzondere bijstand voor een wasmachine ........ 3</p>
<h1>Casus 1: Logeeropvang voor een broertje</h1>
<p><b>Situatie</b></p>
<p>Een moeder van drie kinderen vraagt logeeropvang voor haar zoon van 9 met autisme. De oudste dochter zorgt vaak voor hem.</p>
<p><b>Hulpvraag:</b> Twee weekenden per maand logeeropvang.</p>
<h2>Netwerk van het gezin</h2>
<p>Contactpersoon is Jan de Vries, bereikbaar op 06-12345678. Zijn BSN is 111222333.</p>
<h2>Dilemma</h2>
<p>Gaan we mee in de vraag om logeeropvang, of zoeken we eerst ruimte in het netwerk?</p>
<h2>Opties</h2>
<ul>
<li>Logeeropvang toekennen<ul><li>Voor: snelle ontlasting van het gezin</li><li>Tegen: duur en ver weg</li></ul></li>
<li>Eerst het netwerk versterken<ul><li>Voor: duurzamer</li><li>Tegen: het gezin is nu al overbelast</li></ul></li>
</ul>
<h2>Wettelijk kader</h2>
<ul><li>Jeugdwet art. 2.3 – de jeugdhulpplicht van de gemeente</li><li>Awb art. 3:2 – zorgvuldige voorbereiding</li></ul>
<h2>Leerpunten</h2>
<ul><li>Vraag door naar het beoogde effect.</li></ul>
<h1>Casus 2: Bijzondere bijstand voor een wasmachine</h1>
<p><b>Casus</b></p>
<p>Een man in de bijstand vraagt bijzondere bijstand voor een nieuwe wasmachine. Hij heeft schulden.</p>
<p><b>Het dilemma</b></p>
<p>Verstrekken we een gift, of een lening die zijn schulden vergroot?</p>
<p><b>Juridisch kader</b></p>
<p>Participatiewet artikel 35: bijzondere bijstand.</p>
<p><b>Afloop</b></p>
<p>De wasmachine is verstrekt als gift, met afspraken over budgetcoaching.</p>
</body></html>
`;

