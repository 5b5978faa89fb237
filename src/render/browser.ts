/**
 * Finding and starting the browser that prints the PDF. casebook never downloads one (it
 * depends on puppeteer-core, and CI runners behind a proxy could not anyway); it uses what is
 * installed: the browser named with --browser, CASEBOOK_BROWSER or PUPPETEER_EXECUTABLE_PATH,
 * then the usual places of Chromium, Chrome and Edge on Linux, macOS and Windows, then the
 * same programs on the PATH. `casebook doctor` uses findBrowser too. runInBrowser keeps a
 * build's browser on a leash: a time limit, Ctrl-C through an AbortSignal, and a clear word
 * when the browser dies.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, CDPSession } from 'puppeteer-core';
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';

/** How the browser was found: named on the command line, in one of two variables, in a standard place, on the PATH. */
export type BrowserSource = 'option' | 'casebook-env' | 'puppeteer-env' | 'system' | 'path';

export interface BrowserLocation {
  path: string;
  source: BrowserSource;
}

export interface FindBrowserOptions {
  /** `--browser`: a path, or a program name looked up on the PATH. */
  browser?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Whether a file exists (tests pass their own). */
  exists?: (file: string) => boolean;
  lang?: Lang;
}

/** The usual install locations of Chromium, Chrome and Edge, most likely first. */
export function systemBrowserPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    // Edge lives under Program Files (x86) even on 64-bit Windows; per-user installs under LOCALAPPDATA.
    const roots = [envValue(env, 'PROGRAMFILES') ?? 'C:\\Program Files', envValue(env, 'PROGRAMFILES(X86)') ?? 'C:\\Program Files (x86)', envValue(env, 'LOCALAPPDATA')]
      .filter((r): r is string => Boolean(r));
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

/** The program names a browser goes by on the PATH, most likely first. */
export function browserCommands(platform: NodeJS.Platform): string[] {
  if (platform === 'win32') return ['chrome.exe', 'msedge.exe', 'chromium.exe'];
  return ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome', 'microsoft-edge-stable', 'microsoft-edge', 'msedge'];
}

/** A variable as Windows reads it: the name in any case (`Path`, `ProgramFiles`). */
function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  if (env[name] !== undefined) return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
}

/** Where `command` is on the PATH, or undefined. A name with a folder in it is taken as a path. */
export function onPath(command: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv, exists: (file: string) => boolean): string | undefined {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const names = platform === 'win32' && !/\.exe$/i.test(command) ? [command, `${command}.exe`] : [command];
  for (const dir of (envValue(env, 'PATH') ?? '').split(platform === 'win32' ? ';' : ':')) {
    if (!dir) continue;
    for (const name of names) {
      const file = p.join(dir.replace(/^"(.*)"$/, '$1'), name);
      if (exists(file)) return file;
    }
  }
  return undefined;
}

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * The browser to use, or undefined when there is none. A browser that was named (--browser,
 * CASEBOOK_BROWSER, PUPPETEER_EXECUTABLE_PATH) but is not there is an error rather than a
 * reason to look elsewhere: the person who named it expects that browser.
 */
export function findBrowser(options: FindBrowserOptions = {}): BrowserLocation | undefined {
  const env = options.env ?? process.env;
  const exists = options.exists ?? isFile;
  const platform = options.platform ?? process.platform;
  const named: Array<[string | undefined, BrowserSource, string]> = [
    [options.browser, 'option', '--browser'],
    [env.CASEBOOK_BROWSER, 'casebook-env', 'CASEBOOK_BROWSER'],
    [env.PUPPETEER_EXECUTABLE_PATH, 'puppeteer-env', 'PUPPETEER_EXECUTABLE_PATH'],
  ];
  for (const [value, source, name] of named) {
    if (!value) continue;
    if (exists(value)) return { path: value, source };
    // A bare program name (`msedge`, `chromium`) is looked up on the PATH.
    const isName = !/[\\/]/.test(value);
    const found = isName ? onPath(value, platform, env, exists) : undefined;
    if (found) return { path: found, source };
    throw new CasebookError(t(options.lang ?? 'nl', 'render.build.namedBrowserMissing', { name, path: value }));
  }
  for (const candidate of systemBrowserPaths(platform, env)) {
    if (exists(candidate)) return { path: candidate, source: 'system' };
  }
  for (const command of browserCommands(platform)) {
    const found = onPath(command, platform, env, exists);
    if (found) return { path: found, source: 'path' };
  }
  return undefined;
}

