/**
 * Finding and starting the browser that prints the PDF. casebook does not download one
 * (CI runners behind a proxy cannot); it uses what is installed: PUPPETEER_EXECUTABLE_PATH,
 * then the usual places of Chromium, Chrome and Edge, then puppeteer's own cache.
 * `casebook doctor` uses findBrowser too. runInBrowser keeps a build's browser on a leash:
 * a time limit, Ctrl-C through an AbortSignal, and a clear word when the browser dies.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';

export type BrowserSource = 'env' | 'system' | 'puppeteer-cache';

export interface BrowserLocation {
  path: string;
  source: BrowserSource;
}

export interface FindBrowserOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Whether a file exists (tests pass their own). */
  exists?: (file: string) => boolean;
  /** puppeteer's idea of its cached browser; undefined when it has none. */
  puppeteerPath?: () => string | undefined;
  lang?: Lang;
}

/** The usual install locations of Chromium, Chrome and Edge, most likely first. */
export function systemBrowserPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    const within = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return within.flatMap((file) => roots.map((root) => path.win32.join(root, file)));
  }
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    const homes = ['/Applications', ...(env.HOME ? [path.posix.join(env.HOME, 'Applications')] : [])];
    return apps.flatMap((app) => homes.map((home) => path.posix.join(home, app)));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/usr/bin/microsoft-edge-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
    '/opt/microsoft/msedge/msedge',
  ];
}

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * The browser to use, or undefined when there is none. A PUPPETEER_EXECUTABLE_PATH that
 * points at nothing is an error rather than a reason to look elsewhere: the person who set
 * it expects that browser.
 */
export function findBrowser(options: FindBrowserOptions = {}): BrowserLocation | undefined {
  const env = options.env ?? process.env;
  const exists = options.exists ?? isFile;
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!exists(fromEnv)) throw new CasebookError(t(options.lang ?? 'nl', 'render.build.envBrowserMissing', { path: fromEnv }));
    return { path: fromEnv, source: 'env' };
  }
  for (const candidate of systemBrowserPaths(options.platform ?? process.platform, env)) {
    if (exists(candidate)) return { path: candidate, source: 'system' };
  }
  const cached = options.puppeteerPath?.();
  if (cached && exists(cached)) return { path: cached, source: 'puppeteer-cache' };
  return undefined;
}

/**
 * No network at all, whatever a template asks for: request interception (pdf.ts) does not
 * see a preconnect or DNS prefetch, so no name resolves (not even a DNS query is sent) and
 * every connection goes to a proxy that is not there. Only 127.0.0.1 stays reachable (tests
 * look at `casebook serve` through this browser); the PDF page itself requests nothing.
 */
export const NO_NETWORK_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', '--proxy-server=127.0.0.1:9', '--dns-prefetch-disable'];

/** The launch flags: quiet (no updates, sync or background traffic), no network, and no sandbox only where needed. */
export function launchArgs(noSandbox: boolean): string[] {
  const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...NO_NETWORK_ARGS];
  if (noSandbox) args.push('--no-sandbox');
  return args;
}

/** Root cannot use Chromium's sandbox; containers often cannot either (CASEBOOK_NO_SANDBOX=1, --no-sandbox). */
export function needsNoSandbox(env: NodeJS.ProcessEnv, asked = false): boolean {
  return asked || env.CASEBOOK_NO_SANDBOX === '1' || process.getuid?.() === 0;
}

export interface LaunchOptions {
  env?: NodeJS.ProcessEnv;
  lang?: Lang;
  /** `--no-sandbox` was given. */
  noSandbox?: boolean;
  /** How long one call to the browser may take (a large PDF is one long call). */
  protocolTimeoutMs?: number;
  /** How long the browser may take to start and answer (puppeteer's default: 30 s). */
  launchTimeoutMs?: number;
  /** Aborting it stops the launch, or kills the browser once it runs. */
  signal?: AbortSignal;
  /**
   * Whether puppeteer closes the browser on Ctrl-C (and exits at once) or a kill. Default true;
   * a caller that handles those signals itself, through `signal`, turns this off.
   */
  handleSignals?: boolean;
}

export interface LaunchedBrowser {
  browser: Browser;
  location: BrowserLocation;
}

/** Seconds as a person wrote them: `0,05` in Dutch, `0.05` in English. */
export function formatSeconds(ms: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 3, useGrouping: false }).format(ms / 1000);
}

/**
 * Why the browser did not start, worded for a person. puppeteer's own messages are English
 * and long; the useful part (the exit code, the browser's last line on stderr) is taken out.
 */
export function launchError(error: unknown, browserPath: string, timeoutMs: number, lang: Lang): CasebookError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new CasebookError(t(lang, 'render.build.launchTimeout', { path: browserPath, seconds: formatSeconds(timeoutMs, lang) }));
  }
  const exited = /^Failed to launch the browser process:\s*Code: (\d+)\n[\s\S]*?stderr:\n([\s\S]*?)\n\s*TROUBLESHOOTING:/.exec(message);
  if (exited) {
    const said = exited[2]!.split('\n').map((line) => line.trim()).filter(Boolean).at(-1)?.slice(0, 300);
    const key = said ? 'render.build.launchExited' : 'render.build.launchExitedSilent';
    return new CasebookError(t(lang, key, { path: browserPath, code: exited[1], output: said }));
  }
  return new CasebookError(t(lang, 'render.build.launchFailed', { path: browserPath, detail: message.split('\n')[0]!.trim() }));
}

