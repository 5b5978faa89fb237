/**
 * The HTML of an edition made ahead, in a worker thread, while this thread loads and
 * validates the casebook (`build --format html` on a machine with a second core). The thread
 * loads the casebook itself (without the checks) and lays the book out with the same steps as
 * build(); build() takes its bytes only once validation let the build go on, with the same
 * settings, and when every file the thread read held the same text as the file validated (a
 * file edited in between, added or removed, and build() lays the book out itself). Anything
 * that goes wrong in the thread (a template that fails, no cases in the edition) is left to
 * build() too, which then finds and words it as it always did. This module is light: the
 * command starts the thread before it loads the modules of validation and the build.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ThreadSettings } from '../load/index.js';
import type { DecisionsMode, EditionFilters } from '../render/index.js';
import type { Casebook, Lang, Message } from '../types.js';

/** What the thread is asked to make: the command line's choices, as build() is given them. */
export interface HtmlJob {
  cwd: string;
  casebook?: string;
  lang?: Lang;
  /** A template folder named on the command line (absolute). */
  templates?: string;
  edition?: string;
  filters: EditionFilters;
  decisions?: DecisionsMode;
  date: Date;
}

/** The settings the book was laid out with, as build() works them out. */
export interface HtmlSettings {
  lang: Lang;
  filters: EditionFilters;
  decisions: DecisionsMode;
  date: number;
  editionName?: string;
}

/** The laid-out HTML and what build() needs besides: the files it was made from, to compare. */
export interface LaidOutHtml {
  settings: HtmlSettings;
  html: Uint8Array;
  messages: Message[];
  cases: number;
  slug: string;
}

/** What the thread sends back. */
export interface ThreadReply extends LaidOutHtml {
  files: Array<[string, string | undefined]>;
}

/** Text of every file the book is made from: the cases, casebook.yaml and the values file. */
export const textsOf = (casebook: Casebook): Array<[string, string | undefined]> => [...casebook.cases, ...casebook.sources].map((file) => [file.path, file.text]);

export interface HtmlThread {
  /** The thread's HTML, when it was made from these files with these settings; otherwise undefined. */
  take(casebook: Casebook, settings: HtmlSettings): Promise<LaidOutHtml | undefined>;
  /** Ends the thread (its work is not needed, or was taken). */
  stop(): void;
}

/** The compiled worker; when running from TypeScript sources (unit tests) there is none. */
const workerUrl = new URL('./html-worker.js', import.meta.url);

/** Whether a thread is worth starting: a second core, and threads not switched off (CASEBOOK_THREADS=0). */
export function htmlThreadWanted(threads: ThreadSettings, cores: number = availableParallelism()): boolean {
  return cores > 1 && threads.count !== 0 && existsSync(fileURLToPath(workerUrl));
}

const sameTexts = (casebook: Casebook, files: ReadonlyArray<[string, string | undefined]>) => {
  const ours = textsOf(casebook);
  return ours.length === files.length && ours.every(([file, text], i) => file === files[i]![0] && text !== undefined && text === files[i]![1]);
};

const sameSettings = (a: HtmlSettings, b: HtmlSettings) => JSON.stringify(a) === JSON.stringify(b);

export function startHtmlThread(job: HtmlJob): HtmlThread {
  const worker = new Worker(workerUrl, { workerData: job });
  const reply = new Promise<ThreadReply | undefined>((resolve) => {
    worker.once('message', (message: ThreadReply | { failed: string }) => resolve('failed' in message ? undefined : message));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return {
    async take(casebook, settings) {
      const made = await reply;
      void worker.terminate();
      if (!made || !sameSettings(made.settings, settings) || !sameTexts(casebook, made.files)) return undefined;
      return made;
    },
    stop: () => void worker.terminate(),
  };
}
