/** Shared test helpers: temporary casebooks and running the built CLI as a user would. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { generateCasebook } from '../bench/generate.mjs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Finding, MarkdownRenderer } from '../src/render/markdown.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cliPath = path.join(repoRoot, 'bin', 'casebook.js');
export const fixtures = path.join(repoRoot, 'tests', 'fixtures');

/** Creates a temporary folder with the given files (path → content) and returns its path. */
export function makeTree(files: Record<string, string | Uint8Array>, prefix = 'casebook-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment a test's CLI run gets: this process's, without colour, and without the
 * variables that CI runners and the user set (CI, GITHUB_ACTIONS, TF_BUILD, GITLAB_CI,
 * their workspace folders, CASEBOOK_LANG), so a test behaves the same on a laptop and in CI;
 * `extra` adds or (with undefined) removes variables.
 */
export function testEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    ...process.env, NO_COLOR: '1', CASEBOOK_LANG: undefined,
    CI: undefined, GITHUB_ACTIONS: undefined, TF_BUILD: undefined, GITLAB_CI: undefined,
    GITHUB_WORKSPACE: undefined, CI_PROJECT_DIR: undefined, BUILD_SOURCESDIRECTORY: undefined,
    ...extra,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env as NodeJS.ProcessEnv;
}

/** Runs `casebook …` in `cwd` as a separate process, without colour unless asked. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string | undefined>; timeout?: number }): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: options.cwd, env: testEnv(options.env), encoding: 'utf8', timeout: options.timeout ?? 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** SOURCE_DATE_EPOCH for reproducible builds in tests: 2026-01-01T00:00:00Z. */
export const EPOCH = '1767225600';

/**
 * The built CLI in a child process, without blocking this one (a test server must keep
 * answering); `child` is there to signal it. Builds are reproducible (SOURCE_DATE_EPOCH).
 */
export function startCli(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd, env: testEnv({ SOURCE_DATE_EPOCH: EPOCH, ...options.env }) });
  const done = new Promise<CliResult>((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

/** A minimal valid case, with overrides as YAML lines appended. */
export function caseYaml(fields: Record<string, string> = {}): string {
  const base: Record<string, string> = {
    title: 'Een casus om te testen',
    status: 'draft',
    domains: '[wmo]',
    situation: 'Een inwoner vraagt hulp.',
    dilemma: 'Wat doen we?',
    ...fields,
  };
  return Object.entries(base).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n';
}

/**
 * The lines `after` has on top of `before`, when that is all that changed (one run of
 * added lines, everything else identical byte for byte); undefined otherwise.
 */
export function addedLines(before: string, after: string): string[] | undefined {
  const a = before.split('\n');
  const b = after.split('\n');
  let prefix = 0;
  while (prefix < a.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return prefix + suffix === a.length ? b.slice(prefix, b.length - suffix) : undefined;
}

/** Every .yaml/.yml file under `dir`, recursively. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []);
}

/** Every string in a YAML value, however deep. */
function yamlStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(yamlStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(yamlStrings);
  return [];
}

/** Every distinct string in the YAML files under `dirs` (files that do not parse are left out): the texts of casebooks. */
export function casebookTexts(dirs: string[]): string[] {
  return [...new Set(dirs.flatMap(yamlFiles).flatMap((file) => {
    try {
      return yamlStrings(parse(readFileSync(file, 'utf8')));
    } catch {
      return [];
    }
  }))];
}

/** The texts of the repository's casebooks (the example, the tagger sets, the hostile fixtures), and of `more` folders. */
export function repositoryTexts(more: string[] = []): string[] {
  return casebookTexts([path.join(repoRoot, 'cases'), ...['tagger-dev', 'tagger-train', 'xss', 'mistakes', 'broken'].map((d) => path.join(fixtures, d)), ...more]);
}

/** A text through `renderer` as a field of a case in the repository's casebook: its HTML and what it reported. */
export function renderMarkdown(renderer: MarkdownRenderer, text: string, block: boolean): { html: string; findings: Finding[] } {
  const findings: Finding[] = [];
  const source = { root: repoRoot, baseDir: path.join(repoRoot, 'cases'), lang: 'nl' as const, report: (f: Finding) => findings.push(f) };
  return { html: block ? renderer.block(text, source) : renderer.inline(text, source), findings };
}

/** Runs `work` on a generated casebook of `count` cases (the benchmark's generator), then removes it. */
export function withGeneratedCasebook<T>(count: number, work: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-generated-'));
  try {
    generateCasebook(dir, count);
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `casebook …` in this process (runCli from src/cli/main.ts) with captured output, the same
 * environment as runCli above gets (no colour, no GITHUB_ACTIONS, no CASEBOOK_LANG): much
 * faster than starting Node for every run. Use the process helpers above only where the
 * process itself matters (signals, hangs, memory limits, stdin, the installed package).
 */
export async function runInProcess(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  const { runCli: run } = await import('../src/cli/main.js');
  const env = testEnv(options.env);
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env, cwd: options.cwd });
  return { code, stdout, stderr };
}

/** The `# expect: …` comment lines of a fixture file, without the marker, sorted. */
export function expectMarkers(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('# expect: '))
    .map((line) => line.slice('# expect: '.length).trim())
    .sort();
}

/** The line after the files `build` wrote that says why drafts are not in the book ('' for none). */
export const draftsLine = (count: number): string => (count === 0 ? '' : count === 1
  ? 'Niet in het boek: 1 concept (status: draft). Met --drafts komt het erin, gemarkeerd als concept.\n'
  : `Niet in het boek: ${count} concepten (status: draft). Met --drafts komen ze erin, gemarkeerd als concept.\n`);
