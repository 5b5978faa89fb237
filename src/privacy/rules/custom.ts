/**
 * privacy/custom: the casebook's own patterns (`privacy.patterns` in casebook.yaml), such
 * as the municipality's case or client numbers, each with its own severity (default
 * error) and optionally its own message. A pattern that is no valid regular expression is
 * reported once, on casebook.yaml.
 */
import { mask } from '../mask.js';
import type { CaseFile } from '../../types.js';
import type { CasebookRule } from '../../rule.js';
import { caseEnv, reportDetections, type Detection, type PrivacyDetector } from '../detector.js';
import { compilePatterns } from '../patterns.js';

export const customDetector: PrivacyDetector = {
  id: 'privacy/custom',
  defaultSeverity: 'error',
  detect(text, env) {
    const found: Detection[] = [];
    for (const { pattern, regexp } of env.patterns) {
      regexp.lastIndex = 0;
      for (let match; (match = regexp.exec(text)); ) {
        if (match[0] === '') {
          // A pattern that can match nothing must still move on.
          regexp.lastIndex++;
          continue;
        }
        found.push({
          start: match.index,
          end: match.index + match[0].length,
          severity: pattern.severity,
          message: pattern.message === undefined ? 'custom.match' : 'custom.own',
          params: { id: pattern.id, ...(pattern.message === undefined ? {} : { message: pattern.message }) },
          shown: mask(match[0]),
        });
      }
    }
    return found.sort((a, b) => a.start - b.start);
  },
};

/** Runs over all cases at once, so that a broken pattern is reported once, not per case. */
export const custom: CasebookRule = {
  id: customDetector.id,
  defaultSeverity: customDetector.defaultSeverity,
  scope: 'casebook',
  check(ctx) {
    const privacy = ctx.casebook.config.privacy;
    if (privacy.patterns.length === 0) return;
    const { invalid } = compilePatterns(privacy.patterns);
    const configSource = ctx.casebook.sources.find((source) => source.path === ctx.casebook.config.file);
    if (configSource && invalid.length > 0) {
      const configFile: CaseFile = { ...configSource, id: '' };
      for (const { index, pattern, detail, kind } of invalid) {
        ctx.report(configFile, {
          pointer: `/privacy/patterns/${index}/pattern`,
          severity: 'error',
          message: kind === 'nested' ? ctx.t('privacy.custom.nested', { id: pattern.id, part: detail }) : ctx.t('privacy.custom.invalid', { id: pattern.id, detail }),
        });
      }
    }
    for (const file of ctx.cases) {
      reportDetections(customDetector, file.data, caseEnv(privacy, file.data), ctx.t, (report) => ctx.report(file, report));
    }
  },
};
