/** Typographic quotes and Dutch hyphenation: in prose only, never in code or attributes. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATIN_PROSE, MarkdownRenderer, PROSE } from '../../src/render/markdown.js';
import { OTHER_WHITE_SPACE, SOFT_HYPHEN, hyphenate, hyphenateProse, smartQuotes } from '../../src/render/typography.js';
import { packTrie, trieBytes, trieFromBytes, unpackTrie, type TrieNode } from '../../src/render/hyphen-trie.js';
import { repoRoot, repositoryTexts, withGeneratedCasebook } from '../helpers.js';

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

  it("breaks every word where the hyphen package breaks it (the same steps, without its text reader)", () => {
    type Hyphenate = (text: string, options: { hyphenChar: string; minWordLength: number }) => string;
    const require = createRequire(import.meta.url);
    const byPackage: Record<'nl' | 'en', Hyphenate> = { nl: require('hyphen/nl').hyphenateSync, en: require('hyphen/en-gb').hyphenateSync };
    const texts = withGeneratedCasebook(200, (dir) => repositoryTexts([path.join(dir, 'cases')]));
    const words = new Set(texts.flatMap((text) => text.match(/[\p{L}\p{M}]{8,}/gu) ?? []));
    // Exceptions (in any case), capitals, letters whose lower case is longer (İ), marks, letters outside the BMP.
    const exceptions = ['nl', 'en-gb'].flatMap((lang) => Object.keys((require(`hyphen/patterns/${lang}`) as [unknown, unknown, Record<string, unknown>])[2]));
    for (const word of exceptions) for (const form of [word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1)]) words.add(form);
    const letters = 'abcdefghijklmnopqrstuvwxyzéëèïöüĳßáàçñøåABCDEFGHIJKLMNOPQRSTUVWXYZİIJÉ\u0301𝐀ǅ';
    let seed = 18;
    // In 32-bit integer steps: the product in floating point lost its low bits, and the sequence repeated within a few hundred texts.
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const chars = [...letters];
    for (let i = 0; i < 5000; i++) words.add(Array.from({ length: 8 + random(20) }, () => chars[random(chars.length)]).join('').normalize(random(2) ? 'NFC' : 'NFD'));
    expect(words.size).toBeGreaterThan(6000);
    for (const lang of ['nl', 'en'] as const) {
      for (const word of words) {
        if (!/^[\p{L}\p{M}]{8,}$/u.test(word)) continue;
        expect(hyphenate(word, lang), `${lang} ${word}`).toBe(byPackage[lang](word, { hyphenChar: SOFT_HYPHEN, minWordLength: 8 }));
        if ([...word].length >= 16) expect(hyphenate(`${word} kort`, lang, 16), `${lang} ${word}`).toBe(`${byPackage[lang](word, { hyphenChar: SOFT_HYPHEN, minWordLength: 16 })} kort`);
      }
    }
  });

  it('reads the patterns from the copy the build makes (the trie packed), which holds the same patterns', () => {
    // Compiling the package's JavaScript file cost 0.1 s of every build, parsing its trie as JSON
    // a sixth of that (scripts/compile-hyphen.mjs).
    const require = createRequire(import.meta.url);
    // Key order aside: the packed trie keeps each node's letters in ascending order.
    const sorted = (value: unknown): unknown => Array.isArray(value) ? value.map(sorted)
      : value !== null && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])])) : value;
    for (const name of ['nl', 'en-gb']) {
      const folder = path.join(repoRoot, 'dist', 'hyphen');
      const copy = JSON.parse(readFileSync(path.join(folder, `${name}.json`), 'utf8')) as { version: string; levels: unknown; exceptions: unknown; trieBytes: number };
      expect(copy.version, 'npm run build:ts').toBe((require('hyphen/package.json') as { version: string }).version);
      const bytes = readFileSync(path.join(folder, `${name}.trie`));
      expect(bytes.length).toBe(copy.trieBytes);
      const trie = unpackTrie(trieFromBytes(bytes));
      // Read in a process of its own: the package adds every word it hyphenates to the exceptions it loaded.
      const fresh = spawnSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify(require('hyphen/patterns/${name}')))`], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 24 });
      expect(JSON.stringify(sorted([copy.levels, trie, copy.exceptions]))).toBe(JSON.stringify(sorted(JSON.parse(fresh.stdout))));
      // And packed from the package's own trie (the way without the copy) the same numbers.
      expect(Buffer.from(trieBytes(packTrie((JSON.parse(fresh.stdout) as [unknown, TrieNode])[1]))).equals(bytes)).toBe(true);
    }
  });

  it('breaks the same runs as the regular expression it replaced (\\S{8,}, each run looked at as a whole)', () => {
    // The scan by hand and its cache of runs against the way it was done before, on random text
    // made of long words, every kind of white space, the marks of addresses and soft hyphens.
    const notProse = /[:/@\\=_&<>{}|]|www\.|\.[a-z]{2,4}\b/i;
    const before = (text: string, minWord: number) => text.replace(/\S{8,}/g, (run) =>
      notProse.test(run) || run.includes(SOFT_HYPHEN) ? run : run.replace(new RegExp(`[\\p{L}\\p{M}]{${minWord},}`, 'gu'), (word) => hyphenate(word, 'nl', minWord)));
    const pieces = ['verantwoording', 'gemeentelijke', 'kort', 'rechtmatigheidsverantwoording', 'a', '.nl', 'www.', ':', '/', '=', SOFT_HYPHEN, '“', '’', ',', '.', '(', '4', 'İ',
      ' ', '  ', '\n', '\t', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u2028', '\u1680', '\u202f', '\u0085', '\u200b', '\u180e'];
    // In 32-bit integer steps (a product in floating point loses the low bits and repeats itself).
    let seed = 7;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: 1 + random(12) }, () => pieces[random(pieces.length)]).join('');
      for (const minWord of [8, 16, 10]) expect(hyphenate(text, 'nl', minWord), JSON.stringify(text)).toBe(before(text, minWord));
    }
  });

  it('splits a text at spaces and line breaks by index only when it holds no other white space', () => {
    // OTHER_WHITE_SPACE with a space and a line break is exactly `\s` (isWhiteSpace), on every code unit.
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      expect(char === ' ' || char === '\n' || OTHER_WHITE_SPACE.test(char), code.toString(16)).toBe(/\s/.test(char));
    }
  });

  it('splits prose by index without looking for other white space: no such character is prose', () => {
    // hyphenateProse trusts the prose check (markdown.ts) to have ruled OTHER_WHITE_SPACE out.
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (OTHER_WHITE_SPACE.test(char)) expect(PROSE.test(`a${char}b`) || LATIN_PROSE.test(`a${char}b`), code.toString(16)).toBe(false);
    }
    for (const text of ['De rechtmatigheidsverantwoording van de gemeente', 'Zij vroeg om huishoudelijke\nondersteuning, maar de aanvraag werd afgewezen.', 'kort']) {
      expect(hyphenateProse(text, 'nl')).toBe(hyphenate(text, 'nl'));
    }
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
