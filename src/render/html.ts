/**
 * Assembles the one self-contained page both outputs are made from: the templates' HTML with
 * the stylesheet, the theme (CSS custom properties), the page rules for print (running heads
 * per chapter, page numbers) and, in the HTML, the search script, all inline. A Content
 * Security Policy allows only these exact inline parts and data: images, so that even markup
 * that slipped through could neither run nor fetch anything.
 */
import { createHash } from 'node:crypto';
import { t } from '../i18n/index.js';
import type { Casebook, Lang, Message } from '../types.js';
import { inlineImage } from './markdown.js';
import type { BookView } from './view.js';
import { configMessage } from './source-message.js';
import type { Templates } from './templates.js';

/** What page.hbs gets in `page` besides the view model. */
export interface PageAssets {
  /** All CSS: theme variables, print page rules, the stylesheet. */
  css: string;
  /** The script (HTML only). */
  script?: string;
  /** Content-Security-Policy for the meta tag. */
  csp: string;
}

export type PageView = BookView & { page: PageAssets };

/**
 * The printed page in millimetres: A4, with margins for the running heads. One source for the
 * @page rule and for the estimate of where each part will land (pdf.ts).
 */
export const PAGE = { width: 210, height: 297, top: 22, right: 20, bottom: 22, left: 24 } as const;

const pixels = (mm: number) => (mm * 96) / 25.4;
const points = (mm: number) => (mm * 72) / 25.4;
/** A page side less its two margins, the way Chromium's print computes it (see PRINT_AREA). */
const printedSide = (page: number, margin1: number, margin2: number) =>
  Math.round((Math.round(points(page)) * 4) / 3 - Math.trunc(pixels(margin1)) - Math.trunc(pixels(margin2)));
/**
 * The content box Chromium lays a printed page out in, in CSS pixels. It is not the page
 * less its margins (166 × 253 mm, 627.4 × 956.2 px): Chromium takes the paper in whole points
 * (595 × 842 for A4), the margins in whole pixels (their fractions dropped) and the box that
 * is left in whole pixels, so the box is 628 × 957 px. The estimate's columns must be this
 * box to the pixel: 0.8 px of height was enough to move a dilemma box to the next page in the
 * column and not in the print, and a column that is a little narrower or wider wraps lines
 * differently (tests/unit/render-pdf-estimate.test.ts measures the box in a print).
 */
export const PRINT_AREA = {
  width: printedSide(PAGE.width, PAGE.left, PAGE.right),
  height: printedSide(PAGE.height, PAGE.top, PAGE.bottom),
} as const;

/**
 * While this class is on the root element the body is laid out as a row of columns, each the
 * size of a printed page's content box, and every forced page break becomes a column break.
 * Chromium breaks columns with the same fragmentation code it breaks pages with, so the column
 * an element lands in is, nearly always, its page: pdf.ts reads page numbers off this layout
 * instead of printing the whole book once just to measure it.
 */
export const ESTIMATING_CLASS = 'casebook-estimating';
/** Set (by pdf.ts) on elements with a forced page break before or after them. */
export const BREAK_ATTRIBUTE = 'data-casebook-break';

export interface Theme {
  primary: string;
  accent: string;
  /** A font family name, checked to be only a name. */
  font?: string;
  logo?: string;
}

export const DEFAULT_THEME = { primary: '#1d4e6e', accent: '#b34a1f' } as const;
const TEXT_FONTS = '"Liberation Serif", "DejaVu Serif", "Times New Roman", serif';
const HEADING_FONTS = '"Liberation Sans", "DejaVu Sans", Arial, sans-serif';

/** The theme from casebook.yaml, with the logo read from the casebook folder. */
export function resolveTheme(casebook: Casebook, lang: Lang): { theme: Theme; messages: Message[] } {
  const messages: Message[] = [];
  const own = casebook.config.theme;
  const colour = (value: string | undefined, fallback: string) => (value && /^#[0-9a-fA-F]{6}$/.test(value) ? value.toLowerCase() : fallback);
  const theme: Theme = { primary: colour(own.primary, DEFAULT_THEME.primary), accent: colour(own.accent, DEFAULT_THEME.accent) };
  if (own.font !== undefined) {
    if (/^[\p{L}\p{N} _-]{1,64}$/u.test(own.font)) theme.font = own.font;
    else messages.push(configMessage(casebook, '/theme/font', 'render/theme-font', 'warning', t(lang, 'render.messages.themeFont', { font: own.font })));
  }
  if (own.logo !== undefined) {
    const result = inlineImage(own.logo, casebook.config.root, casebook.config.root, lang);
    if (result.ok) theme.logo = result.uri;
    else messages.push(configMessage(casebook, '/theme/logo', result.rule, 'warning', result.message));
  }
  return { theme, messages };
}

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The theme as custom properties. Text on a theme colour is white or near-black, whichever
 * reaches the higher contrast, so that any colour a casebook picks stays readable. Where the
 * theme colour itself is used for text on white, a darker variant is used if it is too light.
 */
export function themeCss(theme: Theme): string {
  const ink = '#1a1a1a';
  const on = (bg: string) => (contrast(bg, '#ffffff') >= contrast(bg, ink) ? '#ffffff' : ink);
  const readable = (fg: string) => (contrast(fg, '#ffffff') >= 4.5 ? fg : `color-mix(in srgb, ${fg} 45%, black)`);
  const font = theme.font ? `"${theme.font}", ` : '';
  return [
    ':root {',
    `  --casebook-primary: ${theme.primary};`,
    `  --casebook-on-primary: ${on(theme.primary)};`,
    `  --casebook-primary-text: ${readable(theme.primary)};`,
    `  --casebook-accent: ${theme.accent};`,
    `  --casebook-on-accent: ${on(theme.accent)};`,
    `  --casebook-accent-text: ${readable(theme.accent)};`,
    `  --casebook-font-text: ${font}${TEXT_FONTS};`,
    `  --casebook-font-heading: ${font}${HEADING_FONTS};`,
    '}',
  ].join('\n');
}

/** A CSS string literal; `<` and `>` escaped so that no text can close the style element. */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"<>\n\r\f]/g, (ch) => `\\${ch.codePointAt(0)!.toString(16)} `)}"`;
}

/** `pagina {page} van {pages}` → `"pagina " counter(page) " van " counter(pages)`. */
export function pageCounterContent(template: string): string {
  return template
    .split(/(\{page\}|\{pages\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

/** Margin boxes do not see the document's custom properties: fonts and colours are spelled out. */
export function marginBoxFont(theme: Theme): string {
  return `font-family: ${theme.font ? `"${theme.font}", ` : ''}${HEADING_FONTS}; font-size: 7.5pt; color: #4f5660;`;
}

