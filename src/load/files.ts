/**
 * Which files are cases: the `cases` folders and globs of casebook.yaml, or the paths given
 * on the command line. Symlinks that lead out of the casebook are not followed, and a folder
 * that cannot be read is a message, not a crash.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { t } from '../i18n/index.js';
import { makeMessage } from '../message.js';
import type { Lang, Message } from '../types.js';
import { startOfFile } from '../position/index.js';

const CASE_FILE = /\.ya?ml$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
const GLOB_MAGIC = /[*?[\]{}!]/;

export interface CollectedFiles {
  files: string[];
  messages: Message[];
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function walk(folder: string, root: string, lang: Lang, out: CollectedFiles): Promise<void> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    out.messages.push(makeMessage(folder, 'load/unreadable', 'error', t(lang, 'load.unreadableFolder', { folder, code }), startOfFile));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
    const full = path.join(folder, entry.name);
    if (entry.isSymbolicLink()) {
      // Follow a link only when it stays inside the casebook: a case folder must not be a
      // way to read (and publish) files from elsewhere on the machine.
      let target: string;
      try {
        target = await realpath(full);
      } catch {
        continue; // a dangling link is not a case
      }
      if (!isInside(root, target)) {
        out.messages.push(makeMessage(full, 'load/outside-casebook', 'warning', t(lang, 'load.outsideCasebook', { target: full }), startOfFile));
        continue;
      }
      const info = await stat(target).catch(() => undefined);
      if (info?.isDirectory()) await walk(full, root, lang, out);
      else if (info?.isFile() && CASE_FILE.test(entry.name)) out.files.push(full);
    } else if (entry.isDirectory()) {
      await walk(full, root, lang, out);
    } else if (entry.isFile() && CASE_FILE.test(entry.name)) {
      out.files.push(full);
    }
  }
}

/**
 * The case files for `patterns` (folders, files or globs), resolved against `base`.
 * `root` is the casebook folder: nothing outside it is read through a link.
 */
export async function collectCaseFiles(patterns: readonly string[], base: string, root: string, lang: Lang): Promise<CollectedFiles> {
  const out: CollectedFiles = { files: [], messages: [] };
  for (const pattern of patterns) {
    if (GLOB_MAGIC.test(pattern)) {
      const found = await glob(pattern, { cwd: base, absolute: true, onlyFiles: true, followSymbolicLinks: false, dot: false });
      out.files.push(...found.filter((f) => CASE_FILE.test(f)).map((f) => path.normalize(f)));
      continue;
    }
    const full = path.resolve(base, pattern);
    const info = await stat(full).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      const code = info.code ?? 'EIO';
      const rule = code === 'ENOENT' ? 'load/not-found' : 'load/unreadable';
      const text = code === 'ENOENT' ? t(lang, 'load.pathMissing', { file: pattern }) : t(lang, 'load.unreadableFolder', { folder: pattern, code });
      out.messages.push(makeMessage(full, rule, 'error', text, startOfFile));
    } else if (info.isDirectory()) {
      await walk(full, root, lang, out);
    } else {
      out.files.push(full);
    }
  }
  out.files = [...new Set(out.files)].sort();
  return out;
}
