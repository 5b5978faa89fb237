/** The tagger's words: folded forms with exact offsets, no stop words dropped. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import snowball from 'snowball-stemmers';
import { describe, expect, it } from 'vitest';
import { fold, hashOf, tokenize, WordScanner } from '../../src/tag/tokenize.js';
import { snowballDutch, stem } from '../../src/tag/stem.js';
import { repoRoot } from '../helpers.js';

const words = (text: string) => {
  const tokens = tokenize(text);
  return tokens.forms.map((form, i) => ({ form, text: text.slice(tokens.starts[i], tokens.ends[i]), sentence: tokens.sentences[i] }));
};

describe('tokenize', () => {
  it('lower-cases and folds accents, with offsets into the original text', () => {
    const text = 'Eén keer Geëvalueerd, cliënt vóór Reëel';
    expect(words(text)).toEqual([
      { form: 'een', text: 'Eén', sentence: 0 },
      { form: 'keer', text: 'keer', sentence: 0 },
      { form: 'geevalueerd', text: 'Geëvalueerd', sentence: 0 },
      { form: 'client', text: 'cliënt', sentence: 0 },
      { form: 'voor', text: 'vóór', sentence: 0 },
      { form: 'reeel', text: 'Reëel', sentence: 0 },
    ]);
  });

  it('keeps niet, geen and gelijk: they carry meaning in a dilemma', () => {
    expect(tokenize('Niet iedereen krijgt geen gelijk.').forms).toEqual(['niet', 'iedereen', 'krijgt', 'geen', 'gelijk']);
  });

  it('splits at hyphens and drops an apostrophe-s', () => {
    expect(tokenize("Wmo-ondersteuning, risico's en lange-termijneffect; zo'n geval").forms).toEqual([
      'wmo', 'ondersteuning', 'risico', 'en', 'lange', 'termijneffect', 'zo', 'n', 'geval',
    ]);
  });

  it('counts sentences at . ! ? followed by a space and at blank lines, not at 2.3.5', () => {
    const text = 'Artikel 2.3.5 geldt. Echt? Ja!\nNieuwe regel\n\nAlinea';
    expect(words(text).map((w) => `${w.form}:${w.sentence}`)).toEqual([
      'artikel:0', '2:0', '3:0', '5:0', 'geldt:0', 'echt:1', 'ja:2', 'nieuwe:3', 'regel:3', 'alinea:4',
    ]);
  });

  it('gives exact offsets in texts with line breaks', () => {
    const text = 'eerste regel\n  tweede  regel';
    const tokens = tokenize(text);
    expect(tokens.starts).toEqual([0, 7, 15, 23]);
    expect(tokens.ends).toEqual([6, 12, 21, 28]);
  });

  it('gives each text its own words, whatever text it was given before (its scanner is reused)', () => {
    const long = "Een lange tekst met risico's. Tweede zin, en cliënt-gesprek.\n\nNieuwe alinea";
    const fresh = (text: string) => {
      const scanner = new WordScanner().reset(text);
      const forms: string[] = [];
      const sentences: number[] = [];
      while (scanner.next()) {
        forms.push(scanner.form());
        sentences.push(scanner.sentence);
      }
      return { forms, sentences };
    };
    for (const text of [long, 'kort', "auto's", '', 'één cliënt', long.toUpperCase(), 'gesprek.']) {
      const tokens = tokenize(text);
      expect({ forms: tokens.forms, sentences: tokens.sentences }, text).toEqual(fresh(text));
    }
    expect(tokenize('kort').ends).toEqual([4]);
  });

  it('folds a word once and caches it', () => {
    expect(fold('Ëén')).toBe('een');
    expect(fold('Ëén')).toBe('een');
  });
});

describe('WordScanner', () => {
  it('walks the same words as tokenize, with the hash of the folded form of each ASCII word', () => {
    const text = "Wmo-ondersteuning: REGIE bij Mevrouw. Risico's, één cliënt!\n\nNieuw 2.3.5";
    const tokens = tokenize(text);
    const scanner = new WordScanner().reset(text);
    const seen: Array<[string, number, number, number, boolean]> = [];
    while (scanner.next()) {
      seen.push([scanner.form(), scanner.start, scanner.end, scanner.sentence, scanner.ascii]);
      if (scanner.ascii) expect(scanner.hash).toBe(hashOf(scanner.form()));
    }
    expect(seen.map(([form, start, end, sentence]) => [form, start, end, sentence])).toEqual(
      tokens.forms.map((form, i) => [form, tokens.starts[i], tokens.ends[i], tokens.sentences[i]]),
    );
    expect(seen.filter(([, , , , ascii]) => !ascii).map(([form]) => form)).toEqual(['een', 'client']);
    expect(tokens.forms).toEqual(['wmo', 'ondersteuning', 'regie', 'bij', 'mevrouw', 'risico', 'een', 'client', 'nieuw', '2', '3', '5']);
    expect(tokens.sentences).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('starts afresh on reset, and ends', () => {
    const scanner = new WordScanner().reset('Een zin. Nog een.');
    while (scanner.next());
    expect(scanner.sentence).toBe(1);
    scanner.reset('Twee');
    expect([scanner.next(), scanner.form(), scanner.sentence, scanner.next()]).toEqual([true, 'twee', 0, false]);
  });

  it('reads every kind of string alike, one code unit at a time, in a scanner reused for longer and shorter texts', () => {
    // The scanner copies a text's code units once (WordScanner.codes): sliced, joined and
    // two-byte strings, characters past its table and surrogate pairs must read as before,
    // where each code unit was tested alone against the word pattern.
    const isWord = (unit: string) => /[\p{L}\p{N}\p{M}]/u.test(unit);
    const plainWords = (text: string) => {
      const found: Array<[number, number]> = [];
      for (let i = 0; i < text.length; ) {
        if (!isWord(text[i]!)) {
          i++;
          continue;
        }
        const start = i;
        while (i < text.length && isWord(text[i]!)) i++;
        found.push([start, i]);
      }
      return found;
    };
    const long = 'Voorwoord '.repeat(300);
    const texts = [
      long.slice(17, 2017),
      `${long.slice(3, 40)}${'\n'}tweede regel met café`,
      'Δημος 中文字 𝒜𝒷 Ωmega ﬁne ＡＢＣ Ⅻ ẞtraße — ‘quote’ … x',
      long + long,
      'kort',
    ];
    const scanner = new WordScanner();
    for (const text of texts) {
      scanner.reset(text);
      const seen: Array<[number, number]> = [];
      while (scanner.next()) seen.push([scanner.start, scanner.end]);
      expect(seen).toEqual(plainWords(text));
    }
  });
});

describe('stem (Snowball Dutch)', () => {
  it.each([
    ['gesprekken', 'gesprek'],
    ['zorgvuldigheid', 'zorgvuld'],
    ['zorgvuldig', 'zorgvuld'],
    ['zelfredzaamheid', 'zelfredzam'],
    ['zelfredzame', 'zelfredzam'],
    ['maatwerkvoorzieningen', 'maatwerkvoorzien'],
    ['niet', 'niet'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('is, word for word, the Dutch stemmer of the snowball-stemmers package', () => {
    const reference = (snowball as { newStemmer(name: string): { stem(word: string): string } }).newStemmer('dutch');
    const yamlFiles = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : []));
    const words = new Set<string>();
    for (const file of yamlFiles(path.join(repoRoot, 'cases'))) for (const form of tokenize(readFileSync(file, 'utf8')).forms) words.add(form);
    // Endings that reach every step: plurals, -heden, -heid, -ing, -ig, -lijk, -baar, -bar,
    // double consonants and vowels, "gem", i and y between vowels.
    const endings = ['', 'e', 'en', 'ene', 'heden', 'heid', 'se', 's', 'ing', 'end', 'ig', 'igheid', 'lijk', 'lijke', 'baar', 'bare', 'dden', 'gemen', 'aan', 'ie', 'yen'];
    const differ: string[] = [];
    for (const word of words) {
      for (const ending of endings) {
        const form = word + ending;
        if (snowballDutch(form) !== reference.stem(form)) differ.push(form);
      }
    }
    expect(words.size).toBeGreaterThan(1000);
    expect(differ).toEqual([]);
  });
});
