/**
 * `casebook tag [paths…]`: per case, the values it has next to the values its text suggests.
 * `--write` fills in values by splicing the file's text; `--check` turns gaps into exit code 1.
 */
import path from 'node:path';
import { CasebookError } from '../../errors.js';
import { plural, t } from '../../i18n/index.js';
import { useColor } from '../../report/color.js';
import { relativePath } from '../../report/util.js';
import { addValuesToSource, chooseModel, type CaseTags, type ModelChoice } from '../../tag/index.js';
import { tagTask } from './tag-task.js';
import { learnCommand } from './tag-learn.js';
import { tagJsonChunks, tagJsonEntry, tagJsonListChunks, tagText } from '../../report/tag.js';
import type { Casebook, Lang } from '../../types.js';
import { removeStaleTemps, replaceIfUnchanged } from '../../util/write.js';
import { escapeText } from '../../report/escape.js';
import { choiceOf, didYouMean, loadForCommand, type GlobalOptions, type Io } from '../io.js';

export interface TagCommandOptions extends GlobalOptions {
  format?: string;
  check?: boolean;
  write?: boolean;
  all?: boolean;
  threshold?: string;
  strong?: string;
  learn?: boolean;
  /** false with --no-model: the lexicon alone. */
  model?: boolean;
}

const tagFormats = ['text', 'json'] as const;
type TagFormat = (typeof tagFormats)[number];

export function parseTagFormat(requested: string | undefined, lang: Lang): TagFormat {
  if (requested === undefined) return 'text';
  const format = choiceOf(requested, tagFormats);
  if (format === undefined) throw new CasebookError(t(lang, 'tag.badFormat', { format: requested, allowed: tagFormats.join(', ') }) + didYouMean(requested, tagFormats, lang));
  return format;
}

/** A score from the command line: 0 to 1, with a decimal point or (Dutch) comma. */
export function parseScore(value: string, option: string, lang: Lang): number {
  const number = Number(value.trim().replace(',', '.'));
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1) {
    throw new CasebookError(t(lang, 'tag.badScore', { value, option }));
  }
  return number;
}

/** A broken values file means the built-in set stands in: tagging with it would be wrong. */
function assertValuesUsable(casebook: Casebook, lang: Lang): void {
  const valuesFile = casebook.config.valuesFile;
  if (valuesFile && casebook.messages.some((m) => m.file === valuesFile || (m.path === '/values' && m.rule === 'load/not-found'))) {
    throw new CasebookError(t(lang, 'tag.valuesBroken', { file: path.relative(casebook.config.root, valuesFile) || valuesFile }));
  }
}

/** Adds suggestions to the files that need them; returns the lines to report. */
async function writeValues(casebook: Casebook, results: CaseTags[], all: boolean, io: Io, lang: Lang): Promise<{ notes: string[]; failed: number }> {
  const notes: string[] = [];
  let written = 0;
  let failed = 0;
  // Temporary files of a run that was killed are cleaned up (they are never read as cases).
  for (const folder of new Set(results.map((r) => path.dirname(r.file)))) await removeStaleTemps(folder);
  for (const result of results) {
    const missing = result.suggestions.map((s) => s.id).filter((id) => !result.values.includes(id));
    const ids = all || result.values.length === 0 ? missing : [];
    if (ids.length === 0) continue;
    const file = escapeText(relativePath(io.cwd, result.file));
    const source = casebook.cases.find((c) => c.path === result.file)?.text;
    const outcome = source === undefined ? ({ ok: false, reason: 'syntax' } as const) : addValuesToSource(source, ids);
    if (!outcome.ok) {
      notes.push(t(lang, `tag.notWritten.${outcome.reason}`, { file }));
      failed++;
      continue;
    }
    if (!(await replaceIfUnchanged(result.file, source!, outcome.text))) {
      notes.push(t(lang, 'tag.notWritten.changed', { file }));
      failed++;
      continue;
    }
    result.values = [...result.values, ...outcome.added];
    notes.push(t(lang, 'tag.written', { file, ids: outcome.added.join(', ') }));
    written++;
  }
  if (written > 0) notes.push(plural(lang, 'tag.writtenCount', written));
  return { notes, failed };
}

function checkProblems(results: readonly CaseTags[], strong: number, io: Io, lang: Lang): string[] {
  const problems: string[] = [];
  for (const result of results) {
    const file = escapeText(relativePath(io.cwd, result.file));
    if (result.values.length === 0) {
      problems.push(t(lang, 'tag.check.noValues', { file }));
      continue;
    }
    // Strong means strong phrases: a build fails only on evidence a writer can read and weigh,
    // never on the model's words alone.
    for (const suggestion of result.suggestions) {
      if (suggestion.lexiconScore >= strong && !result.values.includes(suggestion.id)) {
        problems.push(t(lang, 'tag.check.missesStrong', { file, id: suggestion.id, score: suggestion.lexiconScore.toFixed(2) }));
      }
    }
  }
  return problems;
}

