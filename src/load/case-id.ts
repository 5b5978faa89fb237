/** The id a case is known by (one definition, for this thread and the worker threads). */
import path from 'node:path';
import type { SourceFile } from '../types.js';
import { ownString } from '../util/own-string.js';

/** The id a case is known by: its `id` field, or the file name without extension. */
export function caseId(file: SourceFile): string {
  const id = file.data?.id;
  // Kept for the whole run: a string of its own, not a view on the file's text (ownString).
  return typeof id === 'string' && id.trim() !== '' ? ownString(id) : path.basename(file.path).replace(/\.ya?ml$/i, '');
}
