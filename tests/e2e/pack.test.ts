/**
 * `npm pack` yields a package that installs and runs as a user gets it: no puppeteer
 * variable set, nothing downloaded but the registry's packages, and `build` finds the
 * system browser. `npm publish --dry-run` accepts it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, repoRoot } from '../helpers.js';
import { cleanEnv, installInto, useInstalled } from './install.js';

describe('the npm package', () => {
  it('installs from its tarball with no puppeteer variable set, and builds HTML and PDF with the system browser', () => {
    const dir = makeTree({});
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: repoRoot, stdio: 'ignore' });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    useInstalled(installInto(path.join(dir, tarball)));
  }, 600_000);

  it('is ready to publish: npm publish --dry-run passes, with a LICENSE and the metadata a registry page shows', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(pkg.repository.url).toMatch(/^git\+https:\/\//);
    expect(pkg.bugs.url).toMatch(/^https:\/\//);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.engines.node).toBe('>=20.19');
    // Installing from git builds dist/ through `prepare`.
    expect(pkg.scripts.prepare).toBe('npm run build:ts');
    expect(pkg.dependencies.puppeteer).toBeUndefined();
    expect(pkg.dependencies['puppeteer-core']).toMatch(/^\^24\./);
    const home = makeTree({});
    const result = spawnSync('npm', ['publish', '--dry-run', '--ignore-scripts', '--json'], { cwd: repoRoot, encoding: 'utf8', env: cleanEnv(home), timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    const files = (JSON.parse(result.stdout).casebook?.files ?? JSON.parse(result.stdout).files).map((f: { path: string }) => f.path);
    for (const needed of ['LICENSE', 'README.md', 'bin/casebook.js', 'dist/index.js', 'dist/cli/main.js', 'dist/bundle/cli.js', 'dist/tag/lexicon.precompiled.json', 'schemas/case.schema.json', 'templates/init/azure-pipelines.yml', 'data/messages/nl/core.yaml']) {
      expect(files).toContain(needed);
    }
    expect(files.some((f: string) => f.startsWith('tests/') || f.startsWith('src/'))).toBe(false);
  }, 180_000);
});