/** Starts one headless browser. The caller closes it (in a finally). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const env = options.env ?? process.env;
  const lang = options.lang ?? 'nl';
  const { default: puppeteer } = await import('puppeteer');
  const location = findBrowser({
    env,
    lang,
    puppeteerPath: () => {
      try {
        return puppeteer.executablePath();
      } catch {
        return undefined;
      }
    },
  });
  if (!location) throw new CasebookError(t(lang, 'render.build.noBrowser'));
  const launchTimeoutMs = options.launchTimeoutMs ?? DEFAULT_LAUNCH_TIMEOUT_MS;
  const failed = new AbortController();
  const handleSignals = options.handleSignals ?? true;
  try {
    const browser = await puppeteer.launch({
      executablePath: location.path,
      headless: true,
      args: launchArgs(needsNoSandbox(env, options.noSandbox)),
      timeout: launchTimeoutMs,
      // puppeteer kills the browser's whole process group when this is aborted.
      signal: options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal,
      ...(options.protocolTimeoutMs ? { protocolTimeout: options.protocolTimeoutMs } : {}),
      handleSIGINT: handleSignals,
      handleSIGTERM: handleSignals,
      handleSIGHUP: handleSignals,
    });
    return { browser, location };
  } catch (error) {
    // Killed now: puppeteer would first give a browser that never answered five seconds to stop by itself.
    failed.abort();
    if (options.signal?.aborted) throw options.signal.reason;
    throw launchError(error, location.path, launchTimeoutMs, lang);
  }
}

/**
 * What is left of a browser whose main process died: its helpers share its process group
 * (puppeteer starts it detached) and usually follow it within a second; this makes sure.
 */
function killGroup(pid: number | undefined): void {
  if (pid === undefined || process.platform === 'win32') return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Nothing left in the group.
  }
}

/** puppeteer's default: a browser that has not answered after this long will not. */
const DEFAULT_LAUNCH_TIMEOUT_MS = 30_000;
/** Starting never gets more than this, however long the PDF may take: Chromium starts in seconds. */
const MAX_LAUNCH_TIMEOUT_MS = 60_000;

export interface BrowserRunOptions extends Omit<LaunchOptions, 'launchTimeoutMs' | 'handleSignals'> {
  /** The time limit for all of it, starting the browser included. */
  timeoutMs: number;
  /** The error when the time is up. */
  timeoutError: () => Error;
}

/**
 * Runs `work` in a fresh browser within a time limit. Whatever happens (done, failed, time up,
 * aborted, the browser gone) the browser is closed, its processes killed where needed, before
 * this returns. Errors: the launch errors above, `timeoutError()`, the signal's reason, a
 * CasebookError when the browser stopped by itself, or the work's own error.
 */
export async function runInBrowser<T>(options: BrowserRunOptions, work: (browser: Browser) => Promise<T>): Promise<T> {
  const { timeoutMs, timeoutError, ...launch } = options;
  const lang = options.lang ?? 'nl';
  const start = Date.now();
  const ending = new AbortController();
  const { browser, location } = await launchBrowser({
    ...launch,
    launchTimeoutMs: Math.min(timeoutMs, MAX_LAUNCH_TIMEOUT_MS),
    signal: options.signal ? AbortSignal.any([options.signal, ending.signal]) : ending.signal,
    // Whoever passes a signal handles Ctrl-C; without one, puppeteer's handlers still close the browser.
    handleSignals: !options.signal,
  });
  const crashed = () => new CasebookError(t(lang, 'render.build.browserCrashed', { path: location.path }));
  const disconnected = new Promise<void>((resolve) => browser.once('disconnected', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  /** Set when the run is stopped from outside the work: time up, aborted, or the browser gone. */
  let stopped: 'time' | 'abort' | 'crash' | undefined;
  let finished = false;
  const stopping = new Promise<never>((_, reject) => {
    const stop = (why: 'time' | 'abort' | 'crash', error: Error) => {
      if (finished || stopped) return;
      stopped = why;
      reject(error);
    };
    timer = setTimeout(() => stop('time', timeoutError()), Math.max(0, timeoutMs - (Date.now() - start)));
    onAbort = () => stop('abort', options.signal!.reason as Error);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    void disconnected.then(() => stop('crash', crashed()));
  });
  const running = work(browser);
  // Once stopped, the work is abandoned; its late failure is expected.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, stopping]);
  } catch (error) {
    if (stopped) throw error;
    // The work may fail a moment before puppeteer notices that the browser is gone.
    const gone = await Promise.race([disconnected.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref())]);
    if (gone) stopped = 'crash';
    throw gone ? crashed() : error;
  } finally {
    finished = true;
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    // A browser stuck printing would not answer a polite close: it is killed (its process group).
    if (stopped === 'time' || stopped === 'abort') ending.abort();
    if (stopped === 'crash') killGroup(browser.process()?.pid);
    await browser.close().catch(() => undefined);
  }
}
