/**
 * Editions: which cases go into a book (by domain, value, status, with or without drafts),
 * and how the edition is named on the cover, in the window title and in file names.
 */
import { STATUSES } from '../case/index.js';
import { draftsWanted, type EditionFilters } from '../case/edition.js';
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Casebook, EditionConfig, Lang } from '../types.js';
import { slugify } from '../util/slug.js';
import { idAliases, suggest } from '../util/suggest.js';
import type { BookContext } from './context.js';
import type { DecisionsMode } from './decisions.js';
import type { BookInfo } from './view.js';

export { draftsWanted, inEdition, type EditionFilters } from '../case/edition.js';

/** The named edition from casebook.yaml, or undefined without --edition; an unknown name stops the build. */
export function namedEdition(casebook: Casebook, name: string | undefined, lang: Lang): EditionConfig | undefined {
  if (name === undefined) return undefined;
  const editions = casebook.config.editions;
  const found = Object.hasOwn(editions, name) ? editions[name] : undefined;
  if (found) return found;
  const known = Object.keys(editions);
  if (known.length === 0) throw new CasebookError(t(lang, 'render.build.noEditions', { name }));
  const suggestion = suggest(name, known);
  throw new CasebookError(t(lang, suggestion ? 'render.build.unknownEditionSuggest' : 'render.build.unknownEdition', { name, known: known.join(', '), ...(suggestion ? { suggestion } : {}) }));
}

/** The named edition's filters, each replaced by the command line's where that names its own. */
export function editionFilters(edition: EditionConfig | undefined, given: EditionFilters): EditionFilters {
  const filters: EditionFilters = {};
  if (edition?.domains) filters.domains = edition.domains;
  if (edition?.values) filters.values = edition.values;
  if (edition?.statuses) filters.statuses = edition.statuses;
  if (edition?.drafts) filters.drafts = true;
  return { ...filters, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) };
}

/**
 * The filters with each id spelled as the casebook spells it (`--domain WMO` is `wmo`: typed on
 * a command line, the case says nothing); an unknown id stops the build before anything is
 * done (exit 2, with a suggestion).
 */
export function checkFilters(casebook: Casebook, filters: EditionFilters, lang: Lang): EditionFilters {
  const spelled = (values: readonly string[] | undefined, known: readonly string[], kind: 'domain' | 'value' | 'status', aliases = {}) =>
    values?.map((value) => {
      if (known.includes(value)) return value;
      const same = known.find((id) => id.toLowerCase() === value.trim().toLowerCase());
      if (same !== undefined) return same;
      const suggestion = suggest(value, known, aliases);
      const params = { value, kind: t(lang, `render.build.kinds.${kind}`), ...(suggestion ? { suggestion } : {}) };
      throw new CasebookError(t(lang, suggestion ? 'render.build.unknownFilterSuggest' : 'render.build.unknownFilter', params));
    });
  const domains = spelled(filters.domains, casebook.config.domains.map((d) => d.id), 'domain');
  const values = spelled(filters.values, casebook.values.values.map((v) => v.id), 'value');
  // The CLI already takes the Dutch words (statusId); a typo still gets "bedoelde je".
  const statuses = spelled(filters.statuses, STATUSES, 'status', idAliases('status'));
  return { ...filters, ...(domains ? { domains } : {}), ...(values ? { values } : {}), ...(statuses ? { statuses: statuses as EditionFilters['statuses'] } : {}) };
}

/**
 * The edition in words: "Volledige uitgave", or its filters ("Wmo 2015 · met concepten"), and
 * as a file-name slug. An edition that moves or leaves out the decisions says so in both; a
 * named edition (casebook.yaml `editions:`) is its name in file names.
 */
export function editionInfo(ctx: BookContext, filters: EditionFilters, decisions: DecisionsMode = 'inline', name?: string): BookInfo['edition'] {
  const domains = (filters.domains ?? []).map((id) => ({ id, label: ctx.domainLabel(id) }));
  const values = (filters.values ?? []).map((id) => ({ id, label: ctx.valueLabel(id) }));
  const statuses = (filters.statuses ?? []).map((id) => ({ id, label: ctx.statusLabel(id) }));
  const parts = [...domains, ...values, ...statuses].map((p) => p.label);
  if (filters.drafts) parts.push(String(ctx.labels.editionDrafts));
  const decisionsText = decisions === 'inline' ? undefined : String(ctx.labels[decisions === 'appendix' ? 'editionDecisionsAppendix' : 'editionDecisionsOmit']);
  if (decisionsText) parts.push(decisionsText);
  const full = parts.length === 0;
  const slugParts = [...(filters.domains ?? []), ...(filters.values ?? []), ...(filters.statuses ?? [])];
  if (filters.drafts) slugParts.push(ctx.lang === 'en' ? 'drafts' : 'concepten');
  if (decisionsText) slugParts.push(slugify(decisionsText, 40));
  if (name !== undefined) slugParts.splice(0, slugParts.length, name);
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
