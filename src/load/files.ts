/**
 * Which files are cases: the `cases` folders and globs of casebook.yaml, or the paths given
 * on the command line. Symlinks that lead out of the casebook are not followed, no folder
 * or file is visited twice (a link loop is not a way to read a case forty times, or
 * forever), and a folder that cannot be read is a message, not a crash.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { t } from '../i18n/index.js';
import { makeMessage } from '../message.js';
import type { Lang, Message } from '../types.js';
import { isInside, realPathOf } from './contain.js';
import { startOfFile } from '../position/index.js';
import { normalise, suggest } from '../util/suggest.js';

const CASE_FILE = /\.ya?ml$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
export const GLOB_MAGIC = /[*?[\]{}!]/;
/**
 * Files in a casebook's folder that are never cases, whatever folder or glob is named: its
 * settings (any casebook's, also a nested one) and the Azure DevOps pipeline `casebook init`
 * writes beside them (GitHub's and GitLab's start with a dot and are skipped as hidden). Read
 * as cases, `casebook validate .` reported a dozen errors in files nobody meant.
 */
const NOT_CASES = new Set(['casebook.yaml', 'azure-pipelines.yml']);
const isCaseFile = (name: string) => CASE_FILE.test(name) && !NOT_CASES.has(name.toLowerCase());

export interface CollectedFiles {
  files: string[];
  messages: Message[];
  /**
   * The real path of each file the walk found (its folder's real path and its name, or where
   * its link leads), so that uniqueFiles need not ask the system again for 10,000 files.
   */
  realPaths: Map<string, string>;
}

/**
 * One walk: the casebook's real folder, the folders already seen (by device:inode, whatever
 * the path to them) and the files already seen (by real path, which the walk knows without
 * asking the system: a stat per file cost more than reading the folders).
 */
interface Walk {
  root: string;
  realRoot: string;
  lang: Lang;
  seen: Set<string>;
  seenFiles: Set<string>;
  out: CollectedFiles;
}

