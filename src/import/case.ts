/**
 * One case of an imported casebook, from its sections to the fields of the case format.
 * Each known section goes to its field (options from a table or a list, legal references,
 * lessons, questions, values by their label); every section that does not map, and any
 * part of one that could not be read as its field, goes into `situation` under its own
 * heading. Nothing of the case is dropped.
 */
import { Element, type ChildNode } from 'domhandler';
import type { Casebook } from '../types.js';
import { isoDateOf } from '../util/date.js';
import { blockMarkdown, inlineMarkdown, isElement, listItems, plainText, tableRows } from './markdown.js';
import { domainWords, normalizeHeading, type CaseField } from './sections.js';
import type { CaseChunk, Item, Section } from './split.js';

export interface ImportedOption {
  title: string;
  for?: string[];
  against?: string[];
  values?: string[];
}

export interface ImportedLegal {
  law: string;
  article?: string;
  note?: string;
}

/** A case as read from the source, before it gets an id and a file. */
export interface ImportedCase {
  title: string;
  /** The heading in the source, as written. */
  heading: string;
  summary?: string;
  /** The domains in the source's order (from the details line), or the one guessed. */
  domains: string[];
  /** How the domain was found: from the case's details line, from words in its text, or not at all. */
  domainFrom: 'details' | 'words' | 'none';
  role?: string;
  date?: string;
  authors?: string[];
  text: Partial<Record<'situation' | 'request' | 'effect' | 'purpose' | 'dilemma' | 'consequences' | 'decision' | 'outcome', string>>;
  options: ImportedOption[];
  legal: ImportedLegal[];
  lessons: string[];
  questions: string[];
  values: Array<{ id: string; why?: string }>;
  /** Titles of related cases, resolved to ids once every case is read. */
  related: string[];
  /** Which source heading went where: a field, or `situation` under its own heading. */
  mapping: Array<{ heading: string; field: string; own: boolean }>;
}

type TextField = keyof ImportedCase['text'];

const blocksOf = (items: Item[]): Element[] => items.flatMap((item) => (item.kind === 'block' ? [item.node] : [headingElement(item)]));
function headingElement(item: Extract<Item, { kind: 'heading' }>): Element {
  // A heading inside a section stays a heading in the Markdown.
  return item.pseudo ? new Element('h4', {}, [...item.node.children]) : item.node;
}
const markdownOf = (items: Item[]) => blockMarkdown(blocksOf(items));

/** "3. Titel", "Casus 3: Titel", "Casus 3 – Titel" → "Titel". */
export function caseTitle(heading: string): string {
  return heading
    .replace(/^(casus|case)\s*\d+\s*[:.\-–—]\s*/i, '')
    .replace(/^\d{1,4}[.)]\s+/, '')
    .trim();
}

export function readCase(chunk: CaseChunk, casebook: Casebook): ImportedCase {
  const result: ImportedCase = {
    title: caseTitle(chunk.heading),
    heading: chunk.heading,
    domains: [],
    domainFrom: 'none',
    text: {},
    options: [],
    legal: [],
    lessons: [],
    questions: [],
    values: [],
    related: [],
    mapping: [],
  };
  const own: string[] = [];
  const addText = (field: TextField, markdown: string) => {
    if (!markdown.trim()) return;
    result.text[field] = result.text[field] ? `${result.text[field]}\n\n${markdown}` : markdown;
  };
  const ownHeading = (heading: string, markdown: string) => {
    if (markdown.trim()) own.push(`### ${heading.replace(/[#*_[\]\\]/g, '')}\n\n${markdown}`);
  };

  for (const section of chunk.sections) {
    if (section.heading === undefined) {
      readPreamble(section, result, casebook, own);
      continue;
    }
    const field = section.field;
    if (!field) {
      ownHeading(section.heading, markdownOf(section.items));
      result.mapping.push({ heading: section.heading, field: 'situation', own: true });
      continue;
    }
    const leftover = readSection(field, section, result, casebook);
    if (leftover === undefined) {
      addText(field as TextField, markdownOf(section.items));
    } else if (leftover.trim()) {
      ownHeading(section.heading, leftover);
    }
    result.mapping.push({ heading: section.heading, field, own: false });
  }
  // The preamble opens the situation; sections that did not map follow it under their headings.
  const preamble = own.filter((part) => !part.startsWith('### '));
  const headed = own.filter((part) => part.startsWith('### '));
  const situation = [...preamble, ...(result.text.situation ? [result.text.situation] : []), ...headed].join('\n\n');
  if (situation) result.text.situation = situation;
  if (result.domains.length === 0) guessDomain(chunk, result, casebook);
  return result;
}

