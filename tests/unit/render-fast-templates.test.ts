/**
 * The built-in templates laid out as plain JavaScript (scripts/fast-templates.mjs,
 * src/render/fast-templates.ts) give exactly the text Handlebars gives: whole books (the
 * repository's casebook, a generated and a varied one; every edition form, the PDF's page, the
 * handouts), each construct on its own with the values at its edges, and a casebook's own
 * partial, which sends what calls it back to Handlebars.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCasebook } from '../../bench/generate.mjs';
import { generateVariedCasebook } from '../../bench/varied.mjs';
import { compileFast } from '../../scripts/fast-templates.mjs';
import { loadCasebook } from '../../src/load/index.js';
import { fastTemplates, topData, type FastEntry, type FastRuntime } from '../../src/render/fast-templates.js';
import { assembleHtml, assembleHtmlPieces, resolveTheme } from '../../src/render/html.js';
import { layOutHandouts } from '../../src/render/handouts.js';
import { buildModel, type EditionFilters } from '../../src/render/model.js';
import { loadTemplates } from '../../src/render/templates.js';
import type { DecisionsMode } from '../../src/render/decisions.js';
import { caseYaml, makeTree, repoRoot } from '../helpers.js';

const DATE = new Date('2026-01-15T00:00:00Z');
const work = mkdtempSync(path.join(tmpdir(), 'casebook-fast-templates-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const BUILT_IN = ['handout.hbs', 'page.hbs', 'partials/case.hbs', 'partials/chapter.hbs', 'partials/colophon.hbs', 'partials/contents.hbs', 'partials/cover.hbs',
  'partials/decisions.hbs', 'partials/finder.hbs', 'partials/guide.hbs', 'partials/head.hbs', 'partials/matrix.hbs', 'partials/present.hbs',
  'partials/value-index.hbs', 'partials/verdict.hbs'];

/** Every way the book is laid out, with the plain JavaScript and with Handlebars alone. */
async function bothWays(dir: string, edition: { filters: EditionFilters; decisions: DecisionsMode }) {
  const casebook = await loadCasebook({ cwd: dir });
  const theme = resolveTheme(casebook, casebook.config.language).theme;
  const { view } = buildModel(casebook, { ...edition, date: DATE, primaryColour: theme.primary });
  const layOut = (plainJavaScript: boolean) => {
    const templates = loadTemplates(casebook, casebook.config.language, { plainJavaScript }).templates!;
    return {
      plain: templates.plain,
      html: assembleHtml({ ...view, format: 'html' }, templates, theme),
      pieces: [...assembleHtmlPieces({ ...view, format: 'html' }, templates, theme)].join(''),
      pdf: assembleHtml({ ...view, format: 'pdf' }, templates, theme),
      handouts: layOutHandouts(view, templates, theme, true).map((handout) => handout.html),
    };
  };
  return { fast: layOut(true), slow: layOut(false) };
}

function expectSame(dir: string, name: string) {
  return async (edition: { filters: EditionFilters; decisions: DecisionsMode }) => {
    const { fast, slow } = await bothWays(dir, edition);
    expect(fast.plain, 'the built-in templates are laid out as plain JavaScript').toEqual(BUILT_IN);
    expect(slow.plain).toEqual([]);
    for (const key of ['html', 'pieces', 'pdf'] as const) expect(fast[key] === slow[key], `${name} ${key}`).toBe(true);
    expect(fast.pieces === fast.html).toBe(true);
    expect(fast.handouts.length).toBeGreaterThan(0);
    expect(fast.handouts).toEqual(slow.handouts);
  };
}

const EDITIONS: Array<{ filters: EditionFilters; decisions: DecisionsMode }> = [
  { filters: {}, decisions: 'inline' },
  { filters: { drafts: true }, decisions: 'appendix' },
  { filters: { domains: ['wmo'] }, decisions: 'omit' },
];

describe('the built-in templates as plain JavaScript', () => {
  it('lay out the repository casebook as Handlebars does, in every edition form', async () => {
    for (const edition of EDITIONS) await expectSame(repoRoot, 'example')(edition);
  });

  it('lay out a generated and a varied book as Handlebars does', async () => {
    const generated = path.join(work, 'generated');
    generateCasebook(generated, 120);
    const varied = path.join(work, 'varied');
    generateVariedCasebook(varied, 60);
    for (const edition of EDITIONS.slice(0, 2)) {
      await expectSame(generated, 'generated')(edition);
      await expectSame(varied, 'varied')(edition);
    }
  }, 120_000);

  it('leave a casebook own partial, and every template that calls it, to Handlebars', async () => {
    const dir = makeTree({
      'casebook.yaml': 'title: Eigen\ntemplates: templates\n',
      'cases/a.yaml': caseYaml({ title: 'Een casus', status: 'published', values: '[maatwerk]', decision: 'Zo besloten.' }),
      'templates/partials/verdict.hbs': '<div class="own">{{decision}}</div>\n',
    });
    const { fast, slow } = await bothWays(dir, EDITIONS[0]!);
    expect(fast.plain).toEqual(BUILT_IN.filter((name) => !['handout.hbs', 'page.hbs', 'partials/case.hbs', 'partials/chapter.hbs', 'partials/decisions.hbs', 'partials/verdict.hbs'].includes(name)));
    expect(fast.html).toContain('<div class="own">');
    expect(fast.html === slow.html && fast.pieces === slow.pieces && fast.pdf === slow.pdf).toBe(true);
  });

  it('lay out the built-in case partial inside a casebook own page (the page through Handlebars, each case as plain JavaScript)', async () => {
    // renderPieces then takes each case's data frame from Handlebars' call of the partial.
    const dir = path.join(work, 'own-page');
    cpSync(path.join(repoRoot, 'cases'), path.join(dir, 'cases'), { recursive: true });
    writeFileSync(path.join(dir, 'casebook.yaml'), `${readFileSync(path.join(repoRoot, 'casebook.yaml'), 'utf8')}templates: templates\n`);
    mkdirSync(path.join(dir, 'templates'));
    const page = readFileSync(path.join(repoRoot, 'templates', 'page.hbs'), 'utf8');
    expect(page).toContain('<body');
    writeFileSync(path.join(dir, 'templates', 'page.hbs'), page.replace('<body', '<!-- eigen pagina -->\n<body'));
    const { fast, slow } = await bothWays(dir, EDITIONS[0]!);
    expect(fast.plain).toEqual(BUILT_IN.filter((name) => name !== 'page.hbs'));
    expect(fast.html).toContain('<!-- eigen pagina -->');
    expect(fast.pieces === slow.pieces && fast.pieces === slow.html && fast.html === slow.html).toBe(true);
  });
});

