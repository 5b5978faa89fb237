// The labelled cases of the repository, for training and evaluating the tagger.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadCasebook } from '../../dist/load/index.js';
import { caseValueIds } from '../../dist/case/index.js';

/** The training folders: never tests/fixtures/tagger-unseen (the hold-out set). */
export function trainingDirs(root) {
  const dirs = [path.join(root, 'tests', 'fixtures', 'tagger-dev'), path.join(root, 'tests', 'fixtures', 'tagger-train'), path.join(root, 'cases')];
  return dirs.filter((dir) => existsSync(dir));
}

/** Labelled cases under `dirs` (cases without values are left out), sorted by path. */
export async function loadTrainingCases(root, dirs) {
  const casebook = await loadCasebook({ cwd: root, paths: dirs });
  // loadCasebook also reads the repository's own casebook (cases/) beside the paths it is
  // given: keep only what lies under `dirs`, or the hold-out set would include training cases.
  const inDirs = (file) => dirs.some((dir) => file.path === dir || file.path.startsWith(dir + path.sep));
  const files = casebook.cases
    .filter((file) => inDirs(file) && file.data && caseValueIds(file.data).length > 0)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const cases = files.map((file) => ({ id: path.relative(root, file.path), data: file.data, labels: caseValueIds(file.data), file }));
  return { values: casebook.values, cases };
}
