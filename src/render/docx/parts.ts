/**
 * The parts of the Word book around the cases, in reading order: cover, colophon, reading
 * guide, contents, the chapters, the decisions at the back and the value index.
 */
import { Bookmark, HeadingLevel, InternalHyperlink, LeaderType, PageReference, Paragraph, TableOfContents, TabStopType } from 'docx';
import { blocks, type Block } from './html.js';
import { caseBlocks } from './case.js';
import { NEW_PAGE, TEXT_WIDTH_TWIPS, bookmarkNames, type BookWriter, type DecisionsOf, type WordBookView } from './writer.js';

export type BodyBlock = Block | TableOfContents;

/** The whole body of the document. */
export function bookBody(w: BookWriter, view: WordBookView): BodyBlock[] {
  return [
    ...cover(w, view),
    ...colophon(w, view),
    ...readingGuide(w, view),
    ...contents(w, view),
    ...view.chapters.flatMap((chapter) => chapterBlocks(w, chapter)),
    ...decisionsAppendix(w, view),
    ...valueIndex(w, view),
  ];
}

function cover(w: BookWriter, view: WordBookView): Block[] {
  const { book } = view;
  const { labels } = w;
  const out: Block[] = [];
  // The theme's logo (already a data: URI), above the title, at most 5 cm wide.
  if (book.logo) out.push(...blocks(`<p><img src="${book.logo.replace(/"/g, '%22')}" alt="${escapeAttribute(book.organisation ?? '')}"></p>`, { ...w.context, maxImageWidth: 190 }));
  out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new Bookmark({ id: bookmarkNames.part(view.anchors.cover), children: [w.run(book.title)] })], spacing: { before: 2400 } }));
  if (book.subtitle) out.push(w.para([w.run(book.subtitle)], { style: 'Subtitle' }));
  if (book.organisation) out.push(w.para([w.run(book.organisation, { bold: true })], { spacing: { before: 480 } }));
  out.push(w.para([w.run(book.edition.text)]));
  out.push(w.para([w.run(book.version ? `${labels.version} ${book.version} · ${book.dateText}` : book.dateText)]));
  if (book.privacyErrors > 0) out.push(w.para([w.run(labels.privacyBanner!, { bold: true, color: 'B00020' })], { spacing: { before: 480 } }));
  return out;
}

function colophon(w: BookWriter, view: WordBookView): Block[] {
  const { colophon: c } = view;
  const out: Block[] = [w.heading(1, w.labels.colophon!, bookmarkNames.part(view.anchors.colophon), NEW_PAGE)];
  for (const line of [c.publisher, c.version, c.cases, c.drafts, c.valueSet, c.built, c.use]) {
    if (line) out.push(w.para([w.run(line)]));
  }
  if (c.privacyWarning) out.push(w.para([w.run(c.privacyWarning, { bold: true, color: 'B00020' })]));
  return out;
}

function readingGuide(w: BookWriter, view: WordBookView): Block[] {
  const { guide } = view;
  return [
    w.heading(1, w.labels.guide!, bookmarkNames.part(view.anchors.guide), NEW_PAGE),
    w.para([w.run(guide.intro)]),
    w.heading(3, guide.stepsTitle),
    ...w.list(guide.steps.map((step) => [w.run(`${step.title}. `, { bold: true }), w.run(step.text)]), 'numbers'),
    w.heading(3, guide.layoutTitle),
    w.para([w.run(guide.layout)]),
    w.heading(3, guide.meetingTitle),
    ...w.list(guide.meeting.map((line) => [w.run(line)]), 'numbers'),
  ];
}

/** Word's own table of contents (filled in from the headings, updated when Word opens the file). */
function contents(w: BookWriter, view: WordBookView): BodyBlock[] {
  return [
    w.para([new Bookmark({ id: bookmarkNames.part(view.anchors.contents), children: [w.run(w.labels.contents!)] })], { style: 'TOCHeading', pageBreakBefore: true }),
    new TableOfContents(w.labels.contents, { hyperlink: true, headingStyleRange: '1-2', beginDirty: true }),
  ];
}

function chapterBlocks(w: BookWriter, chapter: WordBookView['chapters'][number]): Block[] {
  return [
    w.heading(1, `${chapter.number}. ${chapter.title}`, bookmarkNames.chapter(chapter.number), NEW_PAGE),
    ...(chapter.description ? w.blocks(`<p>${chapter.description}</p>`) : []),
    w.para([w.run(chapter.countText, { italics: true })]),
    ...chapter.cases.flatMap((c, i) => caseBlocks(w, c, i > 0)),
  ];
}

/** Decisions and outcomes at the back (`decisions: appendix`), each pointing back to its case. */
function decisionsAppendix(w: BookWriter, view: WordBookView): Block[] {
  const { decisions, anchors } = view as DecisionsOf;
  if (!decisions || decisions.entries.length === 0) return [];
  const { labels } = w;
  const out: Block[] = [
    w.heading(1, labels.decisionsAppendix!, bookmarkNames.part(anchors.decisions ?? 'decisions'), NEW_PAGE),
    w.para([w.run(labels.decisionsAppendixIntro!, { italics: true })]),
  ];
  for (const entry of decisions.entries) {
    const caseName = w.anchors.get(entry.caseAnchor) ?? bookmarkNames.case(entry);
    out.push(new Paragraph({
      heading: HeadingLevel.HEADING_3,
      children: [new Bookmark({ id: bookmarkNames.decision(entry.number), children: [
        new InternalHyperlink({ anchor: caseName, children: [w.run(`${entry.number}. ${entry.title}`)] }),
      ] }), w.run(` (${labels.pageShort} `), new PageReference(caseName), w.run(')')],
    }));
    if (entry.decision) out.push(w.para([w.run(labels.decision!, { bold: true })], { keepNext: true }), ...w.blocks(entry.decision));
    if (entry.outcome) out.push(w.para([w.run(labels.outcome!, { bold: true })], { keepNext: true }), ...w.blocks(entry.outcome));
  }
  return out;
}

/** Per value the cases, with Word's page numbers (PAGEREF to the case's bookmark). */
function valueIndex(w: BookWriter, view: WordBookView): Block[] {
  const { labels } = w;
  const out: Block[] = [w.heading(1, labels.valueIndex!, bookmarkNames.part(view.anchors.valueIndex), NEW_PAGE)];
  view.valueIndex.forEach((entry, i) => {
    out.push(w.para([new Bookmark({ id: bookmarkNames.value(i + 1), children: [w.run(entry.label)] })], { style: 'ValueIndexHeading' }));
    if (entry.description) out.push(w.para(w.inline(entry.description), { style: 'ValueDescription' }));
    if (entry.cases.length === 0) out.push(w.para([w.run(labels.noCasesForValue!, { italics: true })]));
    for (const ref of entry.cases) {
      const name = bookmarkNames.case(ref);
      out.push(w.para([
        new InternalHyperlink({ anchor: name, children: [w.run(`${ref.number}. ${ref.title}`, { style: 'Hyperlink' })] }),
        w.run('\t'),
        new PageReference(name),
      ], { style: 'IndexEntry', tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH_TWIPS, leader: LeaderType.DOT }] }));
    }
  });
  return out;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