/**
 * No network at all, whatever a template asks for: request interception (pdf.ts) does not
 * see a preconnect or DNS prefetch, so no name resolves (not even a DNS query is sent) and
 * every connection goes to a proxy that is not there. Only 127.0.0.1 stays reachable (tests
 * look at `casebook serve` through this browser); the PDF page itself requests nothing.
 */
export const NO_NETWORK_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', '--proxy-server=127.0.0.1:9', '--dns-prefetch-disable'];

/**
 * The launch flags: quiet (no updates, sync or background traffic), no network, and no sandbox
 * only where needed. `helperWaitSeconds`: how long a helper process Chromium starts waits for
 * the browser to connect to it before it ends itself (Chromium's own limit is 15 s). On a busy
 * machine, a large book's print compositor starts while the browser is still busy taking in
 * the printed pages and hears nothing for longer than that; it ends itself, and Chromium never
 * finishes or fails the print: the 1,000-case book hung that way under load (BENCHMARKS.md).
 */
export function launchArgs(noSandbox: boolean, helperWaitSeconds?: number): string[] {
  const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...NO_NETWORK_ARGS];
  if (helperWaitSeconds !== undefined) args.push(`--ipc-connection-timeout=${Math.max(15, Math.ceil(helperWaitSeconds))}`);
  if (noSandbox) args.push('--no-sandbox');
  return args;
}

/**
 * Root cannot use Chromium's sandbox; containers often cannot either (CASEBOOK_NO_SANDBOX=1,
 * --no-sandbox). `uid` is the process's user id (null on Windows, which has none).
 */
export function needsNoSandbox(env: NodeJS.ProcessEnv, asked = false, uid: number | null = process.getuid?.() ?? null): boolean {
  return asked || env.CASEBOOK_NO_SANDBOX === '1' || uid === 0;
}

export interface LaunchOptions {
  /** `--browser`: the browser to use instead of looking for one. */
  browser?: string;
  env?: NodeJS.ProcessEnv;
  lang?: Lang;
  /** `--no-sandbox` was given. */
  noSandbox?: boolean;
  /** How long one call to the browser may take (a large PDF is one long call). */
  protocolTimeoutMs?: number;
  /** How long the browser may take to start and answer (puppeteer's default: 30 s). */
  launchTimeoutMs?: number;
  /** How long the browser's helper processes wait for it (see launchArgs); Chromium's 15 s when not given. */
  helperWaitMs?: number;
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

/** A launch that failed; `policy` when it looks like an enterprise policy of Edge or Chrome blocked it. */
export class BrowserLaunchError extends CasebookError {
  constructor(
    message: string,
    readonly policy = false,
  ) {
    super(message);
    this.name = 'BrowserLaunchError';
  }
}

/** Edge or Chrome as a company installs them (not a Chromium from a package manager). */
const BRANDED = /msedge|microsoft edge|google chrome|chrome\.exe/i;

/**
 * Whether a failed launch looks like Edge's or Chrome's enterprise policies at work
 * (RemoteDebuggingAllowed=0, DeveloperToolsAvailability=2): the browser says so, refuses the
 * DevTools connection, or starts but never opens it, which puppeteer sees as a time-out.
 */
export function blockedByPolicy(detail: string, browserPath: string, timedOut: boolean): boolean {
  if (/RemoteDebuggingAllowed|DeveloperToolsAvailability|remote debugging is (disallowed|disabled)|disallowed by (the )?(system )?(admin|policy)|DevToolsActivePort|ECONNREFUSED/i.test(detail)) return true;
  return timedOut && BRANDED.test(browserPath);
}

/**
 * Why the browser did not start, worded for a person. puppeteer's own messages are English
 * and long; the useful part (the exit code, the browser's last line on stderr) is taken out.
 */
export function launchError(error: unknown, browserPath: string, timeoutMs: number, lang: Lang): BrowserLaunchError {
  const message = error instanceof Error ? error.message : String(error);
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  if (blockedByPolicy(message, browserPath, timedOut)) {
    return new BrowserLaunchError(t(lang, 'render.build.launchBlocked', { path: browserPath }), true);
  }
  if (timedOut) {
    return new BrowserLaunchError(t(lang, 'render.build.launchTimeout', { path: browserPath, seconds: formatSeconds(timeoutMs, lang) }));
  }
  const exited = /^Failed to launch the browser process:\s*Code: (\d+)\n[\s\S]*?stderr:\n([\s\S]*?)\n\s*TROUBLESHOOTING:/.exec(message);
  if (exited) {
    const said = exited[2]!.split('\n').map((line) => line.trim()).filter(Boolean).at(-1)?.slice(0, 300);
    const key = said ? 'render.build.launchExited' : 'render.build.launchExitedSilent';
    return new BrowserLaunchError(t(lang, key, { path: browserPath, code: exited[1], output: said }));
  }
  return new BrowserLaunchError(t(lang, 'render.build.launchFailed', { path: browserPath, detail: message.split('\n')[0]!.trim() }));
}

/** Starts one headless browser. The caller closes it (in a finally). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const env = options.env ?? process.env;
  const lang = options.lang ?? 'nl';
  const { default: puppeteer } = await import('puppeteer-core');
  const location = findBrowser({ env, lang, ...(options.browser ? { browser: options.browser } : {}) });
  if (!location) throw new CasebookError(t(lang, 'render.build.noBrowser'));
  const launchTimeoutMs = options.launchTimeoutMs ?? DEFAULT_LAUNCH_TIMEOUT_MS;
  const failed = new AbortController();
  const handleSignals = options.handleSignals ?? true;
  try {
    const browser = await puppeteer.launch({
      executablePath: location.path,
      headless: true,
      args: launchArgs(needsNoSandbox(env, options.noSandbox), options.helperWaitMs === undefined ? undefined : options.helperWaitMs / 1000),
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

export interface BrowserRunOptions extends Omit<LaunchOptions, 'launchTimeoutMs' | 'handleSignals' | 'helperWaitMs'> {
  /** The time limit for all of it, starting the browser included. */
  timeoutMs: number;
  /** The error when the time is up. */
  timeoutError: () => Error;
  /** How long the browser and casebook together may make no progress (see watchProgress); no watch when not given. */
  stallMs?: number;
  /** The error when they stopped making progress, naming the browser. */
  stallError?: (browserPath: string) => Error;
}

