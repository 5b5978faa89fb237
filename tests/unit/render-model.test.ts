import { describe, expect, it } from 'vitest';
import { draftsLeftOut } from '../../src/case/edition.js';
import { loadCasebook } from '../../src/load/index.js';
import { anchorFor, buildModel, formatDate, inEdition } from '../../src/render/model.js';
import { caseYaml, makeTree } from '../helpers.js';

const DATE = new Date('2026-01-15T00:00:00Z');

/** A small casebook: two Wmo cases, one Jeugdwet case (also Wmo), one draft. */
function casebookTree(extra: Record<string, string> = {}) {
  return makeTree({
    'casebook.yaml': 'title: Casusboek Test\norganisation: Gemeente Test\nversion: "2.1"\n',
    'cases/a.yaml': caseYaml({ title: 'Bravo, de tweede casus', status: 'published', values: '[maatwerk, vertrouwen]', related: '[c, d, b]', date: '2025-03-14' }),
    'cases/b.yaml': caseYaml({ title: 'Alfa, de eerste casus', status: 'published', values: '[{id: eigen-kracht, why: "Het *netwerk* helpt."}]', role: 'wmo-consulent', authors: '[Team Noord]' }),
    'cases/c.yaml': caseYaml({ title: 'Charlie in de jeugdhulp', status: 'review', domains: '[jeugdwet, wmo]', values: '[vertrouwen]' }),
    'cases/d.yaml': caseYaml({ title: 'Delta is nog een concept', status: 'draft', domains: '[jeugdwet]' }),
    ...extra,
  });
}

async function model(filters = {}, extra: Record<string, string> = {}) {
  const casebook = await loadCasebook({ cwd: casebookTree(extra) });
  return buildModel(casebook, { filters, date: DATE });
}

