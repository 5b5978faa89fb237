/**
 * The book as a Word document: a second layout of the same view model the HTML and PDF use.
 * It uses Word's own styles (Title, Heading 1 for chapters, Heading 2 for cases, Heading 3
 * for a case's sections), so the navigation pane and the table of contents work; fields for
 * what only Word can know (the contents' and the index's page numbers, "pagina X van Y"); and
 * bookmarks with internal hyperlinks for the links between cases. The `docx` library writes
 * the package; `reproducible()` makes its bytes depend only on the book and the build date.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  InternalHyperlink,
  LeaderType,
  LevelFormat,
  Packer,
  PageNumber,
  PageReference,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  ShadingType,
  type INumberingOptions,
  type IStylesOptions,
  type ParagraphChild,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import type { BookView, CaseView, DecisionEntryView } from '../view.js';
import { blocks, inlineRuns, textRun, type Block, type HtmlContext } from './html.js';
import { reproducible } from './package.js';

export interface DocxOptions {
  /** The build date: every timestamp in the package (document properties, zip entries). */
  date: Date;
  /** `casebook x.y.z`, for the document's properties. */
  creator: string;
}

type Labels = Record<string, string> & { steps: Record<string, string>; statuses: Record<string, string> };

/** Where decision and outcome are (the `decisions` setting): the model has moved them already. */
type DecisionEntry = Omit<DecisionEntryView, 'id'>;
type DecisionsOf = { decisions?: { mode: string; entries: DecisionEntry[] }; anchors: Record<string, string> };

/** The language tag Word's spelling check uses for the book's language. */
export function wordLanguage(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'nl-NL';
}

/** Bookmark names Word accepts: a letter first, letters, digits and underscores, at most 40 characters. */
export const bookmarkNames = {
  case: (c: { number: number }) => `casus_${c.number}`,
  chapter: (n: number) => `hoofdstuk_${n}`,
  value: (n: number) => `kernwaarde_${n}`,
  decision: (n: number) => `besluit_${n}`,
  part: (name: string) => name.replace(/[^A-Za-z0-9]/g, '_'),
};

/** A4, 2.5 cm margins: the text is 16 cm wide. */
const PAGE = { width: 11906, height: 16838, margin: 1418 };
const TEXT_WIDTH_TWIPS = PAGE.width - 2 * PAGE.margin;
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH_TWIPS / 1440) * 96);
const PRIMARY = '1D4E6E';
/** Up to this many cases the page numbers are written in (see `pageNumbers` below). */
export const ESTIMATE_PAGES_UP_TO = 300;

export async function renderDocx(view: Omit<BookView, 'format'>, options: DocxOptions): Promise<Uint8Array> {
  const document = bookDocument(view, options);
  const bytes = await Packer.toBuffer(document);
  const language = wordLanguage(view.lang);
  return reproducible(bytes, options.date, (name, xml) => (/^word\/(document|header\d*|footer\d*)\.xml$/.test(name) ? languageOnEveryRun(xml, language) : xml));
}

/**
 * The runs `docx` writes itself (the contents' entries, fields) have no language of their
 * own; every run gets the book's, so Word checks the spelling of all of it in that language.
 */
export function languageOnEveryRun(xml: string, language: string): string {
  const lang = `<w:lang w:val="${language}"/>`;
  return xml
    .replace(/<w:r>(?!<w:rPr>)/g, `<w:r><w:rPr>${lang}</w:rPr>`)
    .replace(/<w:r><w:rPr>((?:(?!<\/w:rPr>)[\s\S])*?)<\/w:rPr>/g, (whole, inner: string) => (inner.includes('<w:lang ') ? whole : `<w:r><w:rPr>${inner}${lang}</w:rPr>`));
}

