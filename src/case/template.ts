/**
 * The text `casebook new` writes for the author to replace (data/template-text.yaml), and
 * how to recognise it in a case: the new-case template is filled from the same list, so
 * what the template writes and what the completeness check looks for are one list.
 */
import { readDataFile } from '../data.js';
import type { Lang } from '../types.js';

/** The placeholders of one language, by name (`situation`, `option1`, `law`, ...). */
export type TemplateText = Readonly<Record<string, string>>;

let table: Readonly<Record<string, TemplateText>> | undefined;

/** All placeholders, per language. */
export function templateTexts(): Readonly<Record<string, TemplateText>> {
  table ??= readDataFile('template-text.yaml') as Record<string, TemplateText>;
  return table;
}

/** The placeholders `new` writes in a casebook of this language (Dutch when there are none). */
export function templateText(lang: Lang): TemplateText {
  return templateTexts()[lang] ?? templateTexts().nl!;
}

const normal = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
let known: Map<string, Set<string>> | undefined;
/** The length of the longest placeholder, normalised. */
let longest = 0;
const SPACE = /\s/;

/**
 * More letters than `max` (white space not counted), so that normal(text) is longer than
 * `max` too: a case's situation is not compared with the placeholders (found by counting
 * the first few hundred characters, instead of normalising kilobytes of text).
 */
function longerThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let count = 0;
  for (let i = 0; i < text.length; i++) if (!SPACE.test(text[i]!) && ++count > max) return true;
  return false;
}

/**
 * Is `value` the template's text for `name` (in any language)? Compared without regard to
 * white space and case, so a block scalar's line break or a re-indented line still counts.
 */
export function isTemplateText(name: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (!known) {
    known = new Map();
    for (const texts of Object.values(templateTexts())) {
      for (const [key, text] of Object.entries(texts)) {
        // option1 and option2 are both an option's title.
        const field = /^option\d+$/.test(key) ? 'optionTitle' : key;
        if (!known.has(field)) known.set(field, new Set());
        known.get(field)!.add(normal(String(text)));
        longest = Math.max(longest, normal(String(text)).length);
      }
    }
  }
  // Lower case is never shorter than the text, so a text with more letters than the longest placeholder is none.
  return !longerThan(value, longest) && (known.get(name)?.has(normal(value)) ?? false);
}

let placeholders: Set<string> | undefined;

/** Any placeholder at all: for the tagger, which must not take evidence from it. */
export function isAnyTemplateText(value: string): boolean {
  // One set of every language's placeholders, made once: the tagger asks for every text of
  // every case (normalising each placeholder per question was 15% of `tag` on 10,000 cases).
  if (!placeholders) {
    placeholders = new Set();
    for (const texts of Object.values(templateTexts())) {
      for (const placeholder of Object.values(texts)) {
        const text = normal(String(placeholder));
        if (text.length > 2) placeholders.add(text);
      }
    }
  }
  return placeholders.has(normal(value));
}
