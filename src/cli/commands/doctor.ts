/**
 * `casebook doctor`: checks what `build` needs, and says what to do about each problem.
 * Exit 1 when something would stop a build.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { readDataFile } from '../../data.js';
import { CasebookError } from '../../errors.js';
import { t, type Params } from '../../i18n/index.js';
import { loadCasebook } from '../../load/index.js';
import { BrowserLaunchError, findBrowser, launchBrowser, type LaunchOptions } from '../../render/browser.js';
import { relativePath, styles, useColor } from '../../report/index.js';
import type { Casebook, Lang } from '../../types.js';
import { wordedDate } from '../../util/date.js';
import { version } from '../../version.js';
import { SCHEMA_FILES, staleSchemas } from '../copies.js';
import type { GlobalOptions, Io } from '../io.js';

export interface Check {
  /** What was checked, e.g. `node`, `browser`. */
  id: string;
  ok: boolean;
  /** Does a failure stop `casebook build`? */
  blocking: boolean;
  text: string;
  /** What to do, when not ok. */
  advice?: string;
}

/** The Node.js version the package declares (engines), as [major, minor]. */
export const MINIMUM_NODE: readonly [number, number] = [20, 19];

/** When each Node.js release line stops getting security updates (data/node-releases.yaml). */
function nodeEndOfLife(): Map<number, string> {
  const table = readDataFile('node-releases.yaml') as Record<string, string>;
  return new Map(Object.entries(table).map(([major, date]) => [Number(major), String(date)]));
}

/** The LTS lines (even majors) still supported on `today`, as people name them: `22 LTS of 24 LTS`. */
function supportedLts(endOfLife: Map<number, string>, today: string, lang: Lang): string {
  const lines = [...endOfLife].filter(([major, end]) => major % 2 === 0 && end >= today).map(([major]) => `${major} LTS`).slice(0, 2);
  return lines.join(t(lang, 'schema.or'));
}

/**
 * Too old for casebook blocks the build; past its end of life only warns: it works, but a
 * managed laptop should not run a Node.js without security updates, and IT can act on that.
 */
export function checkNode(version: string, lang: Lang, now: Date = new Date()): Check {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const ok = major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1]);
  const endOfLife = nodeEndOfLife();
  const today = now.toISOString().slice(0, 10);
  const params = { version, minimum: MINIMUM_NODE.join('.'), supported: supportedLts(endOfLife, today, lang) };
  if (!ok) return { id: 'node', ok, blocking: true, text: t(lang, 'doctor.node.old', params), advice: t(lang, 'doctor.node.advice', params) };
  const end = endOfLife.get(major);
  if (end !== undefined && end < today) {
    return { id: 'node', ok: false, blocking: false, text: t(lang, 'doctor.node.endOfLife', { ...params, end: wordedDate(end, lang) }), advice: t(lang, 'doctor.node.advice', params) };
  }
  return { id: 'node', ok, blocking: true, text: t(lang, 'doctor.node.ok', params) };
}

/** The fonts the built-in templates name; without them Chromium substitutes others. */
export const REQUIRED_FONTS = ['Liberation Serif', 'Liberation Sans'] as const;

export function checkFonts(lang: Lang, listFonts: () => string | undefined): Check {
  const listing = listFonts();
  if (listing === undefined) return { id: 'fonts', ok: true, blocking: false, text: t(lang, 'doctor.fonts.unknown') };
  const missing = REQUIRED_FONTS.filter((font) => !listing.includes(font));
  return missing.length === 0
    ? { id: 'fonts', ok: true, blocking: false, text: t(lang, 'doctor.fonts.ok', { fonts: REQUIRED_FONTS.join(', ') }) }
    : { id: 'fonts', ok: false, blocking: false, text: t(lang, 'doctor.fonts.missing', { fonts: missing.join(', ') }), advice: t(lang, 'doctor.fonts.advice') };
}

/** Starts the browser and asks it for its version (`msedge.exe --version` would open a window on Windows). */
export type BrowserProbe = (options: LaunchOptions) => Promise<string>;

const probeBrowser: BrowserProbe = async (options) => {
  const { browser } = await launchBrowser(options);
  try {
    return await browser.version();
  } finally {
    await browser.close().catch(() => undefined);
  }
};

export interface BrowserCheckOptions {
  env: NodeJS.ProcessEnv;
  lang: Lang;
  /** `--browser`. */
  browser?: string | undefined;
  /** Tests pass their own. */
  probe?: BrowserProbe;
  platform?: NodeJS.Platform;
}

export async function checkBrowser({ env, lang, browser: named, probe = probeBrowser, platform }: BrowserCheckOptions): Promise<Check> {
  const say = (key: string, params?: Params) => t(lang, `doctor.browser.${key}`, params);
  let location;
  try {
    location = findBrowser({ env, lang, ...(named ? { browser: named } : {}), ...(platform ? { platform } : {}) });
  } catch (error) {
    // A named browser that is not there; the message says what to do.
    return { id: 'browser', ok: false, blocking: true, text: error instanceof CasebookError ? error.message : String(error) };
  }
  if (!location) return { id: 'browser', ok: false, blocking: true, text: say('none'), advice: say('adviceInstall') };
  const how = say(`source.${location.source}`);
  let version: string;
  try {
    version = await probe({ env, lang, browser: location.path });
  } catch (error) {
    const policy = error instanceof BrowserLaunchError && error.policy;
    return {
      id: 'browser', ok: false, blocking: true,
      text: say('noStart', { path: location.path, how, detail: (error as Error).message.split('\n')[0] }),
      advice: say(policy ? 'advicePolicy' : 'adviceStart'),
    };
  }
  return { id: 'browser', ok: true, blocking: true, text: say('ok', { path: location.path, version, how }) };
}