/** The file's identity, or undefined when it cannot be found or read. */
export function statOf(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * True the first time a folder is met, by identity, whatever the path to it: a link loop
 * ends here. A synchronous stat: through the thread pool each cost more than the stat itself.
 */
async function firstVisit(walk: Walk, folder: string): Promise<boolean> {
  const info = statOf(folder);
  if (!info) return false;
  const key = `${info.dev}:${info.ino}`;
  if (walk.seen.has(key)) return false;
  walk.seen.add(key);
  return true;
}

function outside(walk: Walk, file: string): void {
  walk.out.messages.push(makeMessage(file, 'load/outside-casebook', 'warning', t(walk.lang, 'load.outsideCasebook', { target: file }), startOfFile));
}

/**
 * Lists `file`, whose real path is `real`, the first time that real path is met: a file
 * reached again through a link is not listed twice. (A hard link is a file of its own
 * here, as it is in a clone of the repository.)
 */
function addFile(walk: Walk, file: string, real: string): void {
  if (walk.seenFiles.has(real)) return;
  walk.seenFiles.add(real);
  walk.out.files.push(file);
  walk.out.realPaths.set(file, real);
}

/**
 * `path.join(folder, name)` for a name from readdir (never empty, `.`, `..` or with a
 * separator) in a folder path that is already absolute and normalised (path.resolve or
 * path.join made it): on POSIX that is the two with one slash between. path.join normalises
 * the whole path again, twice per case file: about 9,000 instructions each (callgrind), and
 * walking 10,000 case files 1,301 -> 811 M instructions without it.
 */
function inFolder(folder: string, name: string): string {
  if (path.sep !== '/' || !folder.startsWith('/')) return path.join(folder, name);
  return folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`;
}

/** Walks `folder`, whose real path (links followed) is `realFolder`. */
async function walkFolder(folder: string, walk: Walk, realFolder: string): Promise<void> {
  if (!(await firstVisit(walk, folder))) return;
  const { lang, out } = walk;
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
    const full = inFolder(folder, entry.name);
    if (entry.isSymbolicLink()) {
      // Follow a link only when it stays inside the casebook: a case folder must not be a
      // way to read (and publish) files from elsewhere on the machine.
      let target: string;
      try {
        target = await realpath(full);
      } catch {
        continue; // a dangling link (or a loop of links) is not a case
      }
      if (!isInside(walk.realRoot, target)) {
        outside(walk, full);
        continue;
      }
      const info = await stat(target).catch(() => undefined);
      if (info?.isDirectory()) await walkFolder(full, walk, target);
      else if (info?.isFile() && isCaseFile(entry.name)) addFile(walk, full, target);
    } else if (entry.isDirectory()) {
      await walkFolder(full, walk, inFolder(realFolder, entry.name));
    } else if (entry.isFile() && isCaseFile(entry.name)) {
      // No link: its real path is its real folder's and its own name.
      addFile(walk, full, inFolder(realFolder, entry.name));
    }
  }
}

/**
 * The case files for `patterns` (folders, files or globs), resolved against `base`.
 * `root` is the casebook folder: nothing outside it is read through a link.
 */
export async function collectCaseFiles(patterns: readonly string[], base: string, root: string, lang: Lang): Promise<CollectedFiles> {
  const out: CollectedFiles = { files: [], messages: [], realPaths: new Map() };
  const walk: Walk = { root, realRoot: realPathOf(root), lang, seen: new Set(), seenFiles: new Set(), out };
  for (const pattern of patterns) {
    if (GLOB_MAGIC.test(pattern)) {
      // Loaded only for a glob (most casebooks name folders): tinyglobby, fdir and picomatch
      // cost about 55 million instructions at every start.
      const { glob } = await import('tinyglobby');
      const found = await glob(pattern, { cwd: base, absolute: true, onlyFiles: true, followSymbolicLinks: false, dot: false });
      for (const file of found.filter((f) => isCaseFile(path.basename(f))).map((f) => path.normalize(f)).sort()) {
        const real = realPathOf(file);
        if (isInside(walk.realRoot, real)) addFile(walk, file, real);
        else outside(walk, file);
      }
      continue;
    }
    const full = path.resolve(base, pattern);
    const info = await stat(full).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      const code = info.code ?? 'EIO';
      const rule = code === 'ENOENT' ? 'load/not-found' : 'load/unreadable';
      const suggestion = code === 'ENOENT' ? nearbyName(pattern, full) : undefined;
      const text = code !== 'ENOENT'
        ? t(lang, 'load.unreadableFolder', { folder: pattern, code })
        : suggestion === undefined ? t(lang, 'load.pathMissing', { file: pattern }) : t(lang, 'load.pathMissingSuggest', { file: pattern, suggestion });
      out.messages.push(makeMessage(full, rule, 'error', text, startOfFile, suggestion === undefined ? {} : { suggestion }));
    } else if (isInside(root, full) && !isInside(walk.realRoot, realPathOf(full))) {
      // Named inside the casebook, but a link that leads out of it: refused like in a walk.
      outside(walk, full);
    } else if (info.isDirectory()) {
      await walkFolder(full, walk, realPathOf(full));
    } else {
      addFile(walk, full, realPathOf(full));
    }
  }
  out.files = [...new Set(out.files)].sort();
  return out;
}

/**
 * The file or folder next to a path that does not exist that was probably meant, spelled as
 * the person spelled the path (`cases/wmo/traplift.yaml` → `cases/wmo/wmo-traplift-of-verhuizen.yaml`):
 * a near spelling, or the one name there that contains the name typed.
 */
function nearbyName(pattern: string, full: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(path.dirname(full)).filter((name) => !name.startsWith('.'));
  } catch {
    return undefined; // the folder is missing too
  }
  const typed = path.basename(full);
  const core = normalise(typed.replace(CASE_FILE, ''));
  const containing = core.length >= 4 ? names.filter((name) => normalise(name).includes(core)) : [];
  const found = suggest(typed, names) ?? (containing.length === 1 ? containing[0] : undefined);
  if (found === undefined) return undefined;
  const spelled = pattern.replace(/[\\/]+$/, '');
  return spelled.endsWith(typed) ? `${spelled.slice(0, spelled.length - typed.length)}${found}` : path.join(path.dirname(spelled), found);
}

export interface IdentityOptions {
  /** The real path of a file (tests pass their own). */
  realPath?: (file: string) => string;
  platform?: NodeJS.Platform;
}

/**
 * What makes two spellings the same file: its real path (links followed), and on Windows
 * without regard to case (`Cases\a.yaml` and `cases\a.yaml`, `c:` and `C:`).
 */
export function fileIdentity(file: string, options: IdentityOptions = {}): string {
  const real = (options.realPath ?? realPathOf)(file);
  return (options.platform ?? process.platform) === 'win32' ? real.toLowerCase() : real;
}

/**
 * The files with each one kept once, under the first spelling met, so the same case reached
 * through two spellings is not loaded (and reported as a duplicate id) twice. `spelling`
 * gives the kept spelling of any of the given files.
 */
export function uniqueFiles(files: readonly string[], options: IdentityOptions = {}): { files: string[]; spelling: (file: string) => string; identity: (file: string) => string } {
  const kept = new Map<string, string>();
  const identities = new Map<string, string>();
  for (const file of files) {
    const identity = fileIdentity(file, options);
    identities.set(file, identity);
    if (!kept.has(identity)) kept.set(identity, file);
  }
  const identity = (file: string) => identities.get(file) ?? fileIdentity(file, options);
  return { files: [...kept.values()], spelling: (file) => kept.get(identity(file)) ?? file, identity };
}