/** What the report says about the model used: the team's, or why a team model was not used. */
function modelNotes(choice: ModelChoice, lang: Lang): string[] {
  const file = escapeText(choice.file ?? '');
  if (choice.kind === 'team') return [t(lang, 'tag.model.team', { file, cases: plural(lang, 'tag.cases', choice.cases ?? 0) })];
  return choice.problem ? [t(lang, `tag.model.${choice.problem}`, { file })] : [];
}

export async function tagCommand(paths: string[], options: TagCommandOptions, io: Io): Promise<number> {
  const lang0 = options.lang ?? 'nl';
  const format = parseTagFormat(options.format, lang0);
  if (options.learn) return learnCommand(paths, options, format, io);
  if (options.all && !options.write) throw new CasebookError(t(lang0, 'tag.allNeedsWrite'));
  const threshold = options.threshold === undefined ? undefined : parseScore(options.threshold, '--threshold', lang0);
  const strongFlag = options.strong === undefined ? undefined : parseScore(options.strong, '--strong', lang0);
  // Each case is tagged right after it is read, while its node tree (for placing evidence) is
  // at hand: in worker threads for a large casebook. Only --write needs a case's text after.
  // The JSON shows no positions: without them no node tree is built and nothing is placed.
  const positions = format !== 'json';
  const tagOptions = threshold === undefined ? { positions } : { threshold, blendThreshold: threshold, positions };
  const tagged = new Map<string, CaseTags>();
  // JSON alone (no --write or --check, which read the suggestions again): each case's entry is
  // made as soon as it is tagged, and only its text is kept.
  const entries = format === 'json' && !options.write && !options.check ? new Map<string, string>() : undefined;
  const onTagged = entries ? (file: string, tags: CaseTags) => entries.set(file, tagJsonEntry(tags, io.cwd)) : (file: string, tags: CaseTags) => tagged.set(file, tags);
  const task = tagTask({ tag: tagOptions, model: options.model !== false, keepText: Boolean(options.write), tree: positions }, onTagged);
  const casebook = await loadForCommand(options, io, paths, { task });
  const lang = options.lang ?? casebook.config.language;
  assertValuesUsable(casebook, lang);
  const strong = strongFlag ?? casebook.config.tagging.strongThreshold;
  // The model the threads used, for the report's note on it.
  const choice: ModelChoice = options.model === false ? { kind: 'lexicon' } : chooseModel(casebook);
  const inFocus = casebook.cases.filter((c) => !casebook.focus || casebook.focus.has(c.path));
  const results = inFocus.flatMap((c) => tagged.get(c.path) ?? []);
  const wasTagged = (file: string) => (entries ? entries.has(file) : tagged.has(file));

  // Files that did not parse are not tagged, and never written to.
  const notes = modelNotes(choice, lang);
  notes.push(...inFocus.filter((c) => !wasTagged(c.path)).map((c) => t(lang, 'tag.skipped', { file: escapeText(relativePath(io.cwd, c.path)) })));
  let failedWrites = 0;
  if (options.write) {
    const outcome = await writeValues(casebook, results, Boolean(options.all), io, lang);
    notes.push(...outcome.notes);
    failedWrites = outcome.failed;
  }

  if (format === 'json') {
    const chunks = entries ? tagJsonListChunks(inFocus.flatMap((c) => entries.get(c.path) ?? [])) : tagJsonChunks(results, io.cwd);
    for (const chunk of chunks) io.stdout.write(chunk);
    for (const note of notes) io.stderr.write(`${note}\n`);
  } else {
    const color = options.color !== false && useColor(io.stdout, io.env);
    io.stdout.write(tagText(results, { cwd: io.cwd, lang, color, quiet: Boolean(options.quiet) }));
    for (const note of notes) io.stdout.write(`${note}\n`);
  }

  let exitCode = failedWrites > 0 ? 1 : 0;
  if (options.check) {
    const problems = checkProblems(results, strong, io, lang);
    for (const problem of problems) io.stderr.write(`${problem}\n`);
    if (problems.length > 0) {
      io.stderr.write(`${plural(lang, 'tag.check.failed', problems.length)}\n`);
      exitCode = 1;
    }
  }
  return exitCode;
}