/**
 * What comes before the first section: in a book made by casebook the summary and the
 * details line (domain, role, date, authors); otherwise the opening text of the situation.
 */
function readPreamble(section: Section, result: ImportedCase, casebook: Casebook, own: string[]): void {
  const { config } = casebook;
  const loose: Item[] = [];
  for (const item of section.items) {
    const node = item.node;
    const cls = node.attribs?.class ?? '';
    if (item.kind === 'block' && cls.includes('concept-notice')) continue;
    if (item.kind === 'block' && cls.includes('case-summary') && !result.summary) {
      result.summary = inlineMarkdown(node.children).trim();
      continue;
    }
    const facts = item.kind === 'block' ? detailsLine(plainText(node)) : undefined;
    if (facts) {
      const domainLabels = facts.domain?.split(/,\s*/) ?? [];
      const domains = domainLabels.flatMap((label) => config.domains.filter((d) => normalizeHeading(label) === normalizeHeading(d.label) || label === d.id).map((d) => d.id));
      if (domains.length > 0) {
        result.domains = [...new Set(domains)];
        result.domainFrom = 'details';
      }
      const role = facts.role ? config.roles.find((r) => normalizeHeading(r.label) === normalizeHeading(facts.role!) || r.id === facts.role) : undefined;
      if (role) result.role = role.id;
      const date = facts.date ? isoDateOf(facts.date) : undefined;
      if (date) result.date = date;
      if (facts.authors) result.authors = facts.authors.split(/,\s*/).filter(Boolean);
      continue;
    }
    loose.push(item);
  }
  const markdown = markdownOf(loose);
  if (markdown.trim()) own.unshift(markdown);
}

const FACT_LABELS: Record<string, 'domain' | 'role' | 'status' | 'date' | 'authors'> = {
  domein: 'domain', domeinen: 'domain', domain: 'domain', domains: 'domain',
  rol: 'role', role: 'role', status: 'status', datum: 'date', date: 'date',
  auteurs: 'authors', auteur: 'authors', authors: 'authors', author: 'authors',
};

/** "Domein: Wmo 2015 · Rol: Wmo-consulent · Status: …": the case's details line, as casebook writes it. */
function detailsLine(text: string): Partial<Record<'domain' | 'role' | 'status' | 'date' | 'authors', string>> | undefined {
  const parts = text.split(' · ');
  const facts: Partial<Record<'domain' | 'role' | 'status' | 'date' | 'authors', string>> = {};
  for (const part of parts) {
    const match = /^([^:]+):\s*(.*)$/.exec(part.trim());
    const key = match ? FACT_LABELS[match[1]!.trim().toLowerCase()] : undefined;
    if (!match || !key) return undefined;
    facts[key] = match[2]!.trim();
  }
  return facts.domain !== undefined ? facts : undefined;
}

/**
 * A structured section (options, legal, lists, values, related) into its field. Returns
 * undefined for a text field (the caller takes the Markdown), otherwise what could not be read.
 */
function readSection(field: CaseField, section: Section, result: ImportedCase, casebook: Casebook): string | undefined {
  switch (field) {
    case 'options':
      return readOptions(section.items, result, casebook);
    case 'legal':
      return readEntries(section.items, (nodes) => {
        const legal = legalEntry(nodes);
        if (!legal) return false;
        result.legal.push(legal);
        return true;
      });
    case 'lessons':
    case 'questions':
      return readEntries(section.items, (nodes) => {
        const text = blockMarkdown(nodes).replace(/\n+/g, ' ').trim();
        if (text) result[field].push(text);
        return true;
      });
    case 'values':
      return readEntries(section.items, (nodes) => {
        const value = valueEntry(nodes, casebook);
        if (!value) return false;
        if (!result.values.some((v) => v.id === value.id)) result.values.push(value);
        return true;
      });
    case 'related':
      return readEntries(section.items, (nodes) => {
        const title = plainText(nodes).replace(/\s*\((p\.|blz\.|page)\s*\d+\)\s*$/i, '').replace(/\s*\((niet in deze editie|not in this edition)\)\s*$/i, '');
        if (title) result.related.push(caseTitle(title));
        return true;
      });
    default:
      return undefined;
  }
}

/**
 * Each list item (or each paragraph, when there is no list) to `take`; the Markdown of what
 * it did not take, and of whatever else stood in the section.
 */
