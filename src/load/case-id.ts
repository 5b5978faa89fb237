/** The id a case is known by (one definition, for this thread and the worker threads). */
import path from 'node:path';
import type { SourceFile } from '../types.js';

/** The id a case is known by: its `id` field, or the file name without extension. */
export function caseId(file: SourceFile): string {
  const id = file.data?.id;
  return typeof id === 'string' && id.trim() !== '' ? id : path.basename(file.path).replace(/\.ya?ml$/i, '');
}
