/**
 * The greetings and the verbs of speech of privacy/name are found from the capitals scan
 * (src/privacy/rules/name.ts, CandidateScan): a greeting only at a line whose first character,
 * after spaces and tabs, is its capital; a verb only after a capitalised word that stands on
 * its own and a space or a no-break space. These are the edges where that scan could differ
 * from searching every line start and every verb, which the rule did before. Made-up names.
 */
import { describe, expect, it } from 'vitest';
import { covered } from '../privacy-found.js';

describe('a greeting is read at the start of a line', () => {
  it.each([
    ['the first line', 'Geachte Jansen,\n\nHierbij de stukken.'],
    ['after a line break', 'Onderwerp: stukken\nGeachte Jansen,\nHierbij de stukken.'],
    ['after spaces', 'Onderwerp: stukken\n   Geachte Jansen,'],
    ['after a tab', 'Onderwerp: stukken\n\tGeachte Jansen,'],
    ['after spaces and tabs', 'Onderwerp: stukken\n \t Geachte Jansen,'],
    ['after a carriage return and a line feed', 'Onderwerp: stukken\r\nGeachte Jansen,'],
  ])('%s', (_where, text) => {
    expect(covered(text, 'privacy/name')).toContain('Jansen');
  });

  it('not inside a line', () => {
    for (const text of ['Onderwerp: stukken. Geachte Jansen,', 'Onderwerp:\n-Geachte Jansen,', 'Onderwerp:\n"Geachte Jansen,', 'Onderwerp:\n\u00a0Geachte Jansen,']) {
      expect(covered(text, 'privacy/name'), text).toEqual([]);
    }
  });
});

describe('a listed surname before a verb of speech', () => {
  it.each([
    ['after a space', 'In het gesprek. Haddouchi zegt dat het goed gaat.'],
    ['after a no-break space', 'In het gesprek. Haddouchi\u00a0zegt dat het goed gaat.'],
    ['at the start of the text', 'Haddouchi zegt dat het goed gaat.'],
    ['before a verb at the end of the text', 'In het gesprek. Haddouchi zei'],
    ['after a bracket', 'In het gesprek (Haddouchi vertelde het).'],
  ])('%s', (_where, text) => {
    expect(covered(text, 'privacy/name')).toContain('Haddouchi');
  });

  it('not after a digit, before a longer word, glued to what stands before it, or after a comma', () => {
    for (const text of [
      'In het gesprek. Haddouchi2 zegt dat het goed gaat.',
      'In het gesprek. Haddouchi zegtje dat het goed gaat.',
      'In het gesprek. Haddouchi\tzegt dat het goed gaat.',
      'In het gesprek. Haddouchi',
      'In het gesprek.-Haddouchi zegt dat het goed gaat.',
      'In het gesprek, Haddouchi zegt dat het goed gaat.',
    ]) {
      expect(covered(text, 'privacy/name'), text).toEqual([]);
    }
  });
});
