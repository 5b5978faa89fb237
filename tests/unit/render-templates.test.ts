import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCasebook } from '../../src/load/index.js';
import { templatesDir } from '../../src/paths.js';
import { assembleHtml, assembleHtmlPieces, contrast, cssString, printCss, resolveTheme, themeCss } from '../../src/render/html.js';
import { build } from '../../src/build/index.js';
import { buildModel } from '../../src/render/model.js';
import { builtInTemplateNames, loadTemplates } from '../../src/render/templates.js';
import { caseYaml, makeTree, repoRoot } from '../helpers.js';

const DATE = new Date('2026-01-15T00:00:00Z');
const baseFiles = {
  'cases/a.yaml': caseYaml({ title: 'Een casus over maatwerk', status: 'published', values: '[maatwerk]' }),
  'cases/b.yaml': caseYaml({ title: 'Een concept over vertrouwen', status: 'draft', values: '[vertrouwen]' }),
};

async function setUp(config: string, files: Record<string, string | Uint8Array> = {}) {
  const casebook = await loadCasebook({ cwd: makeTree({ 'casebook.yaml': config, ...baseFiles, ...files }) });
  const loaded = loadTemplates(casebook, 'nl');
  const theme = resolveTheme(casebook, 'nl');
  const { view } = buildModel(casebook, { filters: { drafts: true }, date: DATE, ...(theme.theme.logo ? { logo: theme.theme.logo } : {}) });
  // Attribute values come out entity-escaped (&#x27; &#x3D;); the browser reads them decoded.
  const decode = (text: string) => text.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');
  return { casebook, loaded, theme, view, html: (format: 'html' | 'pdf') => decode(assembleHtml({ ...view, format }, loaded.templates!, theme.theme)) };
}

