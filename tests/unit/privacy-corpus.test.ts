/**
 * The annotated corpus of case texts (tests/fixtures/privacy/corpus/): its markup is read
 * as written, it is large and varied enough to measure on, and the privacy check keeps the
 * figures of issue 19. `npm run eval:privacy` prints the same numbers; of the untuned part
 * it prints only the figures.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusTargets, evaluateCorpus, missedCorpusTargets, parseCorpusFile, parseMarkedText, readCorpus } from '../../scripts/privacy-corpus.mjs';
import { fixtures } from '../helpers.js';

const folder = path.join(fixtures, 'privacy', 'corpus');
const tuned = readCorpus(path.join(folder, 'tuned'));
const untuned = readCorpus(path.join(folder, 'untuned'));

describe('corpus markup', () => {
  it('takes the markup out and keeps the ranges of the marked items', () => {
    const parsed = parseMarkedText('Mw. [[name:Jansen]] woont op [[street:Kerkstraat 3]].');
    expect(parsed.text).toBe('Mw. Jansen woont op Kerkstraat 3.');
    expect(parsed.items.map((item) => `${item.kind} ${parsed.text.slice(item.start, item.end)}`)).toEqual(['name Jansen', 'street Kerkstraat 3']);
  });

  it('splits a file on lines "---" and skips the comments before the first text', () => {
    const texts = parseCorpusFile('# comment\n---\nEen.\n---\nTwee\nregels.\n', 'x.txt');
    expect(texts.map((t) => t.text)).toEqual(['Een.', 'Twee\nregels.']);
    expect(texts[1]!.source).toBe('x.txt #2');
  });

  it('refuses an unknown kind or broken markup', () => {
    expect(() => parseMarkedText('[[naam:Jansen]]', 'x')).toThrow(/unknown kind "naam"/);
    expect(() => parseMarkedText('[[name:Jansen', 'x')).toThrow(/unbalanced/);
  });
});

describe('corpus', () => {
  it('has at least 300 texts in four styles, split into a tuned and an untuned part', () => {
    expect(tuned.length + untuned.length).toBeGreaterThanOrEqual(300);
    expect(untuned.length).toBeGreaterThanOrEqual(150);
    for (const style of ['keukentafel', 'email', 'brief', 'teamoverleg']) {
      expect(untuned.filter((t) => t.source.startsWith(style)).length, style).toBeGreaterThanOrEqual(35);
    }
    const marked = (kind: string) => untuned.flatMap((t) => t.items).filter((item) => item.kind === kind).length;
    expect(marked('name')).toBeGreaterThanOrEqual(200);
    expect(marked('street')).toBeGreaterThanOrEqual(40);
    expect(marked('birthdate')).toBeGreaterThanOrEqual(25);
    expect(untuned.filter((t) => t.items.length === 0).length).toBeGreaterThanOrEqual(20);
  });

  it('meets every target on the tuned part', () => {
    expect(missedCorpusTargets(evaluateCorpus(tuned))).toEqual([]);
  });

  it('keeps the figures reached on the untuned part (names, streets, dates of birth, precision)', () => {
    const result = evaluateCorpus(untuned);
    const recall = (kind: string) => result.kinds.find((k) => k.kind === kind)!.recall;
    expect(recall('name')).toBeGreaterThanOrEqual(corpusTargets.recall.name!);
    expect(recall('street')).toBeGreaterThanOrEqual(corpusTargets.recall.street!);
    expect(recall('birthdate')).toBeGreaterThanOrEqual(corpusTargets.recall.birthdate!);
    for (const kind of ['postcode', 'phone', 'email', 'iban'] as const) expect(recall(kind), kind).toBe(1);
    expect(result.precision).toBeGreaterThanOrEqual(corpusTargets.precision);
  });
});
