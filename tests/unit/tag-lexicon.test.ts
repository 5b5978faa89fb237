/** What each word of a text stands for in the lexicon, looked up where it stands in the text. */
import { describe, expect, it } from 'vitest';
import { compileLexicon, NO_WORDS, wordsOfScanned, wordsOfToken } from '../../src/tag/lexicon.js';
import { WordScanner } from '../../src/tag/tokenize.js';

const lexicon = () =>
  compileLexicon([
    { id: 'samen', label: { nl: 'Samen', en: 'Together' }, description: { nl: '', en: '' }, signals: [{ phrase: 'echt gesprek' }, { phrase: 'cliënt' }] },
  ]);

/** The lexicon words of every word of `text`, by their forms. */
function lookUp(lex: ReturnType<typeof compileLexicon>, text: string): string[][] {
  const scanner = new WordScanner().reset(text);
  const found: string[][] = [];
  while (scanner.next()) found.push(wordsOfScanned(lex, scanner).ids.map((id) => lex.words[id]!.form));
  return found;
}

describe('looking up the words of a text', () => {
  it('finds a word in any case, with accents, inflected or in a compound, and nothing for other words', () => {
    expect(lookUp(lexicon(), 'ECHTE Gesprekken met de Cliënt en het keukentafelgesprek')).toEqual([
      ['echt'], ['gesprek'], [], [], ['client'], [], [], ['gesprek'],
    ]);
  });

  it('gives the same answer as looking up the folded form, and computes it once per form', () => {
    const lex = lexicon();
    const scanner = new WordScanner().reset('Gesprek gesprek GESPREK');
    const answers = [];
    while (scanner.next()) answers.push(wordsOfScanned(lex, scanner));
    expect(answers[0]).toBe(wordsOfToken(lex, 'gesprek'));
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);
    expect(lex.tokenWords.size).toBe(1);
  });

  it('keeps every form it has seen as its table grows', () => {
    const lex = lexicon();
    const words = Array.from({ length: 20_000 }, (_, i) => `woord${i}`);
    const text = `${words.join(' ')} gesprek`;
    expect(lookUp(lex, text).at(-1)).toEqual(['gesprek']);
    expect(lex.tokenWords.size).toBe(20_001);
    for (const word of ['woord0', 'woord12345', 'woord19999']) expect(wordsOfToken(lex, word)).toBe(NO_WORDS);
    expect(lex.tokenWords.size).toBe(20_001);
    expect(lookUp(lex, 'Gesprek')).toEqual([['gesprek']]);
  });
});