/** The Word document of the book, before it is packed. */
export function bookDocument(view: Omit<BookView, 'format'>, options: DocxOptions): Document {
  const labels = view.labels as unknown as Labels;
  const language = wordLanguage(view.lang);
  const anchors = new Map<string, string>();
  for (const c of view.cases) anchors.set(c.anchor, bookmarkNames.case(c));
  for (const chapter of view.chapters) anchors.set(chapter.anchor, bookmarkNames.chapter(chapter.number));
  view.valueIndex.forEach((entry, i) => anchors.set(entry.anchor, bookmarkNames.value(i + 1)));
  for (const part of Object.values(view.anchors)) anchors.set(part, bookmarkNames.part(part));
  const decisions = (view as DecisionsOf).decisions;
  for (const entry of decisions?.entries ?? []) anchors.set(entry.anchor, bookmarkNames.decision(entry.number));
  let listInstance = 0;
  const context: HtmlContext = {
    language,
    bookmarkFor: (anchor) => anchors.get(anchor),
    nextListInstance: () => ++listInstance,
    maxImageWidth: TEXT_WIDTH_PX,
  };
  const run = (text: string, extra: Parameters<typeof textRun>[2] = {}) => textRun(text, context, extra);
  const para = (children: ParagraphChild[], extra: Record<string, unknown> = {}) => new Paragraph({ children, ...extra });
  const heading = (level: 1 | 2 | 3, text: string, bookmark?: string, extra: Record<string, unknown> = {}) => {
    const children: ParagraphChild[] = [run(text)];
    return new Paragraph({
      heading: level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
      children: bookmark ? [new Bookmark({ id: bookmark, children })] : children,
      ...extra,
    });
  };
  const newPage = { pageBreakBefore: true };
  const body: Array<Paragraph | Table | TableOfContents> = [];

  // Cover.
  const book = view.book;
  // The theme's logo (already a data: URI), above the title, at most 5 cm wide.
  if (book.logo) body.push(...blocks(`<p><img src="${book.logo.replace(/"/g, '%22')}" alt="${escapeAttribute(book.organisation ?? '')}"></p>`, { ...context, maxImageWidth: 190 }));
  body.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new Bookmark({ id: bookmarkNames.part(view.anchors.cover), children: [run(book.title)] })], spacing: { before: 2400 } }));
  if (book.subtitle) body.push(para([run(book.subtitle)], { style: 'Subtitle' }));
  if (book.organisation) body.push(para([run(book.organisation, { bold: true })], { spacing: { before: 480 } }));
  body.push(para([run(book.edition.text)]));
  body.push(para([run(book.version ? `${labels.version} ${book.version} · ${book.dateText}` : book.dateText)]));
  if (book.privacyErrors > 0) body.push(para([run(labels.privacyBanner!, { bold: true, color: 'B00020' })], { spacing: { before: 480 } }));

  // Colophon.
  const colophon = view.colophon;
  body.push(heading(1, labels.colophon!, bookmarkNames.part(view.anchors.colophon), newPage));
  for (const line of [colophon.publisher, colophon.version, colophon.cases, colophon.drafts, colophon.valueSet, colophon.built, colophon.use]) {
    if (line) body.push(para([run(line)]));
  }
  if (colophon.privacyWarning) body.push(para([run(colophon.privacyWarning, { bold: true, color: 'B00020' })]));

  // Reading guide.
  const guide = view.guide;
  body.push(heading(1, labels.guide!, bookmarkNames.part(view.anchors.guide), newPage));
  body.push(para([run(guide.intro)]));
  body.push(heading(3, guide.stepsTitle));
  const stepsList = ++listInstance;
  for (const step of guide.steps) body.push(para([run(`${step.title}. `, { bold: true }), run(step.text)], { numbering: { reference: 'numbers', level: 0, instance: stepsList } }));
  body.push(heading(3, guide.layoutTitle));
  body.push(para([run(guide.layout)]));
  body.push(heading(3, guide.meetingTitle));
  const meetingList = ++listInstance;
  for (const line of guide.meeting) body.push(para([run(line)], { numbering: { reference: 'numbers', level: 0, instance: meetingList } }));

  // Contents: Word's own table of contents (filled in from the headings, updated when Word opens the file).
  body.push(para([new Bookmark({ id: bookmarkNames.part(view.anchors.contents), children: [run(labels.contents!)] })], { style: 'TOCHeading', pageBreakBefore: true }));
  body.push(new TableOfContents(labels.contents, { hyperlink: true, headingStyleRange: '1-2', beginDirty: true }));

  // Chapters and cases.
  for (const chapter of view.chapters) {
    body.push(heading(1, `${chapter.number}. ${chapter.title}`, bookmarkNames.chapter(chapter.number), newPage));
    if (chapter.description) body.push(...blocks(`<p>${chapter.description}</p>`, context));
    body.push(para([run(chapter.countText, { italics: true })]));
    chapter.cases.forEach((c, i) => body.push(...caseBlocks(c, i > 0)));
  }

  // Decisions and outcomes at the back (`decisions: appendix`), each pointing back to its case.
  if (decisions && decisions.entries.length > 0) {
    const part = (view as DecisionsOf).anchors.decisions ?? 'decisions';
    body.push(heading(1, labels.decisionsAppendix!, bookmarkNames.part(part), newPage));
    body.push(para([run(labels.decisionsAppendixIntro!, { italics: true })]));
    for (const entry of decisions.entries) {
      const caseName = anchors.get(entry.caseAnchor) ?? bookmarkNames.case(entry);
      body.push(new Paragraph({
        heading: HeadingLevel.HEADING_3,
        children: [new Bookmark({ id: bookmarkNames.decision(entry.number), children: [
          new InternalHyperlink({ anchor: caseName, children: [run(`${entry.number}. ${entry.title}`)] }),
        ] }), run(` (${labels.pageShort} `), new PageReference(caseName), run(')')],
      }));
      if (entry.decision) body.push(para([run(labels.decision!, { bold: true })], { keepNext: true }), ...blocks(entry.decision, context));
      if (entry.outcome) body.push(para([run(labels.outcome!, { bold: true })], { keepNext: true }), ...blocks(entry.outcome, context));
    }
  }

  // Value index: per value the cases, with Word's page numbers (PAGEREF to the case's bookmark).
  body.push(heading(1, labels.valueIndex!, bookmarkNames.part(view.anchors.valueIndex), newPage));
  view.valueIndex.forEach((entry, i) => {
    body.push(para([new Bookmark({ id: bookmarkNames.value(i + 1), children: [run(entry.label)] })], { style: 'ValueIndexHeading' }));
    if (entry.description) body.push(para(inlineRuns(entry.description, context), { style: 'ValueDescription' }));
    if (entry.cases.length === 0) body.push(para([run(labels.noCasesForValue!, { italics: true })]));
    for (const ref of entry.cases) {
      const name = bookmarkNames.case(ref);
      body.push(para([
        new InternalHyperlink({ anchor: name, children: [run(`${ref.number}. ${ref.title}`, { style: 'Hyperlink' })] }),
        run('\t'),
        new PageReference(name),
      ], { style: 'IndexEntry', tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH_TWIPS, leader: LeaderType.DOT }] }));
    }
  });

  function section(title: string, html: string | undefined, step?: string): Block[] {
    if (html === undefined) return [];
    return [heading(3, step ? `${step} – ${title}` : title), ...blocks(html, context)];
  }

  function caseBlocks(c: CaseView, ownPage: boolean): Block[] {
    const out: Block[] = [];
    out.push(heading(2, `${c.number}. ${c.title}`, bookmarkNames.case(c), ownPage ? newPage : {}));
    if (c.draft) out.push(para([run(labels.conceptNotice!)], { style: 'ConceptNotice' }));
    if (c.summary) out.push(para(inlineRuns(c.summary, context), { style: 'CaseSummary' }));
    // The details line: what the HTML shows as the case's facts.
    const facts: Array<[string, string]> = [[c.domains.length > 1 ? labels.domains! : labels.domain!, c.domains.map((d) => d.label).join(', ')]];
    if (c.role) facts.push([labels.role!, c.role.label]);
    facts.push([labels.status!, c.statusLabel]);
    if (c.dateText) facts.push([labels.date!, c.dateText]);
    if (c.authors.length > 0) facts.push([labels.authors!, c.authors.join(', ')]);
    out.push(para(facts.flatMap(([label, value], i) => [...(i > 0 ? [run(' · ')] : []), run(`${label}: `, { bold: true }), run(value)]), { style: 'CaseDetails' }));

    if (c.values.length > 0) {
      out.push(heading(3, labels.values!));
      const instance = ++listInstance;
      for (const value of c.values) {
        out.push(para([run(value.label, { bold: true }), ...(value.why ? [run(': '), ...inlineRuns(value.why, context)] : [])], { numbering: { reference: 'bullets', level: 0, instance } }));
      }
    }
    out.push(...section(labels.situation!, c.situation));
    out.push(...section(labels.request!, c.request));
    out.push(...section(labels.effect!, c.effect, labels.steps.effect));
    out.push(...section(labels.purpose!, c.purpose, labels.steps.purpose));
    if (c.dilemma) out.push(heading(3, labels.dilemma!), ...blocks(c.dilemma, context, { style: 'Dilemma' }));
    if (c.options.length > 0) out.push(heading(3, labels.options!), optionsTable(c));
    out.push(...section(labels.consequences!, c.consequences, labels.steps.consequences));
    if (c.legal.length > 0) {
      out.push(heading(3, `${labels.steps.legal} – ${labels.legal}`));
      const instance = ++listInstance;
      for (const item of c.legal) {
        const law: ParagraphChild[] = [run(item.law, { bold: true })];
        if (item.article) law.push(run(`, art. ${item.article}`));
        if (item.note) law.push(run(' — '), ...inlineRuns(item.note, context));
        out.push(para(law, { numbering: { reference: 'bullets', level: 0, instance } }));
      }
    }
    // In `inline` mode the case has its decision and outcome; in `appendix` mode a pointer to them.
    out.push(...section(labels.decision!, c.decision));
    out.push(...section(labels.outcome!, c.outcome));
    const decisionAnchor = (c as { decisionAnchor?: string }).decisionAnchor;
    const decisionName = decisionAnchor ? anchors.get(decisionAnchor) : undefined;
    if (decisionName) {
      out.push(para([
        new InternalHyperlink({ anchor: decisionName, children: [run(`${labels.decisionsAt} `, { style: 'Hyperlink' })] }),
        new PageReference(decisionName),
        run('.'),
      ], { style: 'DecisionPointer' }));
    }
    out.push(...listSection(labels.lessons!, c.lessons, 'bullets'));
    out.push(...listSection(labels.questions!, c.questions, 'numbers'));
    if (c.related.length > 0) {
      out.push(heading(3, labels.related!));
      const instance = ++listInstance;
      for (const related of c.related) {
        const children: ParagraphChild[] = related.included && related.number !== undefined
          ? [
              new InternalHyperlink({ anchor: bookmarkNames.case({ number: related.number }), children: [run(`${related.number}. ${related.title}`, { style: 'Hyperlink' })] }),
              run(` (${labels.pageShort} `),
              new PageReference(bookmarkNames.case({ number: related.number })),
              run(')'),
            ]
          : [run(`${related.title} (${labels.notInEdition})`)];
        out.push(para(children, { numbering: { reference: 'bullets', level: 0, instance } }));
      }
    }
    return out;
  }

  function listSection(title: string, items: string[], reference: 'bullets' | 'numbers'): Block[] {
    if (items.length === 0) return [];
    const instance = ++listInstance;
    return [heading(3, title), ...items.map((item) => para(inlineRuns(item, context), { numbering: { reference, level: 0, instance } }))];
  }

  function optionsTable(c: CaseView): Table {
    const cell = (children: Block[], header = false) =>
      new TableCell({
        children: children.length > 0 ? children : [para([])],
        ...(header ? { shading: { fill: 'E7EEF3', type: ShadingType.CLEAR, color: 'auto' } } : {}),
      });
    const argumentList = (items: string[]) => {
      const instance = ++listInstance;
      return items.map((item) => para(inlineRuns(item, context), { numbering: { reference: 'bullets', level: 0, instance } }));
    };
    const widths = [Math.round(TEXT_WIDTH_TWIPS * 0.3), Math.round(TEXT_WIDTH_TWIPS * 0.35), Math.round(TEXT_WIDTH_TWIPS * 0.35)];
    return new Table({
      width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        new TableRow({
          tableHeader: true,
          children: [labels.option!, labels.for!, labels.against!].map((text) => cell([para([run(text, { bold: true })])], true)),
        }),
        ...c.options.map(
          (option) =>
            new TableRow({
              cantSplit: false,
              children: [
                cell([
                  para([run(option.title, { bold: true })]),
                  ...(option.values.length > 0 ? [para([run(`${labels.optionValues}: `, { italics: true }), run(option.values.map((v) => v.label).join(', '), { italics: true })], { style: 'OptionValues' })] : []),
                ]),
                cell(argumentList(option.for)),
                cell(argumentList(option.against)),
              ],
            }),
        ),
      ],
    });
  }

  const headerText = [book.documentTitle, ...(book.privacyErrors > 0 ? [labels.privacyBanner!] : [])].join(' — ');
  const [before, between, after] = splitPageOf(labels.pageOf!);
  return new Document({
    title: book.documentTitle,
    subject: book.subtitle ?? labels.valueIndex!,
    creator: book.organisation ?? options.creator,
    keywords: view.filters.values.map((v) => v.label).join(', '),
    description: `${book.edition.text} · ${options.creator}`,
    lastModifiedBy: options.creator,
    revision: 1,
    features: { updateFields: true },
    // Page numbers worked out as Word would lay the pages out, so the contents and the
    // references show them even in a program that does not update fields; Word updates them on
    // opening. It costs about a second per 25 cases, so a very large book leaves them to Word.
    ...(view.cases.length <= ESTIMATE_PAGES_UP_TO ? { pageNumbers: estimatePageNumbers } : {}),
    styles: styles(language),
    numbering: numbering(),
    sections: [
      {
        properties: {
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, right: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin } },
          titlePage: true,
        },
        headers: {
          default: new Header({ children: [para([run(headerText)], { style: 'Header' })] }),
          first: new Header({ children: [para([])] }),
        },
        footers: {
          default: new Footer({
            children: [
              para([run(before), new TextRun({ children: [PageNumber.CURRENT], language: { value: language } }), run(between), new TextRun({ children: [PageNumber.TOTAL_PAGES], language: { value: language } }), run(after)], {
                alignment: AlignmentType.CENTER,
                style: 'Footer',
              }),
            ],
          }),
          first: new Footer({ children: [para([])] }),
        },
        children: body,
      },
    ],
  });
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** "pagina {page} van {pages}" → the text around the two fields. */
export function splitPageOf(template: string): [string, string, string] {
  const page = template.indexOf('{page}');
  const pages = template.indexOf('{pages}');
  if (page < 0 || pages < page) return ['', ' / ', ''];
  return [template.slice(0, page), template.slice(page + '{page}'.length, pages), template.slice(pages + '{pages}'.length)];
}

