/** `casebook validate [paths…]`: every problem of every file, in the format CI wants. */
import path from 'node:path';
import { t } from '../../i18n/index.js';
import { useColor } from '../../report/color.js';
import { loadReporter } from '../../report/load.js';
import { repositoryRoot } from '../../report/root.js';
import { formats, type Format, type ReportContext } from '../../report/types.js';
import type { Casebook, Lang, ValidationResult } from '../../types.js';
import { loadAndValidate } from '../../validate/index.js';
import { version } from '../../version.js';
import { CasebookError } from '../../errors.js';
import { staleSchemas } from '../copies.js';
import { choiceOf, didYouMean, parseCount, type GlobalOptions, type Io, loadOptionsFor } from '../io.js';

export interface ValidateCommandOptions extends GlobalOptions {
  format?: string;
  maxWarnings?: string;
  outputFile?: string;
}

export function reportContext(casebook: Casebook, io: Io, lang: Lang, color: boolean): ReportContext {
  const sources = new Map<string, string>();
  for (const file of [...casebook.cases, ...casebook.sources]) if (file.text !== undefined) sources.set(file.path, file.text);
  const files = casebook.cases.filter((c) => !casebook.focus || casebook.focus.has(c.path)).map((c) => c.path);
  // The repository root (a `git` process outside CI) only when a CI format asks for a path.
  let root: string | undefined;
  return {
    cwd: io.cwd,
    get root() {
      return (root ??= repositoryRoot(io.env, io.cwd));
    },
    files, lang, color, sources, version, ruleDescription: (rule) => t(lang, `rules.${rule}`),
  };
}

export function chooseFormat(requested: string | undefined, io: Io, lang: Lang): Format {
  if (requested === undefined) {
    if (io.env.GITHUB_ACTIONS === 'true') return 'github';
    // Azure Pipelines sets TF_BUILD on every agent.
    if (io.env.TF_BUILD?.toLowerCase() === 'true') return 'azure';
    return 'stylish';
  }
  const format = choiceOf(requested, formats);
  if (format === undefined) throw new CasebookError(t(lang, 'cli.badFormat', { format: requested, allowed: formats.join(', ') }) + didYouMean(requested, formats, lang));
  return format;
}

/**
 * Prints `result` in `format`. GitHub and Azure show only the first annotations of a step, so
 * the github and azure formats are followed by the full stylish report in the log.
 */
export async function printReport(result: ValidationResult, casebook: Casebook, format: Format, io: Io, lang: Lang, options: { outputFile?: string; color?: boolean }): Promise<void> {
  const toFile = options.outputFile !== undefined;
  const color = !toFile && options.color !== false && useColor(io.stdout, io.env);
  const context = reportContext(casebook, io, lang, color);
  let text = (await loadReporter(format))(result, context);
  // The readable report too: after the annotations of github and azure, or beside a report to a file.
  const stylish = format !== 'stylish' && (format === 'github' || format === 'azure' || toFile) ? await loadReporter('stylish') : undefined;
  if (format === 'github' || format === 'azure') text += stylish!(result, { ...context, color: false });
  if (toFile) {
    // Loaded here: util/write.js brings node:crypto (about 13 M instructions), which a report to stdout does not need.
    const { writeFileAtomic } = await import('../../util/write.js');
    await writeFileAtomic(path.resolve(io.cwd, options.outputFile!), text);
    // The file holds the report; the terminal still gets the readable version.
    if (stylish) io.stdout.write(stylish(result, { ...context, color: options.color !== false && useColor(io.stdout, io.env) }));
  } else {
    io.stdout.write(text);
  }
}

export async function validateCommand(paths: string[], options: ValidateCommandOptions, io: Io): Promise<number> {
  const lang0 = options.lang ?? 'nl';
  const format = chooseFormat(options.format, io, lang0);
  const maxWarnings = options.maxWarnings === undefined ? undefined : parseCount(options.maxWarnings, '--max-warnings', lang0);
  const { casebook, result } = await loadAndValidate(loadOptionsFor(options, io, paths));
  const lang = options.lang ?? casebook.config.language;
  // On stderr, so that a report on stdout (json, sarif) stays what it is.
  const stale = staleSchemas(casebook.config.root);
  if (stale.length > 0 && !options.quiet) io.stderr.write(t(lang, 'init.staleSchemas', { files: stale.join(', '), version }) + '\n');
  await printReport(result, casebook, format, io, lang, {
    ...(options.outputFile !== undefined ? { outputFile: options.outputFile } : {}),
    ...(options.color === false ? { color: false } : {}),
  });
  if (result.errors > 0) return 1;
  if (maxWarnings !== undefined && result.warnings > maxWarnings) {
    io.stderr.write(t(lang, 'report.maxWarnings', { count: result.warnings, max: maxWarnings }) + '\n');
    return 1;
  }
  return 0;
}
