/**
 * The writer adds values by splicing text: nothing else in a file changes, byte for byte.
 * Proven on every example case and every development case (values removed, then added back),
 * on each list style, and on random cases with comments (fast-check).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { isMap, isScalar, parseDocument, type Node, type Pair } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/load/index.js';
import { addValuesToSource } from '../../src/tag/write.js';
import { caseValueIds as caseValues } from '../../src/case/index.js';
import { fixtures, repoRoot, addedLines } from '../helpers.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : [],
  );
}

const exampleCases = yamlFiles(path.join(repoRoot, 'cases'));
const devCases = yamlFiles(path.join(fixtures, 'tagger-dev'));

const dataOf = (text: string) => {
  const parsed = parseSource('case.yaml', new TextEncoder().encode(text), { lang: 'nl' });
  expect(parsed.messages).toEqual([]);
  return parsed.data!;
};

/** The file without its `values` field: the lines from the key to the end of its value go. */
function stripValues(text: string): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw new Error('not a mapping');
  const pair = doc.contents.items.find((p: Pair) => isScalar(p.key) && p.key.value === 'values');
  if (!pair) return text;
  const keyStart = (pair.key as Node).range![0];
  const start = text.lastIndexOf('\n', keyStart - 1) + 1;
  let end = (pair.value as Node | null)?.range?.[1] ?? (pair.key as Node).range![1];
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  const lineEnd = text.indexOf('\n', end);
  return text.slice(0, start) + text.slice(lineEnd < 0 ? text.length : lineEnd + 1);
}


function expectOk(outcome: ReturnType<typeof addValuesToSource>): string {
  if (!outcome.ok) throw new Error(`not written: ${outcome.reason}`);
  return outcome.text;
}

describe('adding values to a case without them', () => {
  it.each([...exampleCases, ...devCases].map((f) => [path.relative(repoRoot, f), f]))('%s: only added lines', (_name, file) => {
    const original = readFileSync(file, 'utf8');
    const stripped = stripValues(original);
    const ids = caseValues(dataOf(original));
    const wanted = ids.length > 0 ? ids : ['vertrouwen', 'samen-met-de-inwoner'];
    const written = expectOk(addValuesToSource(stripped, wanted));
    const added = addedLines(stripped, written);
    expect(added).toEqual(['values:', ...wanted.map((id) => `  - ${id}`)]);
    expect(dataOf(written)).toEqual({ ...dataOf(stripped), values: wanted });
    // Where the field goes: after the last field that precedes it in the case format.
    const lines = written.split('\n');
    const at = lines.indexOf('values:');
    expect(lines.slice(at + 1 + wanted.length).some((l) => /^(questions|lessons|outcome|decision|dilemma):/.test(l))).toBe(false);
  });

  it('puts the block after the previous field, before a comment and blank line that belong to the next', () => {
    const text = ['title: Een casus', 'questions:', '  - Een vraag?', '  # - een uitgezette vraag', '', '# over de verwante casussen', 'related: [a]', ''].join('\n');
    expect(expectOk(addValuesToSource(text, ['maatwerk']))).toBe(
      ['title: Een casus', 'questions:', '  - Een vraag?', '  # - een uitgezette vraag', 'values:', '  - maatwerk', '', '# over de verwante casussen', 'related: [a]', ''].join('\n'),
    );
  });

  it('follows the file: its list indentation, flow lists when it has no block lists, CRLF', () => {
    expect(expectOk(addValuesToSource('title: Een casus\nlessons:\n- Een les\n', ['maatwerk']))).toBe('title: Een casus\nlessons:\n- Een les\nvalues:\n- maatwerk\n');
    expect(expectOk(addValuesToSource('title: Een casus\ndomains: [wmo]\ndilemma: Wat?\ntags: [x]\n', ['maatwerk', 'integraal']))).toBe(
      'title: Een casus\ndomains: [wmo]\ndilemma: Wat?\nvalues: [maatwerk, integraal]\ntags: [x]\n',
    );
    expect(expectOk(addValuesToSource('title: Een casus\r\nsituation: |\r\n  Tekst.\r\n\r\nlessons:\r\n  - Les\r\n', ['maatwerk']))).toBe(
      'title: Een casus\r\nsituation: |\r\n  Tekst.\r\n\r\nlessons:\r\n  - Les\r\nvalues:\r\n  - maatwerk\r\n',
    );
  });

  it('adds a line break to a last line that has none', () => {
    expect(expectOk(addValuesToSource('title: Een casus\ndilemma: Wat?', ['maatwerk']))).toBe('title: Een casus\ndilemma: Wat?\nvalues:\n  - maatwerk\n');
  });

  it('keeps the kept blank lines of a |+ block inside it', () => {
    const text = 'title: Een casus\ndilemma: |+\n  Wat?\n\nrelated:\n  - a\n';
    const written = expectOk(addValuesToSource(text, ['maatwerk']));
    expect(written).toBe('title: Een casus\ndilemma: |+\n  Wat?\n\nvalues:\n  - maatwerk\nrelated:\n  - a\n');
    expect(dataOf(written).dilemma).toBe('Wat?\n\n');
  });
});

