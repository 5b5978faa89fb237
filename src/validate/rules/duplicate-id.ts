import path from 'node:path';
import type { CasebookRule } from '../../rule.js';

/** Two cases with the same id would make `related` links and the index ambiguous. */
export const duplicateId: CasebookRule = {
  id: 'casebook/duplicate-id',
  defaultSeverity: 'error',
  scope: 'casebook',
  check(ctx) {
    const first = new Map<string, string>();
    for (const file of ctx.cases) {
      const seen = first.get(file.id);
      if (seen === undefined) {
        first.set(file.id, file.path);
        continue;
      }
      const other = path.relative(ctx.casebook.config.root, seen);
      const pointer = typeof file.data.id === 'string' ? '/id' : '';
      ctx.report(file, { pointer, message: ctx.t('casebook.duplicateId', { id: file.id, other }) });
    }
  },
};
