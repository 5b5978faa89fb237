import { toPointer } from '../../position/index.js';
import type { CaseRule } from '../../rule.js';

const DIRECTIVE_TEXT = /#\s*casebook-disable-(?:next-line|line)\b[^\n]*/g;

/** Every text value in `value` with its path, depth first. */
function* texts(value: unknown, path: Array<string | number>): Generator<[Array<string | number>, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* texts(value[i], [...path, i]);
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* texts(item, [...path, key]);
}

/**
 * `# casebook-disable-line` written inside a block of text (`situation: |`) or inside quotes
 * is text, not a comment: it switches nothing off, and it is printed in the book with the
 * line it was meant to excuse. Said at the words themselves.
 */
export const directiveInText: CaseRule = {
  id: 'casebook/directive-in-text',
  defaultSeverity: 'warning',
  scope: 'case',
  check(ctx) {
    if (!ctx.file.text?.includes('casebook-disable')) return;
    for (const [path, text] of texts(ctx.data, [])) {
      if (!text.includes('casebook-disable')) continue;
      const seen = new Map<string, number>();
      for (const [needle] of text.matchAll(DIRECTIVE_TEXT)) {
        const occurrence = seen.get(needle) ?? 0;
        seen.set(needle, occurrence + 1);
        ctx.report({ pointer: toPointer(path), needle: needle.trimEnd(), occurrence, message: ctx.t('casebook.directiveInText', { field: String(path[0] ?? '') }) });
      }
    }
  },
};