describe('adding values to a case that has some', () => {
  it('appends block items after the last one, with the same prefix', () => {
    const text = 'title: Een casus\nvalues:\n    - maatwerk\n    - id: vertrouwen\n      why: Omdat.  # reden\n\nrelated: [a]\n';
    expect(expectOk(addValuesToSource(text, ['integraal']))).toBe(
      'title: Een casus\nvalues:\n    - maatwerk\n    - id: vertrouwen\n      why: Omdat.  # reden\n    - integraal\n\nrelated: [a]\n',
    );
  });

  it('extends a flow list in place', () => {
    expect(expectOk(addValuesToSource('title: Een casus\nvalues: [maatwerk]  # eerste keus\n', ['integraal', 'rechtmatig']))).toBe(
      'title: Een casus\nvalues: [maatwerk, integraal, rechtmatig]  # eerste keus\n',
    );
    expect(expectOk(addValuesToSource('title: Een casus\nvalues: []\n', ['integraal']))).toBe('title: Een casus\nvalues: [integraal]\n');
  });

  it('fills an empty field, keeping its comment', () => {
    expect(expectOk(addValuesToSource('title: Een casus\nvalues:   # nog kiezen\nrelated: [a]\n', ['integraal']))).toBe(
      'title: Een casus\nvalues:   # nog kiezen\n  - integraal\nrelated: [a]\n',
    );
    expect(expectOk(addValuesToSource('title: Een casus\nvalues: ~\n', ['integraal']))).toBe('title: Een casus\nvalues: [integraal]\n');
  });

  it('skips ids the case already has', () => {
    const text = 'title: Een casus\nvalues: [maatwerk]\n';
    expect(addValuesToSource(text, ['maatwerk'])).toEqual({ ok: true, text, added: [] });
    expect(addValuesToSource(text, ['maatwerk', 'integraal'])).toEqual({ ok: true, text: 'title: Een casus\nvalues: [maatwerk, integraal]\n', added: ['integraal'] });
  });
});

describe('refusing to write', () => {
  it.each([
    ['a YAML syntax error', 'title: Een casus\nsituation: "open\n', 'syntax'],
    ['a duplicate key', 'title: Een casus\ntitle: Nog een\n', 'syntax'],
    ['values that are not a list', 'title: Een casus\nvalues: maatwerk\n', 'unsupported'],
    ['a flow mapping', '{title: Een casus}\n', 'unsupported'],
  ])('%s', (_name, text, reason) => {
    expect(addValuesToSource(text, ['integraal'])).toEqual({ ok: false, reason });
  });
});

// ---- Random cases with comments -------------------------------------------------------

const word = fc.constantFrom('zorg', 'gesprek', 'inwoner', 'netwerk', 'termijn', 'regel', 'buren', 'wet', 'plan', 'kosten');
const sentence = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const comment = fc.option(sentence.map((s) => `# ${s}`), { nil: undefined });
const valueIds = ['effect-voorop', 'eigen-kracht', 'maatwerk', 'vertrouwen', 'integraal', 'rechtmatig'];