describe('the view model', () => {
  it('leaves drafts out by default and orders chapters by the domain list, cases by title', async () => {
    const { view } = await model();
    expect(view.chapters.map((c) => [c.title, c.cases.map((x) => `${x.number} ${x.id}`)])).toEqual([
      ['Wmo 2015', ['1 b', '2 a']],
      ['Jeugdwet', ['3 c']],
    ]);
    expect(view.book.counts).toEqual({ cases: 3, total: 4, drafts: 0, chapters: 2, values: 10 });
    expect(view.colophon.cases).toBe('Dit boekje bevat 3 van de 4 casussen in de verzameling.');
  });

  it('includes drafts with drafts: true, and marks them', async () => {
    const { view } = await model({ drafts: true });
    const draft = view.cases.find((c) => c.id === 'd')!;
    expect(draft).toMatchObject({ draft: true, status: 'draft', statusLabel: 'Concept', number: 4 });
    expect(view.cases.filter((c) => c.draft).map((c) => c.id)).toEqual(['d']);
    expect(view.colophon.drafts).toBe('Daarvan is 1 een concept; die casus is op elke pagina gemarkeerd.');
    expect(view.book.edition).toMatchObject({ full: false, text: 'met concepten', slug: 'concepten', drafts: true });
  });

  it('filters by domain (any of the case\'s domains) and puts the case in the chapter of the filtered domain', async () => {
    const { view } = await model({ domains: ['wmo'] });
    expect(view.chapters.map((c) => [c.id, c.cases.map((x) => x.id)])).toEqual([['wmo', ['b', 'a', 'c']]]);
    expect(view.book.edition).toMatchObject({ full: false, text: 'Wmo 2015', slug: 'wmo' });
    expect(view.book.documentTitle).toBe('Casusboek Test (Wmo 2015)');
  });

  it('filters by value and by status', async () => {
    expect((await model({ values: ['vertrouwen'] })).view.cases.map((c) => c.id)).toEqual(['a', 'c']);
    expect((await model({ statuses: ['review'] })).view.cases.map((c) => c.id)).toEqual(['c']);
    // Asking for the draft status is asking for drafts.
    expect((await model({ statuses: ['draft'] })).view.cases.map((c) => c.id)).toEqual(['d']);
    expect(inEdition({ status: 'published', domains: ['wmo'], values: ['maatwerk'] }, { domains: ['wmo'], values: ['vertrouwen'] })).toBe(false);
    // The drafts --drafts would add: only those the other filters let through, none when drafts are asked for.
    const drafts = [{ status: 'draft', domains: ['wmo'] }, { domains: ['jeugdwet'] }, { status: 'published', domains: ['wmo'] }];
    expect(draftsLeftOut(drafts, {})).toBe(2);
    expect(draftsLeftOut(drafts, { domains: ['wmo'] })).toBe(1);
    expect(draftsLeftOut(drafts, { drafts: true })).toBe(0);
  });

  it('can make chapters by value: the first value of each case; cases without one last', async () => {
    const casebook = await loadCasebook({ cwd: casebookTree({ 'casebook.yaml': 'title: T\nchapters: value\n' }) });
    const { view } = buildModel(casebook, { filters: { drafts: true }, date: DATE });
    expect(view.chapters.map((c) => [c.title, c.cases.map((x) => x.id)])).toEqual([
      ['Eigen kracht', ['b']],
      ['Maatwerk', ['a']],
      ['Vertrouwen', ['c']],
      ['Zonder kernwaarde', ['d']],
    ]);
    // Soft hyphens (hyphenation) aside.
    expect(view.chapters[0]!.description!.replaceAll('\u00ad', '')).toBe('Bouw op wat de inwoner en het netwerk zelf kunnen (eigen kracht, mantelzorg, gebruikelijke hulp) vóór een voorziening.');
  });

  it('renders the fields of a case: facts, values with why, related cases in and out of the edition', async () => {
    const { view } = await model();
    const a = view.cases.find((c) => c.id === 'a')!;
    expect(a).toMatchObject({ anchor: 'case-a', title: 'Bravo, de tweede casus', date: '2025-03-14', dateText: '14 maart 2025', filterValues: 'maatwerk vertrouwen', filterDomains: 'wmo', source: 'cases/a.yaml' });
    expect(a.situation).toBe('<p>Een inwoner vraagt hulp.</p>\n');
    expect(a.related).toEqual([
      { id: 'c', title: 'Charlie in de jeugdhulp', included: true, anchor: 'case-c', number: 3 },
      { id: 'b', title: 'Alfa, de eerste casus', included: true, anchor: 'case-b', number: 1 },
    ]);
    // In an edition without b, b is named as "not in this edition"; the draft d is never named.
    const edition = (await model({ values: ['vertrouwen'] })).view;
    expect(edition.cases.find((c) => c.id === 'a')!.related).toEqual([
      { id: 'c', title: 'Charlie in de jeugdhulp', included: true, anchor: 'case-c', number: 2 },
      { id: 'b', title: 'Alfa, de eerste casus', included: false },
    ]);
    const b = view.cases.find((c) => c.id === 'b')!;
    expect(b.values).toEqual([{ id: 'eigen-kracht', label: 'Eigen kracht', description: expect.stringContaining('eigen kracht') as string, why: 'Het <em>netwerk</em> helpt.' }]);
    expect(b.role).toEqual({ id: 'wmo-consulent', label: 'Wmo-consulent' });
    expect(b.authors).toEqual(['Team Noord']);
  });

  it('builds the value index and the matrix from the cases in the edition', async () => {
    const { view } = await model();
    const trust = view.valueIndex.find((v) => v.id === 'vertrouwen')!;
    expect(trust.cases.map((c) => [c.number, c.id])).toEqual([[2, 'a'], [3, 'c']]);
    expect(view.valueIndex.find((v) => v.id === 'rechtmatig')!.cases).toEqual([]);
    expect(view.matrix.values).toHaveLength(10);
    const row = view.matrix.rows.find((r) => r.id === 'a')!;
    expect(row.cells.filter((c) => c.has).map((c) => c.id)).toEqual(['maatwerk', 'vertrouwen']);
    expect(view.filters.values.map((v) => v.id)).toEqual(['eigen-kracht', 'maatwerk', 'vertrouwen']);
    expect(view.filters.statuses.map((s) => s.id)).toEqual(['review', 'published']);
  });

  it('names a case once in the value index however often it names the value, in reading order', async () => {
    const { view } = await model({}, { 'cases/e.yaml': caseYaml({ title: 'Echo noemt een waarde twee keer', status: 'published', values: '[maatwerk, vertrouwen, maatwerk]' }) });
    const ids = (value: string) => view.valueIndex.find((v) => v.id === value)!.cases.map((c) => c.id);
    expect(view.cases.map((c) => c.id)).toEqual(['b', 'a', 'e', 'c']);
    expect(ids('maatwerk')).toEqual(['a', 'e']);
    expect(ids('vertrouwen')).toEqual(['a', 'e', 'c']);
  });

  it('reports what sanitising dropped at its line and column in the case file', async () => {
    const extra = { 'cases/e.yaml': 'title: Een casus met een plaatje\nstatus: published\ndomains: [wmo]\nvalues: [maatwerk]\nsituation: |\n  Kijk:\n  ![foto](https://example.org/foto.png)\ndilemma: Wat nu?\n' };
    const { messages } = await model({}, extra);
    expect(messages).toEqual([expect.objectContaining({
      rule: 'render/remote-image', severity: 'warning', line: 7, column: 11, endLine: 7, endColumn: 39, path: '/situation',
      file: expect.stringMatching(/cases\/e\.yaml$/) as string,
    })]);
  });

  it('makes anchors that are safe in URLs, CSS and PDF names, without collisions', () => {
    expect(anchorFor('case', 'wmo-traplift')).toBe('case-wmo-traplift');
    expect(anchorFor('case', 'a.b')).toBe('case-a_2eb');
    expect(anchorFor('case', 'a-b')).not.toBe(anchorFor('case', 'a.b'));
    expect(anchorFor('case', 'x"<y')).toBe('case-x_22_3cy');
  });

  it('speaks English with language: en', async () => {
    const casebook = await loadCasebook({ cwd: casebookTree({ 'casebook.yaml': 'title: Casebook\nlanguage: en\n' }) });
    const { view } = buildModel(casebook, { filters: {}, date: DATE });
    expect(view.labels.contents).toBe('Contents');
    expect(view.book.dateText).toBe('15 January 2026');
    expect(view.chapters[0]!.countText).toBe('2 cases');
    expect(view.guide.steps.map((s) => s.title)).toEqual(['Intended effect', 'Purpose of the law', 'Consequences', 'Legal frame']);
  });
});

