import type { CaseRule } from '../../rule.js';

/** A published case shows which values are at stake; that is what the book is for. */
export const publishedNeedsValue: CaseRule = {
  id: 'casebook/published-needs-value',
  defaultSeverity: 'error',
  scope: 'case',
  check(ctx) {
    if (ctx.data.status !== 'published') return;
    const values = ctx.data.values;
    if (Array.isArray(values) && values.length > 0) return;
    // `values: maatwerk` has a value, written as text: the schema's message says how to fix it.
    if (values !== undefined && values !== null && !Array.isArray(values)) return;
    ctx.report({ pointer: values === undefined ? '/status' : '/values', message: ctx.t('casebook.publishedNeedsValue') });
  },
};
