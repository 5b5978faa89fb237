/**
 * The folder that CI paths are relative to: the repository root, so that annotations land on
 * the right lines when the casebook lives in a subfolder (docs/casusboek/). Each CI system
 * names its checkout; elsewhere git does; without git, the current folder.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';

/** The variables GitHub Actions, GitLab CI and Azure Pipelines set to the checkout folder, in that order. */
export const CHECKOUT_VARIABLES = ['GITHUB_WORKSPACE', 'CI_PROJECT_DIR', 'BUILD_SOURCESDIRECTORY'] as const;

/** `git rev-parse --show-toplevel` in `cwd`, or undefined outside a repository (or without git). */
export function gitTopLevel(cwd: string): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', timeout: 10_000, windowsHide: true });
  const top = result.status === 0 ? result.stdout.trim() : '';
  return top === '' ? undefined : path.resolve(top);
}

export function repositoryRoot(env: NodeJS.ProcessEnv, cwd: string, git: (cwd: string) => string | undefined = gitTopLevel): string {
  for (const name of CHECKOUT_VARIABLES) {
    const value = env[name];
    if (value) return path.resolve(cwd, value);
  }
  return git(cwd) ?? cwd;
}

const real = (file: string) => {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
};

/**
 * `file` relative to `root` with forward slashes; when it is not under root as spelled (a
 * symlinked temp folder, `C:` against `c:`), the real paths are compared; a file outside
 * the repository keeps its path relative to `cwd`.
 */
export function repositoryPath(root: string, cwd: string, file: string): string {
  const inside = (from: string, to: string) => {
    const relative = path.relative(from, to);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : undefined;
  };
  const relative = inside(root, file) ?? inside(real(root), real(file)) ?? (path.relative(cwd, file) || path.basename(file));
  return relative.split(path.sep).join('/');
}
