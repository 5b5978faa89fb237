/**
 * From a loaded casebook and the edition's filters to the view model: plain data that the
 * templates lay out. Everything a template shows is here, already worded in the book's
 * language; every piece of Markdown is already rendered and sanitised (the `html` fields), all
 * other strings are plain text that the templates escape. The README documents this shape.
 */
import path from 'node:path';
import { MARKDOWN_FIELDS, STATUSES, caseStatus, caseValueIds, valueEntryId, type CaseStatus } from '../case/index.js';
import { messagesFor, plural, t } from '../i18n/index.js';
import type { CaseFile, Casebook, Lang, Message, SourceFile } from '../types.js';
import { version as casebookVersion } from '../version.js';
import { heatmapSvg } from './heatmap.js';
import { MarkdownRenderer, type Finding, type MarkdownSource } from './markdown.js';
import { sourceMessage } from './source-message.js';


/** Which cases go into an edition. Within one list any id matches; the lists combine with "and". */
export interface EditionFilters {
  domains?: string[];
  values?: string[];
  statuses?: CaseStatus[];
  /** Include drafts (status draft); they are marked "Concept" on each of their pages. */
  drafts?: boolean;
}

export interface LabelledView {
  id: string;
  label: string;
}

export interface ValueBadgeView extends LabelledView {
  /** The value's description from the value set (HTML). */
  description: string;
  /** Why this value is at stake in this case (HTML), when the case says so. */
  why?: string;
}

export interface OptionView {
  title: string;
  /** Arguments for and against (HTML, one line each). */
  for: string[];
  against: string[];
  /** The values this option honours. */
  values: LabelledView[];
}

export interface LegalView {
  law: string;
  article?: string;
  /** HTML. */
  note?: string;
}

export interface CaseRefView {
  id: string;
  /** The fragment id of the case in the book (`case-…`). */
  anchor: string;
  number: number;
  title: string;
}

export interface RelatedView {
  id: string;
  title: string;
  /** False when the related case is not in this edition (filtered out): no link then. Drafts left out are not listed. */
  included: boolean;
  anchor?: string;
  number?: number;
}

export interface ChapterRef {
  id: string;
  anchor: string;
  number: number;
  title: string;
}

export interface CaseView {
  id: string;
  anchor: string;
  /** Number of the case in the book, 1.. in reading order. */
  number: number;
  title: string;
  /** HTML (inline). */
  summary?: string;
  status: CaseStatus;
  statusLabel: string;
  draft: boolean;
  /** YYYY-MM-DD as written, and as the book's language writes it. */
  date?: string;
  dateText?: string;
  authors: string[];
  role?: LabelledView;
  domains: LabelledView[];
  values: ValueBadgeView[];
  /** The text fields, as HTML; absent when the case leaves them out. */
  situation?: string;
  request?: string;
  effect?: string;
  purpose?: string;
  dilemma?: string;
  consequences?: string;
  decision?: string;
  outcome?: string;
  options: OptionView[];
  legal: LegalView[];
  lessons: string[];
  questions: string[];
  related: RelatedView[];
  tags: string[];
  chapter: ChapterRef;
  /** Space-separated ids, for the HTML's search and filters (data- attributes). */
  filterValues: string;
  filterDomains: string;
  /** Where the case comes from, relative to the casebook folder. */
  source: string;
}

export interface ChapterView extends ChapterRef {
  /** HTML: the value's description when chapters are by value. */
  description?: string;
  /** "3 casussen". */
  countText: string;
  cases: CaseView[];
}

export interface ValueIndexEntry extends LabelledView {
  anchor: string;
  /** HTML. */
  description: string;
  cases: CaseRefView[];
}

export interface MatrixView {
  values: Array<LabelledView & { number: number }>;
  rows: Array<CaseRefView & { cells: Array<{ id: string; label: string; has: boolean }> }>;
}

