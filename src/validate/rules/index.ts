/** The checks across and within cases that belong to the case format itself. */
import type { Rule } from '../../rule.js';
import { commentInText } from './comment-in-text.js';
import { directiveInText } from './directive-in-text.js';
import { duplicateId } from './duplicate-id.js';
import { duplicateValue } from './duplicate-value.js';
import { publishedNeedsValue } from './published-needs-value.js';
import { relatedMissing } from './related-missing.js';
import { templateText } from './template-text.js';

export const casebookRules: readonly Rule[] = [duplicateId, relatedMissing, publishedNeedsValue, duplicateValue, commentInText, directiveInText, templateText];

/**
 * The rules that look across cases. They read only a case's `id` and `related` (and its
 * source, to place a finding): that is all a worker thread sends back of a case's data
 * (validate/index.ts, crossFileFields). Every other rule runs per file, in the threads.
 */
export const crossFileRules: readonly Rule[] = [duplicateId, relatedMissing];
