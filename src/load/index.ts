/**
 * Stage 1 of the pipeline: load. Finds casebook.yaml, reads the value set and the lists,
 * collects the case files and parses each one with positions kept.
 */
import path from 'node:path';
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { CaseFile, Casebook, Lang, SourceFile } from '../types.js';
import { findConfigFile, loadConfig, resolveConfigArgument } from './config.js';
import { collectCaseFiles } from './files.js';
import { readSource } from './parse.js';

export { findConfigFile, loadBuiltInValues, CONFIG_FILE } from './config.js';
export { parseSource, readSource } from './parse.js';
export { locate, locateText, rangePosition, pointerSegments, toPointer } from './position.js';

export interface LoadOptions {
  /** Folder to start from (default: the current folder). */
  cwd?: string;
  /** casebook.yaml, or the folder that holds it (`--casebook`). */
  casebook?: string;
  /** Case files or folders to load instead of the casebook's `cases` (relative to cwd). */
  paths?: string[];
  /** Language of messages (default: the casebook's language). */
  lang?: Lang;
}

/** The id a case is known by: its `id` field, or the file name without extension. */
export function caseId(file: SourceFile): string {
  const id = file.data?.id;
  return typeof id === 'string' && id.trim() !== '' ? id : path.basename(file.path).replace(/\.ya?ml$/i, '');
}

/** How many files are read at once: enough to keep the disk busy, few enough for small machines. */
const READ_CONCURRENCY = 64;

async function readAll(files: string[], lang: Lang): Promise<CaseFile[]> {
  const results: CaseFile[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const source = await readSource(files[index]!, { lang });
      results[index] = Object.assign(source, { id: caseId(source) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  return results;
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
  else configFile = findConfigFile(cwd);
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
    : { files: [], messages: [] };
  // The values file is data, not a case, even when it sits in a case folder.
  const skip = new Set([configFile, loaded.config.valuesFile].filter(Boolean));
  const caseFiles = [...new Set([...collected.files, ...context.files])].filter((f) => !skip.has(f)).sort();
  const cases = await readAll(caseFiles, lang);
  const messages = [...loaded.messages, ...collected.messages];
  const casebook: Casebook = { config: loaded.config, values: loaded.values, cases, messages, sources: loaded.sources };
  if (hasPaths) casebook.focus = new Set(collected.files);
  return casebook;
}
