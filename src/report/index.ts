/** The reporters, by format name: a missing one is a compile error. */
import { azure } from './azure.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Format, Reporter } from './types.js';

export const reporters: Record<Format, Reporter> = { stylish, json, github, azure, gitlab, sarif, junit };
export { formats, type Format, type Reporter, type ReportContext } from './types.js';
export { useColor, styles } from './color.js';
export { relativePath } from './util.js';
export { mask } from '../privacy/mask.js';
export { repositoryRoot } from './root.js';
export { escapeText, escapeSourceLine } from './escape.js';
export { summaryLine } from './stylish.js';
