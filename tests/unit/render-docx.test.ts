/** The Word layout's parts: HTML to Word content, the footer's text, languages, a repeatable package. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Document, Packer, Paragraph } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { blocks, inlineRuns, type HtmlContext } from '../../src/render/docx/html.js';
import { imageFromDataUri } from '../../src/render/docx/image.js';
import { languageOnEveryRun, splitPageOf } from '../../src/render/docx/index.js';
import { reproducible } from '../../src/render/docx/package.js';
import { makeTree, repoRoot } from '../helpers.js';

const PNG_2x3 = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAEklEQVR4nGP4z8DAwMDAxMDAAAAdHAEDN7d5DQAAAABJRU5ErkJggg==';

function context(): HtmlContext {
  let n = 0;
  return { language: 'nl-NL', bookmarkFor: (anchor) => (anchor === 'case-a' ? 'casus_1' : undefined), nextListInstance: () => ++n, maxImageWidth: 600 };
}

/** The body XML of a document with these paragraphs and tables. */
async function bodyOf(children: Array<Paragraph | import('docx').Table>): Promise<string> {
  const doc = new Document({ sections: [{ children }], numbering: { config: [{ reference: 'bullets', levels: [{ level: 0, text: '•' }] }, { reference: 'numbers', levels: [{ level: 0, text: '%1.' }] }] } });
  return strFromU8(unzipSync(await Packer.toBuffer(doc))['word/document.xml']!);
}

describe('HTML to Word', () => {
  it('maps emphasis, code, links within the book and outside it', async () => {
    const xml = await bodyOf([new Paragraph({ children: inlineRuns('Een <strong>vet</strong>, <em>schuin</em>, <code>x</code>, <a href="#case-a">casus</a>, <a href="#elders">elders</a> en <a href="https://example.org">web</a>', context()) })]);
    expect(xml).toMatch(/<w:b\/>[\s\S]*?>vet</);
    expect(xml).toMatch(/<w:i\/>[\s\S]*?>schuin</);
    expect(xml).toMatch(/Consolas[\s\S]*?>x</);
    expect(xml).toMatch(/<w:hyperlink w:history="1" w:anchor="casus_1">[\s\S]*?>casus</);
    expect(xml).not.toContain('elders"');
    expect(xml).toMatch(/<w:hyperlink [^>]*r:id="[^"]+"[^>]*>[\s\S]*?>web</);
    expect(xml.match(/<w:lang w:val="nl-NL"\/>/g)!.length).toBeGreaterThanOrEqual(8);
  });

  it('maps lists (a new count for each ordered list), block quotes, tables and images', async () => {
    const ctx = context();
    const xml = await bodyOf(blocks(`<ol><li>een</li><li>twee<ul><li>sub</li></ul></li></ol><ol><li>weer een</li></ol><blockquote><p>citaat</p></blockquote><table><tr><th>A</th></tr><tr><td>1</td></tr></table><p><img src="${PNG_2x3}" alt="plaatje" width="1200"></p>`, ctx));
    expect(xml.match(/<w:numPr>/g)!.length).toBe(4);
    expect(xml).toContain('<w:pStyle w:val="Quote"/>');
    expect(xml).toContain('<w:tblHeader/>');
    // Scaled to the text width, keeping its proportions.
    expect(xml).toMatch(/<wp:extent cx="5715000" cy="8572500"\/>/);
    expect(xml).toContain('descr="plaatje"');
  });

  it('reads the size of PNG, GIF and SVG images, and leaves out what Word cannot show', () => {
    expect(imageFromDataUri(PNG_2x3)).toMatchObject({ type: 'png', width: 2, height: 3 });
    expect(imageFromDataUri('data:image/gif;base64,R0lGODlhBQAHAIAAAP///wAAACwAAAAABQAHAAACBoSPqcvtUQA7')).toMatchObject({ type: 'gif', width: 5, height: 7 });
    expect(imageFromDataUri(`data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"></svg>').toString('base64')}`)).toMatchObject({ type: 'svg', width: 40, height: 20 });
    expect(imageFromDataUri('data:image/webp;base64,UklGRg==')).toBeUndefined();
  });
});

