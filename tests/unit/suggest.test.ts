import { describe, expect, it } from 'vitest';
import { normalise, suggest } from '../../src/util/suggest.js';

const domains = ['wmo', 'jeugdwet', 'participatiewet', 'schuldhulpverlening', 'inburgering', 'integraal'];

describe('suggest', () => {
  it('matches case- and accent-insensitively first', () => {
    expect(normalise('Wmö-2015 ')).toBe('wmo2015');
    expect(suggest('WMO', domains)).toBe('wmo');
    expect(suggest('Jeugdwet', domains)).toBe('jeugdwet');
  });

  it('then by edit distance, within a third of the length', () => {
    expect(suggest('jeugdwett', domains)).toBe('jeugdwet');
    expect(suggest('particpatiewet', domains)).toBe('participatiewet');
    expect(suggest('huisvesting', domains)).toBeUndefined();
    expect(suggest('x', domains)).toBeUndefined();
  });

  it('counts two swapped neighbouring letters as one edit, so short words get them too', () => {
    expect(suggest('mwo', domains)).toBe('wmo');
    expect(suggest('pfd', ['html', 'pdf', 'docx'])).toBe('pdf');
    expect(suggest('jsno', ['text', 'json'])).toBe('json');
    // Two swaps, or letters swapped that are not neighbours, stay too far on a short word.
    expect(suggest('owm', domains)).toBeUndefined();
    expect(suggest('fdp', ['html', 'pdf', 'docx'])).toBeUndefined();
  });

  it('uses a unique prefix', () => {
    expect(suggest('schuldhulp', domains)).toBe('schuldhulpverlening');
  });

  it('maps aliases, taking the first that is allowed here', () => {
    expect(suggest('kernwaarden', ['values', 'title'], { kernwaarden: 'values' })).toBe('values');
    expect(suggest('wet', ['law', 'article'], { wet: ['legal', 'law'] })).toBe('law');
    expect(suggest('wet', ['legal', 'title'], { wet: ['legal', 'law'] })).toBe('legal');
  });

  it('never suggests the input itself', () => {
    expect(suggest('wmo', ['wmo'])).toBeUndefined();
  });
});
