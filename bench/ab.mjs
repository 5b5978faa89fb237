#!/usr/bin/env node
// Alternating runs (A B A B) of validate and tag of two builds and ajv-cli in one casebook
// folder: wall time, CPU (user + system of the process tree) and peak PSS of each run, then
// the medians. For before/after measurements on a shared machine, where CPU says more than
// wall time.
//   node bench/ab.mjs <casebook folder> <rounds> <other checkout with dist/ (before)>
import path from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runOnce } from './lib/measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [dir, rounds = '3', before] = process.argv.slice(2);
const ajv = path.join(root, 'bench', '.work', 'node_modules', '.bin', 'ajv');
const cli = (checkout) => path.join(checkout, 'bin', 'casebook.js');
const commands = {
  'ajv-cli': [ajv, ['validate', '--spec=draft2020', '-c', 'ajv-formats', '--all-errors', '--errors=text', '-s', path.join(root, 'schemas', 'case.schema.json'), '-d', 'cases/**/*.yaml']],
  ...(before ? { 'validate before': ['node', [cli(before), 'validate', '--format', 'json']] } : {}),
  'validate': ['node', [cli(root), 'validate', '--format', 'json']],
  'validate, one thread': ['node', [cli(root), 'validate', '--format', 'json'], { CASEBOOK_THREADS: '0' }],
  ...(before ? { 'tag before': ['node', [cli(before), 'tag', '--format', 'json']] } : {}),
  'tag': ['node', [cli(root), 'tag', '--format', 'json']],
  'tag, one thread': ['node', [cli(root), 'tag', '--format', 'json'], { CASEBOOK_THREADS: '0' }],
};
const results = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let round = 0; round < Number(rounds); round++) {
  for (const [name, [command, args, env]] of Object.entries(commands)) {
    const load = loadavg()[0];
    const run = await runOnce(command, args, { cwd: dir, env });
    results[name].push(run);
    console.log(`${name.padEnd(22)} wall ${run.seconds.toFixed(2)} s, CPU ${run.cpuSeconds?.toFixed(2)} s, ${run.peakMb.toFixed(0)} MB, exit ${run.code}, load ${load.toFixed(1)}`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
for (const [name, runs] of Object.entries(results)) {
  console.log(`median ${name.padEnd(22)} wall ${median(runs.map((r) => r.seconds)).toFixed(2)} s, CPU ${median(runs.map((r) => r.cpuSeconds)).toFixed(2)} s, peak ${Math.max(...runs.map((r) => r.peakMb)).toFixed(0)} MB`);
}