export interface GuideView {
  intro: string;
  stepsTitle: string;
  steps: Array<{ number: number; title: string; text: string }>;
  layoutTitle: string;
  layout: string;
  meetingTitle: string;
  meeting: string[];
}

export interface ColophonView {
  publisher?: string;
  cases: string;
  drafts?: string;
  valueSet: string;
  version?: string;
  built: string;
  use: string;
  privacyWarning?: string;
}

export interface BookInfo {
  title: string;
  /** The title with the edition, for the window title and the PDF's metadata. */
  documentTitle: string;
  subtitle?: string;
  organisation?: string;
  version?: string;
  /** Build date as YYYY-MM-DD (from SOURCE_DATE_EPOCH when set), and as the book's language writes it. */
  date: string;
  dateText: string;
  generator: string;
  /** The theme's logo as a data: URI. */
  logo?: string;
  edition: {
    full: boolean;
    /** "Volledige uitgave", or the filters in words: "Wmo 2015 · met concepten". */
    text: string;
    domains: LabelledView[];
    values: LabelledView[];
    statuses: LabelledView[];
    drafts: boolean;
    /** Words for file names: `wmo-maatwerk`, or '' for the full edition. */
    slug: string;
  };
  counts: { cases: number; total: number; drafts: number; chapters: number; values: number };
  valueSet: { count: number; builtIn: boolean; source: string; provenance: string };
  /** Privacy errors the build was allowed to ignore (--allow-privacy-errors); 0 normally. */
  privacyErrors: number;
}

export interface BookView {
  format: 'html' | 'pdf';
  lang: Lang;
  /** Every fixed word of the book (render.book in data/messages/<lang>/render.yaml), plus `steps`. */
  labels: Record<string, unknown>;
  book: BookInfo;
  colophon: ColophonView;
  guide: GuideView;
  chapters: ChapterView[];
  /** All cases in reading order (the same objects as in the chapters). */
  cases: CaseView[];
  valueIndex: ValueIndexEntry[];
  matrix: MatrixView;
  /** SVG (trusted: made from numbers and escaped labels): cases per value and domain. */
  heatmap: string;
  /** The choices of the HTML's filters: only what occurs in this edition. */
  filters: { values: LabelledView[]; domains: LabelledView[]; statuses: LabelledView[] };
  /** Anchors of the fixed parts of the book, for links and the PDF's bookmarks. */
  anchors: { cover: string; colophon: string; guide: string; contents: string; valueIndex: string; matrix: string; main: string };
}

export interface ModelOptions {
  filters: EditionFilters;
  date: Date;
  /** Privacy errors that were allowed (--allow-privacy-errors). */
  privacyErrors?: number;
  /** The theme's logo, already inlined. */
  logo?: string;
  /** The theme's primary colour, for the heat map. */
  primaryColour?: string;
  /** A renderer kept between builds (`serve`), so unchanged Markdown is not rendered again. */
  markdown?: MarkdownRenderer;
}

export interface ModelResult {
  view: Omit<BookView, 'format'>;
  messages: Message[];
}

