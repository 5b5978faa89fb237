/**
 * Evidence positions are exact in every scalar style: the line and column of a phrase are
 * where a person sees it in the YAML source. Each phrase occurs once in its source, so the
 * expected position is found by searching the source text itself.
 */
import { describe, expect, it } from 'vitest';
import { caseId, parseSource } from '../../src/load/index.js';
import { tagCase } from '../../src/tag/index.js';
import { alignOffsets } from '../../src/position/offsets.js';
import type { CaseFile, ValueSet } from '../../src/types.js';

const words = ['kompas', 'landkaart', 'verrekijker', 'sextant', 'passer'];
const set: ValueSet = {
  source: 'test',
  provenance: { nl: '', en: '' },
  values: [
    { id: 'a', label: { nl: 'a', en: 'a' }, description: { nl: '', en: '' }, signals: [...words.map((phrase) => ({ phrase })), { phrase: 'ware noorden' }] },
  ],
};

/** `phrase line:column` of every piece of evidence. */
function evidence(text: string): string[] {
  const source = parseSource('/tmp/case.yaml', new TextEncoder().encode(text), { lang: 'nl' });
  expect(source.messages).toEqual([]);
  const file: CaseFile = Object.assign(source, { id: caseId(source) });
  const [suggestion] = tagCase(file, set, { threshold: 0.01 }).suggestions;
  return (suggestion?.evidence ?? []).map((e) => `${e.text.toLowerCase()} ${e.line}:${e.column}`).sort();
}

/** Where `needle` (which occurs once) stands in `text`, as `line:column`. */
function where(text: string, needle: string): string {
  const at = text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(needle, at + 1)).toBe(-1);
  const before = text.slice(0, at).split(/\r?\n/);
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

function expectExact(text: string, found: Record<string, string>): void {
  const expected = Object.entries(found).map(([phrase, needle]) => `${phrase} ${where(text, needle)}`).sort();
  expect(evidence(text)).toEqual(expected);
}

describe('evidence positions', () => {
  it('in a literal block (|), with a blank line and deeper indentation', () => {
    const text = ['title: Een casus', 'situation: |', '  Eerste regel.', '', '  Het Kompas wijst', '      naar het ware', '  noorden.', ''].join('\n');
    // "ware noorden" runs across a line break in the source: its start is reported.
    expectExact(text, { kompas: 'Kompas', 'ware noorden': 'ware' });
  });

  it('in a literal block with keep chomping and an indentation indicator', () => {
    const text = ['title: Een casus', 'dilemma: |2+', '    Vooraf ingesprongen kompas', '  en een LANDKAART?', '', 'decision: x', ''].join('\n');
    expectExact(text, { kompas: 'kompas', landkaart: 'LANDKAART' });
  });

  it('in a folded block (>-), where line breaks become spaces', () => {
    const text = ['title: Een casus', 'situation: >-', '  Een lange zin over het', '  ware', '  noorden en een kompas.', '', '  Nieuwe alinea met sextant.', ''].join('\n');
    expectExact(text, { kompas: 'kompas', 'ware noorden': 'ware', sextant: 'sextant' });
  });

  it('in plain scalars that run over several lines', () => {
    const text = ['title: Een casus', 'situation: Een zin die doorloopt', '  over het ware', '  noorden met kompas', ''].join('\n');
    expectExact(text, { kompas: 'kompas', 'ware noorden': 'ware' });
  });

  it("in quoted scalars with escapes, '' and line folding", () => {
    const text = [
      'title: "Een \\"kompas\\" en \\u00e9\\u00e9n landkaart"',
      "summary: 'Het ''ware'' noorden, een sextant'",
      'situation: "Over twee',
      '  regels: een verrekijker"',
      '',
    ].join('\n');
    expectExact(text, { kompas: 'kompas', landkaart: 'landkaart', "ware' noorden": "ware''", sextant: 'sextant', verrekijker: 'verrekijker' });
  });

  it('after an escaped backslash and an escaped line break', () => {
    const text = ['title: Een casus', 'outcome: "Een \\\\ en een \\', '    passer"', ''].join('\n');
    expectExact(text, { passer: 'passer' });
  });

  it('in list items: options, lessons, questions, flow and block', () => {
    const text = [
      'title: Een casus',
      'options:',
      '  - title: Met kompas',
      '    for: [Het ware noorden]',
      '    against:',
      '      - Zonder',
      '      - >',
      '        Een tweede',
      '        landkaart',
      'lessons: [een, sextant]',
      'questions:',
      '  - Waar is de passer?',
      '',
    ].join('\n');
    expectExact(text, { kompas: 'kompas', 'ware noorden': 'ware', landkaart: 'landkaart', sextant: 'sextant', passer: 'passer' });
  });

  it('with CRLF line endings', () => {
    const text = ['title: Een casus', 'situation: |', '  Eerst dit,', '  dan het kompas.', 'dilemma: >', '  Een', '  sextant?', ''].join('\r\n');
    expectExact(text, { kompas: 'kompas', sextant: 'sextant' });
  });
});

describe('alignOffsets', () => {
  it('maps offsets, in any order, to the raw source of a folded block', () => {
    const raw = '>\n  ab\n  cd\n';
    expect(alignOffsets(raw, 'ab cd\n', [3, 0, 1, 2])).toEqual([9, 4, 5, 6]);
  });
});
