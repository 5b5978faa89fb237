/**
 * `casebook build` when the world around it fails: the browser crashes at start or halfway,
 * hangs, runs out of time, the person presses Ctrl-C, the disk is full or read-only. Each
 * ends with a clear Dutch message, the right exit code, no stack trace, the previous output
 * intact byte for byte (and no temporary file next to it), and nothing left running of the
 * browser that build started. (Hostile case files: hostile.test.ts.)
 *
 * Every browser here is a shell script that first writes its pid to a file and marks its
 * environment: a fake, or a wrapper that execs the real Chromium (so the pid stays the
 * browser's). What is left of a browser is found two ways: puppeteer starts it detached, so
 * its pid is the session id of everything it forks (Chromium's helpers overwrite their
 * environment with their titles); Chromium's crash reporters start their own sessions but
 * keep the environment.
 */
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseYaml, makeTree, repoRoot, startCli } from '../helpers.js';

const HTML = 'casusboekje-sociaal-domein.html';
const PDF = 'casusboekje-sociaal-domein.pdf';
const CHROMIUM = '/usr/bin/chromium';
const STACK_TRACE = /\n\s+at /;
/**
 * Small previous outputs, under the names the build writes. Not a real earlier build: that
 * costs a PDF print, and its HTML would have the same bytes as a new build's, so an HTML
 * written when nothing should be would go unnoticed.
 */
const PREVIOUS = { [HTML]: Buffer.from('<p>de vorige versie</p>\n'), [PDF]: Buffer.from('%PDF-1.7 de vorige versie\n') };

const start = (args: string[], cwd: string, env: Record<string, string | undefined> = {}) => startCli(args, { cwd, env });
const run = (args: string[], cwd: string, env: Record<string, string | undefined> = {}) => start(args, cwd, env).done;

/** A copy of the example casebook in a temporary folder. */
function exampleCopy(): string {
  const dir = makeTree({}, 'casebook-build-hostile-');
  cpSync(path.join(repoRoot, 'cases'), path.join(dir, 'cases'), { recursive: true });
  cpSync(path.join(repoRoot, 'casebook.yaml'), path.join(dir, 'casebook.yaml'));
  return dir;
}

/** The example's settings with one published case: where the book's size does not matter, its PDF prints fastest. */
function oneCaseBook(): string {
  const dir = makeTree({ 'cases/een.yaml': caseYaml({ status: 'published', values: '[maatwerk]' }) }, 'casebook-build-hostile-');
  cpSync(path.join(repoRoot, 'casebook.yaml'), path.join(dir, 'casebook.yaml'));
  return dir;
}

/**
 * `times` copies of every example case (ids from the new file names), so that printing the
 * PDF lasts long enough to be interrupted: 336 cases, about half a minute on 2 cores.
 */