/** A fragment id made only of characters that are safe everywhere (URLs, CSS, PDF names). */
export function anchorFor(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, (ch) => `_${ch.codePointAt(0)!.toString(16)}`)}`;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : []);
const records = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)) : [];

/** Does the case belong in the edition? */
export function inEdition(data: Record<string, unknown>, filters: EditionFilters): boolean {
  const status = caseStatus(data);
  const draftsWanted = filters.drafts === true || (filters.statuses?.includes('draft') ?? false);
  if (status === 'draft' && !draftsWanted) return false;
  if (filters.statuses?.length && !filters.statuses.includes(status)) return false;
  if (filters.domains?.length && !texts(data.domains).some((d) => filters.domains!.includes(d))) return false;
  if (filters.values?.length && !caseValueIds(data).some((v) => filters.values!.includes(v))) return false;
  return true;
}

type Labels = Record<string, unknown>;

function deepMerge(base: Labels, own: Labels): Labels {
  const result: Labels = { ...base };
  for (const [key, value] of Object.entries(own)) {
    const existing = result[key];
    result[key] = existing && typeof existing === 'object' && !Array.isArray(existing) && value && typeof value === 'object' && !Array.isArray(value)
      ? deepMerge(existing as Labels, value as Labels)
      : value;
  }
  return result;
}

/** A subtree of render.yaml in `lang`, with Dutch filling any gap. */
export function bookTexts(lang: Lang, key: string): Labels {
  return deepMerge(messagesFor('nl', key), lang === 'nl' ? {} : messagesFor(lang, key));
}

// Creating an Intl.DateTimeFormat costs far more than using one: one per language.
const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

export function formatDate(date: Date, lang: Lang): string {
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(lang, format);
  }
  return format.format(date);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function buildModel(casebook: Casebook, options: ModelOptions): ModelResult {
  const { config } = casebook;
  const lang = config.language;
  const messages: Message[] = [];
  const markdown = options.markdown ?? new MarkdownRenderer();
  const labels = bookTexts(lang, 'render.book');
  const say = (key: string, params?: Record<string, string | number | undefined>) => t(lang, key, params);
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });

  const domainLabel = new Map(config.domains.map((d) => [d.id, d.label]));
  const roleLabel = new Map(config.roles.map((r) => [r.id, r.label]));
  const valueById = new Map(casebook.values.values.map((v) => [v.id, v]));
  const valueLabel = (id: string) => valueById.get(id)?.label[lang] ?? id;
  const statusLabel = (status: CaseStatus) => String((labels.statuses as Labels)[status] ?? status);

  // Value descriptions come from the value set: Markdown too, rendered once.
  const valuesSource = casebook.sources.find((s) => s.path === config.valuesFile);
  const valueDescriptions = new Map<string, string>();
  casebook.values.values.forEach((value, index) => {
    const source = valuesSource ? markdownSource(valuesSource, config.root, lang, valuePointer(valuesSource, index, lang), messages) : silentSource(config.root, lang);
    valueDescriptions.set(value.id, markdown.inline(value.description[lang], source));
  });

  const filters = options.filters;
  const parsed = casebook.cases.filter((c): c is CaseFile & { data: Record<string, unknown> } => c.data !== undefined);
  const selected = parsed.filter((c) => inEdition(c.data, filters));
  const allById = new Map(parsed.map((c) => [c.id, c]));

  // Chapters: by the first domain (or value) of each case that is part of this edition.
  const byValue = config.chapters === 'value';
  const chapterKeys: Array<{ id: string; title: string; description?: string }> = byValue
    ? [...casebook.values.values.map((v) => ({ id: v.id, title: v.label[lang], description: valueDescriptions.get(v.id)! })), { id: '', title: String(labels.noValue) }]
    : config.domains.map((d) => ({ id: d.id, title: d.label }));
  const chapterOf = (data: Record<string, unknown>): string => {
    const ids = byValue ? caseValueIds(data) : texts(data.domains);
    const wanted = byValue ? filters.values : filters.domains;
    return (wanted?.length ? ids.find((id) => wanted.includes(id)) : undefined) ?? ids[0] ?? '';
  };
  const groups = new Map<string, Array<CaseFile & { data: Record<string, unknown> }>>();
  for (const file of selected) {
    const key = chapterOf(file.data);
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  const ordered = chapterKeys
    .filter((key) => groups.has(key.id))
    .map((key) => ({
      key,
      files: groups.get(key.id)!.sort((a, b) => collator.compare(String(a.data.title ?? ''), String(b.data.title ?? '')) || (a.id < b.id ? -1 : 1)),
    }));

  // Numbers first, so that related cases can refer to cases later in the book.
  const numberOf = new Map<string, number>();
  let counter = 0;
  for (const { files } of ordered) for (const file of files) numberOf.set(file.id, ++counter);

  const cases: CaseView[] = [];
  const chapters: ChapterView[] = ordered.map(({ key, files }, index) => {
    const chapter: ChapterRef = { id: key.id || 'none', anchor: anchorFor('chapter', key.id || 'none'), number: index + 1, title: key.title };
    const views = files.map((file) => caseView(file, chapter));
    cases.push(...views);
    const view: ChapterView = { ...chapter, countText: plural(lang, 'render.book.caseCount', views.length), cases: views };
    if (key.description) view.description = key.description;
    return view;
  });

  function caseView(file: CaseFile & { data: Record<string, unknown> }, chapter: ChapterRef): CaseView {
    const data = file.data;
    const md = (pointer: string) => markdownSource(file, config.root, lang, pointer, messages);
    const block = (field: string) => {
      const value = text(data[field]);
      return value === undefined ? undefined : markdown.block(value, md(`/${field}`));
    };
    const status = caseStatus(data);
    const view: CaseView = {
      id: file.id,
      anchor: anchorFor('case', file.id),
      number: numberOf.get(file.id)!,
      title: text(data.title) ?? file.id,
      status,
      statusLabel: statusLabel(status),
      draft: status === 'draft',
      authors: texts(data.authors),
      domains: texts(data.domains).map((id) => ({ id, label: domainLabel.get(id) ?? id })),
      values: valueBadges(data, file),
      options: records(data.options).map((option, i) => ({
        title: text(option.title) ?? '',
        for: texts(option.for).map((arg, j) => markdown.inline(arg, md(`/options/${i}/for/${j}`))),
        against: texts(option.against).map((arg, j) => markdown.inline(arg, md(`/options/${i}/against/${j}`))),
        values: texts(option.values).map((id) => ({ id, label: valueLabel(id) })),
      })),
      legal: records(data.legal).map((item, i) => {
        const legal: LegalView = { law: text(item.law) ?? '' };
        const article = item.article;
        if (typeof article === 'string' || typeof article === 'number') legal.article = String(article);
        const note = text(item.note);
        if (note !== undefined) legal.note = markdown.inline(note, md(`/legal/${i}/note`));
        return legal;
      }),
      lessons: texts(data.lessons).map((lesson, i) => markdown.inline(lesson, md(`/lessons/${i}`))),
      questions: texts(data.questions).map((question, i) => markdown.inline(question, md(`/questions/${i}`))),
      related: texts(data.related).flatMap((id): RelatedView[] => {
        const target = allById.get(id);
        if (!target || id === file.id) return [];
        const title = text(target.data.title) ?? id;
        const number = numberOf.get(id);
        if (number !== undefined) return [{ id, title, included: true, anchor: anchorFor('case', id), number }];
        // A draft left out of the edition is not named either; another edition's case is.
        return caseStatus(target.data) === 'draft' ? [] : [{ id, title, included: false }];
      }),
      tags: texts(data.tags),
      chapter,
      filterValues: caseValueIds(data).join(' '),
      filterDomains: texts(data.domains).join(' '),
      source: path.relative(config.root, file.path).split(path.sep).join('/'),
    };
    const summary = text(data.summary);
    if (summary !== undefined) view.summary = markdown.inline(summary, md('/summary'));
    const date = text(data.date);
    if (date !== undefined) {
      view.date = date;
      const parsedDate = new Date(`${date}T00:00:00Z`);
      view.dateText = Number.isNaN(parsedDate.getTime()) ? date : formatDate(parsedDate, lang);
    }
    const role = text(data.role);
    if (role !== undefined) view.role = { id: role, label: roleLabel.get(role) ?? role };
    for (const field of MARKDOWN_FIELDS) {
      const html = block(field);
      if (html !== undefined) view[field] = html;
    }
    return view;

    function valueBadges(caseData: Record<string, unknown>, source: CaseFile): ValueBadgeView[] {
      const list = Array.isArray(caseData.values) ? caseData.values : [];
      return list.flatMap((entry, i): ValueBadgeView[] => {
        const id = valueEntryId(entry);
        if (id === undefined) return [];
        const badge: ValueBadgeView = { id, label: valueLabel(id), description: valueDescriptions.get(id) ?? '' };
        const why = typeof entry === 'object' ? text((entry as { why?: unknown }).why) : undefined;
        if (why !== undefined) badge.why = markdown.inline(why, markdownSource(source, config.root, lang, `/values/${i}/why`, messages));
        return [badge];
      });
    }
  }

  const ref = (c: CaseView): CaseRefView => ({ id: c.id, anchor: c.anchor, number: c.number, title: c.title });
  const valueIndex: ValueIndexEntry[] = casebook.values.values.map((value) => ({
    id: value.id,
    anchor: anchorFor('value', value.id),
    label: value.label[lang],
    description: valueDescriptions.get(value.id)!,
    cases: cases.filter((c) => c.values.some((v) => v.id === value.id)).map(ref),
  }));
  const matrixValues = casebook.values.values.map((v, i) => ({ id: v.id, label: v.label[lang], number: i + 1 }));
  const matrix: MatrixView = {
    values: matrixValues,
    rows: cases.map((c) => ({ ...ref(c), cells: matrixValues.map((v) => ({ id: v.id, label: v.label, has: c.values.some((cv) => cv.id === v.id) })) })),
  };

  const heatmap = heatmapSvg({
    values: matrixValues,
    domains: config.domains.map((d) => ({ id: d.id, label: d.label })),
    cases,
    colour: options.primaryColour ?? '#1d4e6e',
    title: say('render.book.heatmapTitle'),
    cellText: (value, domain, count) => say('render.book.heatmapCell', { value, domain, count }),
  });

  const present = <T extends { id: string }>(all: T[], used: Set<string>) => all.filter((item) => used.has(item.id));
  const usedValues = new Set(cases.flatMap((c) => c.values.map((v) => v.id)));
  const usedDomains = new Set(cases.flatMap((c) => c.domains.map((d) => d.id)));
  const usedStatuses = new Set(cases.map((c) => c.status));

  const editionDomains = (filters.domains ?? []).map((id) => ({ id, label: domainLabel.get(id) ?? id }));
  const editionValues = (filters.values ?? []).map((id) => ({ id, label: valueLabel(id) }));
  const editionStatuses = (filters.statuses ?? []).map((id) => ({ id, label: statusLabel(id) }));
  const drafts = cases.filter((c) => c.draft).length;
  const draftsShown = filters.drafts === true || (filters.statuses?.includes('draft') ?? false);
  const editionParts = [...editionDomains, ...editionValues, ...editionStatuses].map((p) => p.label);
  if (filters.drafts) editionParts.push(String(labels.editionDrafts));
  const full = editionParts.length === 0;
  const slugParts = [...(filters.domains ?? []), ...(filters.values ?? []), ...(filters.statuses ?? [])];
  if (filters.drafts) slugParts.push(lang === 'en' ? 'drafts' : 'concepten');

  const builtIn = casebook.values.source === 'built-in';
  const provenance = casebook.values.provenance[lang] || (builtIn ? '' : say('render.colophon.valueSetOwn', { file: path.basename(casebook.values.source) }));
  const dateText = formatDate(options.date, lang);
  const editionText = full ? String(labels.fullEdition) : editionParts.join(' · ');
  const book: BookInfo = {
    title: config.title,
    documentTitle: full ? config.title : `${config.title} (${editionText})`,
    date: isoDate(options.date),
    dateText,
    generator: casebookVersion,
    edition: {
      full,
      text: editionText,
      domains: editionDomains,
      values: editionValues,
      statuses: editionStatuses,
      drafts: draftsShown,
      slug: slugParts.join('-'),
    },
    counts: { cases: cases.length, total: parsed.length, drafts, chapters: chapters.length, values: casebook.values.values.length },
    valueSet: { count: casebook.values.values.length, builtIn, source: builtIn ? 'built-in' : path.relative(config.root, casebook.values.source).split(path.sep).join('/'), provenance },
    privacyErrors: options.privacyErrors ?? 0,
  };
  if (config.subtitle) book.subtitle = config.subtitle;
  if (config.organisation) book.organisation = config.organisation;
  if (config.version) book.version = config.version;
  if (options.logo) book.logo = options.logo;

  const colophon: ColophonView = {
    cases: cases.length === parsed.length
      ? plural(lang, 'render.colophon.cases', cases.length)
      : say('render.colophon.casesOfTotal', { count: cases.length, total: parsed.length }),
    valueSet: say('render.colophon.valueSet', { count: casebook.values.values.length, provenance }),
    built: say('render.colophon.built', { date: dateText, generator: casebookVersion }),
    use: say('render.colophon.use'),
  };
  if (config.organisation) colophon.publisher = say('render.colophon.publisher', { organisation: config.organisation });
  if (drafts > 0) colophon.drafts = plural(lang, 'render.colophon.drafts', drafts);
  if (config.version) colophon.version = say('render.colophon.version', { version: config.version });
  if (book.privacyErrors > 0) colophon.privacyWarning = say('render.colophon.privacyWarning', { count: book.privacyErrors });

  const guideTexts = bookTexts(lang, 'render.guide');
  const guide: GuideView = {
    intro: String(guideTexts.intro),
    stepsTitle: String(guideTexts.stepsTitle),
    steps: (guideTexts.steps as Array<{ title: string; text: string }>).map((step, i) => ({ number: i + 1, ...step })),
    layoutTitle: String(guideTexts.layoutTitle),
    layout: String(guideTexts.layout),
    meetingTitle: String(guideTexts.meetingTitle),
    meeting: guideTexts.meeting as string[],
  };
  // The reverse test's step numbers, as the case headings show them.
  labels.steps = Object.fromEntries(
    (['effect', 'purpose', 'consequences', 'legal'] as const).map((field, i) => [field, say('render.book.step', { n: i + 1 })]),
  );

  return {
    view: {
      lang,
      labels,
      book,
      colophon,
      guide,
      chapters,
      cases,
      valueIndex,
      matrix,
      heatmap,
      filters: {
        values: present(casebook.values.values.map((v) => ({ id: v.id, label: v.label[lang] })), usedValues),
        domains: present(config.domains.map((d) => ({ id: d.id, label: d.label })), usedDomains),
        statuses: STATUSES.filter((s) => usedStatuses.has(s)).map((s) => ({ id: s, label: statusLabel(s) })),
      },
      anchors: { cover: 'cover', colophon: 'colophon', guide: 'guide', contents: 'contents', valueIndex: 'value-index', matrix: 'matrix', main: 'main' },
    },
    messages,
  };
}

/** Markdown from a YAML field: findings become warnings at that field (or at the exact text). */
function markdownSource(file: SourceFile, root: string, lang: Lang, pointer: string, messages: Message[]): MarkdownSource {
  return {
    root,
    baseDir: path.dirname(file.path),
    lang,
    report: (finding: Finding) => messages.push(sourceMessage(file, pointer, finding.rule, 'warning', finding.message, finding.needle)),
  };
}

/** The built-in value set ships with casebook; there is no author to tell. */
function silentSource(root: string, lang: Lang): MarkdownSource {
  return { root, baseDir: root, lang, report: () => undefined };
}

function valuePointer(file: SourceFile, index: number, lang: Lang): string {
  const list = Array.isArray(file.data) ? '' : '/values';
  const raw = (Array.isArray(file.data) ? file.data : (file.data?.values as unknown[] | undefined))?.[index] as { description?: unknown } | undefined;
  return typeof raw?.description === 'object' ? `${list}/${index}/description/${lang}` : `${list}/${index}/description`;
}
