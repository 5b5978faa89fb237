/** Typographic quotes and Dutch hyphenation: in prose only, never in code or attributes. */
import { describe, expect, it } from 'vitest';
import { MarkdownRenderer } from '../../src/render/markdown.js';
import { SOFT_HYPHEN, hyphenate, smartQuotes } from '../../src/render/typography.js';

const source = { root: '/tmp', baseDir: '/tmp', lang: 'nl' as const, report: () => undefined };
const visible = (text: string) => text.replaceAll(SOFT_HYPHEN, '');

describe('smartQuotes', () => {
  it.each([
    ['"Hij zei \'nee\'," vertelt ze.', '“Hij zei ‘nee’,” vertelt ze.'],
    ["Dilemma's en zo'n keuze", 'Dilemma’s en zo’n keuze'],
    ["'s avonds en 't huis, in de jaren '90", '’s avonds en ’t huis, in de jaren ’90'],
    ["'staat' blijft een citaat", '‘staat’ blijft een citaat'],
    ['("tussen haakjes")', '(“tussen haakjes”)'],
  ])('%s', (input, expected) => {
    expect(smartQuotes(input)).toBe(expected);
  });

  it('leaves addresses and code-like runs as typed', () => {
    expect(smartQuotes('zie https://a.nl/x\'y en onerror="x" maar "dit" wel')).toBe('zie https://a.nl/x\'y en onerror="x" maar “dit” wel');
  });

  it('carries the character before across text nodes', () => {
    const state = { before: '' };
    expect(smartQuotes('zij zei "', state)).toBe('zij zei “');
    expect(smartQuotes('nee', state)).toBe('nee');
    expect(smartQuotes('" en ging', state)).toBe('” en ging');
  });
});

describe('hyphenate', () => {
  it('puts soft hyphens in long Dutch words, where the patterns allow', () => {
    const word = hyphenate('rechtmatigheidsverantwoording', 'nl');
    expect(word).toBe(['recht', 'ma', 'tig', 'heids', 'ver', 'ant', 'woor', 'ding'].join(SOFT_HYPHEN));
    expect(hyphenate('een kort woord', 'nl')).toBe('een kort woord');
  });

  it('leaves addresses, file names and code-like text whole', () => {
    for (const text of ['https://wetten.overheid.nl/BWBR0035362', 'info@gemeentevoorbeeld.nl', 'verantwoording.pdf', 'top.__xss=rechtmatigheid']) {
      expect(hyphenate(text, 'nl')).toBe(text);
    }
  });
});

describe('in the Markdown step', () => {
  const markdown = new MarkdownRenderer();

  it('makes quotes typographic around emphasis, and hyphenates the prose', () => {
    const html = markdown.block('"*Rechtmatigheidsverantwoording*" is \'s avonds een woord.', source);
    expect(visible(html)).toBe('<p>“<em>Rechtmatigheidsverantwoording</em>” is ’s avonds een woord.</p>\n');
    expect(html).toContain(`Recht${SOFT_HYPHEN}ma${SOFT_HYPHEN}tig`);
  });

  it('never touches code or attributes', () => {
    const html = markdown.block('Zie `"rechtmatigheidsverantwoording"` en [de "wet"](https://wetten.overheid.nl/a\'b "titel \'x\'").\n\n```\nzei "verantwoordingsplicht"\n```', source);
    expect(html).toContain('<code>"rechtmatigheidsverantwoording"</code>');
    expect(html).toContain('href="https://wetten.overheid.nl/a\'b"');
    expect(html).toContain('title="titel \'x\'"');
    expect(html).toContain('>de “wet”</a>');
    expect(html).toContain('<pre><code>zei "verantwoordingsplicht"\n</code></pre>');
  });

  it('shows a typed address exactly as typed, also when it holds quotes', () => {
    const html = markdown.block('Zie http://127.0.0.1:9/a.js"> en <https://wetten.overheid.nl/x\'y>.', source);
    expect(html).toContain('>http://127.0.0.1:9/a.js"&gt;</a>');
    expect(html).toContain(">https://wetten.overheid.nl/x'y</a>");
  });
});
