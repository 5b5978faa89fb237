/**
 * The CLI run in this process through runCli (src/cli/main.ts), for end-to-end tests where
 * the process itself does not matter (no signals, hangs or memory limits): much faster
 * than starting Node for every run.
 */
import { runCli } from '../src/cli/main.js';
import type { CliResult } from './helpers.js';

export async function runInProcess(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: undefined, CASEBOOK_LANG: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: env as NodeJS.ProcessEnv,
    cwd: options.cwd,
  });
  return { code, stdout, stderr };
}
