/** The edition's book as build() lays it out, on its own thread or ahead in the HTML thread. */
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { DecisionsMode, EditionFilters } from '../render/index.js';
import { prepareBook } from '../render/prepare.js';
import type { Casebook, Lang } from '../types.js';

/** The edition's book, or the messages that stop it; an edition without cases is a mistake in the filters. */
export function prepareEdition(casebook: Casebook, lang: Lang, options: { filters: EditionFilters; date: Date; privacyErrors: number; decisions: DecisionsMode; editionName?: string }) {
  const prepared = prepareBook(casebook, lang, options);
  const view = prepared.book?.view;
  if (view && view.cases.length === 0) {
    const { domains, values, statuses } = options.filters;
    const filtered = [domains, values, statuses].some((ids) => (ids?.length ?? 0) > 0);
    // Without filters, an empty book means every case is still a draft.
    if (!filtered) throw new CasebookError(t(lang, 'render.build.noCasesOnlyDrafts'));
    throw new CasebookError(t(lang, 'render.build.noCases', { filters: view.book.edition.text }));
  }
  return prepared;
}
