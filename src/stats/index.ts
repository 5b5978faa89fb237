/**
 * Counts over a casebook: cases per domain, status, role and value; values no published
 * case covers; and the value × domain matrix (also drawn as a heat map in the HTML book).
 * The cases counted are those of the edition `build` would make with the same filters
 * (drafts only with --drafts), so the matrix and the book's heat map agree.
 */
import { STATUSES, caseStatus, caseValueIds } from '../case/index.js';
import { draftsWanted, inEdition, type EditionFilters } from '../case/edition.js';
import type { Casebook } from '../types.js';

export interface CasebookStats {
  /** The cases counted: those in the edition. */
  cases: number;
  /** Whether drafts were counted (`--drafts`). */
  drafts: boolean;
  /** Readable cases left out by the edition rules (drafts without --drafts). */
  leftOut: number;
  /** Case files that could not be read as a case (they are not counted elsewhere). */
  unreadable: number;
  byDomain: Record<string, number>;
  byStatus: Record<string, number>;
  byRole: Record<string, number>;
  byValue: Record<string, number>;
  /** Values of the set that no published case has. */
  uncoveredValues: string[];
  /** matrix[value][domain]: how many cases have that value in that domain. */
  matrix: Record<string, Record<string, number>>;
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function casebookStats(casebook: Casebook, filters: EditionFilters = {}): CasebookStats {
  const drafts = draftsWanted(filters);
  const domainIds = casebook.config.domains.map((d) => d.id);
  const valueIds = casebook.values.values.map((v) => v.id);
  const zeros = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 0]));
  const stats: CasebookStats = {
    cases: 0,
    drafts,
    leftOut: 0,
    unreadable: 0,
    byDomain: zeros(domainIds),
    byStatus: zeros(STATUSES.filter((status) => drafts || status !== 'draft')),
    byRole: zeros(casebook.config.roles.map((r) => r.id)),
    byValue: zeros(valueIds),
    uncoveredValues: [],
    matrix: Object.fromEntries(valueIds.map((v) => [v, zeros(domainIds)])),
  };
  const published = new Set<string>();
  for (const file of casebook.cases) {
    const data = file.data;
    if (!data) {
      stats.unreadable++;
      continue;
    }
    if (!inEdition(data, filters)) {
      stats.leftOut++;
      continue;
    }
    stats.cases++;
    const status = caseStatus(data);
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    if (typeof data.role === 'string') stats.byRole[data.role] = (stats.byRole[data.role] ?? 0) + 1;
    const domains = stringList(data.domains);
    for (const domain of domains) stats.byDomain[domain] = (stats.byDomain[domain] ?? 0) + 1;
    for (const value of new Set(caseValueIds(data))) {
      stats.byValue[value] = (stats.byValue[value] ?? 0) + 1;
      if (status === 'published') published.add(value);
      const row = (stats.matrix[value] ??= {});
      for (const domain of domains) row[domain] = (row[domain] ?? 0) + 1;
    }
  }
  stats.uncoveredValues = valueIds.filter((id) => !published.has(id));
  return stats;
}