const HELPERS = ['eq', 'or', 'typeset', 'withReason', 'withoutReason', 'pageref'];
const KNOWN = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'helperMissing', 'blockHelperMissing', ...HELPERS]);
const OPTIONS = { preventIndent: true, knownHelpersOnly: true, knownHelpers: Object.fromEntries(HELPERS.map((name) => [name, true])) };

/** One template laid out by Handlebars and by its plain JavaScript, with a partial `part`. */
function layOutBoth(source: string, context: unknown, part = '[{{this}}]') {
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerPartial('part', hb.compile(part, OPTIONS));
  const entry = (text: string): FastEntry => {
    const compiled = compileFast(Handlebars.parse(text), KNOWN);
    expect(compiled, text).toBeDefined();
    const spec = Handlebars.precompile(text, OPTIONS) as unknown as string;
    return { fast: new Function(`return ${compiled!.code}`)() as (rt: FastRuntime) => never, partials: compiled!.partials, spec: { useData: /"useData":true/.test(spec) } };
  };
  const entries = { 'page.hbs': entry(source), 'partials/part.hbs': entry(part) };
  const main = fastTemplates(hb, entries, () => true).mains.get('page.hbs')!;
  const runtimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
  return { fast: main(context, topData(entries['page.hbs'], context)), slow: hb.compile(source, OPTIONS)(context, runtimeOptions) };
}

describe('each construct, as Handlebars lays it out', () => {
  // An array with holes (each skips them, and one with only holes is not empty) and iterables, which each reads its own way.
  const holes = (...items: Array<[number, unknown]>) => Object.assign(new Array<unknown>(3), Object.fromEntries(items));
  const EDGES = [undefined, null, 0, 1, '', 'a', '<&"\'`=>', false, true, [], [0], ['x', 'y'], holes([1, 'b']), holes(), [undefined, null, 0], {}, { a: 1 }, Number.NaN, () => 'called', () => ['from', 'function'], new Set(['s', 't']), new Map([['k', 'v']]), new Handlebars.SafeString('<b>safe</b>')];
  const TEMPLATES = [
    '{{x}}|{{{x}}}|{{x.a}}|{{x.length}}|{{this.x}}',
    '{{#if x}}yes{{else}}no{{/if}}|{{#unless x}}u{{else}}nu{{/unless}}|{{#if x}}only{{/if}}',
    '{{#each x}}<{{this}}:{{@index}}{{#if @first}}F{{/if}}{{#unless @last}},{{/unless}}>{{else}}none{{/each}}',
    '{{#each x}}[{{@key}}{{#if @last}}L{{/if}}:{{#each @root.w}}{{@index}}{{this}}{{@root.y}}{{#if @first}}f{{/if}}{{/each}}]{{/each}}|{{#each w}}{{@key}}{{/each}}',
    '{{#with x}}w[{{this}}|{{a}}|{{@root.y}}]{{else}}nothing{{/with}}',
    '{{#if (eq x 1)}}one{{/if}}{{#if (or x y)}}either{{/if}}{{eq x y}}',
    '  {{#if x}}\n  block line\n  {{/if}}\n  {{> part}}\n{{!-- comment --}}{{@root.y}} {{@root.z.a}}',
  ];
  it('gives the same text for every template and every value at the edges', () => {
    for (const source of TEMPLATES) {
      for (const x of EDGES) {
        for (const y of [undefined, 0, 'y']) {
          const { fast, slow } = layOutBoth(source, { x, y, z: { a: '&' }, w: ['p', 'q'] });
          expect(fast, `${source} with x=${String(x)} y=${String(y)}`).toBe(slow);
        }
      }
    }
  });

  it('leaves what it does not know to Handlebars', () => {
    for (const source of ['{{#each x}}{{../y}}{{/each}}', '{{#each x as |item|}}{{item}}{{/each}}', '{{x y=1}}', '{{#custom x}}{{/custom}}', '{{> (name) }}', '{{constructor}}', '{{x.__proto__}}', '{{^x}}none{{/x}}', '{{#> part}}{{/part}}']) {
      expect(compileFast(Handlebars.parse(source), KNOWN), source).toBeUndefined();
    }
  });
});
