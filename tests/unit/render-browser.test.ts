import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CasebookError } from '../../src/errors.js';
import { blockedByPolicy, BrowserLaunchError, findBrowser, formatSeconds, launchArgs, launchBrowser, launchError, needsNoSandbox, onPath, systemBrowserPaths } from '../../src/render/browser.js';
import { makeTree } from '../helpers.js';

/** A fake file system holding exactly these files. */
const only = (...files: string[]) => (file: string) => files.includes(file);

describe('findBrowser', () => {
  it('takes --browser first, then CASEBOOK_BROWSER, then PUPPETEER_EXECUTABLE_PATH, before any system browser', () => {
    const exists = only('/opt/a/chrome', '/opt/b/chrome', '/opt/c/chrome', '/usr/bin/chromium');
    const env = { CASEBOOK_BROWSER: '/opt/b/chrome', PUPPETEER_EXECUTABLE_PATH: '/opt/c/chrome' };
    expect(findBrowser({ browser: '/opt/a/chrome', env, platform: 'linux', exists })).toEqual({ path: '/opt/a/chrome', source: 'option' });
    expect(findBrowser({ env, platform: 'linux', exists })).toEqual({ path: '/opt/b/chrome', source: 'casebook-env' });
    expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/opt/c/chrome' }, platform: 'linux', exists })).toEqual({ path: '/opt/c/chrome', source: 'puppeteer-env' });
  });

  it('refuses a named browser that is not there, in Dutch, rather than looking elsewhere', () => {
    const call = () => findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/nergens/chrome' }, platform: 'linux', exists: only('/usr/bin/chromium') });
    expect(call).toThrow(CasebookError);
    expect(call).toThrow('PUPPETEER_EXECUTABLE_PATH wijst naar /nergens/chrome, maar daar staat geen programma');
    expect(() => findBrowser({ browser: 'C:\\Edge\\msedge.exe', env: {}, platform: 'win32', exists: only() })).toThrow('--browser wijst naar C:\\Edge\\msedge.exe');
    expect(() => findBrowser({ env: { CASEBOOK_BROWSER: 'nergens' }, platform: 'linux', exists: only('/usr/bin/chromium') })).toThrow('CASEBOOK_BROWSER wijst naar nergens');
  });

  it('looks a named program up on the PATH: `--browser msedge` on Windows finds msedge.exe', () => {
    const env = { Path: 'C:\\Windows;"D:\\Tools\\Edge"' };
    expect(findBrowser({ browser: 'msedge', env, platform: 'win32', exists: only('D:\\Tools\\Edge\\msedge.exe') }))
      .toEqual({ path: 'D:\\Tools\\Edge\\msedge.exe', source: 'option' });
    expect(findBrowser({ env: { CASEBOOK_BROWSER: 'chromium', PATH: '/usr/local/bin:/opt/bin' }, platform: 'linux', exists: only('/opt/bin/chromium') }))
      .toEqual({ path: '/opt/bin/chromium', source: 'casebook-env' });
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
    expect(findBrowser({ env: { HOME: '/Users/anna' }, platform: 'darwin', exists: only('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge') }))
      .toEqual({ path: '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge', source: 'system' });
  });

  it('knows the usual places on Windows, from the environment in any spelling', () => {
    const env = { ProgramFiles: 'D:\\Programs', 'ProgramFiles(x86)': 'D:\\Programs (x86)', LOCALAPPDATA: 'C:\\Users\\anna\\AppData\\Local' };
    const paths = systemBrowserPaths('win32', env);
    expect(paths[0]).toBe('D:\\Programs\\Google\\Chrome\\Application\\chrome.exe');
    expect(paths).toContain('C:\\Users\\anna\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(paths).toContain('D:\\Programs (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(findBrowser({ env, platform: 'win32', exists: only('D:\\Programs (x86)\\Microsoft\\Edge\\Application\\msedge.exe') }))
      .toEqual({ path: 'D:\\Programs (x86)\\Microsoft\\Edge\\Application\\msedge.exe', source: 'system' });
    // Without the variables: the defaults of a Windows installation, where the managed laptop's Edge is.
    expect(findBrowser({ env: {}, platform: 'win32', exists: only('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe') }))
      .toEqual({ path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', source: 'system' });
  });

  it('then looks on the PATH, after the standard places', () => {
    expect(findBrowser({ env: { PATH: '/home/anna/bin:/usr/local/bin' }, platform: 'linux', exists: only('/usr/local/bin/google-chrome') }))
      .toEqual({ path: '/usr/local/bin/google-chrome', source: 'path' });
    expect(findBrowser({ env: { PATH: '/usr/local/bin' }, platform: 'linux', exists: only('/usr/local/bin/chromium', '/usr/bin/chromium') }))
      .toEqual({ path: '/usr/bin/chromium', source: 'system' });
    expect(findBrowser({ env: { PATH: 'C:\\Tools' }, platform: 'win32', exists: only('C:\\Tools\\chrome.exe') }))
      .toEqual({ path: 'C:\\Tools\\chrome.exe', source: 'path' });
    expect(onPath('chromium', 'linux', { PATH: '' }, only('/chromium'))).toBeUndefined();
  });

  it('finds nothing, and downloads nothing, when there is no browser', () => {
    expect(findBrowser({ env: { PATH: '/usr/bin' }, platform: 'linux', exists: only() })).toBeUndefined();
  });
});

describe('launch flags', () => {
  it('keep the browser quiet and add --no-sandbox only when asked', () => {
    expect(launchArgs(false)).toEqual(['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', '--proxy-server=127.0.0.1:9', '--dns-prefetch-disable']);
    expect(launchArgs(true)).toEqual([...launchArgs(false), '--no-sandbox']);
    // Helpers wait for the browser as long as the build may take, never less than Chromium's own 15 s.
    expect(launchArgs(false, 300)).toEqual([...launchArgs(false), '--ipc-connection-timeout=300']);
    expect(launchArgs(false, 1.5)).toEqual([...launchArgs(false), '--ipc-connection-timeout=15']);
  });

  it('go without the sandbox on request: the flag, CASEBOOK_NO_SANDBOX=1, or running as root', () => {
    // As an ordinary user (uid 1000), on Windows (no uid) and as root (uid 0).
    for (const uid of [1000, null]) {
      expect(needsNoSandbox({}, true, uid)).toBe(true);
      expect(needsNoSandbox({ CASEBOOK_NO_SANDBOX: '1' }, false, uid)).toBe(true);
      expect(needsNoSandbox({ CASEBOOK_NO_SANDBOX: '0' }, false, uid)).toBe(false);
      expect(needsNoSandbox({}, false, uid)).toBe(false);
    }
    expect(needsNoSandbox({}, false, 0)).toBe(true);
    expect(needsNoSandbox({ CASEBOOK_NO_SANDBOX: '0' }, false, 0)).toBe(true);
    // Without a uid given, the process's own.
    expect(needsNoSandbox({})).toBe(process.getuid?.() === 0);
  });
});

describe('formatSeconds', () => {
  it('shows the limit as a person set it, with a decimal comma in Dutch', () => {
    expect(formatSeconds(50, 'nl')).toBe('0,05');
    expect(formatSeconds(50, 'en')).toBe('0.05');
    expect(formatSeconds(7500, 'nl')).toBe('7,5');
    expect(formatSeconds(300_000, 'nl')).toBe('300');
    expect(formatSeconds(1_500_000, 'nl')).toBe('1500');
  });
});

describe('launchError', () => {
  const failed = (code: string, stderr: string) => new Error(['Failed to launch the browser process:  Code: ' + code, '', 'stderr:', stderr, '', 'TROUBLESHOOTING: https://pptr.dev/troubleshooting', ''].join('\n'));

  it("names the browser, its exit code and its last line on stderr, not puppeteer's English", () => {
    const error = launchError(failed('1', 'eerste regel\n[FATAL:zygote] No usable sandbox!\n'), '/opt/chrome', 30_000, 'nl');
    expect(error).toBeInstanceOf(CasebookError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("De browser /opt/chrome kon niet worden gestart: het programma stopte meteen (exitcode 1) met de melding '[FATAL:zygote] No usable sandbox!'. Draai je in een container of als root, probeer dan --no-sandbox (of CASEBOOK_NO_SANDBOX=1); casebook doctor controleert de browser.");
  });

  it('says so when the browser stopped without a word', () => {
    expect(launchError(failed('127', ''), '/opt/chrome', 30_000, 'en').message).toBe('The browser /opt/chrome could not be started: the program stopped at once (exit code 127) without saying why. If you run in a container or as root, try --no-sandbox (or CASEBOOK_NO_SANDBOX=1); casebook doctor checks the browser.');
  });

  it('gives the time limit of a browser that never answered', () => {
    const timeout = Object.assign(new Error('Timed out after 1500 ms while waiting for the WS endpoint URL to appear in stdout!'), { name: 'TimeoutError' });
    expect(launchError(timeout, '/opt/chrome', 1500, 'nl').message).toBe('De browser /opt/chrome is gestart, maar gaf binnen 1,5 seconden geen antwoord en is gestopt. Controleer met casebook doctor of dit een werkende Chrome, Chromium of Edge is.');
  });

  it("recognises an enterprise policy blocking the DevTools connection (Edge's RemoteDebuggingAllowed), not other failures", () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const timeout = Object.assign(new Error('Timed out after 30000 ms while waiting for the WS endpoint URL to appear in stdout!'), { name: 'TimeoutError' });
    const blocked = launchError(timeout, edge, 30_000, 'nl');
    expect(blocked).toBeInstanceOf(BrowserLaunchError);
    expect(blocked.policy).toBe(true);
    expect(blocked.message).toContain('RemoteDebuggingAllowed');
    expect(launchError(new Error('connect ECONNREFUSED 127.0.0.1:64165'), '/usr/bin/google-chrome', 30_000, 'en').policy).toBe(true);
    expect(launchError(failed('1', 'DevTools remote debugging is disallowed by the system admin.'), '/opt/chrome', 30_000, 'en').policy).toBe(true);
    // A Chromium that is slow or broken is not a policy.
    expect(launchError(timeout, '/usr/bin/chromium', 30_000, 'nl').policy).toBe(false);
    expect(launchError(failed('1', '[ERROR:policy_logger.cc(156)] something\n[FATAL:zygote] No usable sandbox!'), '/usr/bin/chromium', 30_000, 'nl').policy).toBe(false);
    expect(blockedByPolicy('Failed to launch', edge, false)).toBe(false);
  });

  it("keeps the first line of anything else", () => {
    expect(launchError(new Error('spawn /opt/chrome EACCES\nmore'), '/opt/chrome', 30_000, 'nl').message).toBe('De browser /opt/chrome kon niet worden gestart: spawn /opt/chrome EACCES. Draai je in een container of als root, probeer dan --no-sandbox (of CASEBOOK_NO_SANDBOX=1).');
  });
});

/** Processes still alive (not zombies) in the session a fake browser started; puppeteer starts it detached. */
function aliveInSession(sid: number): number[] {
  const listed = spawnSync('ps', ['-o', 'pid=,stat=', '-s', String(sid)], { encoding: 'utf8' }).stdout;
  return listed.split('\n').map((line) => line.trim().split(/\s+/)).filter(([pid, stat]) => pid && !stat!.startsWith('Z')).map(([pid]) => Number(pid));
}

describe.skipIf(process.platform === 'win32')('launchBrowser with a browser that misbehaves', () => {
  const dir = makeTree({}, 'casebook-fake-browser-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A fake browser: a shell script that records its pid, then does `body`. */
  const fake = (name: string, body: string) => {
    const file = path.join(dir, name);
    const pidFile = `${file}.pid`;
    writeFileSync(file, `#!/bin/sh\necho $$ > '${pidFile}'\n${body}\n`);
    chmodSync(file, 0o755);
    return { file, pid: () => Number(readFileSync(pidFile, 'utf8')) };
  };

  it('gives up on a browser that never answers after the launch time limit, and kills it at once', async () => {
    const hanging = fake('hangt', 'exec sleep 600');
    const start = Date.now();
    const launching = launchBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: hanging.file }, launchTimeoutMs: 700 });
    await expect(launching).rejects.toThrow(`De browser ${hanging.file} is gestart, maar gaf binnen 0,7 seconden geen antwoord en is gestopt.`);
    // Well before puppeteer's own 30 s launch limit (the bound is loose: a loaded CI runner
    // must not fail this, and a launch that ignored the 0.7 s limit would still exceed it).
    expect(Date.now() - start).toBeLessThan(20_000);
    // Killed, not left to puppeteer's five seconds of grace.
    const pid = hanging.pid();
    await expect.poll(() => aliveInSession(pid), { timeout: 4000, interval: 50 }).toEqual([]);
  });

  it('stops the launch when the signal is aborted, with its reason, and kills the browser', async () => {
    const hanging = fake('hangt-ook', 'exec sleep 600');
    const controller = new AbortController();
    const reason = new CasebookError('afgebroken', 130);
    const launching = launchBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: hanging.file }, launchTimeoutMs: 30_000, signal: controller.signal });
    await expect.poll(() => existsSync(`${hanging.file}.pid`), { timeout: 5000, interval: 20 }).toBe(true);
    controller.abort(reason);
    await expect(launching).rejects.toBe(reason);
    const pid = hanging.pid();
    await expect.poll(() => aliveInSession(pid), { timeout: 1000, interval: 50 }).toEqual([]);
  });

  it('reports a browser that exits at once with its code and last words', async () => {
    const crashing = fake('crasht', "echo 'Trace/breakpoint trap: kapot' >&2\nexit 3");
    await expect(launchBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: crashing.file } })).rejects.toThrow(
      `De browser ${crashing.file} kon niet worden gestart: het programma stopte meteen (exitcode 3) met de melding 'Trace/breakpoint trap: kapot'.`,
    );
  });
});