function addCopies(dir: string, times: number): void {
  const originals = readdirSync(path.join(dir, 'cases'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
  mkdirSync(path.join(dir, 'cases', 'kopie'));
  for (let i = 1; i <= times; i++) {
    for (const original of originals) {
      const text = readFileSync(path.join(dir, 'cases', original), 'utf8').replace(/^id: .*\n/m, '');
      writeFileSync(path.join(dir, 'cases', 'kopie', `${path.basename(original, '.yaml')}-kopie-${i}.yaml`), text);
    }
  }
}

interface BrowserScript {
  file: string;
  pidFile: string;
  pid: () => number;
}

/** Marks the environment of a test browser and of everything it starts. */
const MARKER = 'CASEBOOK_TEST_BROWSER';

/** A browser for PUPPETEER_EXECUTABLE_PATH: a shell script that writes its pid, then does `body`. */
function browserScript(dir: string, name: string, body: string): BrowserScript {
  const file = path.join(dir, name);
  const pidFile = `${file}.pid`;
  writeFileSync(file, `#!/bin/sh\necho $$ > '${pidFile}'\nexport ${MARKER}='${file}'\n${body}\n`);
  chmodSync(file, 0o755);
  return { file, pidFile, pid: () => Number(readFileSync(pidFile, 'utf8')) };
}

/** Processes of a session that are still alive (the dead wait as zombies until they are reaped). */
function aliveInSession(sid: number): Array<{ pid: number; args: string }> {
  const listed = spawnSync('ps', ['-o', 'pid=,stat=,args=', '-s', String(sid)], { encoding: 'utf8' }).stdout;
  return listed
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !m[2]!.startsWith('Z'))
    .map((m) => ({ pid: Number(m[1]), args: m[3]! }));
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Live processes whose environment carries the marker of this browser script. */
function aliveWithMarker(browser: BrowserScript): number[] {
  const marker = Buffer.from(`${MARKER}=${browser.file}\0`);
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const state = /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
        return state !== 'Z' && readFileSync(`/proc/${pid}/environ`).includes(marker);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/** Everything of this browser that still runs. */
function browserProcesses(browser: BrowserScript): number[] {
  return [...new Set([...aliveInSession(browser.pid()).map((p) => p.pid), ...aliveWithMarker(browser)])].sort((a, b) => a - b);
}

/** Nothing of the browser is left running a moment after the build ended. */
async function expectNoBrowserLeft(browser: BrowserScript): Promise<void> {
  await expect.poll(() => browserProcesses(browser), { timeout: 3000, interval: 100 }).toEqual([]);
}

/** The folder holds exactly these files (no temporary file beside them), byte for byte. */
function expectFiles(dir: string, files: Record<string, Buffer>): void {
  expect(readdirSync(dir).sort()).toEqual(Object.keys(files).sort());
  for (const [name, bytes] of Object.entries(files)) expect(readFileSync(path.join(dir, name)).equals(bytes), name).toBe(true);
}

/** The browser has a page open (a renderer runs), then one second more: the PDF is being made. */
async function waitUntilPrinting(browser: BrowserScript, build: ChildProcess): Promise<void> {
  await waitFor('the browser runs', () => existsSync(browser.pidFile) && readFileSync(browser.pidFile, 'utf8').endsWith('\n'));
  await waitFor('the browser has a page', () => aliveInSession(browser.pid()).some((p) => p.args.includes('--type=renderer')));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(build.exitCode, 'the build is still running').toBeNull();
}

describe('casebook build when the browser fails or the build is stopped', () => {
  let dir: string;
  let tools: string;
  let dist: string;
  const previous = PREVIOUS;
  let wrapperCount = 0;
  /** The real Chromium behind a script that records its pid. */
  const chromium = () => browserScript(tools, `chromium-${++wrapperCount}`, `exec ${CHROMIUM} "$@"`);

  beforeAll(() => {
    dir = exampleCopy();
    tools = mkdtempSync(path.join(tmpdir(), 'casebook-browsers-'));
    dist = path.join(dir, 'dist');
    mkdirSync(dist);
    for (const [file, data] of Object.entries(previous)) writeFileSync(path.join(dist, file), data);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(tools, { recursive: true, force: true });
  });

  it('names a browser that crashes at start, and says it could not be started', async () => {
    const broken = browserScript(tools, 'kapotte-chrome', "echo 'Trace/breakpoint trap (core dumped)' >&2\nexit 1");
    const result = await run(['build'], dir, { PUPPETEER_EXECUTABLE_PATH: broken.file });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `casebook: De browser ${broken.file} kon niet worden gestart: het programma stopte meteen (exitcode 1) met de melding 'Trace/breakpoint trap (core dumped)'. Draai je in een container of als root, probeer dan --no-sandbox (of CASEBOOK_NO_SANDBOX=1); casebook doctor controleert de browser.\n`,
    );
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stdout).not.toContain('Geschreven');
    expectFiles(dist, previous);
    await expectNoBrowserLeft(broken);
  });

  it('gives up on a browser that never answers after the time limit, and stops it', async () => {
    const hanging = browserScript(tools, 'hangende-chrome', 'exec sleep 600');
    const build = start(['build'], dir, { PUPPETEER_EXECUTABLE_PATH: hanging.file, CASEBOOK_PDF_TIMEOUT: '1.5' });
    await waitFor('the fake browser runs', () => existsSync(hanging.pidFile) && readFileSync(hanging.pidFile, 'utf8').endsWith('\n'));
    await waitFor('the fake browser sleeps', () => aliveInSession(hanging.pid()).some((p) => p.args === 'sleep 600'), 1000);
    const result = await build.done;
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `casebook: De browser ${hanging.file} is gestart, maar gaf binnen 1,5 seconden geen antwoord en is gestopt. Controleer met casebook doctor of dit een werkende Chrome, Chromium of Edge is.\n`,
    );
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expectFiles(dist, previous);
    await expectNoBrowserLeft(hanging);
  });

  it('stops with a clear message in Dutch or English when the browser stops making progress, and leaves nothing running', async () => {
    // The real Chromium, whose page renderers are stopped (SIGSTOP) as soon as they appear:
    // the page never answers, as when Chromium's print compositor gave up on a large book.
    const frozen = () =>
      browserScript(tools, `bevroren-chromium-${++wrapperCount}`, `(while :; do ps -o pid=,args= -s $$ | awk '/--type=renderer/ && !/--top-chrome-webui/ {print $1}' | xargs -r kill -STOP; sleep 0.1; done) &\nexec ${CHROMIUM} "$@"`);
    const said = {
      nl: (file: string) => `De browser ${file} maakte de PDF niet af: hij deed 2,5 seconden lang niets meer en is gestopt. Er is niets geschreven; de vorige uitvoer is onveranderd. Probeer het opnieuw, liefst als de computer minder druk is. Gebeurt het weer, controleer de browser dan met casebook doctor, of maak kleinere edities met --domain of --value. Wie langer wil wachten, zet CASEBOOK_PDF_STALL=<seconden>.`,
      en: (file: string) => `The browser ${file} did not finish the PDF: it did nothing for 2.5 seconds and was stopped. Nothing was written; the previous output is unchanged. Try again, preferably when the computer is less busy. If it happens again, check the browser with casebook doctor, or make smaller editions with --domain or --value. To wait longer, set CASEBOOK_PDF_STALL=<seconds>.`,
    };
    // The page is stuck from the start, so the book's size does not matter.
    const small = oneCaseBook();
    try {
      for (const lang of ['nl', 'en'] as const) {
        const browser = frozen();
        const result = await run(['build', '--lang', lang], small, { PUPPETEER_EXECUTABLE_PATH: browser.file, CASEBOOK_PDF_STALL: '2.5' });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(`casebook: ${said[lang](browser.file)}\n`);
        expect(existsSync(path.join(small, 'dist')) ? readdirSync(path.join(small, 'dist')) : []).toEqual([]);
        await expectNoBrowserLeft(browser);
      }
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  }, 120_000);

  // Printing 336 cases lasts long enough to be stopped halfway; the tests above need no such book.
  describe('on a book whose PDF takes a while to print', () => {
    beforeAll(() => addCopies(dir, 20));

    it('says so when the browser dies while making the PDF, and writes nothing', async () => {
      const browser = chromium();
      const build = start(['build'], dir, { PUPPETEER_EXECUTABLE_PATH: browser.file });
      await waitUntilPrinting(browser, build.child);
      expect(browserProcesses(browser).length).toBeGreaterThan(1);
      process.kill(browser.pid(), 'SIGKILL');
      const result = await build.done;
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `casebook: De browser ${browser.file} is onverwacht gestopt tijdens het maken van de PDF. Er is niets geschreven; de vorige uitvoer is onveranderd. Probeer het opnieuw. Gebeurt het weer, controleer de browser dan met casebook doctor, of maak kleinere edities met --domain of --value (een groot boek vraagt veel geheugen).\n`,
      );
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expectFiles(dist, previous);
      await expectNoBrowserLeft(browser);
    }, 90_000);

    it('stops with a clear message when the time limit is exceeded while printing, and shows the limit as set', async () => {
      const browser = chromium();
      const result = await run(['build'], dir, { PUPPETEER_EXECUTABLE_PATH: browser.file, CASEBOOK_PDF_TIMEOUT: '5.5' });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'casebook: Het maken van de PDF duurde langer dan 5,5 seconden en is afgebroken. Verhoog de limiet met CASEBOOK_PDF_TIMEOUT=<seconden>, of maak kleinere edities met --domain of --value.\n',
      );
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expectFiles(dist, previous);
      await expectNoBrowserLeft(browser);
    }, 90_000);

    it('stops at Ctrl-C while making the PDF: exit 130, nothing written, the browser gone', async () => {
      const browser = chromium();
      const build = start(['build'], dir, { PUPPETEER_EXECUTABLE_PATH: browser.file });
      await waitUntilPrinting(browser, build.child);
      expect(browserProcesses(browser).length).toBeGreaterThan(1);
      build.child.kill('SIGINT');
      const result = await build.done;
      expect(result.code).toBe(130);
      expect(result.stderr).toBe('casebook: De build is afgebroken. Er is niets geschreven; de vorige uitvoer is onveranderd.\n');
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(result.stdout).not.toContain('Geschreven');
      expectFiles(dist, previous);
      await expectNoBrowserLeft(browser);
    }, 90_000);
  });
});