describe('the package', () => {
  it('splits "pagina {page} van {pages}" around the two fields', () => {
    expect(splitPageOf('pagina {page} van {pages}')).toEqual(['pagina ', ' van ', '']);
    expect(splitPageOf('page {page} of {pages}')).toEqual(['page ', ' of ', '']);
  });

  it('gives every run the language, keeping one that has its own', () => {
    expect(languageOnEveryRun('<w:r><w:t>a</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>b</w:t></w:r><w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:r>', 'nl-NL')).toBe(
      '<w:r><w:rPr><w:lang w:val="nl-NL"/></w:rPr><w:t>a</w:t></w:r><w:r><w:rPr><w:b/><w:lang w:val="nl-NL"/></w:rPr><w:t>b</w:t></w:r><w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:r>',
    );
  });

  it('makes two documents made one after the other in one process the same bytes', async () => {
    const make = async () => {
      const { Bookmark, TextRun } = await import('docx');
      const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new Bookmark({ id: 'a', children: [new TextRun('x')] })] })] }] });
      return reproducible(await Packer.toBuffer(doc), new Date(Date.UTC(2026, 0, 1)));
    };
    const first = await make();
    const second = await make();
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
  });
});

describe('decisions at the back', () => {
  it('puts decision and outcome in an appendix, with a page reference at each case and back to it', async () => {
    const { loadCasebook } = await import('../../src/load/index.js');
    const { prepareBook } = await import('../../src/render/prepare.js');
    const { renderDocx } = await import('../../src/render/docx/index.js');
    const { repoRoot } = await import('../helpers.js');
    const casebook = await loadCasebook({ cwd: repoRoot });
    const view = prepareBook(casebook, 'nl', { filters: {}, date: new Date(Date.UTC(2026, 0, 1)) }).book!.view as unknown as Record<string, unknown> & { cases: Array<Record<string, unknown>> };
    // What the model does for `decisions: appendix` (render/decisions.ts): the case keeps a pointer.
    const entries = view.cases.filter((c) => c.decision || c.outcome).map((c) => {
      const entry = { number: c.number, title: c.title, caseAnchor: c.anchor, anchor: `decision-${c.id}`, decision: c.decision, outcome: c.outcome };
      delete c.decision;
      delete c.outcome;
      c.decisionAnchor = entry.anchor;
      return entry;
    });
    view.decisions = { mode: 'appendix', entries };
    const xml = strFromU8(unzipSync(await renderDocx(view as never, { date: new Date(Date.UTC(2026, 0, 1)), creator: 'casebook test' }))['word/document.xml']!);
    expect(entries.length).toBeGreaterThan(3);
    // Where the appendix's heading is (the contents name it earlier): after the cases, before the index.
    const appendix = xml.indexOf('w:name="decisions"');
    expect(appendix).toBeGreaterThan(xml.indexOf('w:name="casus_14"'));
    expect(appendix).toBeLessThan(xml.indexOf('w:name="value_index"'));
    for (const entry of entries) {
      const name = `besluit_${entry.number}`;
      expect(xml).toContain(`w:name="${name}"`);
      expect(xml.indexOf(`PAGEREF ${name}<`)).toBeLessThan(appendix);
      expect(xml).toContain(`PAGEREF casus_${entry.number}<`);
    }
    // The decision of a case is in the appendix only.
    const decision = 'De traplift is niet verstrekt.';
    expect(xml.split(decision).length - 1).toBe(1);
    expect(xml.indexOf(decision)).toBeGreaterThan(appendix);
  });
});

describe('loading the Word writer', () => {
  /** The modules of the `docx` package that importing these built modules loads (a resolve hook sees them). */
  function docxModulesLoadedBy(modules: string[]): string[] {
    const hook = path.join(makeTree({}), 'hook.mjs');
    writeFileSync(hook, "export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('/node_modules/docx/')) console.log(r.url); return r; }\n");
    const register = `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hook).href)});`;
    const load = modules.map((m) => `await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist', m)).href)});`).join(' ');
    return execFileSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', load], { encoding: 'utf8' }).split('\n').filter(Boolean);
  }

  it('happens only for a Word file: the CLI, the build and render stages do not load docx', () => {
    expect(docxModulesLoadedBy(['cli/main.js', 'cli/commands/build.js', 'build/index.js', 'render/index.js'])).toEqual([]);
    expect(docxModulesLoadedBy(['render/docx/index.js']).length).toBeGreaterThan(0);
  });
});