/**
 * The print page rules. Chromium has no `string-set`, so each chapter gets a named page whose
 * top margin box names it; drafts get their own named page that adds the "Concept" mark. The
 * `page` properties are set by id, so templates need not know any page names.
 */
export function printCss(view: BookView, theme: Theme): string {
  const labels = view.labels as Record<string, string>;
  const rules: string[] = [];
  const footerLeft = view.book.privacyErrors > 0 ? labels.privacyBanner! : view.book.organisation ?? '';
  const font = marginBoxFont(theme);
  rules.push(`@page {
  size: A4;
  margin: ${PAGE.top}mm ${PAGE.right}mm ${PAGE.bottom}mm ${PAGE.left}mm;
  @top-left { content: ${cssString(view.book.title)}; ${font} }
  @top-center { ${font} }
  @top-right { ${font} }
  @bottom-left { content: ${cssString(footerLeft)}; ${font} }
  @bottom-right { content: ${pageCounterContent(labels.pageOf!)}; ${font} }
}`);
  if (view.book.privacyErrors > 0) rules.push('@page { @bottom-left { color: #9b1c1c; font-weight: bold; } }');
  rules.push('@page cover { margin: 0; @top-left { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }');
  const sections: Array<[string, string]> = [
    [view.anchors.colophon, labels.colophon!],
    [view.anchors.guide, labels.guide!],
    [view.anchors.contents, labels.contents!],
    [view.anchors.decisions, labels.decisionsAppendix!],
    [view.anchors.valueIndex, labels.valueIndex!],
    [view.anchors.heatmap, labels.heatmapHeading!],
    [view.anchors.matrix, labels.matrix!],
  ];
  for (const [anchor, title] of sections) {
    rules.push(`@page section-${anchor} { @top-right { content: ${cssString(title)}; } }`, `#${anchor} { page: section-${anchor}; }`);
  }
  // The colophon page stays quiet: no running head.
  rules.push(`@page section-${view.anchors.colophon} { @top-left { content: none; } @top-right { content: none; } }`);
  rules.push(`#${view.anchors.cover} { page: cover; }`);
  // The estimate of the PDF's page numbers: pages become columns (see ESTIMATING_CLASS).
  const { width, height } = PRINT_AREA;
  rules.push(
    `html.${ESTIMATING_CLASS} body { width: ${width}px; height: ${height}px; margin: 0; padding: 0; column-width: ${width}px; column-gap: 0; column-fill: auto; }`,
    // The cover has no page margins: one page, however tall.
    `html.${ESTIMATING_CLASS} #${view.anchors.cover} { height: ${height}px; }`,
    `html.${ESTIMATING_CLASS} [${BREAK_ATTRIBUTE}~="before"] { break-before: column !important; }`,
    `html.${ESTIMATING_CLASS} [${BREAK_ATTRIBUTE}~="after"] { break-after: column !important; }`,
  );
  for (const chapter of view.chapters) {
    const head = cssString(`${labels.chapter} ${chapter.number} · ${chapter.title}`);
    rules.push(`@page chapter-${chapter.number} { @top-right { content: ${head}; } }`, `#${chapter.anchor} { page: chapter-${chapter.number}; }`);
    if (chapter.cases.some((c) => c.draft)) {
      const mark = `content: ${cssString(labels.concept!)}; color: #8a3a00; font-weight: bold; font-size: 9pt;`;
      rules.push(`@page chapter-${chapter.number}-draft { @top-right { content: ${head}; } @top-center { ${mark} } }`);
      for (const draft of chapter.cases.filter((c) => c.draft)) rules.push(`#${draft.anchor} { page: chapter-${chapter.number}-draft; }`);
    }
  }
  return rules.join('\n');
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The view with its assets; `print` replaces the book's page rules (handouts have their own). */
export function pageView(view: BookView, templates: Templates, theme: Theme, print = printCss(view, theme)): PageView {
  const css = [themeCss(theme), print, templates.css].join('\n');
  const script = view.format === 'html' ? templates.script : undefined;
  const csp = [
    "default-src 'none'",
    'img-src data:',
    `style-src ${sha256(css)}`,
    `script-src ${script === undefined ? "'none'" : sha256(script)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return { ...view, page: { css, csp, ...(script === undefined ? {} : { script }) } };
}

export function assembleHtml(view: BookView, templates: Templates, theme: Theme): string {
  return templates.render(pageView(view, templates, theme));
}

/** The page in pieces, cases laid out one at a time as they are taken (see Templates). */
export function assembleHtmlPieces(view: BookView, templates: Templates, theme: Theme): Iterable<string> {
  return templates.renderPieces(pageView(view, templates, theme));
}