/** Whether the schemas copied for the editor are this version's (init --update refreshes them). */
export function checkSchemas(root: string, lang: Lang): Check {
  const copies = SCHEMA_FILES.some((name) => existsSync(path.join(root, 'schemas', name)));
  const stale = staleSchemas(root);
  if (stale.length > 0) return { id: 'schemas', ok: false, blocking: false, text: t(lang, 'doctor.schemas.stale', { files: stale.join(', ') }), advice: t(lang, 'doctor.schemas.advice') };
  return { id: 'schemas', ok: true, blocking: false, text: t(lang, copies ? 'doctor.schemas.ok' : 'doctor.schemas.none', { version }) };
}

function checkCasebook(casebook: Casebook, io: Io, lang: Lang): Check[] {
  const checks: Check[] = [];
  const problems = casebook.messages.filter((m) => m.severity === 'error');
  const where = (file: string) => relativePath(io.cwd, file);
  const configFile = casebook.config.file ? where(casebook.config.file) : '';
  checks.push(problems.length === 0
    ? { id: 'casebook', ok: true, blocking: true, text: t(lang, 'doctor.casebook.ok', { file: configFile, title: casebook.config.title, count: casebook.cases.length }) }
    : {
        id: 'casebook', ok: false, blocking: true,
        text: t(lang, 'doctor.casebook.problems', { file: configFile, count: problems.length }),
        advice: problems.map((m) => `${where(m.file)}:${m.line}:${m.column} ${m.message}`).join('\n'),
      });
  const values = casebook.values;
  const ownFile = casebook.config.valuesFile;
  if (ownFile && values.source === 'built-in') {
    // The casebook names its own set, but it could not be used (its errors are listed above).
    checks.push({ id: 'values', ok: false, blocking: true, text: t(lang, 'doctor.values.ownBroken', { file: where(ownFile) }) });
  } else {
    checks.push({
      id: 'values', ok: true, blocking: true,
      text: values.source === 'built-in'
        ? t(lang, 'doctor.values.builtIn', { count: values.values.length })
        : t(lang, 'doctor.values.own', { file: where(values.source), count: values.values.length }),
    });
  }
  const output = path.resolve(casebook.config.root, casebook.config.output);
  let writable = true;
  try {
    // The folder, or the nearest existing folder above it, must be writable.
    let dir = output;
    while (!existsSync(dir)) dir = path.dirname(dir);
    accessSync(dir, constants.W_OK);
  } catch {
    writable = false;
  }
  checks.push(checkSchemas(casebook.config.root, lang));
  checks.push(writable
    ? { id: 'output', ok: true, blocking: true, text: t(lang, 'doctor.output.ok', { dir: where(output) }) }
    : { id: 'output', ok: false, blocking: true, text: t(lang, 'doctor.output.readOnly', { dir: where(output) }), advice: t(lang, 'doctor.output.advice') });
  return checks;
}

export interface DoctorOptions extends GlobalOptions {
  browser?: string;
}

export async function doctorCommand(options: DoctorOptions, io: Io): Promise<number> {
  const lang0: Lang = options.lang ?? 'nl';
  const checks: Check[] = [checkNode(process.versions.node, lang0)];
  let casebook: Casebook | undefined;
  try {
    casebook = await loadCasebook({ cwd: io.cwd, ...(options.casebook ? { casebook: options.casebook } : {}), ...(options.lang ? { lang: options.lang } : {}) });
  } catch (error) {
    if (!(error instanceof CasebookError)) throw error;
    checks.push({ id: 'casebook', ok: false, blocking: true, text: error.message });
  }
  const lang = options.lang ?? casebook?.config.language ?? 'nl';
  checks.push(await checkBrowser({ env: io.env, lang, browser: options.browser }));
  checks.push(checkFonts(lang, () => {
    const result = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8', timeout: 15_000 });
    return result.status === 0 ? result.stdout : undefined;
  }));
  if (casebook) checks.push(...checkCasebook(casebook, io, lang));

  const s = styles(options.color !== false && useColor(io.stdout, io.env));
  const lines = checks.map((c) => {
    const mark = c.ok ? s.bold('✔') : c.blocking ? s.red('✖') : s.yellow('⚠');
    const advice = !c.ok && c.advice ? '\n' + c.advice.split('\n').map((line) => `    ${line}`).join('\n') : '';
    return `${mark} ${c.text}${advice}`;
  });
  const blocked = checks.some((c) => !c.ok && c.blocking);
  const warned = checks.some((c) => !c.ok);
  lines.push('', blocked ? s.red(t(lang, 'doctor.blocked')) : warned ? t(lang, 'doctor.warnings') : t(lang, 'doctor.allGood'));
  io.stdout.write(lines.join('\n') + '\n');
  return blocked ? 1 : 0;
}
