import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBrowser, checkFonts, checkNode } from '../../src/cli/commands/doctor.js';
import { BrowserLaunchError } from '../../src/render/browser.js';
import { caseYaml, makeTree, runInProcess } from '../helpers.js';

describe('casebook doctor', () => {
  it('says all is well where a build can run, naming the browser and how it was found', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': caseYaml() });
    const result = await runInProcess(['doctor'], { cwd: dir });
    expect(result.code).toBe(0);
    // The Node.js this test runs on may be past its end of life: then a warning, not a block.
    const supported = checkNode(process.versions.node, 'nl').ok;
    expect(result.stdout).toMatch(supported ? /^✔ Node\.js \d+\.\d+\.\d+ \(nodig: 20\.19 of nieuwer\)$/m : /^⚠ Node\.js \d+\.\d+\.\d+ werkt, maar krijgt sinds \d+ \w+ \d{4} geen beveiligingsupdates meer\.$/m);
    expect(result.stdout).toMatch(/^✔ Browser voor de PDF: \S+ \(.*\), (gevonden op een standaardplek|gekozen via PUPPETEER_EXECUTABLE_PATH)$/m);
    expect(result.stdout).toContain('✔ Casusboek: casebook.yaml, "Boek", 1 casusbestand');
    expect(result.stdout).toContain(supported ? 'Alles in orde: casebook build kan draaien.' : 'casebook build kan draaien, maar lees de waarschuwingen hierboven.');
  });

  it('fails, with what to do, when the browser does not start or is not there', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n' });
    const fake = path.join(dir, 'kapotte-chrome');
    writeFileSync(fake, '#!/bin/sh\nexit 3\n');
    chmodSync(fake, 0o755);
    const broken = await runInProcess(['doctor'], { cwd: dir, env: { PUPPETEER_EXECUTABLE_PATH: fake } });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`✖ De browser ${fake} (gekozen via PUPPETEER_EXECUTABLE_PATH) start niet`);
    expect(broken.stdout).toContain('CASEBOOK_NO_SANDBOX=1');
    const missing = await runInProcess(['doctor', '--lang', 'en'], { cwd: dir, env: { PUPPETEER_EXECUTABLE_PATH: '/nergens/chrome' } });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('PUPPETEER_EXECUTABLE_PATH points to /nergens/chrome');
    expect(missing.stdout).toContain('casebook build cannot run like this');
  });

  it('--browser names the browser for doctor and build; one that is not there is refused, not replaced by another', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\n', 'cases/a.yaml': caseYaml() });
    const named = await runInProcess(['doctor', '--browser', 'chromium'], { cwd: dir });
    expect(named.stdout).toMatch(/^✔ Browser voor de PDF: \/usr\/bin\/chromium \(.*\), gekozen met --browser$/m);
    const missing = await runInProcess(['build', '--drafts', '--browser', '/nergens/msedge.exe'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('casebook: --browser wijst naar /nergens/msedge.exe, maar daar staat geen programma');
    const fromEnv = await runInProcess(['doctor', '--lang', 'en'], { cwd: dir, env: { CASEBOOK_BROWSER: '/nergens/chrome' } });
    expect(fromEnv.stdout).toContain('CASEBOOK_BROWSER points to /nergens/chrome');
  });

  it('lists the errors in casebook.yaml and the values file with their positions', async () => {
    const dir = makeTree({ 'casebook.yaml': 'title: Boek\nvalues: waarden.yaml\nlanguage: fries\n', 'waarden.yaml': '- id: x\n  label: X\n', 'cases/a.yaml': caseYaml() });
    const result = await runInProcess(['doctor'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✖ Casusboek: 2 fouten in casebook.yaml of de kernwaarden:');
    expect(result.stdout).toMatch(/^ {4}casebook\.yaml:3:11 'fries' is geen bekende taal/m);
    expect(result.stdout).toMatch(/^ {4}waarden\.yaml:1:3 Het verplichte veld 'description' ontbreekt\.$/m);
    expect(result.stdout).toContain('✖ Kernwaarden: de eigen set waarden.yaml is niet bruikbaar');
  });

  it('says so when there is no casebook', async () => {
    const result = await runInProcess(['doctor'], { cwd: makeTree({}) });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✖ Geen casebook\.yaml gevonden/);
  });
});

