/** `casebook build`: validate, then make the casebook as HTML and/or PDF for an edition. */
import { constants } from 'node:os';
import path from 'node:path';
import { CasebookError } from '../../errors.js';
import { plural, t } from '../../i18n/index.js';
import { threadSettings } from '../../load/index.js';
import { loadAndValidate } from '../../validate/index.js';
import { countSeverity } from '../../message.js';
import { DECISIONS_MODES, build, type DecisionsMode, type OutputFormat } from '../../build/index.js';
import type { CaseStatus } from '../../case/index.js';
import type { Lang, Message } from '../../types.js';
import { choiceOf, didYouMean, type GlobalOptions, type Io } from '../io.js';
import { printReport } from './validate.js';
import { statusId } from '../../util/suggest.js';

export interface BuildCommandOptions extends GlobalOptions {
  format?: string;
  out?: string;
  templates?: string;
  drafts?: boolean;
  domain?: string[];
  value?: string[];
  status?: string[];
  decisions?: string;
  edition?: string;
  /** commander's `--no-sandbox`: false when given. */
  sandbox?: boolean;
  allowPrivacyErrors?: boolean;
  browser?: string;
}

const FORMATS: readonly OutputFormat[] = ['html', 'pdf', 'docx', 'handouts'];
/** What people call a format: the program for docx, the file's other name for handouts. */
const FORMAT_WORDS: Readonly<Record<string, OutputFormat>> = { word: 'docx', handout: 'handouts' };

/** `html`, `pdf`, `docx`, `handouts`, or a comma list of them (any order). */
export function parseFormats(value: string | undefined, lang: Lang): OutputFormat[] {
  if (value === undefined) return ['html', 'pdf'];
  const typed = value.split(',').filter((p) => p.trim() !== '');
  if (typed.length === 0) throw new CasebookError(t(lang, 'render.build.badFormat', { format: value }));
  const parts: OutputFormat[] = [];
  for (const part of typed) {
    const format = choiceOf(part, FORMATS, FORMAT_WORDS);
    // The part that is wrong, not the whole list: `html,wrod` says 'wrod'.
    if (format === undefined) throw new CasebookError(t(lang, 'render.build.badFormat', { format: part.trim() }) + didYouMean(part.trim(), [...FORMATS, ...Object.keys(FORMAT_WORDS)], lang));
    parts.push(format);
  }
  return FORMATS.filter((f) => parts.includes(f));
}

/** `--decisions inline|appendix|omit`. */
export function parseDecisions(value: string | undefined, lang: Lang): DecisionsMode | undefined {
  if (value === undefined) return undefined;
  const mode = value.trim().toLowerCase();
  if (!(DECISIONS_MODES as readonly string[]).includes(mode)) throw new CasebookError(t(lang, 'render.build.badDecisions', { value }));
  return mode as DecisionsMode;
}

/** Repeated flags and comma lists both work: `--domain wmo --domain jeugdwet`, `--domain wmo,jeugdwet`. */
export function splitList(values: readonly string[] | undefined): string[] | undefined {
  const list = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return list.length > 0 ? [...new Set(list)] : undefined;
}

/** Seconds between "still busy" lines on a CI runner; CASEBOOK_PROGRESS_INTERVAL changes it. */
const PROGRESS_INTERVAL_SECONDS = 10;

export interface ProgressWriter {
  onProgress: (line: string) => void;
  stop: () => void;
}

/** The variables CI runners set: GitHub Actions and GitLab set CI, Azure Pipelines TF_BUILD. */
const onCiRunner = (env: NodeJS.ProcessEnv) => Boolean(env.CI || env.TF_BUILD || env.GITLAB_CI || env.GITHUB_ACTIONS);

/**
 * Progress on stderr. On a terminal, one line per step. On a CI runner (no TTY), each step
 * with the time since the start, and every few seconds a line that the step is still running,
 * so a long PDF build is not silent in the job's log. Nothing when the output goes to a file
 * or a pipe outside CI, and nothing with --quiet.
 */
export function progressWriter(io: Io, quiet: boolean | undefined, lang: () => Lang, now: () => number = Date.now): ProgressWriter | undefined {
  if (quiet) return undefined;
  if (io.stderr.isTTY && !onCiRunner(io.env)) return { onProgress: (line) => io.stderr.write(`${line}\n`), stop: () => undefined };
  if (!onCiRunner(io.env)) return undefined;
  const start = now();
  const seconds = () => Math.round((now() - start) / 1000);
  const configured = Number(io.env.CASEBOOK_PROGRESS_INTERVAL);
  const interval = (Number.isFinite(configured) && configured > 0 ? configured : PROGRESS_INTERVAL_SECONDS) * 1000;
  let current: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stop = () => clearInterval(timer);
  return {
    onProgress: (line) => {
      current = line;
      io.stderr.write(`${t(lang(), 'render.build.progress.timed', { line, seconds: seconds() })}\n`);
      if (timer === undefined) {
        timer = setInterval(() => io.stderr.write(`${t(lang(), 'render.build.progress.still', { line: current, seconds: seconds() })}\n`), interval);
        timer.unref();
      }
    },
    stop,
  };
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Ctrl-C (or a kill) stops the build cleanly: the browser is killed, nothing is written, and
 * the command ends with 128 + the signal's number (130 for Ctrl-C). A second Ctrl-C quits at once.
 */
function stopOnSignals(lang: () => Lang): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    const code = 128 + constants.signals[name];
    if (controller.signal.aborted) process.exit(code);
    controller.abort(new CasebookError(t(lang(), 'render.build.interrupted'), code));
  };
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  return { signal: controller.signal, dispose: () => STOP_SIGNALS.forEach((name) => process.off(name, onSignal)) };
}

