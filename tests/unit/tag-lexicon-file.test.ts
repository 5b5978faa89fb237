/** The built-in lexicon compiled at build time: used only when it is what compiling now would give. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBuiltInValues } from '../../src/load/config.js';
import { compileLexicon, compilePhrases, phraseInputs } from '../../src/tag/lexicon.js';
import { lexiconFor, PRECOMPILED_LEXICON, precompiledText, readPrecompiled } from '../../src/tag/lexicon-file.js';
import type { CoreValue } from '../../src/types.js';

const values: CoreValue[] = [
  { id: 'samen', label: { nl: 'Samen', en: 'Together' }, description: { nl: '', en: '' }, signals: [{ phrase: 'echt gesprek', weight: 2 }, { phrase: 'cliënt' }, { phrase: 'lange termijn' }], exclude: ['gesprek ... afzeggen'] },
  { id: 'regels', label: { nl: 'Regels', en: 'Rules' }, description: { nl: '', en: '' }, signals: [{ phrase: '=regel|regels' }, { phrase: 'wet*' }] },
];

describe('the lexicon compiled at build time', () => {
  let dir: string;
  let file: string;
  let compiler: string;
  const at = (target: string, day: number) => utimesSync(target, new Date(2026, 0, day), new Date(2026, 0, day));

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'casebook-lexicon-'));
    file = path.join(dir, 'lexicon.precompiled.json');
    compiler = path.join(dir, 'stem.js');
    writeFileSync(file, precompiledText(phraseInputs(values), compilePhrases(values)));
    writeFileSync(compiler, '// the stemmer\n');
    at(compiler, 1);
    at(file, 2);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same words and patterns as compiling the set now', () => {
    const read = readPrecompiled(phraseInputs(values), file, [compiler]);
    expect(read).toEqual(compilePhrases(values));
    // Two phrases also as one word (echtgesprek, langetermijn): 8 patterns, indexed in order.
    expect(read?.patterns.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('is not used once a module that compiles phrases is newer than it', () => {
    at(compiler, 3);
    expect(readPrecompiled(phraseInputs(values), file, [compiler])).toBeUndefined();
  });

  it('is not used for a value set with another phrase, weight or exclusion', () => {
    const edited = (change: (copy: CoreValue[]) => void) => {
      const copy = structuredClone(values);
      change(copy);
      return readPrecompiled(phraseInputs(copy), file, [compiler]);
    };
    expect(edited(() => undefined)).toBeDefined();
    expect(edited((copy) => (copy[0]!.signals![1]!.phrase = 'client'))).toBeUndefined();
    expect(edited((copy) => (copy[0]!.signals![0]!.weight = 3))).toBeUndefined();
    expect(edited((copy) => (copy[0]!.exclude = []))).toBeUndefined();
    expect(edited((copy) => copy.pop())).toBeUndefined();
  });

  it('is not used when its text was changed after it was written', () => {
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"gesprek","gesprek"');
    writeFileSync(file, text.replace('"gesprek","gesprek"', '"gesprek","gespr"'));
    at(file, 2);
    expect(readPrecompiled(phraseInputs(values), file, [compiler])).toBeUndefined();
  });

  it('is not used when a word or pattern in it is not well formed, even with a matching digest', () => {
    // Each change made to the file as the build wrote it, with a correct digest for the changed body.
    const original = readFileSync(file, 'utf8');
    const header = JSON.parse(original.split('\n')[0]!) as { inputs: string };
    type Body = { inputs: string; words: unknown[][]; patterns: unknown[][] };
    const rewrite = (change: (body: Body) => void) => {
      const body = JSON.parse(original.slice(original.indexOf('\n') + 1)) as Body;
      change(body);
      const bodyText = JSON.stringify(body);
      writeFileSync(file, `${JSON.stringify({ format: 1, inputs: header.inputs, sha256: createHash('sha256').update(bodyText).digest('hex') })}\n${bodyText}`);
      at(file, 2);
      return readPrecompiled(phraseInputs(values), file, [compiler]);
    };
    expect(rewrite(() => undefined)).toEqual(compilePhrases(values));
    expect(rewrite((body) => (body.words[0]![0] = 'whole'))).toBeUndefined();
    // A body for another value set under this set's first line.
    expect(rewrite((body) => (body.inputs = body.inputs.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))))).toBeUndefined();
    expect(rewrite((body) => (body.patterns[0]![5] = [[0, body.words.length]]))).toBeUndefined();
    expect(rewrite((body) => (body.patterns[0]![5] = []))).toBeUndefined();
    expect(rewrite((body) => (body.patterns[0]![4] = true))).toBeUndefined();
  });

  it('is not used when missing, of another format or without its header', () => {
    expect(readPrecompiled(phraseInputs(values), path.join(dir, 'nowhere.json'), [compiler])).toBeUndefined();
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"format":1', '"format":2'));
    at(file, 2);
    expect(readPrecompiled(phraseInputs(values), file, [compiler])).toBeUndefined();
    writeFileSync(file, text.slice(text.indexOf('\n') + 1));
    at(file, 2);
    expect(readPrecompiled(phraseInputs(values), file, [compiler])).toBeUndefined();
  });

  it('is written by the build for the built-in set, which lexiconFor then reads, the same as compiled now', () => {
    // A copy: the shared set's lexicon may already have met other test files' words (test files
    // share module state), and its table of forms grows with every word it meets.
    const builtIn = { ...loadBuiltInValues() };
    expect(readPrecompiled(phraseInputs(builtIn.values), PRECOMPILED_LEXICON)).toBeDefined();
    expect(lexiconFor(builtIn)).toEqual(compileLexicon(builtIn.values));
    expect(lexiconFor({ ...builtIn, values })).toEqual(compileLexicon(values));
  });
});
