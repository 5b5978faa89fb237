/**
 * The work on each case file of a large casebook, spread over worker threads. Each thread
 * reads, parses and checks (or tags) a share of the files with the casebook's settings and
 * sends back only what the run needs of a file: its messages, the few fields the checks
 * across cases read, the task's result (and its text when the run needs that), never the
 * parsed case. This thread takes batches too, so a thread that is still starting costs no
 * wall time. A small casebook stays on this thread: a thread that loads the modules and
 * compiles the schema costs more than it saves (see THREAD_THRESHOLD).
 *
 * The limits of reading (limits.ts, contain.ts) apply in a thread as here: both read with
 * readSource. A thread that fails stops the run with a message, never a hang.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { CaseFile, CasebookConfig, Lang, Message, ValueSet } from '../types.js';
import { caseId } from './case-id.js';
import { readSource, restoreSource } from './parse.js';

/**
 * node:worker_threads on first use: a run on two cores or fewer, or under the threshold,
 * starts no thread, and loading it (with the messaging modules it brings) cost about 8 M
 * instructions of every start.
 */
export const workerThreads = (): typeof import('node:worker_threads') => createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');

/** What a task is given in every thread: the casebook's settings, its values, and its own options. */
export interface TaskSettings {
  config: CasebookConfig;
  values: ValueSet;
  lang: Lang;
  /** The task's own options (plain data: they are copied to each thread). */
  options: unknown;
}

/** What a task makes of one file; only this crosses back from a thread. */
export interface FileOutcome<R> {
  /** What the run keeps of the case's data (the fields the checks across cases read); undefined when the file did not parse. */
  data: Record<string, unknown> | undefined;
  messages: Message[];
  result: R;
}

/** Sets a task up for one casebook (once per thread) and returns its work on one file. */
export type PrepareTask<R> = (settings: TaskSettings) => (file: CaseFile) => FileOutcome<R>;

export interface FileTask<R> {
  /** The compiled module that runs `prepare` in a thread (it calls serveFileTask). */
  worker: URL;
  prepare: PrepareTask<R>;
  /** The task's own options, passed to prepare in every thread. */
  options?: unknown;
  /** Parse with the quick path's node tree kept (for the task; it is dropped after). */
  tree?: boolean;
  /** Keep each case's text after the task (for reports that quote the source, or --write). */
  keepText?: boolean;
  /** Called on this thread with each file's result, in the casebook's file order. */
  onResult?: (file: CaseFile, result: R) => void;
}

export interface ThreadSettings {
  /** Worker threads to use besides this one (default: defaultWorkers, by the number of cores). */
  count?: number;
  /** From how many case files threads are used (default THREAD_THRESHOLD). */
  threshold?: number;
}

/**
 * Below this many files, threads cost more than they give: a thread loads the modules and
 * compiles the schema before its first file (BENCHMARKS.md: the crossover of validate and tag).
 */
export const THREAD_THRESHOLD = 2000;

/** The environment's thread settings: CASEBOOK_THREADS (0: never), CASEBOOK_THREAD_THRESHOLD. */
export function threadSettings(env: NodeJS.ProcessEnv): ThreadSettings {
  const number = (value: string | undefined) => (value === undefined || value.trim() === '' || !Number.isFinite(Number(value)) ? undefined : Math.max(0, Math.floor(Number(value))));
  const count = number(env.CASEBOOK_THREADS);
  const threshold = number(env.CASEBOOK_THREAD_THRESHOLD);
  return { ...(count !== undefined ? { count } : {}), ...(threshold !== undefined ? { threshold } : {}) };
}

/**
 * The worker threads a machine with `cores` cores gets by default: one per core besides this
 * one, and none on two cores or fewer. One thread already keeps about 1.35 cores busy (V8's
 * garbage collection and compiling run beside it), and a second thread adds its own start,
 * warm-up, copying and heap (about +1.7 s CPU for validate or tag at 10,000): measured on two
 * cores, threads gave no wall time and cost a third more CPU (BENCHMARKS.md, issue 18).
 */
export function defaultWorkers(cores: number): number {
  return cores <= 2 ? 0 : cores - 1;
}

/** How many worker threads a run of `files` case files gets. */
export function workerCount(files: number, settings: ThreadSettings = {}, cores: number = availableParallelism()): number {
  if (files < (settings.threshold ?? THREAD_THRESHOLD)) return 0;
  const count = settings.count ?? defaultWorkers(cores);
  return Math.max(0, Math.min(count, 8, Math.ceil(files / 64) - 1));
}

/** A file as the task leaves it. */
interface FileRecord<R> extends FileOutcome<R> {
  path: string;
  id: string;
  text: string | undefined;
}

type ToWorker = { settings: TaskSettings; tree: boolean; keepText: boolean } | { batch: number; files: string[] };
type FromWorker<R> = { batch: number; records: Array<FileRecord<R>> } | { failed: string };

function runFile<R>(file: string, work: (file: CaseFile) => FileOutcome<R>, lang: Lang, tree: boolean, keepText: boolean): FileRecord<R> {
  const source = readSource(file, { lang, tree });
  const read: CaseFile = Object.assign(source, { id: caseId(source) });
  const outcome = work(read);
  return { path: read.path, id: read.id, text: keepText ? read.text : undefined, data: outcome.data, messages: outcome.messages, result: outcome.result };
}

