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
