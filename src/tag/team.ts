/**
 * A team's own model: `casebook tag --learn` trains it on the casebook's tagged cases
 * (published and in review) and keeps it in the casebook folder (.casebook/tagger.json, or
 * `tagging.model` in casebook.yaml); `casebook tag` uses it when it is there. With the
 * built-in value set the team's cases are added to the built-in training cases; with a set of
 * its own, the team's cases are all there is. The file is untrusted input like any other.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { caseStatus, caseValueIds } from '../case/index.js';
import { dataDir } from '../paths.js';
import { isInsideReal, readRegularFile } from '../load/contain.js';
import type { Casebook } from '../types.js';
import { writeFileAtomic } from '../util/write.js';
import { modelFits, type TaggerModel, type TaggerModelData } from './model.js';
import { builtInModel, readModel, storedModel } from './model-file.js';
import { trainTagger, type TrainingCase, type TrainResult } from './train.js';

export const DEFAULT_TEAM_MODEL = '.casebook/tagger.json';
/** Fewer tagged cases than this teach a model nothing a cross-validation could show. */
export const MIN_TAGGED_CASES = 20;
/** And each value needs this many cases that have it. */
export const MIN_CASES_PER_VALUE = 4;
const MAX_MODEL_BYTES = 64 * 1024 * 1024;

export function teamModelFile(casebook: Pick<Casebook, 'config'>): string {
  return path.resolve(casebook.config.root, casebook.config.tagging.model ?? DEFAULT_TEAM_MODEL);
}

export type ModelChoice = {
  /** `team`: the casebook's own; `built-in`: the shipped one (built-in values); `lexicon`: none. */
  kind: 'team' | 'built-in' | 'lexicon';
  model?: TaggerModel;
  /** The team model's file (relative to the root), when there is one. */
  file?: string;
  /** Why a team model that is there was not used. */
  problem?: 'unreadable' | 'other-values' | 'outside';
  /** How many cases the team model learned from. */
  cases?: number;
};

function readTeamModel(casebook: Pick<Casebook, 'config' | 'values'>, file: string): { model?: TaggerModel; problem?: ModelChoice['problem'] } {
  if (!isInsideReal(casebook.config.root, file)) return { problem: 'outside' };
  let model: TaggerModel | undefined;
  try {
    model = readModel(JSON.parse(readRegularFile(file, MAX_MODEL_BYTES).toString('utf8')), file);
  } catch {
    model = undefined;
  }
  if (!model) return { problem: 'unreadable' };
  return modelFits(model, casebook.values.values.map((v) => v.id)) ? { model } : { problem: 'other-values' };
}

/** The model `casebook tag` uses for this casebook: the team's, else the built-in one for the built-in set. */
export function chooseModel(casebook: Pick<Casebook, 'config' | 'values'>): ModelChoice {
  const file = teamModelFile(casebook);
  const relative = path.relative(casebook.config.root, file);
  let problem: ModelChoice['problem'];
  if (existsSync(file)) {
    const team = readTeamModel(casebook, file);
    if (team.model) return { kind: 'team', model: team.model, file: relative, cases: team.model.training.teamCases ?? team.model.training.cases };
    problem = team.problem;
  }
  const builtIn = casebook.values.source === 'built-in' ? builtInModel() : null;
  if (builtIn && modelFits(builtIn, casebook.values.values.map((v) => v.id))) return { kind: 'built-in', model: builtIn, ...(problem ? { problem, file: relative } : {}) };
  return { kind: 'lexicon', ...(problem ? { problem, file: relative } : {}) };
}

/** The built-in training cases (data/tagger-training.json, written by `npm run train:tagger`). */
export function builtInTrainingCases(): TrainingCase[] {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, 'tagger-training.json'), 'utf8')) as TrainingCase[];
  } catch {
    return [];
  }
}

/** The casebook's cases a team model learns from: published or in review, with values of the set. */
export function teamTrainingCases(casebook: Casebook): TrainingCase[] {
  const ids = new Set(casebook.values.values.map((v) => v.id));
  return casebook.cases
    .filter((file) => file.data && caseStatus(file.data) !== 'draft')
    .map((file) => ({ id: path.relative(casebook.config.root, file.path), data: file.data!, labels: caseValueIds(file.data).filter((id) => ids.has(id)) }))
    .filter((c) => c.labels.length > 0)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A training case's case id: its own `id`, or the file name without extension (the spec's default). */
function caseIdOfTraining(c: TrainingCase): string {
  const own = (c.data as { id?: unknown }).id;
  return typeof own === 'string' && own !== '' ? own : path.basename(c.id).replace(/\.ya?ml$/i, '');
}

export type LearnOutcome =
  | { ok: true; result: TrainResult; teamCases: number; withBuiltIn: boolean }
  | { ok: false; cases: number; perValue: Array<{ id: string; count: number }> };

/** Trains the team's model, or says why not: too few tagged cases, in all or for a value. */
export function learnTeamModel(casebook: Casebook): LearnOutcome {
  const team = teamTrainingCases(casebook);
  const perValue = casebook.values.values.map((v) => ({ id: v.id, count: team.filter((c) => c.labels.includes(v.id)).length }));
  if (team.length < MIN_TAGGED_CASES || perValue.some((v) => v.count < MIN_CASES_PER_VALUE)) return { ok: false, cases: team.length, perValue };
  const builtIn = casebook.values.source === 'built-in' ? builtInModel() : null;
  if (!builtIn) {
    const result = trainTagger(team, casebook.values);
    result.model.training.teamCases = team.length;
    return { ok: true, result, teamCases: team.length, withBuiltIn: false };
  }
  // The built-in set: the team's cases join the built-in ones; the settings that need many
  // cases to choose well (regularisation, field weights) stay the built-in model's.
  // A team that started from the example casebook or copied shipped cases keeps their file
  // names, not their folders: the same case id is the same case, whatever its path.
  const teamIds = new Set(team.map((c) => caseIdOfTraining(c)));
  const shipped = builtInTrainingCases().filter((c) => !teamIds.has(caseIdOfTraining(c)));
  const all = [...shipped, ...team];
  const fixed = { lambda: builtIn.training.lambda, fieldWeights: builtIn.fieldWeights };
  const result = trainTagger(all, casebook.values, { fixed, reportOn: (index) => index >= shipped.length });
  result.model.training.teamCases = team.length;
  return { ok: true, result, teamCases: team.length, withBuiltIn: true };
}

/** The model's path leads out of the casebook folder (a link): nothing is written. */
export class TeamModelOutside extends Error {
  constructor(readonly file: string) {
    super(`outside the casebook: ${file}`);
  }
}

/** Writes the team's model into the casebook folder, whole or not at all. */
export async function saveTeamModel(casebook: Casebook, data: TaggerModelData): Promise<string> {
  const file = teamModelFile(casebook);
  const inside = () => isInsideReal(casebook.config.root, file);
  if (!inside()) throw new TeamModelOutside(file);
  mkdirSync(path.dirname(file), { recursive: true });
  if (!inside()) throw new TeamModelOutside(file);
  await writeFileAtomic(file, `${JSON.stringify(storedModel(data))}\n`);
  return file;
}
