/**
 * Every piece of text in a case that a person wrote, with the JSON Pointer it sits at.
 * Personal data can end up anywhere a person types: the situation, an option's
 * arguments, a legal note, a value's `why`, an author, an x- field. Fields that hold ids
 * or structure are skipped: they cannot hold a name and the date a case was written is
 * no personal data.
 */
import { NON_PROSE_FIELDS } from '../case/index.js';
import { toPointer } from '../position/index.js';

export interface TextField {
  pointer: string;
  text: string;
  /** Whether the text holds a digit; most do not, and five rules look only at numbers. */
  hasDigit: boolean;
}

const digit = /\d/;

function field(pointer: string, text: string): TextField {
  return { pointer, text, hasDigit: digit.test(text) };
}

/** Top-level fields that hold ids, structure, or the names a case declares fictional. */
const skippedFields: ReadonlySet<string> = new Set([...NON_PROSE_FIELDS, 'x-fictional-names']);

/** A key as a JSON Pointer segment (`~` and `/` escaped), with a leading slash. */
const segment = (key: string | number): string =>
  typeof key === 'number' || (!key.includes('~') && !key.includes('/')) ? `/${key}` : toPointer([key]);

// The objects walked here are parsed YAML (plain objects, own keys only): `for … in` visits
// the keys of Object.entries in the same order without making an array for every pair.
function collect(value: unknown, pointer: string, out: TextField[]): void {
  if (typeof value === 'string') {
    out.push(field(pointer, value));
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    // `x-bsn: 123456782` is a number to YAML but personal data all the same.
    out.push(field(pointer, String(value)));
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) collect(value[index], pointer + segment(index), out);
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) collect((value as Record<string, unknown>)[key], pointer + segment(key), out);
  }
}

/** `values:` holds ids, and objects with an id and a `why`. */
function collectValues(values: unknown, out: TextField[]): void {
  if (!Array.isArray(values)) return;
  values.forEach((entry, index) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return;
    for (const key in entry) if (key !== 'id') collect((entry as Record<string, unknown>)[key], `/values/${index}${segment(key)}`, out);
  });
}

/** An option's `values:` holds ids. */
function collectOptions(options: unknown, out: TextField[]): void {
  if (!Array.isArray(options)) {
    collect(options, '/options', out);
    return;
  }
  options.forEach((option, index) => {
    if (option === null || typeof option !== 'object' || Array.isArray(option)) {
      collect(option, `/options/${index}`, out);
      return;
    }
    for (const key in option) if (key !== 'values') collect((option as Record<string, unknown>)[key], `/options/${index}${segment(key)}`, out);
  });
}

/** The last case's data and its text fields (caseTexts). */
let last: { data: object; texts: readonly TextField[] } | undefined;

/**
 * The text fields of a case, in document order. Every privacy rule reads the same case, one
 * after the other, so the list of the case last asked for is kept: not a WeakMap of every
 * case's lists, whose entries V8 carried through each scavenge with their young texts (a
 * third of validate's garbage collection at 10,000 cases).
 */
export function caseTexts(data: Record<string, unknown>): readonly TextField[] {
  if (last?.data === data) return last.texts;
  const out: TextField[] = [];
  for (const key in data) {
    if (skippedFields.has(key)) continue;
    const value = data[key];
    if (key === 'values') collectValues(value, out);
    else if (key === 'options') collectOptions(value, out);
    else collect(value, segment(key), out);
  }
  last = { data, texts: out };
  return out;
}

/** The strings of a list field (`pseudonyms`, `x-fictional-names`); anything else gives none. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
