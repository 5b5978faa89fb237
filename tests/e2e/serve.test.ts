/** `casebook serve` as a user runs it: a real process, a real browser, real file edits. */
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/render/browser.js';
import { caseYaml, cliPath, makeTree, testEnv } from '../helpers.js';

let dir: string;
let child: ChildProcess;
let url: string;
let stderr = '';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = makeTree({
    'casebook.yaml': 'title: Live casusboek\n',
    'cases/wmo/eerste.yaml': caseYaml({ title: 'De eerste casus', status: 'published', values: '[maatwerk]' }),
    'cases/wmo/tweede.yaml': caseYaml({ title: 'De tweede casus', status: 'published', values: '[vertrouwen]' }),
  });
  child = spawn(process.execPath, [cliPath, 'serve', '--port', '0'], { cwd: dir, env: testEnv() });
  child.stderr!.on('data', (d) => (stderr += d));
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  ({ browser } = await launchBrowser());
  page = await browser.newPage();
  await page.goto(url);
});

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** Saves a file and waits until the open page has reloaded. */
async function editAndWait(file: string, content: string): Promise<void> {
  const reloaded = page.waitForNavigation({ timeout: 20_000 });
  writeFileSync(path.join(dir, file), content);
  await reloaded;
  // writeFileSync empties the file before it writes: on a busy machine the test can be paused
  // between the two for longer than serve waits for an editor to finish (60 ms), and serve then
  // builds the empty file once before it builds the saved one. Wait for that second build.
  for (let extra = 0; extra < 3 && (await page.content()).includes('yaml/empty'); extra++) {
    await page.waitForNavigation({ timeout: 20_000 });
  }
}

describe('casebook serve', () => {
  it('serves the HTML casebook on 127.0.0.1 only', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await page.title()).toContain('Live casusboek');
    expect(await page.content()).toContain('De eerste casus');
  });

  it('rebuilds and reloads the open page when a case changes', async () => {
    await editAndWait('cases/wmo/eerste.yaml', caseYaml({ title: 'Een nieuwe titel', status: 'published', values: '[maatwerk]' }));
    expect(await page.content()).toContain('Een nieuwe titel');
    expect(await page.content()).not.toContain('De eerste casus');
  });

  it('shows validation errors in the page and in the terminal, until they are fixed', async () => {
    await editAndWait('cases/wmo/tweede.yaml', caseYaml({ title: 'De tweede casus', domains: '[wmoo]' }));
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('Het casusboek kan niet worden gebouwd');
    expect(text).toContain("cases/wmo/tweede.yaml:3:11 'wmoo' is geen bekend domein; bedoelde je 'wmo'?");
    expect(stderr).toContain("cases/wmo/tweede.yaml:3:11  'wmoo' is geen bekend domein");
    await editAndWait('cases/wmo/tweede.yaml', caseYaml({ title: 'De tweede casus', status: 'published', values: '[vertrouwen]' }));
    expect(await page.content()).toContain('De tweede casus');
  });

  it('picks up every save: by rename (as vim, sed -i and safe-write editors do), in place after it, and a deleted and re-created file', async () => {
    const file = path.join(dir, 'cases/wmo/eerste.yaml');
    const temp = path.join(dir, 'cases/wmo/.eerste.yaml.tmp');
    let reloaded = page.waitForNavigation({ timeout: 20_000 });
    writeFileSync(temp, caseYaml({ title: 'Opgeslagen door hernoemen', status: 'published', values: '[maatwerk]' }));
    renameSync(temp, file);
    await reloaded;
    expect(await page.content()).toContain('Opgeslagen door hernoemen');
    // The second change, in place: the watch on the replaced file must still see it.
    await editAndWait('cases/wmo/eerste.yaml', caseYaml({ title: 'Daarna gewoon opgeslagen', status: 'published', values: '[maatwerk]' }));
    expect(await page.content()).toContain('Daarna gewoon opgeslagen');
    reloaded = page.waitForNavigation({ timeout: 20_000 });
    unlinkSync(file);
    await reloaded;
    expect(await page.content()).not.toContain('Daarna gewoon opgeslagen');
    await editAndWait('cases/wmo/eerste.yaml', caseYaml({ title: 'Opnieuw aangemaakt', status: 'published', values: '[maatwerk]' }));
    expect(await page.content()).toContain('Opnieuw aangemaakt');
    await editAndWait('cases/wmo/eerste.yaml', caseYaml({ title: 'En weer gewijzigd', status: 'published', values: '[maatwerk]' }));
    expect(await page.content()).toContain('En weer gewijzigd');
  });

  it('tells a page that connects late about a rebuild it missed while it was loading', async () => {
    // The page says which version it shows; a rebuild published before its event stream was
    // open (an edit right after a reload, on a busy machine) must still reach it.
    const shown = /data-version="(\d+)"/.exec(await page.content())?.[1];
    expect(Number(shown)).toBeGreaterThan(1);
    const firstEvents = (query: string) => new Promise<string>((resolve, reject) => {
      const request = get(`${url}__casebook/events?${query}`, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        setTimeout(() => { request.destroy(); resolve(text); }, 300);
      });
      request.on('error', reject);
    });
    expect(await firstEvents(`v=${Number(shown) - 1}`)).toContain(`event: reload\ndata: ${shown}`);
    expect(await firstEvents(`v=${shown}`)).not.toContain('event: reload');
  });

  it('rebuilds when casebook.yaml changes', async () => {
    await editAndWait('casebook.yaml', 'title: Een ander boek\n');
    expect(await page.title()).toContain('Een ander boek');
    expect(readFileSync(path.join(dir, 'casebook.yaml'), 'utf8')).toBe('title: Een ander boek\n');
  });

  it('stops cleanly on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('Gestopt.');
  });
});
