/**
 * bin/casebook.js runs the bundled CLI (scripts/bundle-cli.mjs): the ES modules a command
 * loads from dist/ are files of dist/bundle/, and a command still loads only what it needs
 * (the chunks of the render stay unread by validate).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliPath, makeTree, repoRoot, testEnv, withGeneratedCasebook } from '../helpers.js';

/** The files of dist/ that a run of the CLI imports as ES modules (a resolve hook records them). */
function modulesLoadedBy(args: string[], cwd: string): string[] {
  const dir = makeTree({});
  const log = path.join(dir, 'loaded.txt');
  const hook = path.join(dir, 'hook.mjs');
  writeFileSync(
    hook,
    `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`,
  );
  writeFileSync(log, '');
  const register = `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hook).href)});`;
  execFileSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, cliPath, ...args], { cwd, env: testEnv(), stdio: 'ignore' });
  const dist = path.join(repoRoot, 'dist') + path.sep;
  return [...new Set(readFileSync(log, 'utf8').split('\n'))]
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url))
    .filter((file) => file.startsWith(dist))
    .map((file) => path.relative(repoRoot, file).split(path.sep).join('/'));
}

/** The CommonJS files a run of the CLI requires, from NODE_DEBUG=module's report. */
function requiredBy(args: string[], cwd: string): string[] {
  const run = spawnSync(process.execPath, [cliPath, ...args], { cwd, env: testEnv({ NODE_DEBUG: 'module' }), encoding: 'utf8' });
  expect(run.status, run.stderr.slice(-2000)).toBe(0);
  return [...new Set([...run.stderr.matchAll(/^MODULE \d+: load "([^"]+)"/gm)].map((m) => path.relative(repoRoot, m[1]!).split(path.sep).join('/')))];
}

/** The modules of dist/ inside the loaded bundle files, by the `// dist/…` line esbuild puts above each. */
const bundledModules = (files: string[]): string[] =>
  files.flatMap((file) => [...readFileSync(path.join(repoRoot, file), 'utf8').matchAll(/^\/\/ (dist\/\S+\.js)$/gm)].map((m) => m[1]!));

describe('the bundled command line', () => {
  // The example casebook of the repository.
  const casebook = repoRoot;

  it('validate imports only files of dist/bundle/, with the validate stage in them and no render', () => {
    const loaded = modulesLoadedBy(['validate', '--format', 'json'], casebook);
    expect(loaded).toContain('dist/bundle/cli.js');
    expect(loaded.filter((file) => !file.startsWith('dist/bundle/'))).toEqual([]);
    const modules = bundledModules(loaded);
    expect(modules).toContain('dist/cli/main.js');
    expect(modules).toContain('dist/validate/index.js');
    expect(modules).toContain('dist/load/index.js');
    expect(modules.filter((m) => m.startsWith('dist/render/') || m.startsWith('dist/build/'))).toEqual([]);
  });

  it('build --format html loads the render from the bundle too', () => {
    const out = makeTree({});
    const loaded = modulesLoadedBy(['build', '--format', 'html', '--out', out, '--quiet'], casebook);
    expect(loaded.filter((file) => !file.startsWith('dist/bundle/'))).toEqual([]);
    const modules = bundledModules(loaded);
    expect(modules).toContain('dist/build/index.js');
    expect(modules.some((m) => m.startsWith('dist/render/'))).toBe(true);
  });

  it('requires the yaml package and the handlebars runtime as the one-file copies in dist/bundle/vendor/', () => {
    // One generated case in twenty takes the full YAML path (bench/generate.mjs).
    const validated = withGeneratedCasebook(20, (dir) => requiredBy(['validate', '--format', 'json'], dir));
    expect(validated).toContain('dist/bundle/vendor/yaml.cjs');
    expect(validated.filter((file) => file.includes('node_modules/yaml/'))).toEqual([]);
    const built = requiredBy(['build', '--format', 'html', '--out', makeTree({}), '--quiet'], repoRoot);
    expect(built).toContain('dist/bundle/vendor/handlebars-runtime.cjs');
    expect(built.filter((file) => file.includes('node_modules/handlebars/'))).toEqual([]);
  });
});
