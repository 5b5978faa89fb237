/**
 * Handouts: one A4 PDF per case, to hand out in the team meeting. The case as the book shows
 * it, without decision and outcome (unless asked for with `--decisions inline`), with the
 * team's questions and ruled space for notes; the casebook's title and the case number in the
 * footer. They are laid out with the book's own templates (handout.hbs around the case
 * partial) and printed in the browser the book is printed in.
 */
import type { Browser } from 'puppeteer-core';
import { slugify } from '../util/slug.js';
import { cssString, marginBoxFont, pageCounterContent, pageView, type Theme } from './html.js';
import type { BookView, CaseView } from './view.js';
import { printSheets, type PdfMetadata } from './pdf.js';
import type { Templates } from './templates.js';

/** The folder under the output folder where `--format handouts` writes one PDF per case. */
export const HANDOUTS_FOLDER = 'handouts';

/** Margins of a handout in millimetres: a little narrower than the book's, for room to write. */
export const HANDOUT_PAGE = { top: 16, right: 18, bottom: 18, left: 18 } as const;

export interface Handout {
  caseId: string;
  /** File name without folder: `<case-id>.pdf`. */
  fileName: string;
  html: string;
  title: string;
}

export interface HandoutView extends BookView {
  handout: { case: CaseView };
}

/** A file name from a case id: the id itself when it is safe, else a slug of it. */
export function handoutFileName(id: string): string {
  return `${/^[A-Za-z0-9][A-Za-z0-9_-]{0,100}$/.test(id) ? id : slugify(id, 80) || 'casus'}.pdf`;
}

/** The case views for handouts: decision and outcome back in place (from the appendix) or left out. */
export function handoutCases(view: Omit<BookView, 'format'>, withDecisions: boolean): CaseView[] {
  const entries = new Map(view.decisions.entries.map((e) => [e.id, e]));
  return view.cases.map((c) => {
    const copy: CaseView = { ...c };
    delete copy.decisionAnchor;
    delete copy.decision;
    delete copy.outcome;
    const source = entries.get(c.id) ?? c;
    if (withDecisions && source.decision !== undefined) copy.decision = source.decision;
    if (withDecisions && source.outcome !== undefined) copy.outcome = source.outcome;
    return copy;
  });
}

/** The handout's page rules: footer with the book's title and the case number, page x of y. */
export function handoutPrintCss(view: BookView, theme: Theme, item: CaseView): string {
  const labels = view.labels as Record<string, string>;
  const font = marginBoxFont(theme);
  const footer = labels.handoutFooter!.replace('{title}', view.book.title).replace('{number}', String(item.number));
  const pageOf = pageCounterContent(labels.pageOf!);
  const margin = `${HANDOUT_PAGE.top}mm ${HANDOUT_PAGE.right}mm ${HANDOUT_PAGE.bottom}mm ${HANDOUT_PAGE.left}mm`;
  return `@page { size: A4; margin: ${margin}; @bottom-left { content: ${cssString(footer)}; ${font} } @bottom-right { content: ${pageOf}; ${font} } }`;
}

/** One page per case, laid out and ready to print. */
export function layOutHandouts(view: Omit<BookView, 'format'>, templates: Templates, theme: Theme, withDecisions: boolean): Handout[] {
  return handoutCases(view, withDecisions).map((item) => {
    const handoutView: HandoutView = { ...view, format: 'pdf', handout: { case: item } };
    const html = templates.renderHandout(pageView(handoutView, templates, theme, handoutPrintCss(handoutView, theme, item)));
    return { caseId: item.id, fileName: handoutFileName(item.id), html, title: item.title };
  });
}

export interface PrintedHandout {
  handout: Handout;
  bytes: Uint8Array;
  pages: number;
}

/** Prints every handout in the given browser (a couple of reused tabs). */
export async function printHandouts(browser: Browser, handouts: Handout[], meta: Omit<PdfMetadata, 'title'>, options: { timeoutMs: number }): Promise<PrintedHandout[]> {
  const sheets = await printSheets(browser, handouts.map((handout) => ({ html: handout.html, meta: { ...meta, title: handout.title } })), options);
  return sheets.map((sheet, i) => ({ handout: handouts[i]!, bytes: sheet.bytes, pages: sheet.pages }));
}
