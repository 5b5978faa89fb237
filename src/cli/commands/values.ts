/**
 * `casebook values`: the active set of core values (the casebook's own file, or the built-in
 * set). A values file with errors is reported like `validate` does, with positions, and the
 * command exits 1: the set it would show is not the one the casebook asks for.
 */
import { t } from '../../i18n/index.js';
import { findConfigFile } from '../../load/index.js';
import { loadConfig, resolveConfigArgument } from '../../load/config.js';
import { countSeverity } from '../../message.js';
import { reporters, useColor } from '../../report/index.js';
import { valuesJson, valuesText } from '../../report/tag.js';
import { version } from '../../version.js';
import type { GlobalOptions, Io } from '../io.js';
import { parseTagFormat } from './tag.js';

export interface ValuesCommandOptions extends GlobalOptions {
  format?: string;
}

export async function valuesCommand(options: ValuesCommandOptions, io: Io): Promise<number> {
  const lang0 = options.lang ?? 'nl';
  const format = parseTagFormat(options.format, lang0);
  const configFile = options.casebook ? resolveConfigArgument(options.casebook, io.cwd, lang0) : findConfigFile(io.cwd);
  const loaded = await loadConfig(configFile, io.cwd, lang0);
  const lang = options.lang ?? loaded.config.language;
  const color = options.color !== false && useColor(io.stdout, io.env);
  const valuesFile = loaded.config.valuesFile;
  const problems = loaded.messages.filter((m) => m.file === valuesFile || m.path === '/values');
  if (valuesFile && problems.length > 0) {
    const sources = new Map<string, string>();
    for (const source of loaded.sources) if (source.text !== undefined) sources.set(source.path, source.text);
    const result = { files: 1, cases: 0, errors: countSeverity(problems, 'error'), warnings: countSeverity(problems, 'warning'), messages: problems };
    io.stderr.write(reporters.stylish(result, { cwd: io.cwd, lang, color: options.color !== false && useColor(io.stderr, io.env), sources, version, ruleDescription: (rule) => t(lang, `rules.${rule}`) }));
    return 1;
  }
  io.stdout.write(format === 'json' ? valuesJson(loaded.values, io.cwd) : valuesText(loaded.values, { cwd: io.cwd, lang, color }));
  return 0;
}
