/**
 * Stage 1 of the pipeline: load. Finds casebook.yaml, reads the value set and the lists,
 * collects the case files and parses each one with positions kept.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import { makeMessage } from '../message.js';
import { startOfFile } from '../position/index.js';
import type { CaseFile, Casebook, Lang, Message, SourceFile } from '../types.js';
import { findConfigFile, loadConfig, resolveConfigArgument } from './config.js';
import { collectCaseFiles, fileIdentity, GLOB_MAGIC, statOf, uniqueFiles } from './files.js';
import { readSource, restoreSource, type PlainSource } from './parse.js';
import { caseId } from './case-id.js';
import { realPathOf } from './contain.js';
import { defaultWorkers, runFileTask, startThreads, workerCount, workerThreads, type FileTask, type ThreadSettings } from './threads.js';

export { findConfigFile, loadBuiltInValues, CONFIG_FILE } from './config.js';
export { parseSource, readSource } from './parse.js';
export { locate, locateText, positionOf, rangePosition, pointerSegments, toPointer } from '../position/index.js';

export interface LoadOptions {
  /** Folder to start from (default: the current folder). */
  cwd?: string;
  /** casebook.yaml, or the folder that holds it (`--casebook`). */
  casebook?: string;
  /** Case files or folders to load instead of the casebook's `cases` (relative to cwd). */
  paths?: string[];
  /** Language of messages (default: the casebook's language). */
  lang?: Lang;
  /**
   * Parsed case files kept between loads (`serve`): files in it are not read again; files
   * read are added. The caller removes the files that changed.
   */
  reuse?: Map<string, CaseFile>;
  /**
   * Keep the quick path's node tree of each file (SourceFile.tree), for commands that place
   * many things without a yaml Document (`tag`). The files are then parsed on this thread:
   * a tree cannot be sent back from another, and building it again costs more than threads
   * save (measured: `tag` on 10,000 cases 3.8 s here, 4.3 s with two threads).
   */
  keepTrees?: boolean;
  /**
   * Called for each case file as soon as it is read, before the next one (on this thread),
   * with the casebook's settings and values. A node tree (keepTrees) is dropped right after:
   * a command that uses the tree here (`tag`) then never holds 10,000 of them at once, which
   * cost more in garbage collection than building them.
   */
  onCase?: (file: CaseFile, casebook: Pick<Casebook, 'config' | 'values'>) => void;
  /**
   * With onCase: false lets each case's text and data go once onCase has seen it; the case
   * keeps its path, id and messages (data then reads as undefined, like a file that did not
   * parse). For a command that is done with a case in onCase (`tag` without --write), so
   * that 10,000 cases are never all held at once.
   */
  keepContents?: boolean;
  /**
   * The work on each case file right after it is read (validate's checks, tag's suggestions):
   * in worker threads for a large casebook, on this thread otherwise. The cases returned then
   * hold only what the task keeps (FileTask). Not with `reuse` or `onCase`.
   */
  task?: FileTask<any>;
  /** When threads are used for `task` (tests and benchmarks set these through the environment). */
  threads?: ThreadSettings;
}

export { caseId } from './case-id.js';
export { serveFileTask, threadSettings, THREAD_THRESHOLD, type FileOutcome, type FileTask, type PrepareTask, type TaskSettings, type ThreadSettings } from './threads.js';

/**
 * Below this many files, starting threads costs more than it saves: each thread warms up
 * its own JIT and the results are copied back. Since the quick path (quick.ts) made parsing
 * six times cheaper, threads barely pay off even at 10,000 cases (measured: 3,000 cases
 * 1.04-1.20 s on this thread, 1.17 s on two; 10,000 cases 2.08-2.36 s and 2.07-2.12 s).
 */
const PARSE_THREAD_THRESHOLD = 5000;

function threadCount(files: number): number {
  const setting = process.env.CASEBOOK_PARSE_THREADS;
  if (setting !== undefined && setting !== '') return Math.max(0, Math.floor(Number(setting)) || 0);
  const cores = availableParallelism();
  // As for a task's threads (defaultWorkers): on two cores or fewer they cost more than they give.
  if (files < PARSE_THREAD_THRESHOLD || defaultWorkers(cores) === 0) return 0;
  return Math.min(cores, 8);
}

/** The compiled worker; when running from TypeScript sources (tests) there is none. */
const workerUrl = new URL('./parse-worker.js', import.meta.url);

async function parseInThreads(files: string[], lang: Lang, threads: number): Promise<SourceFile[]> {
  const share = Math.ceil(files.length / threads);
  const slices = Array.from({ length: threads }, (_, i) => files.slice(i * share, (i + 1) * share)).filter((s) => s.length > 0);
  const parts = await Promise.all(
    slices.map(
      (slice) =>
        new Promise<PlainSource[]>((resolve, reject) => {
          const worker = new (workerThreads().Worker)(workerUrl, { workerData: { files: slice, lang } });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => code !== 0 && reject(new Error(`parse worker exited with ${code}`)));
        }),
    ),
  );
  return parts.flat().map(restoreSource);
}

/**
 * Reads and parses the case files: in worker threads for large casebooks (parsing YAML is
 * most of the work of `validate`), on this thread otherwise.
 */
