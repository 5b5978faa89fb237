#!/usr/bin/env node
// Benchmark: `casebook serve` rebuilding after one changed case in a large casebook
// (target: under 300 ms at 1,000 cases). Uses the library directly, as the watcher does.
//   npm run build:ts && node bench/serve.mjs [count]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../dist/serve/index.js';
import { generateCasebook } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const count = Number(process.argv[2] ?? 1000);
const dir = generateCasebook(path.join(root, '.tmp', `bench-serve-${count}`), count);
const started = performance.now();
const served = await serve({ cwd: dir, port: 0, log: () => {} });
const first = performance.now() - started;

const casesDir = path.join(dir, 'cases', 'wmo');
const { readdirSync } = await import('node:fs');
const files = readdirSync(casesDir).filter((f) => f.endsWith('.yaml')).slice(0, 7).map((f) => path.join(casesDir, f));
const times = [];
for (const [i, file] of files.entries()) {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/^title: (.*)$/m, (_m, title) => `title: ${title} (bewerkt ${i})`));
  const state = await served.rebuild([file]);
  times.push(state.ms);
}
await served.close();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`serve, ${count} cases: first build ${first.toFixed(0)} ms; rebuild after one changed case: median ${median.toFixed(0)} ms (${times[0].toFixed(0)}–${times[times.length - 1].toFixed(0)} ms, ${times.length} edits)`);
