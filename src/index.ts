/**
 * casebook as a library: load → validate → tag → render. The CLI is a thin layer over this.
 *
 *   import { loadCasebook, validate } from 'casebook';
 *   const casebook = await loadCasebook({ cwd: 'my-casebook' });
 *   const result = validate(casebook);
 */
export { loadCasebook, caseId, type LoadOptions } from './load/index.js';
export { validate, allRules, type ValidateOptions, type Rule } from './validate/index.js';
export { reporters, formats, type Format, type Reporter, type ReportContext } from './report/index.js';
export {
  tagCasebook, tagCase, addValuesToSource, compileLexicon, DEFAULT_THRESHOLD, DEFAULT_STRONG_THRESHOLD,
  type CaseTags, type Suggestion, type Evidence, type TagOptions, type WriteOutcome,
} from './tag/index.js';
export {
  CASE_FIELDS, STATUSES, caseStatus, caseValueIds, caseValueIds as caseValues,
  type Case, type CaseData, type CaseField, type CaseStatus, type ValueEntry,
} from './case/index.js';
export { build, type BuildOptions, type BuildResult } from './build/index.js';
export { CasebookError } from './errors.js';
export type * from './types.js';
