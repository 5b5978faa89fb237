/**
 * Installing casebook as a user does, for the pack and git tests: into a fresh project, with
 * no puppeteer variable set and a HOME of its own (so that a browser download would show as
 * ~/.cache/puppeteer there), then init, validate and a full build that must find the system
 * browser.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { EPOCH, makeTree } from '../helpers.js';

/** The environment of a user who never heard of puppeteer: no PUPPETEER_* variable, no CASEBOOK_BROWSER. */
export function cleanEnv(home: string): NodeJS.ProcessEnv {
  const cache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(PUPPETEER_|npm_config_puppeteer|CASEBOOK_)/i.test(key) || /^npm_/i.test(key)) continue;
    env[key] = value;
  }
  // The registry's packages come from the same cache as ever; everything else of npm's lives in the new HOME.
  return { ...env, HOME: home, npm_config_cache: cache, npm_config_update_notifier: 'false', NO_COLOR: '1' };
}

/** Installs `spec` (a tarball or a git URL) into a new project and returns the project's folder. */
export function installInto(spec: string): { app: string; home: string; env: NodeJS.ProcessEnv } {
  const root = makeTree({});
  const home = path.join(root, 'home');
  const app = path.join(root, 'app');
  mkdirSync(home);
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}\n');
  const env = cleanEnv(home);
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', spec], { cwd: app, encoding: 'utf8', env, timeout: 720_000 });
  expect(install.status, `${install.stdout}\n${install.stderr}`).toBe(0);
  return { app, home, env };
}

/** init, validate and a full build (HTML and PDF) with the installed casebook, as its README says. */
export function useInstalled({ app, home, env }: { app: string; home: string; env: NodeJS.ProcessEnv }): void {
  const bin = path.join(app, 'node_modules', '.bin', 'casebook');
  const run = (args: string[], cwd: string) => spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...env, SOURCE_DATE_EPOCH: EPOCH }, timeout: 180_000 });
  expect(run(['--version'], app).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  // No browser came with it: neither puppeteer's package nor a download into the cache.
  expect(existsSync(path.join(app, 'node_modules', 'puppeteer'))).toBe(false);
  expect(existsSync(path.join(app, 'node_modules', 'puppeteer-core'))).toBe(true);
  expect(existsSync(path.join(home, '.cache', 'puppeteer'))).toBe(false);
  const book = path.join(app, 'boek');
  expect(run(['init', 'boek', '-q'], app).status).toBe(0);
  const validate = run(['validate'], book);
  expect(validate.stdout).toContain('Geen problemen gevonden');
  expect(validate.status).toBe(0);
  const doctor = run(['doctor'], book);
  expect(doctor.stdout).toMatch(/^✔ Browser voor de PDF: \S+ \(.*\), gevonden op een standaardplek$/m);
  const build = run(['build'], book);
  expect(build.status, build.stderr).toBe(0);
  expect(readdirSync(path.join(book, 'dist')).sort()).toEqual(['casusboek-sociaal-domein.html', 'casusboek-sociaal-domein.pdf']);
}
