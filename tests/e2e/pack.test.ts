/** `npm pack` yields a package that installs and runs (bin, files, engines), as a user gets it. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, repoRoot } from '../helpers.js';

describe('the npm package', () => {
  it('installs from its tarball and runs init, validate and build --format html', () => {
    const dir = makeTree({});
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: repoRoot, stdio: 'ignore' });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const app = path.join(dir, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}\n');
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(dir, tarball)], {
      cwd: app, encoding: 'utf8', env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' }, timeout: 240_000,
    });
    expect(install.status, install.stderr).toBe(0);
    const bin = path.join(app, 'node_modules', '.bin', 'casebook');
    const run = (args: string[], cwd: string) => spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run(['--version'], app).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const book = path.join(app, 'boek');
    expect(run(['init', 'boek', '-q'], app).status).toBe(0);
    const validate = run(['validate'], book);
    expect(validate.stdout).toContain('Geen problemen gevonden');
    expect(validate.status).toBe(0);
    const build = run(['build', '--format', 'html'], book);
    expect(build.status, build.stderr).toBe(0);
    expect(readdirSync(path.join(book, 'dist'))).toEqual(['casusboek-sociaal-domein.html']);
  }, 300_000);
});
