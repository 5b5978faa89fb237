/**
 * Template text is recognised however it is spaced or capitalised, and the quick length test
 * that spares tag from normalising every text never turns a placeholder away.
 */
import { describe, expect, it } from 'vitest';
import { isAnyTemplateText, isTemplateText, isWhiteSpace, templateTexts } from '../../src/case/template.js';

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

describe('isTemplateText', () => {
  const byField = Object.values(templateTexts()).flatMap((texts) =>
    Object.entries(texts).map(([key, text]) => [/^option\d+$/.test(key) ? 'optionTitle' : key, String(text)] as const));

  it('recognises every placeholder of every language for its own field, re-spaced and re-capitalised (the per-field length limit turns none away)', () => {
    for (const [field, text] of byField) {
      expect(isTemplateText(field, text), `${field}: ${text}`).toBe(true);
      expect(isTemplateText(field, `  ${text.toUpperCase().replace(/ /g, ' \n\u00a0 ')}\n\n`), `${field}: ${text}`).toBe(true);
      expect(isTemplateText(field, `\ufeff${text}\u3000`), `${field}: ${text}`).toBe(true);
    }
  });

  it("turns away another field's placeholder, a longer text, a field without placeholders, and what is no string", () => {
    expect(isTemplateText('law', 'Argument voor')).toBe(false);
    expect(isTemplateText('for', 'Argument voor, want')).toBe(false);
    expect(isTemplateText('for', `${'Argument voor '.repeat(20)}`)).toBe(false);
    expect(isTemplateText('title', 'Wet')).toBe(false);
    expect(isTemplateText('law', 42)).toBe(false);
  });
});
