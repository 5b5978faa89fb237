/**
 * `casebook tag --learn`: the team's own model, trained on the casebook's tagged cases and
 * kept in the casebook folder, with the cross-validated F1 of the signal phrases alone and of
 * the blend, so the team sees whether it helps. Refuses, saying what is missing, when there
 * are too few tagged cases.
 */
import path from 'node:path';
import { CasebookError } from '../../errors.js';
import { plural, t } from '../../i18n/index.js';
import { escapeText } from '../../report/escape.js';
import { learnTeamModel, MIN_CASES_PER_VALUE, MIN_TAGGED_CASES, saveTeamModel, TeamModelOutside, teamModelFile } from '../../tag/index.js';
import type { Lang } from '../../types.js';
import { loadForCommand, type GlobalOptions, type Io } from '../io.js';

interface LearnOptions extends GlobalOptions {
  check?: boolean;
  write?: boolean;
  all?: boolean;
  model?: boolean;
}

function refusal(outcome: { cases: number; perValue: Array<{ id: string; count: number }> }, lang: Lang): string {
  const lines = [t(lang, 'tag.learn.tooFew', { cases: outcome.cases, needed: MIN_TAGGED_CASES, perValue: MIN_CASES_PER_VALUE })];
  const short = outcome.perValue.filter((v) => v.count < MIN_CASES_PER_VALUE);
  if (short.length > 0) {
    lines.push(t(lang, 'tag.learn.shortHeading'));
    for (const v of short) lines.push(t(lang, 'tag.learn.short', { id: escapeText(v.id), count: v.count, perValue: MIN_CASES_PER_VALUE }));
  }
  return lines.join('\n');
}

export async function learnCommand(paths: string[], options: LearnOptions, format: 'text' | 'json', io: Io): Promise<number> {
  const lang0 = options.lang ?? 'nl';
  if (paths.length > 0) throw new CasebookError(t(lang0, 'tag.learn.notWithPaths'));
  if (options.check || options.write || options.all || options.model === false) throw new CasebookError(t(lang0, 'tag.learn.notWith'));
  const casebook = await loadForCommand(options, io);
  const lang = options.lang ?? casebook.config.language;
  const outcome = learnTeamModel(casebook);
  if (!outcome.ok) throw new CasebookError(refusal(outcome, lang));
  const { model } = outcome.result;
  const relative = path.relative(casebook.config.root, teamModelFile(casebook));
  try {
    await saveTeamModel(casebook, model);
  } catch (error) {
    if (error instanceof TeamModelOutside) throw new CasebookError(t(lang, 'tag.learn.outside', { file: escapeText(relative) }));
    throw error;
  }
  const { training } = model;
  if (format === 'json') {
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const figures = (f: typeof training.lexicon) => ({ micro: round(f.micro), macro: round(f.macro), precision: round(f.precision), recall: round(f.recall) });
    const report = { file: relative, cases: outcome.teamCases, withBuiltIn: outcome.withBuiltIn, folds: training.folds, lexicon: figures(training.lexicon), blend: figures(training.blend) };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const extra = outcome.withBuiltIn ? t(lang, 'tag.learn.withBuiltIn', { builtIn: training.cases - outcome.teamCases }) : '';
  const lines = [
    t(lang, 'tag.learn.learned', { cases: plural(lang, 'tag.learn.taggedCases', outcome.teamCases), extra }),
    t(lang, 'tag.learn.cv', { folds: training.folds, lexicon: training.lexicon.micro.toFixed(2), blend: training.blend.micro.toFixed(2) }),
    t(lang, training.blend.micro > training.lexicon.micro ? 'tag.learn.helps' : 'tag.learn.helpsNot', { file: escapeText(relative) }),
    t(lang, 'tag.learn.saved', { file: escapeText(relative) }),
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
