/**
 * The parts of the book around the cases: the chapters (and with them the contents and the
 * numbering), the value index, the value × case matrix and its heat map, the colophon, the
 * guide, and the choices of the HTML's filters.
 */
import { STATUSES, caseValueIds } from '../case/index.js';
import { plural } from '../i18n/index.js';
import { version as casebookVersion } from '../version.js';
import { texts, bookTexts, type BookContext, type Labels } from './context.js';
import { anchorFor, caseView, type ParsedCase } from './case-view.js';
import type { EditionFilters } from './edition.js';
import { heatmapSvg } from './heatmap.js';
import type { BookInfo, BookView, CaseRefView, CaseView, ChapterRef, ChapterView, ColophonView, GuideView, LabelledView, MatrixView, ValueIndexEntry } from './view.js';

interface ChapterKey {
  id: string;
  title: string;
  description?: string;
}

/** The cases of each chapter: by the first domain (or value) of each case that is part of this edition, sorted by title. */
function groupIntoChapters(ctx: BookContext, selected: ParsedCase[], filters: EditionFilters): Array<{ key: ChapterKey; files: ParsedCase[] }> {
  const { casebook, config, lang } = ctx;
  const byValue = config.chapters === 'value';
  const chapterKeys: ChapterKey[] = byValue
    ? [...casebook.values.values.map((v) => ({ id: v.id, title: v.label[lang], description: ctx.valueDescription(v.id)! })), { id: '', title: String(ctx.labels.noValue) }]
    : config.domains.map((d) => ({ id: d.id, title: d.label }));
  const chapterOf = (data: Record<string, unknown>): string => {
    const ids = byValue ? caseValueIds(data) : texts(data.domains);
    const wanted = byValue ? filters.values : filters.domains;
    return (wanted?.length ? ids.find((id) => wanted.includes(id)) : undefined) ?? ids[0] ?? '';
  };
  const groups = new Map<string, ParsedCase[]>();
  for (const file of selected) {
    const key = chapterOf(file.data);
    // Appended in place: copying the chapter's list for every case cost time growing with its square.
    const group = groups.get(key);
    if (group) group.push(file);
    else groups.set(key, [file]);
  }
  return chapterKeys
    .filter((key) => groups.has(key.id))
    .map((key) => ({
      key,
      files: groups.get(key.id)!.sort((a, b) => ctx.compareTitles(String(a.data.title ?? ''), String(b.data.title ?? '')) || (a.id < b.id ? -1 : 1)),
    }));
}

/** The chapters with their cases, and all cases in reading order (the same objects). */
export function chaptersOf(ctx: BookContext, selected: ParsedCase[], all: ParsedCase[], filters: EditionFilters): { chapters: ChapterView[]; cases: CaseView[] } {
  const ordered = groupIntoChapters(ctx, selected, filters);
  // Numbers first, so that related cases can refer to cases later in the book.
  const numberOf = new Map<string, number>();
  let counter = 0;
  for (const { files } of ordered) for (const file of files) numberOf.set(file.id, ++counter);
  const numbering = { numberOf, allById: new Map(all.map((c) => [c.id, c])) };

  const cases: CaseView[] = [];
  const chapters = ordered.map(({ key, files }, index): ChapterView => {
    const chapter: ChapterRef = { id: key.id || 'none', anchor: anchorFor('chapter', key.id || 'none'), number: index + 1, title: key.title };
    const views = files.map((file) => caseView(ctx, file, chapter, numbering));
    cases.push(...views);
    const view: ChapterView = { ...chapter, countText: plural(ctx.lang, 'render.book.caseCount', views.length), cases: views };
    if (key.description) view.description = key.description;
    return view;
  });
  return { chapters, cases };
}

const ref = (c: CaseView): CaseRefView => ({ id: c.id, anchor: c.anchor, number: c.number, title: c.title });

/** Each value's cases in reading order, a case once however often it names the value: one pass over the cases, not one per value. */
function casesNaming(cases: CaseView[]): Map<string, CaseRefView[]> {
  const naming = new Map<string, CaseRefView[]>();
  for (const c of cases) {
    let own: CaseRefView | undefined;
    for (const { id } of c.values) {
      own ??= ref(c);
      const list = naming.get(id);
      if (list === undefined) naming.set(id, [own]);
      else if (list[list.length - 1] !== own) list.push(own);
    }
  }
  return naming;
}