/** The light case file this thread keeps: its path, id, messages, the data the task kept, its text if asked. */
function restoreRecord<R>(record: FileRecord<R>): CaseFile {
  return Object.assign(restoreSource({ path: record.path, text: record.text, data: record.data, messages: record.messages }), { id: record.id });
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The body of a task's worker module: serves batches of files until it is stopped. */
export function serveFileTask<R>(prepare: PrepareTask<R>): void {
  const port = workerThreads().parentPort;
  if (!port) return;
  let work: ((file: CaseFile) => FileOutcome<R>) | undefined;
  let setup: Extract<ToWorker, { settings: TaskSettings }> | undefined;
  port.on('message', (message: ToWorker) => {
    try {
      if ('settings' in message) {
        setup = message;
        work = prepare(message.settings);
        return;
      }
      const { settings, tree, keepText } = setup!;
      const records = message.files.map((file) => runFile(file, work!, settings.lang, tree, keepText));
      port.postMessage({ batch: message.batch, records } satisfies FromWorker<R>);
    } catch (error) {
      port.postMessage({ failed: describe(error) } satisfies FromWorker<R>);
    }
  });
}

/** Started threads, waiting for the casebook's settings (startThreads). */
export interface Threads {
  workers: Worker[];
}

/**
 * Starts `count` threads for `task`, so that they load their modules while this thread still
 * collects the files. None when the task's compiled module is missing (running from the
 * TypeScript sources).
 */
export function startThreads(task: Pick<FileTask<unknown>, 'worker'>, count: number): Threads {
  if (count === 0 || !existsSync(fileURLToPath(task.worker))) return { workers: [] };
  // Unreferenced until they get work: a run that stops before (an error) must not wait for them.
  const { Worker } = workerThreads();
  const workers = Array.from({ length: count }, () => new Worker(task.worker));
  for (const worker of workers) worker.unref();
  return { workers };
}

export function stopThreads(threads: Threads): void {
  for (const worker of threads.workers) void worker.terminate();
}

/** Batches small enough to share out evenly, large enough that sending them costs little.
 * On this thread alone nothing is sent, and a small batch lets each file's results go sooner
 * (see runFileTask). */
function batchesOf(files: string[], threads: number): string[][] {
  const size = threads === 1 ? 8 : Math.max(16, Math.min(128, Math.ceil(files.length / (threads * 16))));
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += size) batches.push(files.slice(i, i + size));
  return batches;
}

/**
 * Takes each batch's records as it is done, and hands the batches on to `cases` (and the
 * task's onResult) in order, each as soon as every batch before it is done, and lets them go:
 * holding every file's result until the last one (10,000 cases' suggestions and messages)
 * had the garbage collector copy and promote them all, a fifth of `tag`'s time.
 */
function inOrder<R>(count: number, task: FileTask<R>, cases: CaseFile[]): (batch: number, records: Array<FileRecord<R>>) => void {
  const done: Array<Array<FileRecord<R>> | undefined> = new Array(count);
  let delivered = 0;
  return (batch, records) => {
    done[batch] = records;
    for (let ready = done[delivered]; ready; ready = done[delivered]) {
      done[delivered++] = undefined;
      for (const record of ready) {
        const file = restoreRecord(record);
        task.onResult?.(file, record.result);
        cases.push(file);
      }
    }
  };
}

/**
 * Runs `task` on every file, in the given threads and on this one; the case files come back
 * in the order of `files`. Stops the threads when done or when one fails.
 */
export async function runFileTask<R>(files: string[], task: FileTask<R>, settings: Omit<TaskSettings, 'options'>, threads: Threads): Promise<CaseFile[]> {
  const full: TaskSettings = { ...settings, options: task.options };
  const tree = task.tree ?? false;
  const keepText = task.keepText ?? false;
  const batches = batchesOf(files, threads.workers.length + 1);
  const cases: CaseFile[] = [];
  const deliver = inOrder(batches.length, task, cases);
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let pending = batches.length;
      let failed = false;
      const fail = (detail: string) => {
        if (failed) return;
        failed = true;
        reject(new CasebookError(t(settings.lang, 'cli.internalError', { detail: `worker thread: ${detail}` })));
      };
      const finish = (batch: number, records: Array<FileRecord<R>>) => {
        try {
          deliver(batch, records);
        } catch (error) {
          failed = true;
          reject(error);
          return;
        }
        if (--pending === 0) resolve();
      };
      const give = (worker: Worker) => {
        if (!failed && next < batches.length) worker.postMessage({ batch: next, files: batches[next++]! } satisfies ToWorker);
      };
      if (batches.length === 0) resolve();
      for (const worker of threads.workers) {
        worker.ref();
        worker.on('message', (message: FromWorker<R>) => {
          if ('failed' in message) return fail(message.failed);
          finish(message.batch, message.records);
          give(worker);
        });
        worker.on('error', (error) => fail(describe(error)));
        worker.on('exit', (code) => pending > 0 && fail(`stopped (exit code ${code})`));
        worker.postMessage({ settings: full, tree, keepText } satisfies ToWorker);
        // Two batches each, so that a thread never waits for its next one.
        give(worker);
        give(worker);
      }
      // This thread's share: one batch at a time, letting the threads' results in between.
      let work: ((file: CaseFile) => FileOutcome<R>) | undefined;
      const own = () => {
        if (failed || next >= batches.length) return;
        const batch = next++;
        try {
          work ??= task.prepare(full);
          finish(batch, batches[batch]!.map((file) => runFile(file, work!, settings.lang, tree, keepText)));
        } catch (error) {
          failed = true;
          reject(error);
          return;
        }
        setImmediate(own);
      };
      setImmediate(own);
    });
  } finally {
    stopThreads(threads);
  }
  return cases;
}