function styles(language: string): IStylesOptions {
  const font = 'Calibri';
  return {
    default: {
      document: { run: { font, size: 22, language: { value: language } }, paragraph: { spacing: { after: 120, line: 276 } } },
      title: { run: { font, size: 56, bold: true, color: PRIMARY }, paragraph: { spacing: { after: 240 } } },
      heading1: { run: { font, size: 36, bold: true, color: PRIMARY }, paragraph: { spacing: { before: 240, after: 240 }, keepNext: true } },
      heading2: { run: { font, size: 30, bold: true, color: PRIMARY }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
      heading3: { run: { font, size: 24, bold: true, color: PRIMARY }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
      heading4: { run: { font, size: 22, bold: true }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
      heading5: { run: { font, size: 22, italics: true }, paragraph: { spacing: { before: 120, after: 60 }, keepNext: true } },
    },
    paragraphStyles: [
      { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 32, color: '555555' } },
      { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true, color: '444444' }, paragraph: { indent: { left: 567, right: 567 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'BBBBBB', space: 8 } } } },
      { id: 'Code', name: 'Code', basedOn: 'Normal', run: { font: 'Consolas', size: 20 }, paragraph: { spacing: { after: 0 } } },
      { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', run: { font, size: 36, bold: true, color: PRIMARY }, paragraph: { spacing: { after: 240 } } },
      { id: 'Dilemma', name: 'Dilemma', basedOn: 'Normal', quickFormat: true, run: { size: 24 }, paragraph: {
        shading: { type: ShadingType.CLEAR, fill: 'FFF4D6', color: 'auto' },
        border: ['top', 'bottom', 'left', 'right'].reduce((all, side) => ({ ...all, [side]: { style: BorderStyle.SINGLE, size: 6, color: 'E0B040', space: 6 } }), {}),
        indent: { left: 170, right: 170 },
        spacing: { after: 0, line: 300 },
      } },
      { id: 'CaseDetails', name: 'Case Details', basedOn: 'Normal', quickFormat: true, run: { size: 20, color: '444444' }, paragraph: { spacing: { after: 200 } } },
      { id: 'CaseSummary', name: 'Case Summary', basedOn: 'Normal', quickFormat: true, run: { italics: true, size: 24 } },
      { id: 'ConceptNotice', name: 'Concept Notice', basedOn: 'Normal', run: { bold: true, color: 'B00020' } },
      { id: 'DecisionPointer', name: 'Decision Pointer', basedOn: 'Normal', run: { italics: true, color: '444444' }, paragraph: { spacing: { before: 200 } } },
      { id: 'OptionValues', name: 'Option Values', basedOn: 'Normal', run: { size: 18, color: '555555' } },
      { id: 'ValueIndexHeading', name: 'Value Index Heading', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: 26, color: PRIMARY }, paragraph: { spacing: { before: 240, after: 60 }, keepNext: true } },
      { id: 'ValueDescription', name: 'Value Description', basedOn: 'Normal', run: { size: 20, color: '444444' }, paragraph: { keepNext: true } },
      { id: 'IndexEntry', name: 'Index Entry', basedOn: 'Normal', paragraph: { spacing: { after: 40 }, indent: { left: 284 } } },
      { id: 'Header', name: 'header', basedOn: 'Normal', run: { size: 18, color: '555555' } },
      { id: 'Footer', name: 'footer', basedOn: 'Normal', run: { size: 18, color: '555555' } },
    ],
  };
}

function numbering(): INumberingOptions {
  const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (level: number) => string) =>
    Array.from({ length: 9 }, (_, level) => ({
      level,
      format,
      text: text(level),
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 283 } } },
    }));
  return {
    config: [
      { reference: 'bullets', levels: levels(LevelFormat.BULLET, (level) => ['•', '◦', '▪'][level % 3]!) },
      { reference: 'numbers', levels: levels(LevelFormat.DECIMAL, (level) => `%${level + 1}.`) },
    ],
  };
}