describe('templates', () => {
  it('ships the page, the partials, the stylesheet and the script', () => {
    expect(builtInTemplateNames()).toEqual([
      'handout.hbs', 'page.hbs',
      'partials/case.hbs', 'partials/chapter.hbs', 'partials/colophon.hbs', 'partials/contents.hbs', 'partials/cover.hbs',
      'partials/decisions.hbs', 'partials/finder.hbs', 'partials/guide.hbs', 'partials/head.hbs', 'partials/matrix.hbs',
      'partials/present.hbs', 'partials/value-index.hbs', 'partials/verdict.hbs',
      'style.css', 'script.js',
    ]);
  });

  it('come precompiled with the package: a build with the built-in templates loads no Handlebars compiler', async () => {
    // Compiling the templates took a third of a second of every build (issue 18). The
    // precompiled file is made by `npm run build:ts`; each entry carries the source it was made from.
    const names = builtInTemplateNames().filter((name) => name.endsWith('.hbs'));
    const script = `
      import { createRequire } from 'node:module';
      const { loadCasebook } = await import('./dist/load/index.js');
      const { loadTemplates } = await import('./dist/render/templates.js');
      const require = createRequire(import.meta.url);
      const sources = Object.fromEntries(Object.entries(require('./dist/templates.precompiled.cjs')).map(([name, entry]) => [name, entry.source]));
      const { templates } = loadTemplates(await loadCasebook({ cwd: process.env.BOOK }), 'nl');
      const compiler = Object.keys(require.cache).some((file) => /[\\\\/]handlebars[\\\\/]compiler[\\\\/]/.test(file));
      console.log(JSON.stringify({ sources, laidOut: templates?.render !== undefined, compiler }));`;
    const run = (book: string) => {
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, env: { ...process.env, BOOK: book }, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout) as { sources: Record<string, string>; laidOut: boolean; compiler: boolean };
    };
    const builtIn = run(repoRoot);
    expect(Object.keys(builtIn.sources).sort()).toEqual(names);
    for (const name of names) expect(builtIn.sources[name], `${name} changed: npm run build:ts`).toBe(readFileSync(path.join(templatesDir, name), 'utf8'));
    expect(builtIn).toMatchObject({ laidOut: true, compiler: false });
    // A casebook's own partial is compiled from its source.
    const own = makeTree({ 'casebook.yaml': 'title: Eigen\ntemplates: eigen\n', 'eigen/partials/cover.hbs': '<section id="{{anchors.cover}}"><h1>{{book.title}}</h1></section>\n', ...baseFiles });
    expect(run(own)).toMatchObject({ laidOut: true, compiler: true });
  });

  it("are replaced by file name from the casebook's templates folder, a partial also from the folder's top", async () => {
    const { loaded, html } = await setUp('title: T\ntemplates: eigen\n', {
      'eigen/case.hbs': '<article id="{{anchor}}" class="own-case"><h3>EIGEN {{title}}</h3></article>\n',
      'eigen/partials/head.hbs': '<meta name="own-hook" content="ja">\n',
      'eigen/style.css': 'body { color: rebeccapurple; }\n',
    });
    expect(loaded.messages).toEqual([]);
    expect(loaded.templates!.files['partials/case.hbs']).toMatch(/eigen\/case\.hbs$/);
    expect(loaded.templates!.files['partials/head.hbs']).toMatch(/eigen\/partials\/head\.hbs$/);
    expect(loaded.templates!.files['partials/cover.hbs']).toBe(path.join(templatesDir, 'partials', 'cover.hbs'));
    const page = html('html');
    expect(page).toContain('<h3>EIGEN Een casus over maatwerk</h3>');
    expect(page).toContain('<meta name="own-hook" content="ja">');
    expect(page).toContain('body { color: rebeccapurple; }');
    expect(page).not.toContain('class="case-facts"');
  });

  it('reports a configured folder that does not exist as an error at the templates key', async () => {
    const { loaded } = await setUp('title: T\ntemplates: bestaat-niet\n');
    expect(loaded.templates).toBeUndefined();
    expect(loaded.messages).toEqual([expect.objectContaining({ rule: 'render/templates-missing', severity: 'error', line: 2, column: 12, message: 'De map met sjablonen bestaat-niet bestaat niet.' })]);
  });

  it('reports a syntax error in a template at its file and line', async () => {
    const { loaded } = await setUp('title: T\ntemplates: eigen\n', { 'eigen/partials/cover.hbs': '<h1>{{book.title}}</h1>\n<p>{{#if book.subtitle}}\n' });
    expect(loaded.templates).toBeUndefined();
    expect(loaded.messages).toEqual([expect.objectContaining({ rule: 'render/template-syntax', severity: 'error', line: 3, file: expect.stringMatching(/eigen\/partials\/cover\.hbs$/) as string })]);
  });

  it('escape every value; only sanitised Markdown goes in as HTML', async () => {
    const { html } = await setUp('title: "<script>alert(1)</script>"\norganisation: "A & B <b>"\n');
    const page = html('html');
    expect(page).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; (met concepten)</title>');
    expect(page).toContain('A &amp; B &lt;b&gt;');
    expect(page.match(/<script\b/g)).toHaveLength(1);
  });

  it('put the script and the finder only in the HTML; page numbers only in the PDF', async () => {
    const { html } = await setUp('title: T\n');
    const [web, print] = [html('html'), html('pdf')];
    expect(web).toContain('<script>');
    expect(web).toContain('id="finder"');
    expect(web).not.toContain('data-pageref');
    expect(print).not.toContain('<script');
    expect(print).not.toContain('id="finder"');
    expect(print).toContain('<span class="pageref" data-pageref="case-a"></span>');
    expect(print).toContain(`script-src 'none'`);
    const hash = /script-src ('sha256-[^']+')/.exec(web)?.[1];
    const script = readFileSync(path.join(templatesDir, 'script.js'), 'utf8');
    expect(hash).toBe(`'sha256-${(await import('node:crypto')).createHash('sha256').update(script).digest('base64')}'`);
  });
});

describe('the page in pieces', () => {
  it('joins to exactly the whole page, for the example casebook in both formats', async () => {
    const casebook = await loadCasebook({ cwd: path.resolve('.') });
    const loaded = loadTemplates(casebook, 'nl');
    const theme = resolveTheme(casebook, 'nl');
    const { view } = buildModel(casebook, { filters: { drafts: true }, date: DATE });
    for (const format of ['html', 'pdf'] as const) {
      const pieces = [...assembleHtmlPieces({ ...view, format }, loaded.templates!, theme.theme)];
      // One piece per case, with the page between them.
      expect(pieces.length).toBe(2 * view.cases.length + 1);
      expect(pieces.join('')).toBe(assembleHtml({ ...view, format }, loaded.templates!, theme.theme));
    }
  });

  it('lays a case out only when its piece is taken, and a case text cannot forge a piece marker', async () => {
    const { casebook, loaded, theme, view } = await setUp('title: T\n', {
      // A double-quoted YAML string may hold NUL characters, as the markers do.
      'cases/c.yaml': caseYaml({ title: '"Nep \\u0000deadbeefdeadbeef:0\\u0000 marker"', status: 'published', values: '[maatwerk]' }),
    });
    expect(casebook.cases).toHaveLength(3);
    const iterator = assembleHtmlPieces({ ...view, format: 'html' }, loaded.templates!, theme.theme)[Symbol.iterator]();
    const first = iterator.next().value as string;
    expect(first).toContain('<main');
    expect(first).not.toContain('<article');
    const rest = [first];
    for (let step = iterator.next(); !step.done; step = iterator.next()) rest.push(step.value);
    expect(rest.join('')).toBe(assembleHtml({ ...view, format: 'html' }, loaded.templates!, theme.theme));
    expect(rest.join('')).toContain('Nep \u0000deadbeefdeadbeef:0\u0000 marker');
  });
});

