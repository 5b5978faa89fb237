import { describe, expect, it } from 'vitest';
import { CasebookError } from '../../src/errors.js';
import { findBrowser, launchArgs, needsNoSandbox, systemBrowserPaths } from '../../src/render/browser.js';

/** A fake file system holding exactly these files. */
const only = (...files: string[]) => (file: string) => files.includes(file);

describe('findBrowser', () => {
  it('takes PUPPETEER_EXECUTABLE_PATH first, even when a system browser exists', () => {
    const found = findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/opt/my/chrome' }, platform: 'linux', exists: only('/opt/my/chrome', '/usr/bin/chromium') });
    expect(found).toEqual({ path: '/opt/my/chrome', source: 'env' });
  });

  it('refuses a PUPPETEER_EXECUTABLE_PATH that points at nothing, in Dutch, rather than looking elsewhere', () => {
    const call = () => findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/nergens/chrome' }, platform: 'linux', exists: only('/usr/bin/chromium') });
    expect(call).toThrow(CasebookError);
    expect(call).toThrow('PUPPETEER_EXECUTABLE_PATH wijst naar /nergens/chrome, maar daar staat geen programma.');
  });

  it('finds the system browsers of Linux in order: Chromium before Chrome before Edge', () => {
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/usr/bin/google-chrome', '/usr/bin/microsoft-edge') }))
      .toEqual({ path: '/usr/bin/google-chrome', source: 'system' });
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/usr/bin/google-chrome', '/usr/bin/chromium') }))
      .toEqual({ path: '/usr/bin/chromium', source: 'system' });
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/opt/microsoft/msedge/msedge') }))
      .toEqual({ path: '/opt/microsoft/msedge/msedge', source: 'system' });
  });

  it('knows the usual places on macOS, including ~/Applications', () => {
    const paths = systemBrowserPaths('darwin', { HOME: '/Users/anna' });
    expect(paths[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(paths).toContain('/Users/anna/Applications/Chromium.app/Contents/MacOS/Chromium');
    expect(paths).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    expect(findBrowser({ env: { HOME: '/Users/anna' }, platform: 'darwin', exists: only('/Users/anna/Applications/Chromium.app/Contents/MacOS/Chromium') }))
      .toEqual({ path: '/Users/anna/Applications/Chromium.app/Contents/MacOS/Chromium', source: 'system' });
  });

  it('knows the usual places on Windows, from the environment', () => {
    const env = { PROGRAMFILES: 'D:\\Programs', 'PROGRAMFILES(X86)': 'D:\\Programs (x86)', LOCALAPPDATA: 'C:\\Users\\anna\\AppData\\Local' };
    const paths = systemBrowserPaths('win32', env);
    expect(paths[0]).toBe('D:\\Programs\\Google\\Chrome\\Application\\chrome.exe');
    expect(paths).toContain('C:\\Users\\anna\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(paths).toContain('D:\\Programs (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(findBrowser({ env, platform: 'win32', exists: only('D:\\Programs (x86)\\Microsoft\\Edge\\Application\\msedge.exe') }))
      .toEqual({ path: 'D:\\Programs (x86)\\Microsoft\\Edge\\Application\\msedge.exe', source: 'system' });
  });

  it("falls back to puppeteer's own cache, and only when that file exists", () => {
    const cached = '/root/.cache/puppeteer/chrome/linux-148/chrome-linux64/chrome';
    expect(findBrowser({ env: {}, platform: 'linux', exists: only(cached), puppeteerPath: () => cached }))
      .toEqual({ path: cached, source: 'puppeteer-cache' });
    expect(findBrowser({ env: {}, platform: 'linux', exists: only(), puppeteerPath: () => cached })).toBeUndefined();
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/usr/bin/chromium'), puppeteerPath: () => cached }))
      .toEqual({ path: '/usr/bin/chromium', source: 'system' });
  });
});

describe('launch flags', () => {
  it('keep the browser quiet and add --no-sandbox only when asked', () => {
    expect(launchArgs(false)).toEqual(['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']);
    expect(launchArgs(true)).toEqual([...launchArgs(false), '--no-sandbox']);
  });

  it('go without the sandbox on request: the flag, CASEBOOK_NO_SANDBOX=1, or running as root', () => {
    const root = process.getuid?.() === 0;
    expect(needsNoSandbox({}, true)).toBe(true);
    expect(needsNoSandbox({ CASEBOOK_NO_SANDBOX: '1' })).toBe(true);
    expect(needsNoSandbox({ CASEBOOK_NO_SANDBOX: '0' })).toBe(root);
    expect(needsNoSandbox({})).toBe(root);
  });
});