export function valueIndexOf(ctx: BookContext, cases: CaseView[]): ValueIndexEntry[] {
  const naming = casesNaming(cases);
  return ctx.casebook.values.values.map((value) => ({
    id: value.id,
    anchor: anchorFor('value', value.id),
    label: value.label[ctx.lang],
    description: ctx.valueDescription(value.id)!,
    cases: naming.get(value.id) ?? [],
  }));
}

export function matrixOf(ctx: BookContext, cases: CaseView[]): MatrixView {
  const values = ctx.casebook.values.values.map((v, i) => ({ id: v.id, label: v.label[ctx.lang], number: i + 1 }));
  return {
    values,
    rows: cases.map((c) => ({ ...ref(c), cells: values.map((v) => ({ id: v.id, label: v.label, has: c.values.some((cv) => cv.id === v.id) })) })),
  };
}

/** SVG: cases per value and domain. */
export function heatmapOf(ctx: BookContext, cases: CaseView[], matrix: MatrixView, colour: string | undefined): string {
  return heatmapSvg({
    values: matrix.values,
    domains: ctx.config.domains.map((d) => ({ id: d.id, label: d.label })),
    cases,
    colour: colour ?? '#1d4e6e',
    title: ctx.say('render.book.heatmapTitle'),
    cellText: (value, domain, count) => ctx.say('render.book.heatmapCell', { value, domain, count }),
  });
}

export function colophonOf(ctx: BookContext, book: BookInfo): ColophonView {
  const { lang, say, config } = ctx;
  const { cases, total, drafts } = book.counts;
  const colophon: ColophonView = {
    cases: cases === total ? plural(lang, 'render.colophon.cases', cases) : say('render.colophon.casesOfTotal', { count: total, cases }),
    valueSet: say('render.colophon.valueSet', { count: book.valueSet.count, provenance: book.valueSet.provenance }),
    valueCount: plural(lang, 'render.colophon.valueCount', book.valueSet.count),
    built: say('render.colophon.built', { date: book.dateText, generator: casebookVersion }),
    use: say('render.colophon.use'),
  };
  if (config.organisation) colophon.publisher = say('render.colophon.publisher', { organisation: config.organisation });
  if (drafts > 0) colophon.drafts = plural(lang, 'render.colophon.drafts', drafts);
  if (config.version) colophon.version = say('render.colophon.version', { version: config.version });
  if (book.privacyErrors > 0) colophon.privacyWarning = say('render.colophon.privacyWarning', { count: book.privacyErrors });
  return colophon;
}

export function guideOf(ctx: BookContext): GuideView {
  const guideTexts = bookTexts(ctx.lang, 'render.guide');
  return {
    intro: String(guideTexts.intro),
    stepsTitle: String(guideTexts.stepsTitle),
    steps: (guideTexts.steps as Array<{ title: string; text: string }>).map((step, i) => ({ number: i + 1, ...step })),
    layoutTitle: String(guideTexts.layoutTitle),
    layout: String(guideTexts.layout),
    meetingTitle: String(guideTexts.meetingTitle),
    meeting: guideTexts.meeting as string[],
  };
}

/** The reverse test's step numbers, as the case headings show them. */
export function stepLabels(ctx: BookContext): Labels {
  return Object.fromEntries((['effect', 'purpose', 'consequences', 'legal'] as const).map((field, i) => [field, ctx.say('render.book.step', { n: i + 1 })]));
}

/** The choices of the HTML's filters: only what occurs in this edition. */
export function filterChoices(ctx: BookContext, cases: CaseView[]): BookView['filters'] {
  const present = <T extends { id: string }>(all: T[], used: Set<string>) => all.filter((item) => used.has(item.id));
  const usedValues = new Set(cases.flatMap((c) => c.values.map((v) => v.id)));
  const usedDomains = new Set(cases.flatMap((c) => c.domains.map((d) => d.id)));
  const usedStatuses = new Set(cases.map((c) => c.status));
  return {
    values: present<LabelledView>(ctx.casebook.values.values.map((v) => ({ id: v.id, label: v.label[ctx.lang] })), usedValues),
    domains: present<LabelledView>(ctx.config.domains.map((d) => ({ id: d.id, label: d.label })), usedDomains),
    statuses: STATUSES.filter((s) => usedStatuses.has(s)).map((s) => ({ id: s, label: ctx.statusLabel(s) })),
  };
}
