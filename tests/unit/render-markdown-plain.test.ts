/**
 * The plain path of the Markdown renderer (markdown.ts, plainSanitized) lays out marked's
 * HTML without sanitize-html when the Markdown had no `<`. It must give the same bytes and
 * the same findings as sanitize-html would: every text of the casebooks in the repository
 * (the example, the tagger sets, the hostile fixtures) and a few thousand random texts made
 * of Markdown's pieces go through both ways and are compared.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MarkdownRenderer, type Finding } from '../../src/render/markdown.js';
import type { Lang } from '../../src/types.js';
import { repoRoot, repositoryTexts } from '../helpers.js';

/** Random Markdown from the pieces that matter: structure, quotes, entities, long words, breaks. */
function randomTexts(count: number): string[] {
  const pieces = [
    'woord', ' ', ' ', ' ', 'rechtmatigheidsverantwoording', 'Schuldhulpverlening', 'keukentafelgesprek', "'", '"', "'s avonds", "zo'n", '’',
    '&', '&amp;', '&#39;', '&eacute;', '&lt;', '>', '*', '**', '_', '`', '~~', '\n', '\n\n', '- ', '1. ', '3. ', '> ', '# ', '## ', '#### ',
    '    code ', '```\n', '| a | b |\n|---|---|\n| c | d |\n', '| a | b |\n|:--|--:|\n| c | d |\n', '  \n', '\n---\n', 'www.voorbeeld.nl', 'https://x.nl/a_b',
    '[tekst](https://a.nl)', '![beeld](x.png)', '\\*', '\t', '\u00A0', '😀', '\u00AD', 'e-mail@adres.nl', '(', ')', '[', ']', ':', '-', '+', '\u0001', '- [ ] ', '- [x] ',
  ];
  let seed = 20261203;
  // In 32-bit integer steps: the product in floating point lost its low bits, and the sequence repeated within a few hundred texts.
  const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  return Array.from({ length: count }, () => Array.from({ length: 1 + random(40) }, () => pieces[random(pieces.length)]).join(''));
}

function render(renderer: MarkdownRenderer, text: string, lang: Lang, block: boolean): { html: string; findings: Finding[] } {
  const findings: Finding[] = [];
  const source = { root: repoRoot, baseDir: path.join(repoRoot, 'cases'), lang, report: (f: Finding) => findings.push(f) };
  const html = block ? renderer.block(text, source) : renderer.inline(text, source);
  return { html, findings };
}

function compare(texts: string[], langs: Lang[]): MarkdownRenderer {
  const plain = new MarkdownRenderer();
  const sanitized = new MarkdownRenderer(false, { plainPath: false });
  for (const lang of langs) {
    for (const block of [true, false]) {
      for (const text of texts) {
        expect(render(plain, text, lang, block), JSON.stringify({ text, lang, block })).toEqual(render(sanitized, text, lang, block));
      }
    }
  }
  expect(sanitized.counts.plain).toBe(0);
  return plain;
}

describe('the plain path gives the bytes sanitize-html gives', () => {
  it('on every text of the casebooks in the repository', () => {
    const texts = repositoryTexts();
    expect(texts.length).toBeGreaterThan(3000);
    const { counts } = compare(texts, ['nl']);
    // Most texts take the plain path (or this test would not test it).
    expect(counts.plain).toBeGreaterThan(counts.sanitized * 3);
  }, 60_000);

  it('on random Markdown', () => {
    const { counts } = compare(randomTexts(2000), ['nl', 'en']);
    expect(counts.plain).toBeGreaterThan(1500);
    expect(counts.sanitized).toBeGreaterThan(1500);
  }, 60_000);
});
