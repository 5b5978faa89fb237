#!/usr/bin/env node
// Benchmark of `casebook build` (not a test): a 1,000-case casebook, made by cycling the example
// cases with unique ids, to HTML and to PDF, against one bare Chromium print of the same HTML
// (`chromium --headless --print-to-pdf`), in the same run.
//   node bench/build.mjs [count] [runs]
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateCasebook } from './generate.mjs';
import { runOnce } from './lib/measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'casebook.js');
const count = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 1);
const chromium = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';

const dir = mkdtempSync(path.join(tmpdir(), 'casebook-bench-build-'));
generateCasebook(dir, count);
const env = { SOURCE_DATE_EPOCH: '1767225600', CI: '1' };

async function timed(label, command, args) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const result = await runOnce(command, args, { cwd: dir, env });
    if (result.code !== 0) {
      console.error(`${label} failed (${result.code}):\n${result.stdout}${result.stderr}`);
      process.exit(1);
    }
    results.push(result);
  }
  const seconds = results.map((r) => r.seconds).sort((a, b) => a - b);
  return { label, seconds: seconds[Math.floor(seconds.length / 2)], peakMb: Math.max(...results.map((r) => r.peakMb)) };
}

const rows = [];
rows.push(await timed('casebook build --format html', process.execPath, [cli, 'build', '--format', 'html', '--out', 'html']));
const html = path.join(dir, 'html', readdirSync(path.join(dir, 'html')).find((f) => f.endsWith('.html')));
rows.push(await timed('casebook build --format pdf', process.execPath, [cli, 'build', '--format', 'pdf', '--out', 'pdf']));
const noSandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
rows.push(await timed('chromium --headless --print-to-pdf (same HTML)', chromium, [
  '--headless', ...noSandbox, '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${path.join(dir, 'bare.pdf')}`, pathToFileURL(html).href,
]));

const [htmlRow, pdfRow, bareRow] = rows;
console.log(`\n${count} cases, ${runs} run(s) each (median), ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| step | seconds | peak MB (process tree) |');
console.log('|---|---|---|');
for (const row of rows) console.log(`| ${row.label} | ${row.seconds.toFixed(2)} | ${Math.round(row.peakMb)} |`);
console.log(`\nHTML under 2 s: ${htmlRow.seconds < 2 ? 'yes' : 'no'} (${htmlRow.seconds.toFixed(2)} s)`);
console.log(`PDF / bare print: ${(pdfRow.seconds / bareRow.seconds).toFixed(2)}× (aim: ≤ 1.3×)`);
rmSync(dir, { recursive: true, force: true });