/** A scalar in one of YAML's styles, as the lines after `key:`. */
const scalar = fc.oneof(
  sentence.map((s) => [` ${s}`]),
  sentence.map((s) => [` "${s} \\"x\\""`]),
  sentence.map((s) => [` '${s} ''x'''`]),
  fc.tuple(fc.constantFrom('|', '|-', '|+', '>', '>-'), fc.array(sentence, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([header, lines, blank]) => [
    ` ${header}`,
    ...lines.map((l) => `  ${l}`),
    ...(blank ? [''] : []),
  ]),
);
const list = fc.tuple(fc.array(sentence, { minLength: 1, maxLength: 3 }), fc.constantFrom('flow', '  - ', '- '), comment).map(([items, style, trailing]) =>
  style === 'flow' ? [` [${items.join(', ')}]`] : ['', ...items.map((i) => `${style}${i}`), ...(trailing ? [`  ${trailing}`] : [])],
);

const fieldOrder = ['id', 'title', 'domains', 'situation', 'effect', 'dilemma', 'lessons', 'questions', 'values', 'related', 'tags'] as const;

const caseText = fc
  .record({
    situation: scalar,
    effect: fc.option(scalar, { nil: undefined }),
    dilemma: scalar,
    lessons: fc.option(list, { nil: undefined }),
    questions: fc.option(list, { nil: undefined }),
    values: fc.option(fc.constantFrom('absent', 'empty', 'null', 'flow', 'block'), { nil: 'absent' }),
    related: fc.option(list, { nil: undefined }),
    comments: fc.array(comment, { minLength: fieldOrder.length, maxLength: fieldOrder.length }),
    trailing: fc.array(comment, { minLength: fieldOrder.length, maxLength: fieldOrder.length }),
    blanks: fc.array(fc.boolean(), { minLength: fieldOrder.length, maxLength: fieldOrder.length }),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map((c) => {
    const lines: string[] = [];
    fieldOrder.forEach((key, i) => {
      let body: string[] | undefined;
      if (key === 'id') body = [' random-case'];
      else if (key === 'title') body = [' Een willekeurige casus'];
      else if (key === 'domains') body = [' [wmo]'];
      else if (key === 'values') {
        body = { absent: undefined, empty: [' []'], null: [''], flow: [' [maatwerk]'], block: ['', '  - maatwerk'] }[c.values];
      } else if (key === 'tags') body = [' [x]'];
      else body = c[key as 'situation' | 'effect' | 'dilemma' | 'lessons' | 'questions' | 'related'];
      if (!body) return;
      if (c.comments[i]) lines.push(c.comments[i]!);
      const [first, ...rest] = body;
      // A trailing comment only after plain or flow values (a quoted or block header keeps its own).
      const trail = c.trailing[i] && /^ ?(\[|[a-z])/.test(first!) && !first!.startsWith(' |') ? `  ${c.trailing[i]}` : '';
      lines.push(`${key}:${first}${trail}`, ...rest);
      if (c.blanks[i]) lines.push('');
    });
    const nl = c.crlf ? '\r\n' : '\n';
    return { text: lines.join(nl) + (c.finalNewline ? nl : ''), values: c.values };
  });

describe('random cases with comments (property)', () => {
  it('changes nothing but the values, in 1,000 random cases', () => {
    fc.assert(
      fc.property(caseText, fc.subarray(valueIds, { minLength: 1, maxLength: 3 }), ({ text, values }, ids) => {
        const before = parseSource('case.yaml', new TextEncoder().encode(text), { lang: 'nl' });
        fc.pre(before.messages.length === 0);
        const outcome = addValuesToSource(text, ids);
        if (!outcome.ok) throw new Error(`refused: ${outcome.reason}\n${text}`);
        const after = dataOf(outcome.text);
        const oldValues = caseValues(before.data);
        const expected = [...oldValues, ...ids.filter((id) => !oldValues.includes(id))];
        expect(after).toEqual({ ...before.data, values: expected });
        if (expected.length === oldValues.length) {
          expect(outcome.text).toBe(text);
          return;
        }
        const normalise = (t: string) => t.replace(/\r\n/g, '\n');
        const added = addedLines(normalise(text), normalise(outcome.text));
        if (values === 'flow' || values === 'empty') {
          // A flow list grows on its own line; every other line stays as it was.
          const a = normalise(text).split('\n');
          const b = normalise(outcome.text).split('\n');
          expect(b.length).toBe(a.length);
          expect(b.filter((line, k) => line !== a[k]).map((line) => line.replace(/ +#.*$/, ''))).toEqual([`values: [${expected.join(', ')}]`]);
        } else if (added !== undefined) {
          expect(added.every((line) => /^(values:( \[[a-z, -]+\])?|\s*- [a-z-]+)$/.test(line))).toBe(true);
        } else {
          // Only a text without a final line break gets one before the new block.
          expect(text.endsWith('\n')).toBe(false);
          expect(addedLines(normalise(text) + '\n', normalise(outcome.text))).toBeDefined();
        }
        if (text.includes('\r\n')) expect(outcome.text.replace(/\r\n/g, '')).not.toContain('\n');
      }),
      { numRuns: 1000, seed: 20260930 },
    );
  });
});
