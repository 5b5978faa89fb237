/**
 * An existing casebook, as HTML, cut into cases: the document is read as a flat run of
 * headings and blocks, the heading level that holds the case titles is chosen (or given),
 * and every case is split into its sections. A bold line or a "Dilemma: …" paragraph that
 * names a known section counts as a section heading too, as free-text casebooks write them.
 * Whatever is not part of a case (title page, contents, colophon) is kept aside and named.
 */
import { Element, Text, type ChildNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { isElement, plainText } from './markdown.js';
import { fieldOf, isBookPart, type CaseField } from './sections.js';

export type Item =
  | { kind: 'heading'; level: number; text: string; node: Element; pseudo?: boolean; field?: CaseField }
  | { kind: 'block'; node: Element };

export interface Section {
  /** Absent for what comes before the first section heading. */
  heading?: string;
  field?: CaseField;
  items: Item[];
}

export interface CaseChunk {
  /** The heading as it stands in the source. */
  heading: string;
  /** The heading of the chapter the case is in, if any (helps to guess the domain). */
  chapter?: string;
  sections: Section[];
}

export interface SplitResult {
  level: number;
  cases: CaseChunk[];
  /** Parts of the source that are not a case: a heading (or "front matter") and how many blocks. */
  skipped: Array<{ heading?: string; blocks: number }>;
}

const CONTAINERS = new Set(['html', 'body', 'main', 'article', 'section', 'div', 'header', 'footer', 'aside', 'center', 'font', 'span', 'form']);
const SKIP = new Set(['head', 'script', 'style', 'template', 'noscript', 'nav', 'iframe', 'object', 'svg', 'title', 'meta', 'link']);
/** A bold line this long or shorter can be a heading; longer bold text is emphasis. */
const MAX_PSEUDO_HEADING = 60;

/** The document as a flat run of headings and blocks. */
export function flatten(html: string): Item[] {
  const items: Item[] = [];
  let loose: ChildNode[] = [];
  const flush = () => {
    if (loose.some((n) => plainText(n) !== '')) items.push(...blockItems(new Element('p', {}, loose)));
    loose = [];
  };
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (!isElement(node)) {
        if (node.type === 'text') loose.push(node);
        continue;
      }
      if (SKIP.has(node.name)) continue;
      const heading = /^h([1-6])$/.exec(node.name);
      if (heading) {
        flush();
        const text = plainText(node);
        if (text) items.push({ kind: 'heading', level: Number(heading[1]), text, node });
      } else if (CONTAINERS.has(node.name) && node.children.some((c) => isElement(c) && !['strong', 'b', 'em', 'i', 'a', 'br', 'span', 'u', 'sup', 'sub', 'img'].includes(c.name))) {
        flush();
        walk(node.children);
        flush();
      } else if (['p', 'ul', 'ol', 'table', 'blockquote', 'pre', 'hr', 'figure', 'dl'].includes(node.name) || CONTAINERS.has(node.name)) {
        flush();
        items.push(...blockItems(node));
      } else {
        loose.push(node);
      }
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children);
  flush();
  return items;
}

/**
 * A paragraph as a block, or as a section heading when it is one: a short line in bold, or
 * "Dilemma: …" where the words before the colon name a known section.
 */
function blockItems(node: Element): Item[] {
  if (node.name !== 'p' && node.name !== 'div') return [{ kind: 'block', node }];
  const meaningful = node.children.filter((c) => !(c.type === 'text' && c.data.trim() === ''));
  const text = plainText(node);
  const allBold = meaningful.length === 1 && isElement(meaningful[0]!) && ['strong', 'b'].includes(meaningful[0].name);
  if (allBold && text.length <= MAX_PSEUDO_HEADING && !/[.!]$/.test(text)) {
    return [{ kind: 'heading', level: 7, text: text.replace(/:$/, ''), node, pseudo: true, ...fieldProp(text) }];
  }
  const label = /^([^:]{3,40}):\s*(\S[\s\S]*)?$/.exec(text);
  const field = label ? fieldOf(label[1]!) : undefined;
  if (label && field) {
    const rest = withoutLabel(node, label[1]!);
    const items: Item[] = [{ kind: 'heading', level: 7, text: label[1]!.trim(), node, pseudo: true, field }];
    if (rest) items.push({ kind: 'block', node: rest });
    return items;
  }
  return [{ kind: 'block', node }];
}

const fieldProp = (text: string): { field?: CaseField } => {
  const field = fieldOf(text);
  return field ? { field } : {};
};

