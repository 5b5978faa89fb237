/** One case as the book shows it: every field worded, every piece of Markdown rendered. */
import { MARKDOWN_FIELDS, caseStatus, caseValueIds, valueEntryId } from '../case/index.js';
import type { CaseFile } from '../types.js';
import { formatDate, records, relativeToRoot, text, texts, type BookContext } from './context.js';
import type { CaseView, ChapterRef, LegalView, OptionView, RelatedView, ValueBadgeView } from './view.js';

/** A case file that parsed. */
export type ParsedCase = CaseFile & { data: Record<string, unknown> };

/** Where the cases are in the book, so that a case can link to one later in it. */
export interface Numbering {
  /** The number of every case in the edition. */
  numberOf: ReadonlyMap<string, number>;
  /** Every parsed case of the casebook, in the edition or not. */
  allById: ReadonlyMap<string, ParsedCase>;
}

/** A fragment id made only of characters that are safe everywhere (URLs, CSS, PDF names). */
export function anchorFor(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, (ch) => `_${ch.codePointAt(0)!.toString(16)}`)}`;
}

function valueBadges(ctx: BookContext, file: ParsedCase): ValueBadgeView[] {
  const list = Array.isArray(file.data.values) ? file.data.values : [];
  return list.flatMap((entry, i): ValueBadgeView[] => {
    const id = valueEntryId(entry);
    if (id === undefined) return [];
    const badge: ValueBadgeView = { id, label: ctx.valueLabel(id), description: ctx.valueDescription(id) ?? '' };
    const why = typeof entry === 'object' ? text((entry as { why?: unknown }).why) : undefined;
    if (why !== undefined) badge.why = ctx.markdown.inline(why, ctx.source(file, `/values/${i}/why`));
    return [badge];
  });
}

function optionViews(ctx: BookContext, file: ParsedCase): OptionView[] {
  const md = (pointer: string) => ctx.source(file, pointer);
  return records(file.data.options).map((option, i) => ({
    title: text(option.title) ?? '',
    for: texts(option.for).map((arg, j) => ctx.markdown.inline(arg, md(`/options/${i}/for/${j}`))),
    against: texts(option.against).map((arg, j) => ctx.markdown.inline(arg, md(`/options/${i}/against/${j}`))),
    values: texts(option.values).map((id) => ({ id, label: ctx.valueLabel(id) })),
  }));
}

function legalViews(ctx: BookContext, file: ParsedCase): LegalView[] {
  return records(file.data.legal).map((item, i) => {
    const legal: LegalView = { law: text(item.law) ?? '' };
    const article = item.article;
    if (typeof article === 'string' || typeof article === 'number') legal.article = String(article);
    const note = text(item.note);
    if (note !== undefined) legal.note = ctx.markdown.inline(note, ctx.source(file, `/legal/${i}/note`));
    return legal;
  });
}

function relatedViews(file: ParsedCase, numbering: Numbering): RelatedView[] {
  return texts(file.data.related).flatMap((id): RelatedView[] => {
    const target = numbering.allById.get(id);
    if (!target || id === file.id) return [];
    const title = text(target.data.title) ?? id;
    const number = numbering.numberOf.get(id);
    if (number !== undefined) return [{ id, title, included: true, anchor: anchorFor('case', id), number }];
    // A draft left out of the edition is not named either; another edition's case is.
    return caseStatus(target.data) === 'draft' ? [] : [{ id, title, included: false }];
  });
}

/** The fields a case may leave out: they are only set when it has them. */
function addOptionalFields(ctx: BookContext, file: ParsedCase, view: CaseView): void {
  const data = file.data;
  const summary = text(data.summary);
  if (summary !== undefined) view.summary = ctx.markdown.inline(summary, ctx.source(file, '/summary'));
  const date = text(data.date);
  if (date !== undefined) {
    view.date = date;
    const parsedDate = new Date(`${date}T00:00:00Z`);
    view.dateText = Number.isNaN(parsedDate.getTime()) ? date : formatDate(parsedDate, ctx.lang);
  }
  const role = text(data.role);
  if (role !== undefined) view.role = { id: role, label: ctx.roleLabel(role) };
  for (const field of MARKDOWN_FIELDS) {
    const value = text(data[field]);
    if (value !== undefined) view[field] = ctx.markdown.block(value, ctx.source(file, `/${field}`));
  }
}

export function caseView(ctx: BookContext, file: ParsedCase, chapter: ChapterRef, numbering: Numbering): CaseView {
  const data = file.data;
  const status = caseStatus(data);
  const view: CaseView = {
    id: file.id,
    anchor: anchorFor('case', file.id),
    number: numbering.numberOf.get(file.id)!,
    title: text(data.title) ?? file.id,
    status,
    statusLabel: ctx.statusLabel(status),
    draft: status === 'draft',
    authors: texts(data.authors),
    domains: texts(data.domains).map((id) => ({ id, label: ctx.domainLabel(id) })),
    values: valueBadges(ctx, file),
    options: optionViews(ctx, file),
    legal: legalViews(ctx, file),
    lessons: texts(data.lessons).map((lesson, i) => ctx.markdown.inline(lesson, ctx.source(file, `/lessons/${i}`))),
    questions: texts(data.questions).map((question, i) => ctx.markdown.inline(question, ctx.source(file, `/questions/${i}`))),
    related: relatedViews(file, numbering),
    tags: texts(data.tags),
    chapter,
    filterValues: caseValueIds(data).join(' '),
    filterDomains: texts(data.domains).join(' '),
    source: relativeToRoot(ctx.config.root, file.path),
  };
  addOptionalFields(ctx, file, view);
  return view;
}