/** Processor time (seconds) that counts as progress in a stall window: a working print on a machine shared by twenty uses ten times this. */
function progressFloor(stallMs: number): number {
  return 0.25 + stallMs / 100_000;
}

/**
 * The browser's main process and its GPU process keep ticking while a page is stuck (drawing
 * frames for a page that does not answer: about a tenth of a core here), so their processor
 * time does not count as progress.
 */
const IDLE_TICKERS = new Set(['browser', 'GPU']);

/**
 * When the main process is busy itself (taking in a large book's printed pages, for seconds on
 * end), it answers late, and that counts as progress instead, but only when it used at least
 * this share of a core meanwhile: on a machine so busy that every answer comes late, a main
 * process that is merely ticking (a tenth of a core) does not keep a stuck print alive.
 */
const BUSY_MAIN_SHARE = 0.25;

/** Asks that may fail in a row (a session that broke off) before the watch gives up and leaves the print to the time limit. */
const MAX_FAILED_ASKS = 3;

/**
 * Calls `onStall` once when the browser's workers (the page's renderer, the print compositor)
 * and this process together used next to no processor time for `stallMs` while the browser
 * answered promptly: a print that stopped making progress, waiting for something that will
 * not come, rather than a slow one (a busy machine slows every part of a print down, but each
 * keeps using the processor). The browser's processes are counted through DevTools
 * (SystemInfo.getProcessInfo), the same on Windows, macOS and Linux. A browser that cannot
 * tell (its first answer fails) is not watched; one that does not answer at all is left to the
 * time limit; a single failed answer later only opens a new session. `ownCpu` is this
 * process's processor time (tests pass their own). Returns the unwatch.
 */