describe('dates in words', () => {
  it('are worded as Intl words them, for every day of 1000-2200 and around the edges, in Dutch and English', () => {
    const intl = {
      nl: new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
      en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
    };
    const day = 86_400_000;
    const days = (from: string, to: string) => {
      const list: Date[] = [];
      for (let t = Date.parse(from); t <= Date.parse(to); t += day) list.push(new Date(t));
      return list;
    };
    const dates = [...days('1000-01-01T00:00:00Z', '2200-12-31T00:00:00Z'), ...days('0001-01-01T00:00:00Z', '0002-01-01T00:00:00Z'), ...days('9998-12-01T00:00:00Z', '9999-12-31T00:00:00Z'), new Date(Date.UTC(2025, 10, 23, 23, 59, 59)), new Date(-62198755200000 - 400 * day)];
    // One expect for all 880,000 comparisons (an expect per date cost three quarters of the
    // test's time); the first 20 differences are named, and all are counted.
    const wrong: string[] = [];
    let differences = 0;
    for (const lang of ['nl', 'en'] as const) {
      for (const date of dates) {
        const ours = formatDate(date, lang);
        const theirs = intl[lang].format(date);
        if (ours !== theirs && differences++ < 20) wrong.push(`${lang} ${date.toISOString()}: ${ours} (Intl: ${theirs})`);
      }
    }
    expect({ differences, wrong }).toEqual({ differences: 0, wrong: [] });
  });
});
