/** The helpers under the privacy rules: the 11-proef, context words, and which text of a case is read. */
import { describe, expect, it } from 'vitest';
import { passesElfproef } from '../../src/privacy/checksum.js';
import { near, wordsAfter, wordsBefore } from '../../src/privacy/context.js';
import { privacyData } from '../../src/privacy/data.js';
import { normaliseName } from '../../src/privacy/names.js';
import { scanText } from '../../src/privacy/index.js';
import { caseTexts } from '../../src/privacy/text.js';
import { letterBefore } from '../../src/privacy/chars.js';

describe('passesElfproef', () => {
  it('accepts numbers whose weighted sum is a multiple of 11, also with 8 digits', () => {
    expect(passesElfproef('926851974')).toBe(true);
    expect(passesElfproef('38868143')).toBe(true);
    expect(passesElfproef('926851975')).toBe(false);
    expect(passesElfproef('000000000')).toBe(false);
    expect(passesElfproef('12345')).toBe(false);
  });
});

describe('letterBefore', () => {
  it('is true after a letter of any script, one or two UTF-16 units, as /\\p{L}/u reads it', () => {
    for (const letter of ['a', 'Z', 'é', 'ª', 'ß', 'Ж', 'ع', '中', '\u{1D400}', '\u{10400}']) {
      expect(letterBefore(`x${letter} zegt`, `x${letter}`.length)).toBe(true);
    }
    for (const other of ['1', ' ', ',', '\u00a0', '٣', '\u{1F600}', '\ud835', '\udc00']) {
      expect(letterBefore(`x${other} zegt`, `x${other}`.length)).toBe(false);
    }
    expect(letterBefore(' zegt', 0)).toBe(false);
    // Half of a pair after something else is no letter; a pair whose first half is cut off neither.
    expect(letterBefore('\udc00 zegt', 1)).toBe(false);
  });

  it('lets a listed surname before a verb of speech through only after a letter', () => {
    expect(scanText('Teamleider Doorakkers zegt dat het goed gaat.').some((f) => f.rule === 'privacy/name')).toBe(true);
  });
});

describe('context words', () => {
  const text = 'Het BSN van mevrouw stond nog in de notitie: 926851974, zegt ze.';
  const start = text.indexOf('926');
  it('counts words on white space, not what is glued to the match', () => {
    expect(wordsBefore(text, start, 3)).toBe('in de notitie: ');
    expect(wordsAfter(text, start + 9, 2)).toBe(', zegt ze.');
  });
  it('finds a context word within the window only', () => {
    const { bsn } = privacyData().context;
    // "BSN" is the eighth word before the number.
    expect(near(text, start, start + 9, bsn, 8, 0)).toBe(true);
    expect(near(text, start, start + 9, bsn, 7, 0)).toBe(false);
  });
});

describe('caseTexts', () => {
  it('lists every text a person wrote, with its pointer, and skips ids', () => {
    const data = {
      id: 'x', status: 'draft', domains: ['wmo'], date: '2024-01-01', tags: ['t'], related: ['y'], pseudonyms: ['P'], 'x-fictional-names': ['Q'],
      title: 'T', situation: 'S', authors: ['A'],
      options: [{ title: 'O', for: ['F'], values: ['maatwerk'], 'x-n': 'X' }],
      legal: [{ law: 'Wmo 2015', article: '2.3.5', note: 'N' }],
      values: ['maatwerk', { id: 'vertrouwen', why: 'W' }],
      'x-a/b': { c: 12 },
    };
    expect(caseTexts(data).map((f) => `${f.pointer}=${f.text}${f.hasDigit ? ' #' : ''}`)).toEqual([
      '/title=T', '/situation=S', '/authors/0=A',
      '/options/0/title=O', '/options/0/for/0=F', '/options/0/x-n=X',
      '/legal/0/law=Wmo 2015 #', '/legal/0/article=2.3.5 #', '/legal/0/note=N',
      '/values/1/why=W',
      '/x-a~1b/c=12 #',
    ]);
  });
});

describe('normaliseName', () => {
  it('drops titles, initials and case', () => {
    expect(normaliseName('Mevrouw A. De Boer')).toBe('de boer');
    expect(normaliseName('de heer P.J. van Dijk')).toBe('van dijk');
    expect(normaliseName('Sanne de Vries')).toBe('sanne de vries');
  });
});

describe('scanText', () => {
  it('runs every rule over one text, in order', () => {
    expect(scanText('Mevrouw Jansen, BSN 926851974.').map((f) => `${f.rule} ${f.severity} ${f.start}-${f.end} ${f.shown}`)).toEqual([
      'privacy/name error 0-14 Mevrouw Ja****',
      'privacy/bsn error 20-29 926******',
    ]);
  });
});
