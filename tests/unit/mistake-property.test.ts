/**
 * Property test for the YAML mistake diagnoses: a generated valid case is clean; the same
 * case with one hand-written mistake at a random field gets that mistake's own diagnosis,
 * at that field's line, with the corrected line, and no other error.
 */
import fc from 'fast-check';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCasebook } from '../../src/load/index.js';
import { parseSource } from '../../src/load/parse.js';
import { validate } from '../../src/validate/index.js';
import type { Casebook, Lang } from '../../src/types.js';
import { fixtures } from '../helpers.js';

const word = fc.constantFrom('inwoner', 'vraagt', 'hulp', 'bij', 'het', 'wijkteam', 'de', 'gemeente', 'twijfelt', 'over', 'een', 'voorziening', 'budget', 'regel', 'zorg', 'later', 'samen');
const sentence = fc.array(word, { minLength: 3, maxLength: 7 }).map((ws) => ws.join(' ').replace(/^./, (c) => c.toUpperCase()));

/** One line of a generated case: what kind of field it holds, so a mistake can be put in. */
interface Line {
  text: string;
  key?: string;
  prefix?: string;
  value?: string;
  kind?: 'text' | 'id' | 'item' | 'status' | 'domains' | 'role' | 'block';
}

const caseLines = fc.record({ title: sentence, summary: sentence, dilemma: sentence, request: sentence, option: sentence, forItem: sentence, law: sentence, note: sentence, situation: sentence })
  .map((f): Line[] => [
    { text: `title: ${f.title}`, key: 'title', prefix: '', value: f.title, kind: 'text' },
    { text: 'status: draft', key: 'status', prefix: '', value: 'draft', kind: 'status' },
    { text: 'domains: [wmo]', key: 'domains', prefix: '', value: '[wmo]', kind: 'domains' },
    { text: 'role: wmo-consulent', key: 'role', prefix: '', value: 'wmo-consulent', kind: 'role' },
    { text: `summary: ${f.summary}`, key: 'summary', prefix: '', value: f.summary, kind: 'text' },
    { text: 'date: 2025-03-14', key: 'date', prefix: '', value: '2025-03-14', kind: 'id' },
    { text: 'situation: |' },
    { text: `  ${f.situation}.`, prefix: '  ', value: `${f.situation}.`, kind: 'block' },
    { text: `request: ${f.request}`, key: 'request', prefix: '', value: f.request, kind: 'text' },
    { text: `dilemma: ${f.dilemma}?`, key: 'dilemma', prefix: '', value: `${f.dilemma}?`, kind: 'text' },
    { text: 'options:' },
    { text: `  - title: ${f.option}`, key: 'title', prefix: '  - ', value: f.option, kind: 'text' },
    { text: `    for: [${f.forItem}]` },
    { text: 'legal:' },
    { text: `  - law: ${f.law}`, key: 'law', prefix: '  - ', value: f.law, kind: 'text' },
    { text: `    note: ${f.note}`, key: 'note', prefix: '    ', value: f.note, kind: 'text' },
    { text: 'values:' },
    { text: '  - maatwerk', value: 'maatwerk', prefix: '  ', kind: 'item' },
    { text: '  - vertrouwen', value: 'vertrouwen', prefix: '  ', kind: 'item' },
    { text: 'tags: [mobiliteit]' },
  ]);

/** A mistake: which fields it fits, how it is written, and what validate must say. */
interface Injected {
  lines: string[];
  rule: string;
  /** The line to write; none where the fix is only in the indentation. */
  suggestion?: string;
}
type Mistake = (line: Line, words: [string, string]) => Injected;

