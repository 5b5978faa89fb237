/**
 * Installing from the git repository (`npm install git+https://…`, here git+file://): npm
 * clones it, installs the development dependencies, builds dist/ through `prepare`, and
 * installs the result. The clone holds the current working tree, committed.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'vitest';
import { makeTree, repoRoot } from '../helpers.js';
import { installInto, useInstalled } from './install.js';

describe('installing from git', () => {
  it('installs from a git+file:// URL with no puppeteer variable set, and builds with the system browser', () => {
    const repo = path.join(makeTree({}), 'casebook');
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of files) {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      try {
        copyFileSync(path.join(repoRoot, file), path.join(repo, file));
      } catch {
        // Deleted in the working tree but not yet in the index.
      }
    }
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'snapshot');
    useInstalled(installInto(`git+${pathToFileURL(repo).href}`));
  }, 900_000);
});
