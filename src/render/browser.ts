/**
 * Finding and starting the browser that prints the PDF. casebook does not download one
 * (CI runners behind a proxy cannot); it uses what is installed: PUPPETEER_EXECUTABLE_PATH,
 * then the usual places of Chromium, Chrome and Edge, then puppeteer's own cache.
 * `casebook doctor` uses findBrowser too.
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

/** The launch flags: quiet (no updates, sync or background traffic), and no sandbox only where needed. */
export function launchArgs(noSandbox: boolean): string[] {
  const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
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
}

export interface LaunchedBrowser {
  browser: Browser;
  location: BrowserLocation;
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
  try {
    const browser = await puppeteer.launch({
      executablePath: location.path,
      headless: true,
      args: launchArgs(needsNoSandbox(env, options.noSandbox)),
      ...(options.protocolTimeoutMs ? { protocolTimeout: options.protocolTimeoutMs } : {}),
      // puppeteer closes the browser when the process is interrupted.
      handleSIGINT: true,
      handleSIGTERM: true,
      handleSIGHUP: true,
    });
    return { browser, location };
  } catch (error) {
    const detail = ((error as Error).message ?? String(error)).split('\n')[0]!;
    throw new CasebookError(t(lang, 'render.build.launchFailed', { path: location.path, detail }));
  }
}

