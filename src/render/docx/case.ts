/**
 * One case in the Word book: its heading (with the bookmark the contents, the index and
 * related cases link to), its details, its sections in the view's order, the options table,
 * and the links to related cases and to its decision at the back.
 */
import { InternalHyperlink, PageReference, ShadingType, Table, TableCell, TableRow, WidthType, type ParagraphChild } from 'docx';
import type { CaseView } from '../view.js';
import type { Block } from './html.js';
import { NEW_PAGE, TEXT_WIDTH_TWIPS, bookmarkNames, type BookWriter } from './writer.js';

/** The blocks of one case; `ownPage` starts it on a new page. */
export function caseBlocks(w: BookWriter, c: CaseView, ownPage: boolean): Block[] {
  const { labels } = w;
  const section = (title: string, html: string | undefined, step?: string): Block[] =>
    html === undefined ? [] : [w.heading(3, step ? `${step} – ${title}` : title), ...w.blocks(html)];
  const out: Block[] = [...caseHead(w, c, ownPage), ...caseValues(w, c)];
  out.push(...section(labels.situation!, c.situation));
  out.push(...section(labels.request!, c.request));
  out.push(...section(labels.effect!, c.effect, labels.steps.effect));
  out.push(...section(labels.purpose!, c.purpose, labels.steps.purpose));
  if (c.dilemma) out.push(w.heading(3, labels.dilemma!), ...w.blocks(c.dilemma, { style: 'Dilemma' }));
  if (c.options.length > 0) out.push(w.heading(3, labels.options!), optionsTable(w, c));
  out.push(...section(labels.consequences!, c.consequences, labels.steps.consequences));
  out.push(...legalList(w, c));
  // In `inline` mode the case has its decision and outcome; in `appendix` mode a pointer to them.
  out.push(...section(labels.decision!, c.decision));
  out.push(...section(labels.outcome!, c.outcome));
  out.push(...decisionPointer(w, c));
  out.push(...listSection(w, labels.lessons!, c.lessons, 'bullets'));
  out.push(...listSection(w, labels.questions!, c.questions, 'numbers'));
  out.push(...relatedList(w, c));
  return out;
}

/** Title, the concept notice, the summary and the details line (what the HTML shows as the case's facts). */
function caseHead(w: BookWriter, c: CaseView, ownPage: boolean): Block[] {
  const { labels } = w;
  const out: Block[] = [w.heading(2, `${c.number}. ${c.title}`, bookmarkNames.case(c), ownPage ? NEW_PAGE : {})];
  if (c.draft) out.push(w.para([w.run(labels.conceptNotice!)], { style: 'ConceptNotice' }));
  if (c.summary) out.push(w.para(w.inline(c.summary), { style: 'CaseSummary' }));
  const facts: Array<[string, string]> = [[c.domains.length > 1 ? labels.domains! : labels.domain!, c.domains.map((d) => d.label).join(', ')]];
  if (c.role) facts.push([labels.role!, c.role.label]);
  facts.push([labels.status!, c.statusLabel]);
  if (c.dateText) facts.push([labels.date!, c.dateText]);
  if (c.authors.length > 0) facts.push([labels.authors!, c.authors.join(', ')]);
  out.push(w.para(facts.flatMap(([label, value], i) => [...(i > 0 ? [w.run(' · ')] : []), w.run(`${label}: `, { bold: true }), w.run(value)]), { style: 'CaseDetails' }));
  return out;
}

function caseValues(w: BookWriter, c: CaseView): Block[] {
  if (c.values.length === 0) return [];
  const items = c.values.map((value) => [w.run(value.label, { bold: true }), ...(value.why ? [w.run(': '), ...w.inline(value.why)] : [])]);
  return [w.heading(3, w.labels.values!), ...w.list(items, 'bullets')];
}

function legalList(w: BookWriter, c: CaseView): Block[] {
  if (c.legal.length === 0) return [];
  const items = c.legal.map((item) => {
    const law: ParagraphChild[] = [w.run(item.law, { bold: true })];
    if (item.article) law.push(w.run(`, art. ${item.article}`));
    if (item.note) law.push(w.run(' — '), ...w.inline(item.note));
    return law;
  });
  return [w.heading(3, `${w.labels.steps.legal} – ${w.labels.legal}`), ...w.list(items, 'bullets')];
}

/** In `appendix` mode: where the case's decision is, with its page. */
function decisionPointer(w: BookWriter, c: CaseView): Block[] {
  const decisionAnchor = (c as { decisionAnchor?: string }).decisionAnchor;
  const decisionName = decisionAnchor ? w.anchors.get(decisionAnchor) : undefined;
  if (!decisionName) return [];
  return [w.para([
    new InternalHyperlink({ anchor: decisionName, children: [w.run(`${w.labels.decisionsAt} `, { style: 'Hyperlink' })] }),
    new PageReference(decisionName),
    w.run('.'),
  ], { style: 'DecisionPointer' })];
}

function listSection(w: BookWriter, title: string, items: string[], reference: 'bullets' | 'numbers'): Block[] {
  if (items.length === 0) return [];
  return [w.heading(3, title), ...w.list(items.map((item) => w.inline(item)), reference)];
}

/** Related cases: a link with the page when the case is in this edition, else its title and why not. */
function relatedList(w: BookWriter, c: CaseView): Block[] {
  if (c.related.length === 0) return [];
  const { labels } = w;
  const items = c.related.map((related): ParagraphChild[] => {
    if (!related.included || related.number === undefined) return [w.run(`${related.title} (${labels.notInEdition})`)];
    const name = bookmarkNames.case({ number: related.number });
    return [
      new InternalHyperlink({ anchor: name, children: [w.run(`${related.number}. ${related.title}`, { style: 'Hyperlink' })] }),
      w.run(` (${labels.pageShort} `),
      new PageReference(name),
      w.run(')'),
    ];
  });
  return [w.heading(3, labels.related!), ...w.list(items, 'bullets')];
}

/** The options as a table: option (with its values), for, against. */
function optionsTable(w: BookWriter, c: CaseView): Table {
  const { labels } = w;
  const cell = (children: Block[], header = false) =>
    new TableCell({
      children: children.length > 0 ? children : [w.para([])],
      ...(header ? { shading: { fill: 'E7EEF3', type: ShadingType.CLEAR, color: 'auto' } } : {}),
    });
  const argumentList = (items: string[]) => w.list(items.map((item) => w.inline(item)), 'bullets');
  const optionCell = (option: CaseView['options'][number]) => cell([
    w.para([w.run(option.title, { bold: true })]),
    ...(option.values.length > 0 ? [w.para([w.run(`${labels.optionValues}: `, { italics: true }), w.run(option.values.map((v) => v.label).join(', '), { italics: true })], { style: 'OptionValues' })] : []),
  ]);
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: [Math.round(TEXT_WIDTH_TWIPS * 0.3), Math.round(TEXT_WIDTH_TWIPS * 0.35), Math.round(TEXT_WIDTH_TWIPS * 0.35)],
    rows: [
      new TableRow({
        tableHeader: true,
        children: [labels.option!, labels.for!, labels.against!].map((text) => cell([w.para([w.run(text, { bold: true })])], true)),
      }),
      ...c.options.map((option) => new TableRow({ cantSplit: false, children: [optionCell(option), cell(argumentList(option.for)), cell(argumentList(option.against))] })),
    ],
  });
}
