/**
 * `tag --format json` is written in pieces (tagJsonChunks) but must be, byte for byte, the
 * one JSON.stringify of the whole list it replaced: scripts and CI read it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tagJson, tagJsonChunks } from '../../src/report/tag.js';
import type { CaseTags } from '../../src/tag/index.js';

const cwd = path.resolve('/casebook');

/** What the report printed before it was written in pieces. */
function wholeJson(results: readonly CaseTags[]): string {
  const entries = results.map((r) => ({
    file: path.relative(cwd, r.file).split(path.sep).join('/'),
    id: r.id,
    values: r.values,
    suggestions: r.suggestions.map((s) => ({ id: s.id, score: s.score, evidence: s.evidence.map((e) => e.text), evidenceSources: s.evidence.map((e) => e.source) })),
  }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}

function result(n: number): CaseTags {
  const odd = n % 2 === 1;
  return {
    file: path.join(cwd, 'cases', `casus-${n}.yaml`),
    id: `casus-${n}`,
    values: odd ? [] : ['maatwerk', 'bedoeling-van-de-wet'],
    suggestions: n % 3 === 0 ? [] : [
      { id: 'maatwerk', score: 0.5 + (n % 50) / 100, lexiconScore: 0.5, evidence: odd ? [] : [{ text: `"aanhalingen" \\ en\tregels ${n} \u001b ë ✓ \ud83d\ude00`, line: 1, column: 1, source: 'lexicon' }] },
      { id: 'rechtszekerheid', score: 1, lexiconScore: 0.9, evidence: [{ text: 'woord', line: 3, column: 7, source: 'model' }] },
    ],
  };
}

describe('tag --format json', () => {
  it('is the same text as one JSON.stringify of the whole list, empty lists and escapes included', () => {
    for (const count of [0, 1, 2, 7]) {
      const results = Array.from({ length: count }, (_, n) => result(n));
      expect(tagJson(results, cwd)).toBe(wholeJson(results));
    }
  });

  it('comes in pieces of about 64 kB that join to the same text', () => {
    const results = Array.from({ length: 2000 }, (_, n) => result(n));
    const chunks = [...tagJsonChunks(results, cwd)];
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeLessThan(80 * 1024);
    expect(chunks.join('')).toBe(wholeJson(results));
  });

  it('writes every string and score as JSON.stringify does, escapes, surrogates and files outside the folder included', () => {
    const strings = ['', 'plain', 'ë ✓ €', '"', '\\', 'a\nb', '\u0000', '\u001f', '\u007f', '\u0085', '\u2028', '\ud83d', '\ude00x', '\ud83d\ude00', '</script>'];
    const results: CaseTags[] = strings.map((text, n) => ({
      file: n % 3 === 0 ? path.join(path.dirname(cwd), 'elders', `${text || 'x'}.yaml`) : path.join(cwd, 'cases', `${n}-${text}.yaml`),
      id: text,
      values: [text, 'maatwerk'],
      suggestions: [{ id: text || 'x', score: [0, 0.07, 1, 0.1 + 0.2, Number.NaN][n % 5]!, lexiconScore: 0, evidence: [{ text, line: 1, column: 1, source: n % 2 ? 'model' : 'lexicon' }] }],
    }));
    expect(tagJson(results, cwd)).toBe(wholeJson(results));
  });
});