export function watchProgress(browser: Browser, stallMs: number, onStall: () => void, ownCpu: () => NodeJS.CpuUsage = process.cpuUsage): () => void {
  const floor = progressFloor(stallMs);
  const lateMs = Math.max(1000, stallMs / 10);
  /** When progress was last seen, and the processor time used since then. */
  let lastAt = Date.now();
  let progress = 0;
  /** Processor time of each process at the last answer (a process that ends takes its time with it). */
  let seen = new Map<number, number>();
  /** The main process's processor time at the last answer, and when that answer came. */
  let main: { cpu: number; at: number } | undefined;
  let answered = false;
  let failed = 0;
  let asking = false;
  let session: CDPSession | undefined;
  const ask = async (): Promise<void> => {
    asking = true;
    const asked = Date.now();
    try {
      session ??= await browser.target().createCDPSession();
      const { processInfo } = await session.send('SystemInfo.getProcessInfo');
      const at = Date.now();
      const own = ownCpu();
      const now = new Map(processInfo.filter((p) => !IDLE_TICKERS.has(p.type)).map((p) => [p.id, p.cpuTime]));
      now.set(-1, (own.user + own.system) / 1e6);
      for (const [id, cpu] of now) progress += Math.max(0, cpu - (seen.get(id) ?? 0));
      seen = now;
      const mainCpu = processInfo.find((p) => p.type === 'browser')?.cpuTime;
      const busyMain = main !== undefined && mainCpu !== undefined && mainCpu - main.cpu >= BUSY_MAIN_SHARE * ((at - main.at) / 1000);
      if (mainCpu !== undefined) main = { cpu: mainCpu, at };
      if (progress >= floor || (at - asked > lateMs && busyMain)) {
        lastAt = at;
        progress = 0;
      }
      answered = true;
      failed = 0;
      asking = false;
    } catch {
      // Not answered (unknown command, browser closed, a session that broke off). A browser that
      // never answered cannot tell; one that is gone is noticed elsewhere; otherwise ask again anew.
      void session?.detach().catch(() => undefined);
      session = undefined;
      if (!answered || ++failed >= MAX_FAILED_ASKS) return stop();
      asking = false;
    }
  };
  const tick = () => {
    if (asking) return;
    if (Date.now() - lastAt < stallMs) return void ask();
    stop();
    onStall();
  };
  const timer = setInterval(tick, Math.min(10_000, Math.max(100, stallMs / 12)));
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    void session?.detach().catch(() => undefined);
  };
  return stop;
}

/**
 * Runs `work` in a fresh browser within a time limit. Whatever happens (done, failed, time up,
 * aborted, the browser gone) the browser is closed, its processes killed where needed, before
 * this returns. Errors: the launch errors above, `timeoutError()`, the signal's reason, a
 * CasebookError when the browser stopped by itself, or the work's own error.
 */
export async function runInBrowser<T>(options: BrowserRunOptions, work: (browser: Browser) => Promise<T>): Promise<T> {
  const { timeoutMs, timeoutError, stallMs, stallError, ...launch } = options;
  const lang = options.lang ?? 'nl';
  const start = Date.now();
  const ending = new AbortController();
  const { browser, location } = await launchBrowser({
    ...launch,
    launchTimeoutMs: Math.min(timeoutMs, MAX_LAUNCH_TIMEOUT_MS),
    // A helper may wait for the browser as long as the whole build may take.
    helperWaitMs: timeoutMs,
    signal: options.signal ? AbortSignal.any([options.signal, ending.signal]) : ending.signal,
    // Whoever passes a signal handles Ctrl-C; without one, puppeteer's handlers still close the browser.
    handleSignals: !options.signal,
  });
  const crashed = () => new CasebookError(t(lang, 'render.build.browserCrashed', { path: location.path }));
  const disconnected = new Promise<void>((resolve) => browser.once('disconnected', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  let unwatch: (() => void) | undefined;
  /** Set when the run is stopped from outside the work: time up, no progress, aborted, or the browser gone. */
  let stopped: 'time' | 'stall' | 'abort' | 'crash' | undefined;
  let finished = false;
  const stopping = new Promise<never>((_, reject) => {
    const stop = (why: NonNullable<typeof stopped>, error: Error) => {
      if (finished || stopped) return;
      stopped = why;
      reject(error);
    };
    timer = setTimeout(() => stop('time', timeoutError()), Math.max(0, timeoutMs - (Date.now() - start)));
    onAbort = () => stop('abort', options.signal!.reason as Error);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    void disconnected.then(() => stop('crash', crashed()));
    if (stallMs !== undefined && stallError) unwatch = watchProgress(browser, stallMs, () => stop('stall', stallError(location.path)));
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
    unwatch?.();
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    // A browser stuck printing would not answer a polite close: it is killed (its process group).
    if (stopped === 'time' || stopped === 'stall' || stopped === 'abort') ending.abort();
    if (stopped === 'crash') killGroup(browser.process()?.pid);
    await browser.close().catch(() => undefined);
  }
}
