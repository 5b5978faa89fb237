import { suggest } from '../../util/suggest.js';
import type { CasebookRule } from '../../rule.js';

/** `related` must name cases that are in this casebook, so the links in the book work. */
export const relatedMissing: CasebookRule = {
  id: 'casebook/related-missing',
  defaultSeverity: 'error',
  scope: 'casebook',
  check(ctx) {
    // Files that failed to parse still exist: their id (the file name) counts.
    const ids = new Set(ctx.casebook.cases.map((c) => c.id));
    for (const file of ctx.cases) {
      const related = file.data.related;
      if (!Array.isArray(related)) continue;
      related.forEach((id, index) => {
        if (typeof id !== 'string') return;
        const pointer = `/related/${index}`;
        if (id === file.id) {
          ctx.report(file, { pointer, message: ctx.t('casebook.relatedSelf') });
        } else if (!ids.has(id)) {
          const suggestion = suggest(id, [...ids].filter((other) => other !== file.id));
          ctx.report(file, suggestion
            ? { pointer, suggestion, message: ctx.t('casebook.relatedMissingSuggest', { id, suggestion }) }
            : { pointer, message: ctx.t('casebook.relatedMissing', { id }) });
        }
      });
    }
  },
};
