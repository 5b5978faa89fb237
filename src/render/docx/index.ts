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
  BorderStyle,
  Document,
  Footer,
  Header,
  LevelFormat,
  Packer,
  PageNumber,
  TextRun,
  ShadingType,
  type INumberingOptions,
  type ISectionOptions,
  type IStylesOptions,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { bookBody, type BodyBlock } from './parts.js';
import { BookWriter, PAGE, type WordBookView } from './writer.js';
import { reproducible } from './package.js';

export interface DocxOptions {
  /** The build date: every timestamp in the package (document properties, zip entries). */
  date: Date;
  /** `casebook x.y.z`, for the document's properties. */
  creator: string;
}

/** The language tag Word's spelling check uses for the book's language. */
export function wordLanguage(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'nl-NL';
}

export { bookmarkNames } from './writer.js';

const PRIMARY = '1D4E6E';
/** Up to this many cases the page numbers are written in (see `pageNumbers` below). */
export const ESTIMATE_PAGES_UP_TO = 300;

export async function renderDocx(view: WordBookView, options: DocxOptions): Promise<Uint8Array> {
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
export function bookDocument(view: WordBookView, options: DocxOptions): Document {
  const language = wordLanguage(view.lang);
  const w = new BookWriter(view, language);
  const { book } = view;
  return new Document({
    title: book.documentTitle,
    subject: book.subtitle ?? w.labels.valueIndex!,
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
    sections: [pageSection(w, view, bookBody(w, view))],
  });
}

/** A4 pages with the running head and "pagina X van Y" below, none on the cover. */
function pageSection(w: BookWriter, view: WordBookView, body: BodyBlock[]): ISectionOptions {
  const { labels, language } = w;
  const headerText = [view.book.documentTitle, ...(view.book.privacyErrors > 0 ? [labels.privacyBanner!] : [])].join(' — ');
  const [before, between, after] = splitPageOf(labels.pageOf!);
  const field = (children: Array<(typeof PageNumber)[keyof typeof PageNumber]>) => new TextRun({ children, language: { value: language } });
  return {
    properties: {
      page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, right: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin } },
      titlePage: true,
    },
    headers: {
      default: new Header({ children: [w.para([w.run(headerText)], { style: 'Header' })] }),
      first: new Header({ children: [w.para([])] }),
    },
    footers: {
      default: new Footer({
        children: [
          w.para([w.run(before), field([PageNumber.CURRENT]), w.run(between), field([PageNumber.TOTAL_PAGES]), w.run(after)], {
            alignment: AlignmentType.CENTER,
            style: 'Footer',
          }),
        ],
      }),
      first: new Footer({ children: [w.para([])] }),
    },
    children: body,
  };
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
