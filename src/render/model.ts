/**
 * From a loaded casebook and the edition's filters to the view model (view.ts): the cases of
 * the edition (edition.ts), each case as the book shows it (case-view.ts) and the parts of the
 * book around them (book-parts.ts).
 */
import path from 'node:path';
import type { Casebook, Message } from '../types.js';
import { version as casebookVersion } from '../version.js';
import { chaptersOf, colophonOf, filterChoices, guideOf, heatmapOf, matrixOf, stepLabels, valueIndexOf } from './book-parts.js';
import { type ParsedCase } from './case-view.js';
import { bookContext, formatDate, isoDate, relativeToRoot, type BookContext } from './context.js';
import { editionInfo, inEdition, type EditionFilters } from './edition.js';
import { MarkdownRenderer } from './markdown.js';
import type { BookInfo, BookView, CaseView } from './view.js';

export type * from './view.js';
export { anchorFor } from './case-view.js';
export { bookTexts, formatDate } from './context.js';
export { inEdition, type EditionFilters } from './edition.js';

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

/** The cover's and the metadata's facts: title, edition, date, counts, the value set. */
function bookInfo(ctx: BookContext, options: ModelOptions, cases: CaseView[], counts: { total: number; chapters: number }): BookInfo {
  const { casebook, config, lang } = ctx;
  const edition = editionInfo(ctx, options.filters);
  const builtIn = casebook.values.source === 'built-in';
  const provenance = casebook.values.provenance[lang] || (builtIn ? '' : ctx.say('render.colophon.valueSetOwn', { file: path.basename(casebook.values.source) }));
  const values = casebook.values.values.length;
  const book: BookInfo = {
    title: config.title,
    documentTitle: edition.full ? config.title : `${config.title} (${edition.text})`,
    date: isoDate(options.date),
    dateText: formatDate(options.date, lang),
    generator: casebookVersion,
    edition,
    counts: { cases: cases.length, total: counts.total, drafts: cases.filter((c) => c.draft).length, chapters: counts.chapters, values },
    valueSet: { count: values, builtIn, source: builtIn ? 'built-in' : relativeToRoot(config.root, casebook.values.source), provenance },
    privacyErrors: options.privacyErrors ?? 0,
  };
  if (config.subtitle) book.subtitle = config.subtitle;
  if (config.organisation) book.organisation = config.organisation;
  if (config.version) book.version = config.version;
  if (options.logo) book.logo = options.logo;
  return book;
}

export function buildModel(casebook: Casebook, options: ModelOptions): ModelResult {
  const ctx = bookContext(casebook, options.markdown ?? new MarkdownRenderer());
  const parsed = casebook.cases.filter((c): c is ParsedCase => c.data !== undefined);
  const selected = parsed.filter((c) => inEdition(c.data, options.filters));
  const { chapters, cases } = chaptersOf(ctx, selected, parsed, options.filters);
  const matrix = matrixOf(ctx, cases);
  const book = bookInfo(ctx, options, cases, { total: parsed.length, chapters: chapters.length });
  const colophon = colophonOf(ctx, book);
  const guide = guideOf(ctx);
  ctx.labels.steps = stepLabels(ctx);
  return {
    view: {
      lang: ctx.lang,
      labels: ctx.labels,
      book,
      colophon,
      guide,
      chapters,
      cases,
      valueIndex: valueIndexOf(ctx, cases),
      matrix,
      heatmap: heatmapOf(ctx, cases, matrix, options.primaryColour),
      filters: filterChoices(ctx, cases),
      anchors: { cover: 'cover', colophon: 'colophon', guide: 'guide', contents: 'contents', valueIndex: 'value-index', matrix: 'matrix', main: 'main' },
    },
    messages: ctx.messages,
  };
}
