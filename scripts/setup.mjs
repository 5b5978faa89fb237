#!/usr/bin/env node
// One command from a fresh clone to a built example casebook (README, "Getting started"):
//   1. npm dependencies (puppeteer-core has no browser download);
//   2. a Chromium, the fonts the casebook names and LibreOffice (for the Word tests), via apt-get when they are missing
//      (Debian/Ubuntu, as root or with sudo); elsewhere it says what to install;
//   3. compiles the package (npm run build:ts) and builds the example casebook into dist/.
// Safe to run again: steps that are already done are skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (text) => process.stdout.write(`setup: ${text}\n`);
const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    process.stderr.write(`setup: '${command} ${args.join(' ')}' failed (exit ${result.status ?? result.signal}).\n`);
    process.exit(1);
  }
};
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

// 1. npm dependencies, when missing or older than the lock file.
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  say('npm ci');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

// 2. Chromium, fonts and PDF tools.
const browsers = [process.env.CASEBOOK_BROWSER, process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']
  .filter(Boolean);
const haveBrowser = browsers.some((p) => existsSync(p));
const haveFonts = has('fc-list') && /Liberation Sans/.test(spawnSync('fc-list', [], { encoding: 'utf8' }).stdout ?? '');
const havePdfTools = has('pdftoppm') && has('pdftotext');
const packages = [
  ...(haveBrowser ? [] : ['chromium']),
  ...(haveFonts ? [] : ['fonts-liberation2', 'fonts-dejavu-core', 'fontconfig']),
  ...(havePdfTools ? [] : ['poppler-utils']),
  // The security tests read every PDF object, compressed ones too, with qpdf --json.
  ...(has('qpdf') ? [] : ['qpdf']),
  // The Word tests open the .docx in LibreOffice (headless, no desktop: about 150 MB).
  ...(has('soffice') ? [] : ['libreoffice-writer-nogui']),
];
if (packages.length > 0) {
  if (!has('apt-get')) {
    say(`install these yourself and run setup again: ${packages.join(', ')} (a Chromium or Chrome, the Liberation fonts, poppler, qpdf, LibreOffice Writer).`);
    process.exit(1);
  }
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ['sudo'];
  if (!asRoot && !has('sudo')) {
    say(`run as root, or install: apt-get install ${packages.join(' ')}`);
    process.exit(1);
  }
  say(`apt-get install ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(asRoot ? [] : ['apt-get']), 'update', '-qq'], { env });
  run(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(asRoot ? [] : ['apt-get']), 'install', '-y', '-qq', ...packages], { env });
}

// 3. Compile and build the example casebook.
// The package's own build step (tsc and the compiled data, templates and hyphenation
// patterns), so that the list of what it writes into dist/ is kept in one place.
say('npm run build:ts');
run('npm', ['run', '--silent', 'build:ts']);
if (process.argv.includes('--no-build')) process.exit(0);
say('casebook build (the example casebook)');
run(process.execPath, [path.join(root, 'bin', 'casebook.js'), 'build']);
try {
  const outputs = execFileSync('sh', ['-c', 'ls dist/*.html dist/*.pdf 2>/dev/null'], { cwd: root, encoding: 'utf8' }).trim();
  say(`done:\n${outputs}`);
} catch {
  say('done.');
}
