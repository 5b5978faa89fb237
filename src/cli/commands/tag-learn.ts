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
import type { CvFigures, TrainingSummary } from '../../tag/index.js';
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

/** A share as a whole number out of 100, written the language's way. */
const outOf100 = (share: number, lang: Lang) => Math.round(share * 100).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL');

/**
 * What `tag --learn` tells the team, in plain words: the cross-validated micro-F1 as a score
 * out of 100, with what it weighs (how many of the values the team gave are suggested:
 * recall; how many suggestions are right: precision), for the model and the lexicon alone,
 * and what `tag` does with the model from now on.
 */
export function learnReport(learned: { training: TrainingSummary; teamCases: number; withBuiltIn: boolean; file: string }, lang: Lang): string[] {
  const { training } = learned;
  const file = escapeText(learned.file);
  const figures = (f: CvFigures) => t(lang, 'tag.learn.figures', { score: outOf100(f.micro, lang), found: outOf100(f.recall, lang), right: outOf100(f.precision, lang) });
  const extra = learned.withBuiltIn ? t(lang, 'tag.learn.withBuiltIn', { builtIn: training.cases - learned.teamCases }) : '';
  return [
    t(lang, 'tag.learn.learned', { cases: plural(lang, 'tag.learn.taggedCases', learned.teamCases), extra }),
    t(lang, 'tag.learn.tested', { folds: training.folds }),
    t(lang, 'tag.learn.withModel', { figures: figures(training.blend) }),
    t(lang, 'tag.learn.lexiconAlone', { figures: figures(training.lexicon) }),
    t(lang, 'tag.learn.scoreMeans'),
    training.blend.micro > training.lexicon.micro ? t(lang, 'tag.learn.helps') : t(lang, `tag.learn.helpsNot.${learned.withBuiltIn ? 'built-in' : 'own'}`, { file }),
    t(lang, 'tag.learn.saved', { file }),
  ];
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
  const lines = learnReport({ training, teamCases: outcome.teamCases, withBuiltIn: outcome.withBuiltIn, file: relative }, lang);
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
