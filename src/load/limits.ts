/** What loading accepts at most: beyond these a file is a mistake or an attack, not a case. */

/** A case is a few kilobytes; anything near this is a mistake or an attack. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Aliases may be used, but not to blow a small file up into gigabytes. */
export const MAX_ALIAS_COUNT = 100;
/** Deeper than this is not a case any person wrote. */
export const MAX_DEPTH = 64;
