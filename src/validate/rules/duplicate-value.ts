import type { CaseRule } from '../rule.js';

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
      const id = typeof entry === 'string' ? entry : (entry as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') return;
      if (seen.has(id)) ctx.report({ pointer: `/values/${index}`, message: ctx.t('casebook.duplicateValue', { id }) });
      seen.add(id);
    });
  },
};
