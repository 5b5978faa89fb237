/**
 * The view model's shape: plain data that the templates lay out. Everything a template shows
 * is here, already worded in the book's language; every piece of Markdown is already rendered
 * and sanitised (the `html` fields), all other strings are plain text that the templates
 * escape. The README documents this shape; model.ts makes it.
 */
import type { CaseStatus } from '../case/index.js';
import type { Lang } from '../types.js';

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
  /** The Markdown fields (MARKDOWN_FIELDS in src/case), as HTML; absent when the case leaves them out. */
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
  /** The number of values, for the value index: where they come from is said once, in the colophon. */
  valueCount: string;
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
  format: 'html' | 'pdf' | 'docx';
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