/** The paragraph without its leading "Label:" (in bold or not); undefined when nothing is left. */
function withoutLabel(node: Element, label: string): Element | undefined {
  const children = [...node.children];
  let remaining = label.length;
  // Drop the label's characters from the start, through nested inline elements, then the colon.
  const out: ChildNode[] = [];
  let done = false;
  const take = (n: ChildNode): ChildNode | undefined => {
    if (done) return n;
    if (n.type === 'text') {
      const text = n.data;
      const lead = text.length - text.trimStart().length;
      if (remaining > 0) {
        const cut = Math.min(text.length, lead + remaining);
        remaining -= cut - lead;
        const rest = text.slice(cut);
        if (remaining > 0) return undefined;
        const afterColon = rest.replace(/^\s*:?\s*/, '');
        if (/^\s*:/.test(rest) || rest.trim() === '') {
          done = /^\s*:/.test(rest);
          return afterColon ? new Text(afterColon) : undefined;
        }
        return new Text(rest);
      }
      const afterColon = text.replace(/^\s*:\s*/, '');
      if (afterColon !== text || text.trim() !== '') done = true;
      return afterColon ? new Text(afterColon) : undefined;
    }
    if (isElement(n)) {
      const kids = n.children.map(take).filter((c): c is ChildNode => c !== undefined);
      return kids.length > 0 ? new Element(n.name, n.attribs, kids) : undefined;
    }
    return n;
  };
  for (const child of children) {
    const kept = take(child);
    if (kept) out.push(kept);
  }
  const result = new Element('p', {}, out);
  return plainText(result) === '' ? undefined : result;
}

/** A heading that could be a case's title: not a section, not a part of the book, of a title's length. */
export function looksLikeCaseTitle(text: string): boolean {
  const length = [...text].length;
  return length >= 5 && length <= 140 && /\p{L}/u.test(text) && !fieldOf(text) && !isBookPart(text);
}

/**
 * The level of the case titles in a Word file casebook wrote itself (build --format docx):
 * the heading right above each case details line (its own `Case Details` style). Counting
 * headings cannot tell, in a book with as many chapters as cases, the chapters from the
 * cases; this can. Undefined for any other document.
 */
export function ownCaseLevel(items: Item[]): number | undefined {
  const counts = new Map<number, number>();
  let heading: number | undefined;
  for (const item of items) {
    if (item.kind === 'heading') {
      heading = item.pseudo ? heading : item.level;
    } else if (heading !== undefined && (item.node.attribs.class ?? '').split(/\s+/).includes('case-details')) {
      counts.set(heading, (counts.get(heading) ?? 0) + 1);
      heading = undefined;
    }
  }
  let best: number | undefined;
  for (const [level, count] of counts) if (best === undefined || count > counts.get(best)!) best = level;
  return best;
}

/**
 * The level whose headings are the cases: casebook's own case level in its own Word file,
 * else the one with the most headings that look like case titles, counting first those
 * with a known section under them.
 */
export function chooseLevel(items: Item[]): number | undefined {
  const own = ownCaseLevel(items);
  if (own !== undefined) return own;
  let best: { level: number; score: number } | undefined;
  for (let level = 1; level <= 6; level++) {
    let titles = 0;
    let withSections = 0;
    items.forEach((item, index) => {
      if (item.kind !== 'heading' || item.pseudo || item.level !== level || !looksLikeCaseTitle(item.text)) return;
      titles++;
      for (let next = index + 1; next < items.length; next++) {
        const other = items[next]!;
        if (other.kind !== 'heading') continue;
        if (!other.pseudo && other.level <= level) break;
        if (fieldOf(other.text)) {
          withSections++;
          break;
        }
      }
    });
    const score = withSections * 1000 + titles;
    if (titles > 0 && (!best || score > best.score)) best = { level, score };
  }
  return best?.level;
}

export function splitCases(items: Item[], level: number): SplitResult {
  const cases: CaseChunk[] = [];
  const skipped: SplitResult['skipped'] = [];
  let current: CaseChunk | undefined;
  let aside: { heading?: string; blocks: number } | undefined = { blocks: 0 };
  let chapter: string | undefined;
  const setAside = (heading: string) => {
    if (aside && (aside.blocks > 0 || aside.heading)) skipped.push(aside);
    aside = { heading, blocks: 0 };
    current = undefined;
  };
  for (const item of items) {
    if (item.kind === 'heading' && !item.pseudo && item.level <= level) {
      if (item.level === level && looksLikeCaseTitle(item.text)) {
        if (aside && (aside.blocks > 0 || aside.heading)) skipped.push(aside);
        aside = undefined;
        current = { heading: item.text, ...(chapter ? { chapter } : {}), sections: [{ items: [] }] };
        cases.push(current);
      } else {
        if (item.level < level) chapter = item.text;
        setAside(item.text);
      }
      continue;
    }
    if (!current) {
      if (aside) aside.blocks++;
      continue;
    }
    const section = current.sections[current.sections.length - 1]!;
    if (item.kind === 'heading') {
      // A heading that names a section starts one, and so does one at the level of the
      // section's own heading (or above); a deeper heading inside a section stays in it.
      const field = item.field ?? fieldOf(item.text);
      const opener = openingLevel(section);
      if (field || opener === undefined || item.level <= opener) {
        current.sections.push({ heading: item.text, ...(field ? { field } : {}), items: [item] });
        continue;
      }
    }
    section.items.push(item);
  }
  if (aside && (aside.blocks > 0 || aside.heading)) skipped.push(aside);
  for (const chunk of cases) for (const section of chunk.sections) if (section.items[0]?.kind === 'heading') section.items.shift();
  return { level, cases, skipped };
}

/** The level of the heading that opened a section (7 for a bold line), undefined for the part before any. */
function openingLevel(section: Section): number | undefined {
  if (section.heading === undefined) return undefined;
  const first = section.items[0];
  return first?.kind === 'heading' ? first.level : 7;
}