const head = (line: Line) => `${line.prefix}${line.key}`;
// `where`: a narrower fit. `- title Stoppen` is valid YAML (a list item of text): the schema's to explain.
const mistakes: Record<string, { fits: Array<Line['kind']>; where?: (line: Line) => boolean; make: Mistake }> = {
  'colon in text': { fits: ['text'], make: (l, [a, b]) => ({ lines: [`${head(l)}: ${a}: ${b}`], rule: 'yaml/colon-in-text', suggestion: `${head(l).trim()}: "${a}: ${b}"` }) },
  'no space after the colon': { fits: ['text', 'id', 'status', 'role', 'domains'], make: (l) => ({ lines: [`${head(l)}:${l.value}`], rule: 'yaml/no-space-after-colon', suggestion: `${head(l).trim()}: ${l.value}` }) },
  'curly quotes': { fits: ['text'], make: (l, [a, b]) => ({ lines: [`${head(l)}: “${a}: ${b}”`], rule: 'yaml/curly-quotes', suggestion: `${head(l).trim()}: "${a}: ${b}"` }) },
  'several lines with a colon, without |': {
    fits: ['text'],
    make: (l, [a, b]) => ({ lines: [`${head(l)}: ${l.value}`, `${' '.repeat(head(l).length - l.key!.length + 2)}${a}: ${b}`], rule: 'yaml/needs-block', suggestion: `${head(l).trim()}: |` }),
  },
  'dash without space': { fits: ['item'], make: (l) => ({ lines: [`${l.prefix}-${l.value}`], rule: 'yaml/dash-without-space', suggestion: `- ${l.value}` }) },
  'apostrophe in single quotes': { fits: ['text'], make: (l, [a, b]) => ({ lines: [`${head(l)}: '${a}'s ${b}'`], rule: 'yaml/quote-inside-quotes', suggestion: `${head(l).trim()}: "${a}'s ${b}"` }) },
  'quotes in double quotes': { fits: ['text'], make: (l, [a, b]) => ({ lines: [`${head(l)}: "${a} "${b}" gezegd"`], rule: 'yaml/quote-inside-quotes', suggestion: `${head(l).trim()}: '${a} "${b}" gezegd'` }) },
  'unclosed double quote': { fits: ['text'], make: (l) => ({ lines: [`${head(l)}: "${l.value}`], rule: 'yaml/unclosed-quote', suggestion: `${head(l).trim()}: "${l.value}"` }) },
  'unclosed single quote': { fits: ['text'], make: (l) => ({ lines: [`${head(l)}: '${l.value}`], rule: 'yaml/unclosed-quote', suggestion: `${head(l).trim()}: '${l.value}'` }) },
  'tab in a block of text': { fits: ['block'], make: (l) => ({ lines: [`\t${l.value}`], rule: 'yaml/tab-indent' }) },
  'block of text not indented': { fits: ['block'], make: (l) => ({ lines: [`${l.value}`], rule: 'yaml/block-indent' }) },
  'no colon after the key': { fits: ['text'], where: (l) => !l.prefix!.includes('-'), make: (l) => ({ lines: [`${head(l)} ${l.value}`], rule: 'yaml/missing-colon', suggestion: `${head(l).trim()}: ${l.value}` }) },
  'equals sign instead of a colon': { fits: ['text'], where: (l) => !l.prefix!.includes('-'), make: (l) => ({ lines: [`${head(l)} = ${l.value}`], rule: 'yaml/missing-colon', suggestion: `${head(l).trim()}: ${l.value}` }) },
  'comma list': { fits: ['domains'], make: (l) => ({ lines: [`${head(l)}: wmo, participatiewet`], rule: 'yaml/comma-list', suggestion: 'domains: [wmo, participatiewet]' }) },
  'Dutch status word': { fits: ['status'], make: (l) => ({ lines: [`${head(l)}: vastgesteld`], rule: 'schema/enum', suggestion: 'published' }) },
  'Dutch domain word': { fits: ['domains'], make: (l) => ({ lines: [`${head(l)}: [bijstand]`], rule: 'schema/enum', suggestion: 'participatiewet' }) },
  'Dutch role word': { fits: ['role'], make: (l) => ({ lines: [`${head(l)}: wijkteam`], rule: 'schema/enum', suggestion: 'wijkteammedewerker' }) },
};

let base: Casebook;
beforeAll(async () => {
  base = await loadCasebook({ casebook: path.join(fixtures, 'mistakes') });
});

function check(text: string, lang: Lang) {
  const file = Object.assign(parseSource('/generated.yaml', new TextEncoder().encode(text), { lang }), { id: 'generated' });
  return validate({ ...base, cases: [file] }, { lang }).messages.filter((m) => m.severity === 'error');
}

describe('mistakes at random fields', () => {
  it('a generated valid case is clean', () => {
    fc.assert(fc.property(caseLines, (lines) => {
      expect(check(lines.map((l) => l.text).join('\n') + '\n', 'nl')).toEqual([]);
    }), { numRuns: 50 });
  });

  it.each(Object.keys(mistakes))('%s: its diagnosis at that field\'s line, and no other error', (name) => {
    const mistake = mistakes[name]!;
    fc.assert(fc.property(caseLines, fc.nat(), word, word, fc.constantFrom<Lang>('nl', 'en'), (lines, pick, a, b) => {
      const fitting = lines.map((line, index) => ({ line, index })).filter(({ line }) => mistake.fits.includes(line.kind) && (mistake.where?.(line) ?? true));
      const { line, index } = fitting[pick % fitting.length]!;
      const injected = mistake.make(line, [a, b]);
      const text = [...lines.slice(0, index).map((l) => l.text), ...injected.lines, ...lines.slice(index + 1).map((l) => l.text)].join('\n') + '\n';
      for (const lang of ['nl', 'en'] as const) {
        const errors = check(text, lang);
        expect(errors.map((m) => `${m.line} ${m.rule} ${m.suggestion ?? ''}`.trim()), text).toEqual([`${index + 1} ${injected.rule} ${injected.suggestion ?? ''}`.trim()]);
      }
    }), { numRuns: 40 });
  });
});
