/** Helpers the reporters share. */
import path from 'node:path';
import type { Message } from '../types.js';
import { repositoryPath } from './root.js';
import type { ReportContext } from './types.js';

/** A path relative to the current folder, with forward slashes on every platform. */
export function relativePath(cwd: string, file: string): string {
  const quick = path.sep === '/' ? inKnownFolder(cwd, file) : undefined;
  if (quick !== undefined) return quick;
  const relative = path.relative(cwd, file) || path.basename(file);
  return relative.split(path.sep).join('/');
}

/** Per current folder and folder of a file: the folder relative to it, and both resolved. */
const knownFolders = new Map<string, { relative: string; cwd: string; folder: string }>();
const MAX_KNOWN_FOLDERS = 1000;

/**
 * relativePath of a file in a folder already seen (POSIX paths), without path.relative, which
 * resolves and normalises both paths each time (10,000 cases' JSON entries: about 30 ms):
 * the folder's relative path and the file's name, which is what path.relative gives for a
 * plain name (not `.` or `..`) unless the current folder is the file or lies inside it.
 */
function inKnownFolder(cwd: string, file: string): string | undefined {
  const slash = file.lastIndexOf('/');
  const name = file.slice(slash + 1);
  if (!cwd.startsWith('/') || !file.startsWith('/') || name === '' || name === '.' || name === '..') return undefined;
  const key = `${cwd}\0${file.slice(0, slash)}`;
  let known = knownFolders.get(key);
  if (!known) {
    const folder = path.resolve(file.slice(0, slash) || '/');
    if (knownFolders.size >= MAX_KNOWN_FOLDERS) knownFolders.clear();
    knownFolders.set(key, (known = { relative: path.relative(cwd, folder), cwd: path.resolve(cwd), folder }));
  }
  const resolved = known.folder === '/' ? `/${name}` : `${known.folder}/${name}`;
  if (known.cwd === resolved || known.cwd.startsWith(`${resolved}/`)) return undefined;
  return known.relative === '' ? name : `${known.relative}/${name}`;
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
