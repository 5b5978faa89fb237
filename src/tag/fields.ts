/**
 * Which text of a case the tagger reads, and how much each part weighs. A dilemma or a lesson
 * says what is at stake; a passing remark in the situation says much less. The `values` field,
 * its `why` and an option's `values` are never read: the suggestions come from the text alone.
 * Neither is text left from the template of `casebook new` (data/template-text.yaml).
 */
import { MARKDOWN_LIST_FIELDS, OPTION_LISTS, TEXT_FIELDS } from '../case/index.js';
import { isAnyTemplateText, isWhiteSpace } from '../case/template.js';

export interface Segment {
  /** The top-level field the text belongs to (`options` for an option's title, for and against). */
  field: string;
  /** Where the scalar is in the document (keys and indexes), for its position in the source. */
  path: ReadonlyArray<string | number>;
  text: string;
  weight: number;
  /** False for text only the learned model reads (a legal reference's note). Always set, so
   * that every segment has one shape (the word loop reads segments of every case). */
  lexicon: boolean;
}

export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  title: 1.2,
  summary: 1.0,
  situation: 0.3,
  request: 0.7,
  effect: 1.0,
  purpose: 1.0,
  dilemma: 1.5,
  options: 0.9,
  consequences: 1.0,
  decision: 0.9,
  outcome: 0.8,
  lessons: 1.2,
  questions: 1.1,
};

/** `text.trim() === ''`, without the copy trim() makes of a text that ends in a line break. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isWhiteSpace(text.charCodeAt(i))) return false;
  return true;
}

/** The texts of a case (its parsed data), in document order of the fields above; with
 * `legalNotes`, the notes of its legal references after them (for the learned model only:
 * the lexicon's scores stay what they were). */
export function caseSegments(data: Readonly<Record<string, unknown>>, legalNotes = false): Segment[] {
  const segments: Segment[] = [];
  const add = (field: string, path: ReadonlyArray<string | number>, value: unknown, lexicon = true) => {
    // Text left from the template of `casebook new` is nobody's account of the case.
    if (typeof value === 'string' && !isBlank(value) && !isAnyTemplateText(value)) {
      segments.push({ field, path, text: value, weight: FIELD_WEIGHTS[field] ?? 1, lexicon });
    }
  };
  for (const field of TEXT_FIELDS) add(field, [field], data[field]);
  const options = data.options;
  if (Array.isArray(options)) {
    options.forEach((option: unknown, i) => {
      if (!option || typeof option !== 'object') return;
      const record = option as Record<string, unknown>;
      add('options', ['options', i, 'title'], record.title);
      for (const side of OPTION_LISTS) {
        const items = record[side];
        if (Array.isArray(items)) items.forEach((item, j) => add('options', ['options', i, side, j], item));
      }
    });
  }
  for (const field of MARKDOWN_LIST_FIELDS) {
    const items = data[field];
    if (Array.isArray(items)) items.forEach((item, j) => add(field, [field, j], item));
  }
  if (legalNotes && Array.isArray(data.legal)) {
    data.legal.forEach((reference: unknown, i) => {
      if (!reference || typeof reference !== 'object') return;
      add('legal', ['legal', i, 'note'], (reference as Record<string, unknown>).note, false);
    });
  }
  return segments;
}

/** Only the fields the tagger reads (its text, legal notes included), e.g. to keep training cases small. */
export function taggedText(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const field of [...TEXT_FIELDS, ...MARKDOWN_LIST_FIELDS]) if (data[field] !== undefined) kept[field] = data[field];
  if (Array.isArray(data.options)) {
    kept.options = data.options.map((option: unknown) => {
      const o = (option && typeof option === 'object' ? option : {}) as Record<string, unknown>;
      return Object.fromEntries(['title', ...OPTION_LISTS].filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
    });
  }
  if (Array.isArray(data.legal)) kept.legal = data.legal.map((r: unknown) => ({ note: (r as Record<string, unknown> | null)?.note }));
  return kept;
}