describe('a template that fails while the book is written', () => {
  it('stops the build with the message at the templates key, and writes nothing', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: T\ntemplates: eigen\n',
      ...baseFiles,
      'eigen/case.hbs': '<article id="{{anchor}}">{{geenhelper title}}</article>\n',
    });
    const casebook = await loadCasebook({ cwd: dir });
    const result = await build(casebook, { formats: ['html'], filters: { drafts: true } });
    expect(result.stopped).toBe(true);
    expect(result.messages.filter((m) => m.rule === 'render/template-render').map((m) => [path.basename(m.file), m.line])).toEqual([['casebook.yaml', 2]]);
    // The output folder is made before the book is laid out; nothing, not even a temporary file, is in it.
    expect(readdirSync(path.join(dir, 'dist'))).toEqual([]);
  });
});

describe('theme and print rules', () => {
  it('pass colours and the font as custom properties, with readable text on them', () => {
    const css = themeCss({ primary: '#ffd700', accent: '#003366', font: 'Open Sans' });
    expect(css).toContain('--casebook-primary: #ffd700;');
    expect(css).toContain('--casebook-on-primary: #1a1a1a;');
    expect(css).toContain('--casebook-primary-text: color-mix(in srgb, #ffd700 45%, black);');
    expect(css).toContain('--casebook-on-accent: #ffffff;');
    expect(css).toContain('--casebook-accent-text: #003366;');
    expect(css).toContain('--casebook-font-text: "Open Sans", "Liberation Serif"');
    expect(contrast('#1d4e6e', '#ffffff')).toBeGreaterThan(7);
  });

  it('take the theme from casebook.yaml; a font that is not a name and a logo outside are refused', async () => {
    const { theme } = await setUp('title: T\ntheme:\n  primary: "#336699"\n  font: "x; } body { background: url(http://evil)"\n  logo: ../logo.png\n');
    expect(theme.theme).toEqual({ primary: '#336699', accent: '#b34a1f' });
    expect(theme.messages.map((m) => [m.rule, m.line])).toEqual([['render/theme-font', 4], ['render/image-outside', 5]]);
  });

  it('inline the logo from the casebook folder', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const { theme, html } = await setUp('title: T\ntheme:\n  logo: huisstijl/logo.png\n', { 'huisstijl/logo.png': png });
    expect(theme.messages).toEqual([]);
    expect(html('html')).toContain(`<img class="cover-logo" src="data:image/png;base64,${png.toString('base64')}"`);
  });

  it('name a page per chapter for the running head, and a draft page that adds the Concept mark', async () => {
    const { view, theme } = await setUp('title: Boek "met" aanhalingstekens\n');
    const css = printCss({ ...view, format: 'pdf' }, theme.theme);
    expect(css).toContain('@top-left { content: "Boek \\22 met\\22  aanhalingstekens";');
    expect(css).toContain('@page chapter-1 { @top-right { content: "Hoofdstuk 1 · Wmo 2015"; } }');
    expect(css).toContain('#chapter-wmo { page: chapter-1; }');
    expect(css).toContain('#case-b { page: chapter-1-draft; }');
    expect(css).toMatch(/@page chapter-1-draft \{[^}]*\} @top-center \{ content: "Concept";/);
    expect(css).toContain('content: "pagina " counter(page) " van " counter(pages);');
  });

  it('escape CSS strings so that no text can end the style element', () => {
    expect(cssString('a</style><script>')).toBe('"a\\3c /style\\3e \\3c script\\3e "');
    expect(cssString('x"\\y\n')).toBe('"x\\22 \\5c y\\a "');
  });
});
