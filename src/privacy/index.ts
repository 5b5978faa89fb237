/** Privacy rules: personal data that must not leave the team. Filled in by the privacy module. */
import type { Rule } from '../validate/rule.js';

export const privacyRules: readonly Rule[] = [];
