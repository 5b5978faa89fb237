/**
 * No message, heading or label shows a wrong plural ("1 casussen", "2 fout"): every message
 * of data/messages is rendered with each number 0, 1 and 2, and the word after the number
 * must be the form for that number. The singular and plural nouns are learnt from the
 * messages' own `one:`/`other:` forms, so a new count message is checked without listing it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.js';
import type { Lang } from '../../src/types.js';
import { repoRoot } from '../helpers.js';

type Table = { [key: string]: string | Table };
const PLURAL_FORMS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
const isPluralTable = (node: Table) => 'other' in node && Object.keys(node).every((k) => PLURAL_FORMS.has(k));

function messages(lang: Lang): Array<[string, string | Table]> {
  const folder = path.join(repoRoot, 'data', 'messages', lang);
  const out: Array<[string, string | Table]> = [];
  const walk = (node: Table, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const at = prefix ? `${prefix}.${key}` : key;
      if (typeof value === 'string' || isPluralTable(value)) out.push([at, value]);
      else walk(value, at);
    }
  };
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.yaml'))) walk(parse(readFileSync(path.join(folder, name), 'utf8')) as Table, '');
  return out;
}

/** The word right after a number placeholder in each form: `{count} casussen` → casussen. */
function nouns(lang: Lang, form: 'one' | 'other'): Set<string> {
  const words = new Set<string>();
  for (const [, value] of messages(lang)) {
    if (typeof value === 'string' || typeof value[form] !== 'string') continue;
    for (const match of (value[form] as string).matchAll(/\{count\} ([\p{L}'-]+)/gu)) words.add(match[1]!.toLowerCase());
  }
  return words;
}

/** Placeholders that hold a number (or a phrase with its own number, made by plural()). */
const NUMBER = /\{(count|n|pages|total|cases|errors|warnings|files|problems|shown|limit|actual|max|agree|differ|empty)\}/g;

describe.each(['nl', 'en'] as const)('plurals in %s', (lang) => {
  const singular = nouns(lang, 'one');
  const plural = nouns(lang, 'other');
  const both = new Set([...singular].filter((w) => plural.has(w)));

  it('learns the nouns from the messages', () => {
    expect(plural).toContain(lang === 'nl' ? 'casussen' : 'cases');
    expect(singular).toContain(lang === 'nl' ? 'casus' : 'case');
  });

  it.each([0, 1, 2])('every message rendered with %i has the right form after the number', (n) => {
    const wrong: string[] = [];
    for (const [key, value] of messages(lang)) {
      // Help texts count nothing ("Exitcodes: 0 geen fouten, 1 fouten gevonden").
      if (key.startsWith('help.')) continue;
      const template = typeof value === 'string' ? value : Object.values(value).join(' ');
      const params: Record<string, string | number> = { count: n };
      for (const match of template.matchAll(NUMBER)) params[match[1]!] = n;
      const text = t(lang, key, params);
      const bad = n === 1 ? plural : singular;
      for (const match of text.matchAll(/(?<![\d.,])(\d+) ([\p{L}'-]+)/gu)) {
        const word = match[2]!.toLowerCase();
        if (Number(match[1]) === n && bad.has(word) && !both.has(word)) wrong.push(`${key}: ${text}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
