/** Helpers the reporters share. */
import path from 'node:path';
import type { Message } from '../types.js';
import { repositoryPath } from './root.js';
import type { ReportContext } from './types.js';

/** A path relative to the current folder, with forward slashes on every platform. */
export function relativePath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file) || path.basename(file);
  return relative.split(path.sep).join('/');
}

/** A path for the CI formats: relative to the repository root (report/root.ts). */
export function ciPath(context: ReportContext, file: string): string {
  return repositoryPath(context.root ?? context.cwd, context.cwd, file);
}

/** Messages grouped by file, in order of first appearance. */
export function groupByFile(messages: readonly Message[]): Map<string, Message[]> {
  const groups = new Map<string, Message[]>();
  for (const message of messages) {
    const list = groups.get(message.file);
    if (list) list.push(message);
    else groups.set(message.file, [message]);
  }
  return groups;
}

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}
