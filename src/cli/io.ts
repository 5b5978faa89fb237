/** What a command may touch of the outside world; tests pass their own. */
import { CasebookError } from '../errors.js';
import { loadCasebook, threadSettings, type LoadOptions } from '../load/index.js';
import { t } from '../i18n/index.js';
import type { Casebook, Lang } from '../types.js';
import { suggest } from '../util/suggest.js';

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const processIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });

/** Options every command accepts. */
export interface GlobalOptions {
  lang?: Lang;
  casebook?: string;
  quiet?: boolean;
  color?: boolean;
}

/** What people type for a language: its code in any case, or its name in either language. */
const LANGUAGE_WORDS: Readonly<Record<string, Lang>> = { nederlands: 'nl', dutch: 'nl', engels: 'en', english: 'en' };

/** The language `value` names (`EN`, `Nederlands`), or undefined. */
export function langOf(value: string): Lang | undefined {
  return choiceOf(value, ['nl', 'en'] as const, LANGUAGE_WORDS);
}

export function parseLang(value: string | undefined, env: NodeJS.ProcessEnv): Lang | undefined {
  const chosen = value ?? env.CASEBOOK_LANG;
  if (chosen === undefined || chosen === '') return undefined;
  const lang = langOf(chosen);
  if (lang !== undefined) return lang;
  throw new CasebookError(t('nl', 'cli.badLang', { lang: chosen }));
}

/**
 * A choice from a fixed list as people type it: in any case, with spaces around, or by the
 * word they use for it (`word` for docx); undefined when it is none of them.
 */
export function choiceOf<T extends string>(requested: string, allowed: readonly T[], aliases: Readonly<Record<string, T>> = {}): T | undefined {
  const wanted = requested.trim().toLowerCase();
  return allowed.find((choice) => choice.toLowerCase() === wanted) ?? aliases[wanted];
}

/** ` Bedoelde je 'pdf'?` after a message about `requested`, when one of `allowed` is near it; else ''. */
export function didYouMean(requested: string, allowed: readonly string[], lang: Lang): string {
  const near = suggest(requested, allowed);
  return near === undefined ? '' : ` ${t(lang, 'cli.didYouMean', { suggestion: near })}`;
}

export function parseCount(value: string, option: string, lang: Lang): number {
  if (!/^\d+$/.test(value)) throw new CasebookError(t(lang, 'cli.badNumber', { value, option }));
  return Number(value);
}

/** What to load for a command: the global options, the current folder and the environment's thread settings. */
export function loadOptionsFor(options: GlobalOptions, io: Io, paths: string[] = []): LoadOptions {
  return {
    cwd: io.cwd,
    paths,
    ...(options.casebook ? { casebook: options.casebook } : {}),
    ...(options.lang ? { lang: options.lang } : {}),
    threads: threadSettings(io.env),
  };
}

/** Loads the casebook a command works on, from the global options and the current folder. */
export function loadForCommand(options: GlobalOptions, io: Io, paths: string[] = [], load: Pick<LoadOptions, 'keepTrees' | 'onCase' | 'keepContents' | 'task'> = {}): Promise<Casebook> {
  return loadCasebook({ ...loadOptionsFor(options, io, paths), ...load });
}
