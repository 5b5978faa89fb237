/** The tagger's words: folded forms with exact offsets, no stop words dropped. */
import { describe, expect, it } from 'vitest';
import { fold, tokenize } from '../../src/tag/tokenize.js';
import { stem } from '../../src/tag/stem.js';

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

  it('folds a word once and caches it', () => {
    expect(fold('Ëén')).toBe('een');
    expect(fold('Ëén')).toBe('een');
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
});
