/**
 * What every part of the Word book is written with: the labels, the links between its parts
 * (a view anchor → a Word bookmark), the context for the HTML of case texts, and the list
 * numbering that all of them share.
 */
import { Bookmark, HeadingLevel, Paragraph, type ParagraphChild } from 'docx';
import type { BookView, DecisionEntryView } from '../view.js';
import { blocks, inlineRuns, textRun, type Block, type HtmlContext, type ParagraphStyle } from './html.js';

export type Labels = Record<string, string> & { steps: Record<string, string>; statuses: Record<string, string> };

/** Where decision and outcome are (the `decisions` setting): the model has moved them already. */
type DecisionEntry = Omit<DecisionEntryView, 'id'>;
export type DecisionsOf = { decisions?: { mode: string; entries: DecisionEntry[] }; anchors: Record<string, string> };

/** The book as the Word writer reads it (the format is Word's). */
export type WordBookView = Omit<BookView, 'format'>;

/** Bookmark names Word accepts: a letter first, letters, digits and underscores, at most 40 characters. */
export const bookmarkNames = {
  case: (c: { number: number }) => `casus_${c.number}`,
  chapter: (n: number) => `hoofdstuk_${n}`,
  value: (n: number) => `kernwaarde_${n}`,
  decision: (n: number) => `besluit_${n}`,
  part: (name: string) => name.replace(/[^A-Za-z0-9]/g, '_'),
};

/** A4, 2.5 cm margins: the text is 16 cm wide. */
export const PAGE = { width: 11906, height: 16838, margin: 1418 };
export const TEXT_WIDTH_TWIPS = PAGE.width - 2 * PAGE.margin;
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH_TWIPS / 1440) * 96);

/** A heading that starts a new page. */
export const NEW_PAGE = { pageBreakBefore: true };

export class BookWriter {
  readonly labels: Labels;
  /** Every part, chapter, case, value and decision of the view: its anchor → its bookmark. */
  readonly anchors = new Map<string, string>();
  readonly context: HtmlContext;
  private listInstance = 0;

  constructor(view: WordBookView, readonly language: string) {
    this.labels = view.labels as unknown as Labels;
    for (const c of view.cases) this.anchors.set(c.anchor, bookmarkNames.case(c));
    for (const chapter of view.chapters) this.anchors.set(chapter.anchor, bookmarkNames.chapter(chapter.number));
    view.valueIndex.forEach((entry, i) => this.anchors.set(entry.anchor, bookmarkNames.value(i + 1)));
    for (const part of Object.values(view.anchors)) this.anchors.set(part, bookmarkNames.part(part));
    for (const entry of (view as DecisionsOf).decisions?.entries ?? []) this.anchors.set(entry.anchor, bookmarkNames.decision(entry.number));
    this.context = {
      language,
      bookmarkFor: (anchor) => this.anchors.get(anchor),
      nextListInstance: () => this.newList(),
      maxImageWidth: TEXT_WIDTH_PX,
    };
  }

  run(text: string, extra: Parameters<typeof textRun>[2] = {}): ParagraphChild {
    return textRun(text, this.context, extra);
  }

  para(children: ParagraphChild[], extra: Record<string, unknown> = {}): Paragraph {
    return new Paragraph({ children, ...extra });
  }

  heading(level: 1 | 2 | 3, text: string, bookmark?: string, extra: Record<string, unknown> = {}): Paragraph {
    const children: ParagraphChild[] = [this.run(text)];
    return new Paragraph({
      heading: level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
      children: bookmark ? [new Bookmark({ id: bookmark, children })] : children,
      ...extra,
    });
  }

  /** A new numbering instance: each list counts (or bullets) on its own. */
  newList(): number {
    return ++this.listInstance;
  }

  /** Paragraphs, one per item, as a list of their own. */
  list(items: ParagraphChild[][], reference: 'bullets' | 'numbers'): Paragraph[] {
    const instance = this.newList();
    return items.map((children) => this.para(children, { numbering: { reference, level: 0, instance } }));
  }

  /** Sanitised HTML of a case text as Word paragraphs, lists and tables. */
  blocks(html: string, style?: ParagraphStyle): Block[] {
    return blocks(html, this.context, style);
  }

  /** Sanitised inline HTML as runs. */
  inline(html: string): ParagraphChild[] {
    return inlineRuns(html, this.context);
  }
}
