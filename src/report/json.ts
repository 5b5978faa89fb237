/** `--format json`: exactly the shape of the case-format spec, for scripts and CI. */
import type { Reporter } from './types.js';
import { relativePath } from './util.js';

export const json: Reporter = (result, context) => {
  const messages = result.messages.map((m) => ({
    file: relativePath(context.cwd, m.file),
    line: m.line,
    column: m.column,
    endLine: m.endLine,
    endColumn: m.endColumn,
    severity: m.severity,
    rule: m.rule,
    message: m.message,
    ...(m.suggestion !== undefined ? { suggestion: m.suggestion } : {}),
    ...(m.suppressed ? { suppressed: true } : {}),
  }));
  const { files, cases, errors, warnings } = result;
  return JSON.stringify({ files, cases, errors, warnings, messages }, null, 2) + '\n';
};