/** Mounting a small tmpfs needs root (CI runs as root); elsewhere these tests are skipped. */
const canMount = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(path.join(tmpdir(), 'casebook-mount-probe-'));
  try {
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'casebook-test', probe]).status !== 0) return false;
    return spawnSync('umount', [probe]).status === 0;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();
const needsMount = canMount ? '' : ' [skipped: mounting a tmpfs needs root]';

describe('casebook build on a disk that is full or read-only', () => {
  let dir: string;
  let tools: string;
  let htmlSize: number;
  const mounted: string[] = [];
  const pageSize = canMount ? Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' })) : 4096;
  const pages = (bytes: number) => Math.ceil(bytes / pageSize);
  const previous = PREVIOUS;

  const mountTmpfs = (name: string, bytes: number): string => {
    const target = path.join(dir, name);
    mkdirSync(target);
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${Math.ceil(bytes / 1024)}k`, 'casebook-test', target]);
    mounted.push(target);
    for (const [file, data] of Object.entries(previous)) writeFileSync(path.join(target, file), data);
    return target;
  };

  beforeAll(async () => {
    // The PDF (130 kB for one case) does not fit in the room left either way.
    dir = oneCaseBook();
    tools = mkdtempSync(path.join(tmpdir(), 'casebook-browsers-'));
    if (!canMount) return;
    // How large the new HTML is: the same with or without the PDF (SOURCE_DATE_EPOCH is fixed).
    const probe = await run(['build', '--format', 'html', '--out', 'proef'], dir);
    expect(probe.code).toBe(0);
    htmlSize = statSync(path.join(dir, 'proef', HTML)).size;
  }, 60_000);
  afterAll(() => {
    for (const target of mounted) spawnSync('umount', ['-l', target]);
    rmSync(dir, { recursive: true, force: true });
    rmSync(tools, { recursive: true, force: true });
  });

  it.skipIf(!canMount)(`keeps the previous output when the disk fills up, even the HTML that would have fitted${needsMount}`, async () => {
    // Room for the previous files and the new HTML, not for the PDF as well.
    const full = mountTmpfs('vol', (pages(previous[HTML].length) + pages(previous[PDF].length) + pages(htmlSize) + 4) * pageSize);
    const browser = browserScript(tools, 'chromium-vol', `exec ${CHROMIUM} "$@"`);
    const result = await run(['build', '--out', full], dir, { PUPPETEER_EXECUTABLE_PATH: browser.file });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `casebook: ${path.join(full, PDF)} kan niet worden geschreven (ENOSPC: de schijf is vol). Er is niets vervangen: de vorige uitvoer in ${full} is onveranderd gebleven.\n`,
    );
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expectFiles(full, previous);
    await expectNoBrowserLeft(browser);
  }, 90_000);

  it.skipIf(!canMount)(`says so when the output folder is on a read-only disk${needsMount}`, async () => {
    const readOnly = mountTmpfs('alleen-lezen', 64 * 1024);
    execFileSync('mount', ['-o', 'remount,ro', readOnly]);
    const browser = browserScript(tools, 'chromium-ro', `exec ${CHROMIUM} "$@"`);
    const result = await run(['build', '--out', readOnly], dir, { PUPPETEER_EXECUTABLE_PATH: browser.file });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `casebook: De uitvoermap ${readOnly} kan niet worden gemaakt of beschreven (EROFS: de schijf is alleen-lezen). Kies een andere map met --out of controleer de rechten.\n`,
    );
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expectFiles(readOnly, previous);
    // It stopped before starting the browser.
    expect(existsSync(browser.pidFile)).toBe(false);
  });
});
