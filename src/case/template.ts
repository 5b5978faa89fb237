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
/** A field's placeholders (normalised) and the length of the longest of them. */
interface FieldPlaceholders {
  texts: Set<string>;
  longest: number;
}
let known: Map<string, FieldPlaceholders> | undefined;

function knownPlaceholders(): Map<string, FieldPlaceholders> {
  const byField = new Map<string, FieldPlaceholders>();
  for (const texts of Object.values(templateTexts())) {
    for (const [key, text] of Object.entries(texts)) {
      // option1 and option2 are both an option's title.
      const field = /^option\d+$/.test(key) ? 'optionTitle' : key;
      const entry = byField.get(field) ?? { texts: new Set<string>(), longest: 0 };
      byField.set(field, entry);
      const placeholder = normal(String(text));
      entry.texts.add(placeholder);
      entry.longest = Math.max(entry.longest, placeholder.length);
    }
  }
  return byField;
}

/**
 * Is `value` the template's text for `name` (in any language)? Compared without regard to
 * white space and case, so a block scalar's line break or a re-indented line still counts.
 */
export function isTemplateText(name: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  known ??= knownPlaceholders();
  const field = known.get(name);
  // A text is not normalised only to find it is no placeholder: the longest placeholder of
  // its own field is the limit (an argument is longer than "Argument voor", a law's name
  // than "Wet"; the longest of all fields let most arguments through; validate on 10,000 cases).
  return field !== undefined && !longerThan(value, field.longest) && field.texts.has(normal(value));
}

let placeholders: Set<string> | undefined;
/** The length of the longest placeholder, normalised. */
let longest = 0;

/** JavaScript's white space below U+0100 (tab to carriage return, space, no-break space), as a table. */
const LATIN1_SPACE = new Uint8Array(256);
for (const code of [9, 10, 11, 12, 13, 32, 0xa0]) LATIN1_SPACE[code] = 1;
/** And above it. */
const OTHER_SPACE: ReadonlySet<number> = new Set([0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);

/**
 * JavaScript's white space: what `\s` matches and `trim()` removes. A table and a set, not a
 * chain of comparisons: a comparison first reached late in a run (a rarer character) sent the
 * optimised code of every caller back to the interpreter, to be compiled again.
 */
export function isWhiteSpace(code: number): boolean {
  return code < 256 ? LATIN1_SPACE[code] === 1 : OTHER_SPACE.has(code);
}

/**
 * Whether `text`, normalised, is surely longer than `limit`, found without making a string:
 * a case's texts are nearly all far longer than any placeholder, and normalising each of them
 * (three copies of every text of every case) was a fifth of tagging. Counts a lower bound:
 * every character but white space and the second half of a surrogate pair, and one space
 * between words (lower-casing never makes a character shorter than that).
 */
function longerThan(text: string, limit: number): boolean {
  let length = 0;
  let gap = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isWhiteSpace(code)) {
      gap = length > 0;
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    length += gap ? 2 : 1;
    gap = false;
    if (length > limit) return true;
  }
  return false;
}

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
        longest = Math.max(longest, text.length);
      }
    }
  }
  return !longerThan(value, longest) && placeholders.has(normal(value));
}
