#!/usr/bin/env node
// CPU time of each step of an HTML build, in one process, and the garbage collection in each:
// module loading, loading the cases, validation, the view model, laying out and writing.
//   node bench/html-steps.mjs <casebook dir> [dist dir, default: this repository's dist]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [dir, distArg] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/html-steps.mjs <casebook dir> [dist dir]');
  process.exit(2);
}
const dist = path.resolve(distArg ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist'));
const collections = [];
new PerformanceObserver((list) => collections.push(...list.getEntries())).observe({ entryTypes: ['gc'] });
const marks = [];
const mark = () => {
  const { user, system } = process.cpuUsage();
  marks.push({ at: performance.now(), cpu: (user + system) / 1e6 });
};
const load = (module) => import(pathToFileURL(path.join(dist, module)).href);

mark();
const { loadCasebook } = await load('load/index.js');
const { validate } = await load('validate/index.js');
const { prepareBook, assembleHtmlPieces } = await load('render/index.js');
const { writeFilesAtomic } = await load('util/write.js');
mark();
const casebook = await loadCasebook({ cwd: path.resolve(dir) });
mark();
validate(casebook, { lang: casebook.config.language });
mark();
const { book } = prepareBook(casebook, casebook.config.language, { filters: {}, date: new Date(0), decisions: 'inline' });
mark();
const out = mkdtempSync(path.join(tmpdir(), 'casebook-steps-'));
await writeFilesAtomic([{ file: path.join(out, 'book.html'), data: assembleHtmlPieces({ ...book.view, format: 'html' }, book.templates, book.theme) }]);
mark();
rmSync(out, { recursive: true, force: true });
// The observer reports after the synchronous steps: wait for it, then sort by start time.
await new Promise((resolve) => setTimeout(resolve, 100));
const steps = ['modules', 'load', 'validate', 'model', 'layout+write'];
const rows = steps.map((name, i) => {
  const gc = collections.filter((e) => e.startTime >= marks[i].at && e.startTime < marks[i + 1].at).reduce((sum, e) => sum + e.duration, 0);
  return `${name} ${(marks[i + 1].cpu - marks[i].cpu).toFixed(2)} s (GC ${(gc / 1000).toFixed(2)} s)`;
});
console.log(`${rows.join(', ')}; total ${(marks.at(-1).cpu - marks[0].cpu).toFixed(2)} s CPU`);
