/** The reporters, by format name: a missing one is a compile error. */
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Format, Reporter } from './types.js';

export const reporters: Record<Format, Reporter> = { stylish, json, github, sarif, junit };
export { formats, type Format, type Reporter, type ReportContext } from './types.js';
export { useColor, styles } from './color.js';
export { mask, relativePath } from './util.js';
export { escapeText, escapeSourceLine } from './escape.js';
export { summaryLine } from './stylish.js';
