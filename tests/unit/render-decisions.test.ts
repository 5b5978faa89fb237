/** Where decisions go (decisions.ts), what handouts show of them (handouts.ts), and which edition is built. */
import { describe, expect, it } from 'vitest';
import { parseDecisions, parseFormats } from '../../src/cli/commands/build.js';
import { placeDecisions } from '../../src/render/decisions.js';
import { handoutCases, handoutFileName } from '../../src/render/handouts.js';
import { editionFilters } from '../../src/render/index.js';
import type { BookView, CaseView } from '../../src/render/model.js';

const caseView = (id: string, number: number, fields: Partial<CaseView> = {}) => ({ id, number, title: `Casus ${id}`, anchor: `case-${id}`, ...fields }) as CaseView;
const three = () => [caseView('a', 1, { decision: '<p>A besluit</p>', outcome: '<p>A afloop</p>' }), caseView('b', 2), caseView('c', 3, { outcome: '<p>C afloop</p>' })];
const anchor = (id: string) => `decision-${id}`;

describe('placeDecisions', () => {
  it('inline: leaves them at the case', () => {
    const cases = three();
    expect(placeDecisions(cases, 'inline', anchor)).toEqual({ mode: 'inline', entries: [] });
    expect(cases[0]!.decision).toBe('<p>A besluit</p>');
  });

  it('appendix: moves them to entries in case order, and the case points at its entry', () => {
    const cases = three();
    const placed = placeDecisions(cases, 'appendix', anchor);
    expect(placed.entries).toEqual([
      { id: 'a', number: 1, title: 'Casus a', caseAnchor: 'case-a', anchor: 'decision-a', decision: '<p>A besluit</p>', outcome: '<p>A afloop</p>' },
      { id: 'c', number: 3, title: 'Casus c', caseAnchor: 'case-c', anchor: 'decision-c', outcome: '<p>C afloop</p>' },
    ]);
    expect(cases.map((c) => [c.decision, c.outcome, c.decisionAnchor])).toEqual([[undefined, undefined, 'decision-a'], [undefined, undefined, undefined], [undefined, undefined, 'decision-c']]);
  });

  it('omit: leaves them out everywhere', () => {
    const cases = three();
    expect(placeDecisions(cases, 'omit', anchor)).toEqual({ mode: 'omit', entries: [] });
    expect(JSON.stringify(cases)).not.toMatch(/besluit|afloop/);
  });
});

describe('handouts', () => {
  it('show decision and outcome only when asked, from the case or from the appendix', () => {
    for (const mode of ['inline', 'appendix'] as const) {
      const cases = three();
      const view = { cases, decisions: placeDecisions(cases, mode, anchor) } as unknown as Omit<BookView, 'format'>;
      expect(handoutCases(view, false).map((c) => [c.decision, c.outcome, c.decisionAnchor])).toEqual([[undefined, undefined, undefined], [undefined, undefined, undefined], [undefined, undefined, undefined]]);
      expect(handoutCases(view, true).map((c) => [c.decision, c.outcome])).toEqual([['<p>A besluit</p>', '<p>A afloop</p>'], [undefined, undefined], [undefined, '<p>C afloop</p>']]);
    }
  });

  it('are named after the case id, or a slug of it when the id is no safe file name', () => {
    expect(handoutFileName('wmo-traplift')).toBe('wmo-traplift.pdf');
    expect(handoutFileName('../../etc/passwd')).toBe('etc-passwd.pdf');
  });
});

describe('the edition to build', () => {
  it('takes the named edition\'s filters, each replaced by the command line\'s own', () => {
    expect(editionFilters({ domains: ['wmo'], values: ['maatwerk'], drafts: true, decisions: 'omit' }, { values: ['vertrouwen'] })).toEqual({ domains: ['wmo'], values: ['vertrouwen'], drafts: true });
    expect(editionFilters(undefined, { domains: ['jeugdwet'] })).toEqual({ domains: ['jeugdwet'] });
  });

  it('reads --decisions and --format handouts, and refuses what it does not know', () => {
    expect(parseDecisions('Appendix', 'nl')).toBe('appendix');
    expect(parseDecisions(undefined, 'nl')).toBeUndefined();
    expect(() => parseDecisions('achterin', 'en')).toThrow("Unknown value 'achterin' for --decisions.");
    expect(parseFormats('handouts,pdf', 'nl')).toEqual(['pdf', 'handouts']);
    expect(() => parseFormats('odt', 'nl')).toThrow("Onbekend formaat 'odt'");
  });

  it('takes formats as people type them, and names the one it does not know', () => {
    expect(parseFormats(' HTML , Word ', 'nl')).toEqual(['html', 'docx']);
    expect(parseFormats('pdf,handout', 'nl')).toEqual(['pdf', 'handouts']);
    expect(() => parseFormats('html,pfd', 'nl')).toThrow("Onbekend formaat 'pfd'. Kies html, pdf, docx (Word), handouts of een combinatie zoals html,pdf. Bedoelde je 'pdf'?");
    expect(() => parseFormats(',', 'en')).toThrow("Unknown format ','");
  });
});