/** `signal` stops the build (tests); without one, Ctrl-C and kill signals do. */
export async function buildCommand(options: BuildCommandOptions, io: Io, signal?: AbortSignal): Promise<number> {
  let lang: Lang = options.lang ?? 'nl';
  const stopper = signal ? undefined : stopOnSignals(() => lang);
  try {
    return await buildAndReport(options, io, signal ?? stopper!.signal, (chosen) => (lang = chosen));
  } finally {
    stopper?.dispose();
  }
}

async function buildAndReport(options: BuildCommandOptions, io: Io, signal: AbortSignal, setLang: (lang: Lang) => void): Promise<number> {
  const lang0 = options.lang ?? 'nl';
  const formats = parseFormats(options.format, lang0);
  const decisions = parseDecisions(options.decisions, lang0);
  // Each file is checked as it is read (in worker threads for a large casebook); build renders the data kept whole.
  const { casebook, result: validation } = await loadAndValidate(
    { cwd: io.cwd, ...(options.casebook ? { casebook: options.casebook } : {}), ...(options.lang ? { lang: options.lang } : {}), threads: threadSettings(io.env) },
    { keepData: true },
  );
  if (options.templates !== undefined) {
    // A template folder named on the command line is the person's choice (a team's shared house style).
    casebook.config.templates = path.resolve(io.cwd, options.templates);
    casebook.config.templatesNamed = true;
  }
  const lang = options.lang ?? casebook.config.language;
  setLang(lang);
  // `--status vastgesteld` as well as `--status published`: people say the Dutch words.
  const statuses = splitList(options.status)?.map((word) => statusId(word) ?? word) as CaseStatus[] | undefined;
  const domains = splitList(options.domain);
  const values = splitList(options.value);
  const progress = progressWriter(io, options.quiet, () => lang);
  const onProgress = progress?.onProgress;
  const building = build(casebook, {
    formats,
    lang,
    env: io.env,
    filters: {
      ...(domains ? { domains } : {}),
      ...(values ? { values } : {}),
      ...(statuses ? { statuses } : {}),
      ...(options.drafts ? { drafts: true } : {}),
    },
    ...(decisions ? { decisions } : {}),
    ...(options.edition !== undefined ? { edition: options.edition } : {}),
    ...(options.out !== undefined ? { outDir: path.resolve(io.cwd, options.out) } : {}),
    ...(options.allowPrivacyErrors ? { allowPrivacyErrors: true } : {}),
    ...(options.sandbox === false ? { noSandbox: true } : {}),
    ...(options.browser ? { browser: options.browser } : {}),
    ...(onProgress ? { onProgress } : {}),
    signal,
    validation,
  });
  const result = await building.finally(() => progress?.stop());

  // The same report as `casebook validate`, plus what rendering left out; only when there is something to say.
  const shown: Message[] = result.messages.filter((m) => !m.suppressed && (!options.quiet || m.severity === 'error'));
  if (shown.length > 0) {
    const report = { ...result.validation, messages: shown, errors: countSeverity(shown, 'error'), warnings: countSeverity(shown, 'warning') };
    await printReport(report, casebook, 'stylish', io, lang, options.color === false ? { color: false } : {});
  }
  if (result.stopped) {
    const errors = result.messages.filter((m) => !m.suppressed && m.severity === 'error');
    // Only errors that validation found are also shown by `casebook validate` (not a missing template folder).
    const validated = errors.every((m) => result.validation.messages.includes(m));
    io.stderr.write(`${t(lang, validated ? 'render.build.stopped' : 'render.build.stoppedLayout')}\n`);
    if (errors.length > 0 && errors.every((m) => m.rule.startsWith('privacy/'))) io.stderr.write(`${t(lang, 'render.build.privacyOnlyHint')}\n`);
    return 1;
  }
  if (result.privacyErrors > 0) io.stderr.write(`${t(lang, 'render.build.privacyOverride', { count: result.privacyErrors })}\n`);
  const shownPath = (file: string) => {
    const relative = path.relative(io.cwd, file) || file;
    return relative.startsWith('..') ? file : relative;
  };
  // Handouts are many: one line for the folder they are in.
  const handouts = result.handouts?.length ?? 0;
  const books = handouts > 0 ? result.outputs.slice(0, result.outputs.length - handouts) : result.outputs;
  for (const file of books) io.stdout.write(`${t(lang, 'render.build.written', { path: shownPath(file) })}\n`);
  if (handouts > 0) io.stdout.write(`${t(lang, 'render.build.writtenHandouts', { count: handouts, path: `${shownPath(path.dirname(result.outputs.at(-1)!))}/` })}\n`);
  // A case just written with `casebook new` is a draft: say why it is not in the book.
  if (result.draftsLeftOut > 0 && !options.quiet) io.stdout.write(`${plural(lang, 'render.build.draftsLeftOut', result.draftsLeftOut)}\n`);
  return 0;
}
