/**
 * A case's Markdown may hold HTML that is never closed (`<table><tr><td>`, `<ul><li>`,
 * `<div>`). The sanitiser always runs and closes it within the field, so the rest of the book
 * (the next cases, the value index, the matrix) is not nested inside: checked in Chromium.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/render/browser.js';
import { EPOCH, caseYaml, makeTree, runInProcess } from '../helpers.js';

const UNCLOSED = { a: '<table><tr><td>Eerste cel', b: '<ul><li>Een punt', c: '<div>Een blok' };

describe('unclosed HTML in a case', () => {
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    const files: Record<string, string> = { 'casebook.yaml': 'title: Proefboek\ncases: [cases]\n' };
    for (const [id, html] of Object.entries(UNCLOSED)) {
      files[`cases/${id}.yaml`] = caseYaml({ id, title: `Casus ${id} met open HTML`, situation: JSON.stringify(html), values: '[maatwerk]' });
    }
    dir = makeTree(files);
    const result = await runInProcess(['build', '--format', 'html', '--drafts'], { cwd: dir, env: { SOURCE_DATE_EPOCH: EPOCH } });
    expect(result.code, result.stderr).toBe(0);
    ({ browser } = await launchBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays inside its field: later cases, the value index and the matrix are not nested in it', async () => {
    const page = await browser.newPage();
    const html = readdirSync(path.join(dir, 'dist')).find((name) => name.endsWith('.html'))!;
    await page.goto(pathToFileURL(path.join(dir, 'dist', html)).href);
    const nesting = await page.evaluate((ids: string[]) => {
      const later = ['value-index', 'matrix', ...ids.map((id) => `case-${id}`)];
      return ids.flatMap((id) => {
        const own = document.getElementById(`case-${id}`);
        if (!own) return [`case-${id} missing`];
        return later.filter((other) => other !== `case-${id}` && own.contains(document.getElementById(other))).map((other) => `${other} inside case-${id}`);
      }).concat(['value-index', 'matrix'].filter((id) => !document.getElementById(id)).map((id) => `${id} missing`));
    }, Object.keys(UNCLOSED));
    expect(nesting).toEqual([]);
    // The unclosed element is there, closed within the case's situation.
    const cell = await page.$eval('#case-a td', (td) => td.textContent);
    expect(cell).toBe('Eerste cel');
  });
});