async function readAll(files: string[], lang: Lang, options: Pick<LoadOptions, 'keepTrees' | 'keepContents'>, onCase?: (file: CaseFile) => void): Promise<CaseFile[]> {
  const keepTrees = options.keepTrees ?? false;
  if (onCase) {
    return files.map((file) => {
      const source = readSource(file, { lang, tree: keepTrees });
      const read: CaseFile = Object.assign(source, { id: caseId(source) });
      onCase(read);
      delete read.tree;
      if (options.keepContents !== false) return read;
      return Object.assign(restoreSource({ path: read.path, text: undefined, data: undefined, messages: read.messages }), { id: read.id });
    });
  }
  const threads = keepTrees ? 0 : threadCount(files.length);
  const sources = threads > 0 && existsSync(fileURLToPath(workerUrl))
    ? await parseInThreads(files, lang, threads)
    : files.map((file) => readSource(file, { lang, tree: keepTrees }));
  return sources.map((source) => Object.assign(source, { id: caseId(source) }));
}

/**
 * Nothing to check is a mistake (an empty folder, a `cases:` pattern that matches nothing):
 * "no problems in 0 files" would let a CI job pass that checks nothing.
 */
function noCasesMessage(file: string, patterns: readonly string[], lang: Lang): Message {
  return makeMessage(file, 'load/no-cases', 'error', t(lang, 'load.noCases', { patterns: patterns.join(', ') }), startOfFile);
}

/**
 * The casebook the named paths belong to: the nearest casebook.yaml above them (a folder's
 * own counts), when they all have the same one. Whoever
 * types `casebook validate mijn-casusboek` from the folder above means that casebook, with its
 * settings and its value set, not its casebook.yaml and CI file read as cases. A glob counts
 * by its folders before the first wildcard; paths in different casebooks (or in none) leave
 * the working folder's.
 */
function configOfPaths(paths: readonly string[], cwd: string): string | undefined {
  if (paths.length === 0) return undefined;
  const found = new Set(paths.map((p) => {
    const full = path.resolve(cwd, staticPart(p));
    // A path that cannot be read: collectCaseFiles says so.
    return findConfigFile(statOf(full)?.isDirectory() ? full : path.dirname(full));
  }));
  const [only] = found;
  return found.size === 1 && only !== undefined ? only : undefined;
}

/** A glob's folders before its first wildcard (`team/cases` of `team/cases/**\/*.yaml`); a path as it is. */
function staticPart(pattern: string): string {
  if (!GLOB_MAGIC.test(pattern)) return pattern;
  const parts = pattern.split(/[\\/]/);
  const first = parts.findIndex((part) => GLOB_MAGIC.test(part));
  return parts.slice(0, first).join('/') || '.';
}

/**
 * Loads a casebook. Throws CasebookError only when there is nothing to work on (no
 * casebook.yaml and no paths); every problem inside the files is a message.
 */
export async function loadCasebook(options: LoadOptions = {}): Promise<Casebook> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const flagLang = options.lang;
  const lang0 = flagLang ?? 'nl';
  let configFile: string | undefined;
  if (options.casebook) configFile = resolveConfigArgument(options.casebook, cwd, lang0);
  else configFile = configOfPaths(options.paths ?? [], cwd) ?? findConfigFile(cwd);
  if (!configFile && !(options.paths && options.paths.length > 0)) {
    throw new CasebookError(t(lang0, 'load.noCasebook', { dir: cwd }));
  }
  const loaded = await loadConfig(configFile, cwd, lang0);
  const lang = flagLang ?? loaded.config.language;

  const hasPaths = Boolean(options.paths && options.paths.length > 0);
  const collected = hasPaths
    ? await collectCaseFiles(options.paths!, cwd, loaded.config.root, lang)
    : await collectCaseFiles(loaded.config.cases, loaded.config.root, loaded.config.root, lang);
  // With paths and a casebook, the casebook's other cases are loaded too, as context for the
  // checks across cases (related ids, unique ids); only the named files are reported on.
  const context = hasPaths && configFile
    ? await collectCaseFiles(loaded.config.cases, loaded.config.root, loaded.config.root, lang)
    : { files: [], messages: [], realPaths: new Map<string, string>() };
  // Threads start loading their modules now, while this thread still works out which files are cases.
  const task = options.task;
  const threads = task ? startThreads(task, workerCount(collected.files.length + context.files.length, options.threads)) : undefined;
  // The values file is data, not a case, even when it sits in a case folder.
  // One spelling per file (a link, `Cases\` and `cases\`, `c:` and `C:`): a case is loaded once.
  const known = (file: string) => collected.realPaths.get(file) ?? context.realPaths.get(file) ?? realPathOf(file);
  const unique = uniqueFiles([...collected.files, ...context.files], { realPath: known });
  const skip = new Set([configFile, loaded.config.valuesFile].filter((f): f is string => Boolean(f)).map((f) => fileIdentity(f)));
  const caseFiles = unique.files.filter((f) => !skip.has(unique.identity(f))).sort();
  const reuse = options.reuse;
  const onCase = options.onCase;
  const fresh = task && threads
    ? await runFileTask(caseFiles, task, { config: loaded.config, values: loaded.values, lang }, threads)
    : await readAll(reuse ? caseFiles.filter((f) => !reuse.has(f)) : caseFiles, lang, options, onCase && ((file) => onCase(file, loaded)));
  if (reuse) for (const file of fresh) reuse.set(file.path, file);
  const cases = reuse ? caseFiles.map((f) => reuse.get(f)!) : fresh;
  const messages = [...loaded.messages, ...collected.messages];
  const named = hasPaths ? collected.files.filter((f) => !skip.has(unique.identity(f))) : caseFiles;
  // A pattern that does not exist, or a file refused, already says why nothing is checked.
  if (named.length === 0 && collected.messages.length === 0) {
    messages.push(noCasesMessage(configFile ?? cwd, hasPaths ? options.paths! : loaded.config.cases, lang));
  }
  const casebook: Casebook = { config: loaded.config, values: loaded.values, cases, messages, sources: loaded.sources };
  if (hasPaths) casebook.focus = new Set(collected.files.map(unique.spelling));
  return casebook;
}
