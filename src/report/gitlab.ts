/**
 * GitLab Code Quality: the subset of the Code Climate format GitLab reads (description,
 * check_name, fingerprint, severity, location.path, location.lines.begin), so that findings
 * show in the merge request's diff. A fingerprint does not depend on the line, so a finding
 * that only moved is not reported as new; the same finding twice in a file counts up.
 */
import { createHash } from 'node:crypto';
import type { Reporter } from './types.js';
import { ciPath } from './util.js';

const severity = { error: 'major', warning: 'minor', info: 'info' } as const;

export const gitlab: Reporter = (result, context) => {
  const seen = new Map<string, number>();
  const issues = result.messages
    .filter((m) => !m.suppressed)
    .map((m) => {
      const file = ciPath(context, m.file);
      const key = [m.rule, file, m.message].join('\0');
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      return {
        description: m.message,
        check_name: m.rule,
        fingerprint: createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32),
        severity: severity[m.severity],
        location: { path: file, lines: { begin: m.line } },
      };
    });
  return JSON.stringify(issues, null, 2) + '\n';
};