describe('doctor checks', () => {
  it('knows which Node.js versions are too old', async () => {
    const spring2026 = new Date('2026-03-01T12:00:00Z');
    expect(checkNode('20.19.0', 'nl', spring2026).ok).toBe(true);
    expect(checkNode('22.1.0', 'nl', spring2026).ok).toBe(true);
    const old = checkNode('20.11.1', 'nl', spring2026);
    expect(old).toMatchObject({ ok: false, blocking: true });
    expect(old.advice).toBe('Installeer Node.js 20 LTS of 22 LTS: via de softwarecatalogus van IT, https://nodejs.org, of het pakketbeheer van je systeem.');
  });

  it('warns, without blocking, about a Node.js past its end of life, and names the LTS lines to install', async () => {
    const december2026 = new Date('2026-12-04T12:00:00Z');
    const ended = checkNode('20.19.0', 'nl', december2026);
    expect(ended).toMatchObject({ ok: false, blocking: false, text: 'Node.js 20.19.0 werkt, maar krijgt sinds 30 april 2026 geen beveiligingsupdates meer.' });
    expect(ended.advice).toContain('Installeer Node.js 22 LTS of 24 LTS');
    expect(checkNode('22.11.0', 'en', december2026)).toMatchObject({ ok: true, text: 'Node.js 22.11.0 (needed: 20.19 or newer)' });
    // An odd release line ends early too; a line newer than the table is taken as supported.
    expect(checkNode('25.2.0', 'en', december2026)).toMatchObject({ ok: false, blocking: false, text: 'Node.js 25.2.0 works, but has had no security updates since 1 June 2026.' });
    expect(checkNode('30.0.0', 'nl', december2026).ok).toBe(true);
  });

  it('warns, without blocking, about missing fonts', async () => {
    expect(checkFonts('nl', () => 'Liberation Serif\nLiberation Sans\nDejaVu Sans\n').ok).toBe(true);
    expect(checkFonts('nl', () => 'DejaVu Sans\n')).toMatchObject({ ok: false, blocking: false, text: expect.stringContaining('Liberation Serif, Liberation Sans') });
  });

  it('asks the launched browser for its version, and never runs it with --version', async () => {
    const env = { CASEBOOK_BROWSER: process.execPath };
    const asked: string[] = [];
    const check = await checkBrowser({ env, lang: 'nl', probe: async (options) => {
      asked.push(options.browser!);
      return 'HeadlessEdg/143.0.3650.66';
    } });
    expect(asked).toEqual([process.execPath]);
    expect(check).toMatchObject({ ok: true, text: `Browser voor de PDF: ${process.execPath} (HeadlessEdg/143.0.3650.66), gekozen via CASEBOOK_BROWSER` });
  });

  it("says what to ask IT when Edge's policies block the connection", async () => {
    const check = await checkBrowser({ env: {}, lang: 'en', browser: process.execPath, probe: async () => {
      throw new BrowserLaunchError('The browser msedge.exe starts but does not let casebook connect', true);
    } });
    expect(check).toMatchObject({ ok: false, blocking: true, text: expect.stringContaining('chosen with --browser') });
    expect(check.advice).toContain('RemoteDebuggingAllowed = 1');
    expect(check.advice).toContain('DeveloperToolsAvailability');
    expect(check.advice).toContain('edge://policy');
    const other = await checkBrowser({ env: {}, lang: 'en', browser: process.execPath, probe: async () => {
      throw new BrowserLaunchError('exit code 1', false);
    } });
    expect(other.advice).not.toContain('RemoteDebuggingAllowed');
  });

  it('says how to get a browser on purpose when there is none, and that casebook downloads none', async () => {
    // A Windows without Chrome or Edge (none of its paths exist here).
    const check = await checkBrowser({ env: { PATH: '' }, lang: 'en', platform: 'win32', probe: async () => 'never' });
    expect(check).toMatchObject({ ok: false, blocking: true });
    expect(check.advice).toContain('npx @puppeteer/browsers install chrome-headless-shell@stable');
    expect(check.advice).toContain('CASEBOOK_BROWSER');
  });
});
