/**
 * Which cases an edition holds: by domain, value and status, with or without drafts. One rule
 * for every count of cases a person sees: `build` (the book, its heat map) and `stats`.
 */
import { caseStatus, caseValueIds, type CaseData, type CaseStatus } from './index.js';

/** Which cases go into an edition. Within one list any id matches; the lists combine with "and". */
export interface EditionFilters {
  domains?: string[];
  values?: string[];
  statuses?: CaseStatus[];
  /** Include drafts (status draft); they are marked "Concept" on each of their pages. */
  drafts?: boolean;
}

/** Drafts are in the edition with --drafts, or when the draft status is asked for. */
export function draftsWanted(filters: EditionFilters): boolean {
  return filters.drafts === true || (filters.statuses?.includes('draft') ?? false);
}

const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Does the case belong in the edition? */
export function inEdition(data: CaseData, filters: EditionFilters): boolean {
  const status = caseStatus(data);
  if (status === 'draft' && !draftsWanted(filters)) return false;
  if (filters.statuses?.length && !filters.statuses.includes(status)) return false;
  if (filters.domains?.length && !ids(data.domains).some((d) => filters.domains!.includes(d))) return false;
  if (filters.values?.length && !caseValueIds(data).some((v) => filters.values!.includes(v))) return false;
  return true;
}

/**
 * How many cases `filters` leave out only because they are drafts: what `--drafts` would add.
 * build names the number, so that a case just made with `casebook new` is not missed.
 */
export function draftsLeftOut(cases: readonly CaseData[], filters: EditionFilters): number {
  if (draftsWanted(filters)) return 0;
  const withDrafts = { ...filters, drafts: true };
  return cases.filter((data) => caseStatus(data) === 'draft' && inEdition(data, withDrafts)).length;
}
