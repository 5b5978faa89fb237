/**
 * Editions: which cases go into a book (by domain, value, status, with or without drafts),
 * and how the edition is named on the cover, in the window title and in file names.
 */
import { STATUSES, caseStatus, caseValueIds, type CaseData, type CaseStatus } from '../case/index.js';
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Casebook, Lang } from '../types.js';
import { suggest } from '../validate/suggest.js';
import { texts, type BookContext } from './context.js';
import type { BookInfo } from './view.js';

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

/** Does the case belong in the edition? */
export function inEdition(data: CaseData, filters: EditionFilters): boolean {
  const status = caseStatus(data);
  if (status === 'draft' && !draftsWanted(filters)) return false;
  if (filters.statuses?.length && !filters.statuses.includes(status)) return false;
  if (filters.domains?.length && !texts(data.domains).some((d) => filters.domains!.includes(d))) return false;
  if (filters.values?.length && !caseValueIds(data).some((v) => filters.values!.includes(v))) return false;
  return true;
}

/** Unknown ids in the filters stop the build before anything is done (exit 2, with a suggestion). */
export function checkFilters(casebook: Casebook, filters: EditionFilters, lang: Lang): void {
  const check = (values: readonly string[] | undefined, known: readonly string[], kind: 'domain' | 'value' | 'status', aliases = {}) => {
    for (const value of values ?? []) {
      if (known.includes(value)) continue;
      const suggestion = suggest(value, known, aliases);
      const params = { value, kind: t(lang, `render.build.kinds.${kind}`), ...(suggestion ? { suggestion } : {}) };
      throw new CasebookError(t(lang, suggestion ? 'render.build.unknownFilterSuggest' : 'render.build.unknownFilter', params));
    }
  };
  check(filters.domains, casebook.config.domains.map((d) => d.id), 'domain');
  check(filters.values, casebook.values.values.map((v) => v.id), 'value');
  // People say the Dutch words; the status ids are English.
  check(filters.statuses, STATUSES, 'status', { concept: 'draft', vastgesteld: 'published', gepubliceerd: 'published', terbeoordeling: 'review' });
}

/** The edition in words: "Volledige uitgave", or its filters ("Wmo 2015 · met concepten"), and as a file-name slug. */
export function editionInfo(ctx: BookContext, filters: EditionFilters): BookInfo['edition'] {
  const domains = (filters.domains ?? []).map((id) => ({ id, label: ctx.domainLabel(id) }));
  const values = (filters.values ?? []).map((id) => ({ id, label: ctx.valueLabel(id) }));
  const statuses = (filters.statuses ?? []).map((id) => ({ id, label: ctx.statusLabel(id) }));
  const parts = [...domains, ...values, ...statuses].map((p) => p.label);
  if (filters.drafts) parts.push(String(ctx.labels.editionDrafts));
  const full = parts.length === 0;
  const slugParts = [...(filters.domains ?? []), ...(filters.values ?? []), ...(filters.statuses ?? [])];
  if (filters.drafts) slugParts.push(ctx.lang === 'en' ? 'drafts' : 'concepten');
  return {
    full,
    text: full ? String(ctx.labels.fullEdition) : parts.join(' · '),
    domains,
    values,
    statuses,
    drafts: draftsWanted(filters),
    slug: slugParts.join('-'),
  };
}
