/**
 * The simple path of the Markdown renderer (markdown-simple.ts) writes marked's HTML for prose
 * with `**strong**` words and lists without running marked. It must give marked's exact bytes
 * (and the renderer the same HTML and findings as with marked) wherever it answers, and leave
 * everything else to marked: every text of the repository's casebooks and of a generated one,
 * and random texts made of the pieces at the edge of what it takes.
 */
import path from 'node:path';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { MarkdownRenderer, proseHtml } from '../../src/render/markdown.js';
import { simpleBlockHtml, simpleInlineHtml, strongHtml } from '../../src/render/markdown-simple.js';
import { renderMarkdown, repositoryTexts, withGeneratedCasebook } from '../helpers.js';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Random text: lines of prose words after list markers or indentation, blank lines between, and now and then a piece at the edge. */
function randomTexts(count: number): string[] {
  const words = ['woord', 'Woord', 'rechtmatigheidsverantwoording', 'één', '2025', '38', 'uur;', 'Kort:', '(zoals', 'dit)', '"zo"', "agenda's", '’t', '-', '€', 'a.', 'b,', 'c!'];
  const strong = ['**a**', '**Kort:**', '**in de wijk**', '**zo**.', '**één**,', '**ja!**'];
  const starts = ['', '', '', '- ', '- ', '1. ', '2. ', '10. ', '  ', '   ', '    '];
  const edge = [
    '*', '***', '**', '* ', '+ ', '3. ', '1) ', '-  ', ' ', '-', '- - -', '- 1. ', '  - ', '===', '---', '# ', '> ', '_', '__', '**_', '_**', '\u0301', 'Ⅻ', '²',
    ' ', 'www.', ':/', '&', '<', '`', '[', '~', '\t', '\u00A0', 'a**', '**.', '.**', '?**', ')**', '**(', '1.5', '** ', ' **', '**a', 'a **',
  ];
  let seed = 20261204;
  // In 32-bit integer steps, as in render-markdown-prose (floating point repeats itself).
  const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const pick = (list: string[]) => list[random(list.length)]!;
  const word = () => (random(20) === 0 ? pick(edge) : random(6) === 0 ? pick(strong) : pick(words));
  const line = () => {
    if (random(5) === 0) return '';
    const text = Array.from({ length: 1 + random(6) }, word).join(random(15) === 0 ? '' : ' ');
    return (random(25) === 0 ? pick(edge) : pick(starts)) + text;
  };
  return Array.from({ length: count }, () => Array.from({ length: 1 + random(8) }, line).join('\n') + (random(3) === 0 ? '\n' : ''));
}

function compare(texts: string[]): { simple: number; other: number } {
  const counts = { simple: 0, other: 0 };
  const withSimple = new MarkdownRenderer();
  const withMarked = new MarkdownRenderer(false, { prosePath: false });
  for (const block of [true, false]) {
    for (const text of texts) {
      // Prose takes its own path first (render-markdown-prose tests it).
      if (proseHtml(text, block) !== undefined) continue;
      const simple = block ? simpleBlockHtml(text) : simpleInlineHtml(text);
      if (simple === undefined) {
        counts.other++;
        continue;
      }
      counts.simple++;
      const label = JSON.stringify({ text, block });
      expect(simple, label).toBe(block ? marked.parse(text) : marked.parseInline(text));
      expect(renderMarkdown(withSimple, text, block), label).toEqual(renderMarkdown(withMarked, text, block));
    }
  }
  return counts;
}

describe('the simple path gives the bytes marked gives', () => {
  it('on every text of the casebooks in the repository and of a generated one', () => {
    const texts = withGeneratedCasebook(200, (generated) => repositoryTexts([path.join(generated, 'cases')]));
    const counts = compare(texts);
    // The generated book's lists and strong words all take it (or this test would not test it).
    expect(counts.simple).toBeGreaterThan(20);
  }, 60_000);

  it('on random text at the edge of what it takes', () => {
    const counts = compare(randomTexts(30_000));
    expect(counts.simple).toBeGreaterThan(3000);
    expect(counts.other).toBeGreaterThan(3000);
  }, 60_000);

  it('writes lists, loose lists and strong words as marked does', () => {
    expect(simpleBlockHtml('Er lopen:\n\n- een **strikt** budget;\n- jeugdhulp\n  voor twee.\n\nDaarna.')).toBe(
      '<p>Er lopen:</p>\n<ul>\n<li>een <strong>strikt</strong> budget;</li>\n<li>jeugdhulp\nvoor twee.</li>\n</ul>\n<p>Daarna.</p>\n',
    );
    expect(simpleBlockHtml('1. a\n2. b\n\n3. c\n')).toBe('<ol>\n<li><p>a</p>\n</li>\n<li><p>b</p>\n</li>\n<li><p>c</p>\n</li>\n</ol>\n');
    expect(simpleInlineHtml('het college **kan** weigeren')).toBe('het college <strong>kan</strong> weigeren');
  });

  it('leaves to marked what it does not know', () => {
    for (const text of [
      '- a\nlazy line', '- a\n   b', '* a', '+ a', '3. a', '1) a', '- a\n\n  b', '-  a', '- - a', '- # a', '- a\n1. b', 'a\n- b', '**a **', '** a**', 'a**b**',
      '**a**b', '**a\nb**', '**a*', '*a*', '***a***', 'a *', '- a ', 'a  \nb', '- www.a.nl', '- <b>', '- a\n\tb',
    ]) {
      expect(simpleBlockHtml(text), JSON.stringify(text)).toBeUndefined();
    }
    for (const text of ['a **b', '**.a**', 'x **a.**b', '*a*', 'a **b **c**']) expect(strongHtml(text), JSON.stringify(text)).toBeUndefined();
  });
});
