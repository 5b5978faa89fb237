import { valueEntryId } from '../../case/index.js';
import type { CaseRule } from '../../rule.js';

/** The same value twice (once as an id, once with a `why`) is a slip; the schema cannot see it. */
export const duplicateValue: CaseRule = {
  id: 'casebook/duplicate-value',
  defaultSeverity: 'warning',
  scope: 'case',
  check(ctx) {
    const values = ctx.data.values;
    if (!Array.isArray(values)) return;
    const seen = new Set<string>();
    values.forEach((entry, index) => {
      const id = valueEntryId(entry);
      if (id === undefined) return;
      if (seen.has(id)) ctx.report({ pointer: `/values/${index}`, message: ctx.t('casebook.duplicateValue', { id }) });
      seen.add(id);
    });
  },
};
