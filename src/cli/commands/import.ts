/** `casebook import <file>`: an existing casebook into draft cases, with a summary of what went where. */
import path from 'node:path';
import { CasebookError } from '../../errors.js';
import { plural, t } from '../../i18n/index.js';
import { importFile } from '../../import/index.js';
import type { Lang } from '../../types.js';
import { AtomicWriteError, writeFilesAtomic } from '../../util/write.js';
import { describeIoError } from '../../build/index.js';
import { type GlobalOptions, type Io, loadForCommand, parseCount } from '../io.js';

export interface ImportCommandOptions extends GlobalOptions {
  splitOn?: string;
  domain?: string;
  dryRun?: boolean;
}

/** Control characters of the source never reach the terminal. */
const printable = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, '');

export async function importCommand(file: string, options: ImportCommandOptions, io: Io): Promise<number> {
  const casebook = await loadForCommand(options, io);
  const lang: Lang = options.lang ?? casebook.config.language;
  const source = path.resolve(io.cwd, file);
  const result = await importFile(casebook, source, {
    lang,
    ...(options.splitOn !== undefined ? { splitOn: parseCount(options.splitOn, '--split-on', lang) } : {}),
    ...(options.domain !== undefined ? { domain: options.domain } : {}),
  });

  if (!options.dryRun) {
    try {
      await writeFilesAtomic(result.files.map((f) => ({ file: f.file, data: f.text })), { exclusive: true });
    } catch (error) {
      if (!(error instanceof AtomicWriteError)) throw error;
      if (error.code === 'EEXIST') throw new CasebookError(t(lang, 'import.exists', { file: path.relative(io.cwd, error.file) }));
      throw new CasebookError(t(lang, 'import.writeFailed', { file: path.relative(io.cwd, error.file), code: describeIoError(error.cause, lang) }));
    }
  }

  const say = (key: string, params?: Record<string, string | number>) => printable(t(lang, `import.summary.${key}`, params));
  const lines: string[] = [];
  lines.push(say('read', { file: path.relative(io.cwd, source) || source, kind: t(lang, `import.summary.kinds.${result.kind}`), level: result.level, chosen: result.levelChosen ? t(lang, 'import.summary.chosen') : '' }));
  lines.push(printable(plural(lang, options.dryRun ? 'import.summary.dryRun' : 'import.summary.cases', result.files.length)));
  let privacyTotal = 0;
  let privacyCases = 0;
  for (const f of result.files) {
    lines.push(say('case', { file: path.relative(io.cwd, f.file), heading: f.case.heading }));
    const mapped = f.case.mapping.filter((m) => !m.own).map((m) => {
      const extra = m.field === 'options' ? ` (${say('options', { count: f.case.options.length })})` : m.field === 'legal' ? ` (${say('legal', { count: f.case.legal.length })})` : '';
      return `${m.heading} → ${m.field}${extra}`;
    });
    if (mapped.length > 0) lines.push(say('mapped', { list: mapped.join(', ') }));
    const own = f.case.mapping.filter((m) => m.own).map((m) => `"${m.heading}"`);
    if (own.length > 0) lines.push(say('own', { list: own.join(', ') }));
    lines.push(say(`domain.${options.domain ? 'given' : f.case.domainFrom}`, { domain: f.domain }));
    if (f.unresolvedRelated.length > 0) lines.push(say('unresolved', { list: f.unresolvedRelated.map((r) => `"${r}"`).join(', ') }));
    if (f.privacy.length === 0) lines.push(say('privacyNone'));
    else {
      privacyTotal += f.privacy.length;
      privacyCases++;
      lines.push(say('privacy', { count: f.privacy.length }));
      for (const finding of f.privacy) lines.push(say('privacyLine', { field: finding.field, message: finding.message, rule: finding.rule }));
    }
    if (f.suggestions.length > 0) lines.push(say('suggestions', { values: f.suggestions.map((s) => s.id).join(', ') }));
  }
  if (result.skipped.length > 0) {
    const list = result.skipped.map((s) => say('blocks', { heading: s.heading ?? t(lang, 'import.summary.frontMatter'), count: s.blocks }));
    lines.push(say('skipped', { list: list.join(', ') }));
  }
  if (privacyTotal > 0) lines.push(say('privacyTotal', { count: privacyTotal, cases: plural(lang, 'stats.cases', privacyCases) }));
  lines.push(say('next'));
  if (!options.quiet || privacyTotal > 0) io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