function readEntries(items: Item[], take: (nodes: ChildNode[]) => boolean): string {
  const rest: Element[] = [];
  for (const node of blocksOf(items)) {
    if (node.name === 'ul' || node.name === 'ol') {
      const kept = listItems(node).filter((children) => !take(children));
      if (kept.length > 0) rest.push(new Element(node.name, {}, kept.map((children) => new Element('li', {}, children))));
    } else if (node.name === 'p' && plainText(node) !== '') {
      if (!take(node.children)) rest.push(node);
    } else {
      rest.push(node);
    }
  }
  return blockMarkdown(rest);
}

/** "**Wmo 2015**, art. 2.3.5 — note", "Wmo 2015 artikel 2.3.5: note", "Awb art. 3:4", "Jeugdwet". */
export function legalEntry(nodes: ChildNode[]): ImportedLegal | undefined {
  const inline = nodes.filter((n) => !(isElement(n) && (n.name === 'ul' || n.name === 'ol')));
  const paragraphs = inline.length === 1 && isElement(inline[0]!) && inline[0].name === 'p' ? inline[0].children : inline;
  const first = paragraphs.find((n) => !(n.type === 'text' && n.data.trim() === ''));
  let law: string | undefined;
  let rest: string;
  if (first && isElement(first) && (first.name === 'strong' || first.name === 'b')) {
    law = plainText(first);
    rest = inlineMarkdown(paragraphs.slice(paragraphs.indexOf(first) + 1)).trim();
  } else {
    rest = inlineMarkdown(paragraphs).trim();
  }
  const pattern = law !== undefined
    ? /^,?\s*(?:(?:art\.?|artikel|article)\s+(?<article>\S+(?:\s+lid\s+\d+)?))?\s*(?:(?:—|–|:|\s-)\s*(?<note>[\s\S]+))?$/i
    : /^(?<law>.+?)(?:,?\s+(?:art\.?|artikel|article)\s+(?<article>[^\s,;]+(?:\s+lid\s+\d+)?))?\s*(?:(?:—|–|:\s|\s-\s)\s*(?<note>[\s\S]+))?$/i;
  const match = pattern.exec(rest);
  if (!match) return undefined;
  const groups = match.groups ?? {};
  law = (law ?? groups.law ?? '').replace(/\\([\\`*_[\]<>])/g, '$1').trim();
  if (!law || [...law].length > 120) return undefined;
  const entry: ImportedLegal = { law };
  const article = groups.article?.replace(/[,:;]$/, '');
  if (article) entry.article = article;
  const note = groups.note?.trim();
  if (note) entry.note = note;
  return entry;
}

/** "Label: why" or "Label" where the label (or id) is one of the casebook's values. */
function valueEntry(nodes: ChildNode[], casebook: Casebook): { id: string; why?: string } | undefined {
  const text = blockMarkdown(nodes).replace(/\n+/g, ' ').trim();
  const plain = plainText(nodes);
  const match = /^([^:—–]+?)\s*(?::|—|–)\s*([\s\S]*)$/.exec(plain);
  const label = (match ? match[1]! : plain).trim();
  const value = casebook.values.values.find((v) => [v.id, v.label.nl, v.label.en].some((name) => normalizeHeading(name) === normalizeHeading(label)));
  if (!value) return undefined;
  if (!match || !match[2]!.trim()) return { id: value.id };
  // The reason keeps its Markdown: everything after the first separator.
  const why = text.replace(/^[\s\S]*?(?::|—|–)\s*/, '').trim();
  return why ? { id: value.id, why } : { id: value.id };
}

const HEAD = { option: /^(optie|opties|option|options|keuze|mogelijkheid|alternatief)$/, for: /^(voor|voordelen|pro|pros|for|plus|argumenten voor)$/, against: /^(tegen|nadelen|contra|cons|against|min|argumenten tegen)$/ };

/** Options from a table (option | for | against), a list, or sub-headings; the rest is returned. */
function readOptions(items: Item[], result: ImportedCase, casebook: Casebook): string {
  const rest: Element[] = [];
  const blocks = blocksOf(items);
  const table = blocks.find((b) => b.name === 'table');
  if (table) {
    const rows = tableRows(table);
    const header = rows[0]?.map((cell) => normalizeHeading(plainText(cell))) ?? [];
    const column = (pattern: RegExp) => header.findIndex((h) => pattern.test(h));
    const hasHeader = column(HEAD.for) >= 0 || column(HEAD.against) >= 0;
    const at = { option: hasHeader ? Math.max(0, column(HEAD.option)) : 0, for: hasHeader ? column(HEAD.for) : 1, against: hasHeader ? column(HEAD.against) : 2 };
    for (const row of rows.slice(hasHeader ? 1 : 0)) {
      const optionCell = row[at.option];
      if (!optionCell) continue;
      const option = optionFromCell(optionCell, casebook, rest);
      if (!option) continue;
      const args = (index: number) => (index >= 0 && row[index] ? argumentsOf(row[index].children) : []);
      const pro = args(at.for);
      const con = args(at.against);
      if (pro.length > 0) option.for = pro;
      if (con.length > 0) option.against = con;
      result.options.push(option);
    }
    rest.push(...blocks.filter((b) => b !== table));
    return blockMarkdown(rest);
  }
  // A list: each item an option; a nested list's items starting "Voor"/"Tegen" are its arguments.
  const list = blocks.find((b) => b.name === 'ul' || b.name === 'ol');
  if (list) {
    for (const children of listItems(list)) {
      const own = children.filter((c) => !(isElement(c) && (c.name === 'ul' || c.name === 'ol')));
      const title = plainText(own);
      if (!title) continue;
      const option: ImportedOption = { title };
      for (const nested of children.filter((c): c is Element => isElement(c) && (c.name === 'ul' || c.name === 'ol'))) {
        for (const arg of listItems(nested)) {
          const text = blockMarkdown(arg).replace(/\n+/g, ' ').trim();
          const pro = /^(voor|pro|\+)\s*[:\-–]?\s*/i.exec(text);
          const con = /^(tegen|contra|-|−)\s*[:\-–]?\s*/i.exec(text);
          if (pro) (option.for ??= []).push(text.slice(pro[0].length));
          else if (con) (option.against ??= []).push(text.slice(con[0].length));
          else rest.push(...(arg.filter(isElement) as Element[]));
        }
      }
      result.options.push(option);
    }
    rest.push(...blocks.filter((b) => b !== list));
    return blockMarkdown(rest);
  }
  return blockMarkdown(blocks);
}

/** The option's title (its first paragraph) and values ("Sluit aan bij: …"); other text goes to `rest`. */
function optionFromCell(cell: Element, casebook: Casebook, rest: Element[]): ImportedOption | undefined {
  const paragraphs = cell.children.filter((c): c is Element => isElement(c));
  const parts = paragraphs.length > 0 ? paragraphs : [cell];
  const title = plainText(parts[0]!);
  if (!title) return undefined;
  const option: ImportedOption = { title };
  for (const part of parts.slice(1)) {
    const match = /^(sluit aan bij|in line with|fits with|honours|waarden)\s*:\s*(.+)$/i.exec(plainText(part));
    const ids = match ? match[2]!.split(/,\s*/).map((label) => casebook.values.values.find((v) => [v.id, v.label.nl, v.label.en].some((n) => normalizeHeading(n) === normalizeHeading(label)))?.id) : [];
    if (match && ids.every(Boolean)) option.values = ids as string[];
    else rest.push(part);
  }
  return option;
}

/** The arguments in a cell: its list items, or its paragraphs. */
function argumentsOf(children: ChildNode[]): string[] {
  const lists = children.filter((c): c is Element => isElement(c) && (c.name === 'ul' || c.name === 'ol'));
  if (lists.length > 0) return lists.flatMap((l) => listItems(l).map((item) => blockMarkdown(item).replace(/\n+/g, ' ').trim())).filter(Boolean);
  const paragraphs = children.filter((c): c is Element => isElement(c) && c.name === 'p');
  const parts = paragraphs.length > 0 ? paragraphs.map((p) => inlineMarkdown(p.children)) : [inlineMarkdown(children)];
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/**
 * The domain from the words of the law names, the chapter heading and the text, when one
 * domain clearly stands out (twice the hits of the next); otherwise none.
 */
function guessDomain(chunk: CaseChunk, result: ImportedCase, casebook: Casebook): void {
  const words = domainWords();
  const known = casebook.config.domains;
  const count = (text: string, list: string[]) => list.reduce((sum, word) => sum + (text.match(new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'giu'))?.length ?? 0), 0);
  const laws = result.legal.map((l) => l.law).join(' \n ').toLowerCase();
  const chapter = (chunk.chapter ?? '').toLowerCase();
  const body = Object.values(result.text).join('\n').toLowerCase();
  const scores = known.map((domain) => {
    const list = [...new Set([...(words[domain.id] ?? []), domain.id, domain.label.toLowerCase()])].filter((w) => w.length >= 3);
    return { id: domain.id, score: 3 * count(laws, list) + 3 * count(chapter, list) + count(body, list) };
  }).sort((a, b) => b.score - a.score);
  const [best, next] = scores;
  if (best && best.score > 0 && best.score >= 2 * (next?.score ?? 0)) {
    result.domains = [best.id];
    result.domainFrom = 'words';
  }
}
