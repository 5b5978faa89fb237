import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, started first so that the other files fill the other worker
 * meanwhile: the real npm installs (most of their time is npm), then the PDF builds. Without
 * a results cache (a fresh clone, as in CI) vitest starts the largest files first, and the
 * installs, small files, would start last and run alone at the end.
 */
const LONGEST_FIRST = [
  'tests/e2e/install-git.test.ts',
  'tests/e2e/pack.test.ts',
  'tests/e2e/build.test.ts',
  'tests/e2e/build-hostile.test.ts',
  'tests/e2e/xss.test.ts',
  'tests/e2e/meeting.test.ts',
  'tests/e2e/word.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = LONGEST_FIRST.indexOf(path.relative(file.project.config.root, file.moduleId).split(path.sep).join('/'));
      return index < 0 ? LONGEST_FIRST.length : index;
    };
    return sorted.map((file, order) => ({ file, order })).sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order).map(({ file }) => file);
  }
}

export default defineConfig({
  test: {
    // PDF and browser tests start Chromium; on a 2-core machine they need room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest's default is one worker fewer than there are cores: on two cores, one file at a
    // time. Most long files wait on a child process (npm, Chromium, LibreOffice) much of the
    // time (the browser tests use about half a core), so one more file runs than there are cores.
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: LongestFirst },
    // Test files share their workers' processes and module state instead of a fresh process
    // per file: half the unit tests' CPU time went to starting workers and importing modules
    // again, and about 0.45 s CPU per e2e file (18 e2e files: 30.7 → 21.2 s CPU). A test must
    // therefore leave no global change behind: process.env restored, no mocks, no chdir, its
    // browsers and servers closed in afterAll.
    isolate: false,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'] } },
    ],
  },
});
