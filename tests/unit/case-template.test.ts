/**
 * Template text is recognised however it is spaced or capitalised, and the quick length test
 * that spares tag from normalising every text never turns a placeholder away.
 */
import { describe, expect, it } from 'vitest';
import { isAnyTemplateText, isWhiteSpace, templateTexts } from '../../src/case/template.js';

describe('isAnyTemplateText', () => {
  const placeholders = Object.values(templateTexts()).flatMap((texts) => Object.values(texts).map(String)).filter((text) => text.length > 2);

  it('recognises every placeholder, re-spaced, re-capitalised and wrapped as a block scalar', () => {
    for (const text of placeholders) {
      expect(isAnyTemplateText(text)).toBe(true);
      expect(isAnyTemplateText(`  ${text.toUpperCase().replace(/ /g, ' \n\u00a0 ')}\n\n`)).toBe(true);
      expect(isAnyTemplateText(`\ufeff${text}\u3000`)).toBe(true);
    }
  });

  it('turns away what is not a placeholder, however long', () => {
    expect(isAnyTemplateText(`${placeholders[0]} En nog iets.`)).toBe(false);
    expect(isAnyTemplateText('x'.repeat(10_000))).toBe(false);
    expect(isAnyTemplateText('')).toBe(false);
  });

  it('counts as white space exactly what \\s does', () => {
    for (let code = 0; code < 0x10000; code++) expect(isWhiteSpace(code), `U+${code.toString(16)}`).toBe(/\s/.test(String.fromCharCode(code)));
  });
});
