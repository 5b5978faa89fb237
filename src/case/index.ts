/**
 * What a case is, written down once. Every stage (validate, tag, privacy, render, stats)
 * asks this module which fields a case has, in which order they are read, which of them are
 * Markdown, which are lists, which statuses exist and what the value ids of a case are.
 * schemas/case.schema.json is the contract; tests/unit/case.test.ts holds this module
 * against it both ways, so a new field is added in the schema and here, nowhere else.
 * The words people read (field titles, status labels) stay in the data files.
 */

/**
 * What kind of data a field holds:
 * - `id`: one id (the case's own id, its role);
 * - `ids`: a list of ids (domains, related cases, tags);
 * - `status`: one of {@link STATUSES};
 * - `date`: YYYY-MM-DD;
 * - `flag`: true or false;
 * - `text`: one plain line (the title);
 * - `inline`: one line of Markdown (the summary);
 * - `markdown`: a block of Markdown;
 * - `markdownList`: a list of one-line Markdown items;
 * - `texts`: a list of plain lines (authors);
 * - `names`: names the case declares fictional (pseudonyms);
 * - `options`, `legal`, `values`: lists of structured items (see {@link Case}).
 */
export type FieldKind =
  | 'id' | 'ids' | 'status' | 'date' | 'flag' | 'text' | 'inline' | 'markdown' | 'markdownList' | 'texts' | 'names'
  | 'options' | 'legal' | 'values';

/** The fields of a case in reading order (the order of the case format and of the book). */
export const CASE_FIELDS = [
  { name: 'id', kind: 'id' },
  { name: 'title', kind: 'text' },
  { name: 'status', kind: 'status' },
  { name: 'domains', kind: 'ids' },
  { name: 'role', kind: 'id' },
  { name: 'summary', kind: 'inline' },
  { name: 'date', kind: 'date' },
  { name: 'authors', kind: 'texts' },
  { name: 'situation', kind: 'markdown' },
  { name: 'request', kind: 'markdown' },
  { name: 'effect', kind: 'markdown' },
  { name: 'purpose', kind: 'markdown' },
  { name: 'dilemma', kind: 'markdown' },
  { name: 'options', kind: 'options' },
  { name: 'consequences', kind: 'markdown' },
  { name: 'legal', kind: 'legal' },
  { name: 'decision', kind: 'markdown' },
  { name: 'outcome', kind: 'markdown' },
  { name: 'lessons', kind: 'markdownList' },
  { name: 'questions', kind: 'markdownList' },
  { name: 'values', kind: 'values' },
  { name: 'related', kind: 'ids' },
  { name: 'tags', kind: 'ids' },
  { name: 'anonymised', kind: 'flag' },
  { name: 'pseudonyms', kind: 'names' },
] as const satisfies ReadonlyArray<{ name: string; kind: FieldKind }>;

export type CaseField = (typeof CASE_FIELDS)[number]['name'];
type FieldsOf<K extends FieldKind> = Extract<(typeof CASE_FIELDS)[number], { kind: K }>['name'];

const namesOf = <K extends FieldKind>(...kinds: K[]): ReadonlyArray<FieldsOf<K>> =>
  CASE_FIELDS.filter((f) => (kinds as FieldKind[]).includes(f.kind)).map((f) => f.name as FieldsOf<K>);

/** Every field name, in reading order. */
export const FIELD_NAMES: readonly CaseField[] = CASE_FIELDS.map((f) => f.name);
/** The kind of each field. */
export const FIELD_KIND: Readonly<Record<CaseField, FieldKind>> = Object.fromEntries(CASE_FIELDS.map((f) => [f.name, f.kind])) as Record<CaseField, FieldKind>;
/** The fields that are a block of Markdown (situation … outcome), in reading order. */
export const MARKDOWN_FIELDS = namesOf('markdown');
/** The fields that are a list of one-line Markdown items (lessons, questions). */
export const MARKDOWN_LIST_FIELDS = namesOf('markdownList');
/** The fields that hold one piece of running text: the title, the summary and the Markdown blocks. */
export const TEXT_FIELDS = namesOf('text', 'inline', 'markdown');
/** The fields that hold ids, structure, a date or names declared fictional: nothing a person wrote as prose. */
export const NON_PROSE_FIELDS = namesOf('id', 'ids', 'status', 'date', 'flag', 'names');
/** The fields a case must have (the schema's `required`). */
export const REQUIRED_FIELDS: readonly CaseField[] = ['title', 'domains', 'situation', 'dilemma'];
/** An option's argument lists (Markdown, one line each). */
export const OPTION_LISTS = ['for', 'against'] as const;

/** The statuses of a case, in the order a case goes through them. Their labels are in data/messages. */
export const STATUSES = ['draft', 'review', 'published'] as const;
export type CaseStatus = (typeof STATUSES)[number];
/** A case without a (valid) status counts as a draft. */
export const DEFAULT_STATUS: CaseStatus = 'draft';

/** One item of `values`: an id, or an id with why it is at stake. */
export type ValueEntry = string | { id: string; why?: string };

export interface CaseOption {
  title: string;
  for?: string[];
  against?: string[];
  values?: string[];
}

export interface LegalReference {
  law: string;
  article?: string;
  note?: string;
}

/** A case as the schema describes it (x- fields aside). Data that has not been validated is `CaseData`. */
export interface Case {
  id?: string;
  title: string;
  status?: CaseStatus;
  domains: string[];
  role?: string;
  summary?: string;
  date?: string;
  authors?: string[];
  situation: string;
  request?: string;
  effect?: string;
  purpose?: string;
  dilemma: string;
  options?: CaseOption[];
  consequences?: string;
  legal?: LegalReference[];
  decision?: string;
  outcome?: string;
  lessons?: string[];
  questions?: string[];
  values?: ValueEntry[];
  related?: string[];
  tags?: string[];
  anonymised?: boolean;
  pseudonyms?: string[];
}

/** A case's data as parsed, before (or without) validation: any field may be missing or of the wrong type. */
export type CaseData = Readonly<Record<string, unknown>>;

export function isStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

/** The status of a case; a missing or unknown status counts as a draft. */
export function caseStatus(data: CaseData): CaseStatus {
  return isStatus(data.status) ? data.status : DEFAULT_STATUS;
}

/** The id of one `values` item (`- id` or `- {id, why}`), or undefined when it has none. */
export function valueEntryId(entry: unknown): string | undefined {
  const id = typeof entry === 'string' ? entry : entry !== null && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** The value ids of a case, in its own order (`- id` and `- {id, why}` alike; duplicates kept). */
export function caseValueIds(data: CaseData | undefined): string[] {
  const list = data?.values;
  if (!Array.isArray(list)) return [];
  const ids: string[] = [];
  for (const entry of list) {
    const id = valueEntryId(entry);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}
