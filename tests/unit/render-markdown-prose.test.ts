/**
 * The prose path of the Markdown renderer (markdown.ts, proseHtml) writes marked's HTML for
 * text without Markdown syntax without running marked. It must give marked's exact bytes:
 * every text of the casebooks in the repository and of a generated casebook, and random texts
 * made of the characters at the edge of what counts as prose, go through both ways.
 */
import path from 'node:path';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { LATIN_PROSE, MarkdownRenderer, PROSE, proseHtml } from '../../src/render/markdown.js';
import { renderMarkdown, repositoryTexts, withGeneratedCasebook } from '../helpers.js';

/** Random text: mostly prose, now and then a character that ends it (a line start, a break, a link, Markdown). */
function randomTexts(count: number): string[] {
  const prose = [
    'woord', 'Woord', 'rechtmatigheidsverantwoording', 'Één', ' ', ' ', '  ', '\n', '\n', '\n\n', '\n\n\n', '.', ',', ';', ':', '?', '!', '(', ')', '"', "'", '’', '‘', '“', '”',
    '/', '%', '€', '+', '=', '-', '–', '—', '…', '1', '2025', 'é', 'ë', 'ĳ', '\u0301', 'Ⅻ', '²',
  ];
  const edge = [
    '1. ', '3) ', '- ', '+ ', '* ', '= ', '==', '---', '***', '___', '# ', '> ', '    ', '\t', '\u00A0', '|', '&', '<', '>', '*', '_', '~', '`', '[', ']', '@', '\\', '#',
    'www.', 'http://a.nl', 'https:', 'e@a.nl', ':/', '\r\n', '\u2028', '😀', '\u00AD', '\u0000', ' \n', '  \n', '\n ', '\n1', '\n-', '\n=', '\n(',
    // A line that starts with a number: prose, unless `.` or `)` follows (an ordered list).
    '\n38 ', '\n2025.', '\n7)', '\n1234567890. ', '\n€ ', '\n12,5', '\n0',
  ];
  let seed = 20261203;
  // In 32-bit integer steps: the product in floating point lost its low bits, and the sequence repeated within a few hundred texts.
  const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const piece = () => (random(15) === 0 ? edge[random(edge.length)] : prose[random(prose.length)]);
  return Array.from({ length: count }, () => Array.from({ length: 1 + random(30) }, piece).join(''));
}

const marked = new Marked({ gfm: true, breaks: false, async: false });

function compare(texts: string[]): { prose: number; other: number } {
  const counts = { prose: 0, other: 0 };
  const withProse = new MarkdownRenderer();
  const withMarked = new MarkdownRenderer(false, { prosePath: false });
  for (const block of [true, false]) {
    for (const text of texts) {
      const prose = proseHtml(text, block);
      if (prose === undefined) {
        counts.other++;
        continue;
      }
      counts.prose++;
      expect(prose, JSON.stringify({ text, block })).toBe(block ? marked.parse(text) : marked.parseInline(text));
      expect(renderMarkdown(withProse, text, block), JSON.stringify({ text, block })).toEqual(renderMarkdown(withMarked, text, block));
    }
  }
  return counts;
}

describe('the prose path gives the bytes marked gives', () => {
  it('on every text of the casebooks in the repository and of a generated one', () => {
    const texts = withGeneratedCasebook(200, (generated) => repositoryTexts([path.join(generated, 'cases')]));
    expect(texts.length).toBeGreaterThan(3000);
    const counts = compare(texts);
    // Most texts are prose (or this test would not test it).
    expect(counts.prose).toBeGreaterThan(counts.other);
  }, 60_000);

  it('on random text at the edge of prose', () => {
    const counts = compare(randomTexts(20_000));
    expect(counts.prose).toBeGreaterThan(2000);
    expect(counts.other).toBeGreaterThan(2000);
  }, 60_000);

  it('reads Latin prose first with a narrower test that never says yes where the full one says no', () => {
    let latin = 0;
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (!LATIN_PROSE.test(char)) continue;
      latin++;
      expect(PROSE.test(char), code.toString(16)).toBe(true);
    }
    expect(latin).toBeGreaterThan(140);
  });
});
