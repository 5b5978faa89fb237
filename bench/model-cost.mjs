#!/usr/bin/env node
// What the learned model adds to `casebook tag` (issue 17): alternating runs with the model and
// with the lexicon alone (`--no-model`), in the default configuration and in one thread
// (CASEBOOK_THREADS=0); medians of each and the median of the per-pair differences. With a
// second checkout (built), the same for it first: before and after a change.
//   node bench/model-cost.mjs <casebook folder> [pairs] [other checkout with dist/ (before)] [checkout (after; default this one)]
import path from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { measurePairs } from './lib/measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [dir, pairs = '5', before, after = root] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/model-cost.mjs <casebook folder> [pairs] [other checkout]');
  process.exit(2);
}
const checkouts = before ? [['before', path.resolve(before)], ['after', path.resolve(after)]] : [['this', path.resolve(after)]];
const signed = (v) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;
for (const [threads, env] of [['default', {}], ['CASEBOOK_THREADS=0', { CASEBOOK_THREADS: '0' }]]) {
  for (const [name, checkout] of checkouts) {
    const cli = path.join(checkout, 'bin', 'casebook.js');
    const command = (extra) => ({ command: process.execPath, args: [cli, 'tag', '--format', 'json', ...extra], env });
    const loads = [];
    const result = await measurePairs(command(['--no-model']), command([]), {
      cwd: dir, pairs: Number(pairs), warmup: 1,
      onRun: (warm, lexicon, model) => {
        loads.push(loadavg()[0]);
        console.log(`  ${name} ${threads}${warm ? ' (warm-up)' : ''}: no-model ${lexicon.seconds.toFixed(2)} s CPU ${lexicon.cpuSeconds?.toFixed(2)}; model ${model.seconds.toFixed(2)} s CPU ${model.cpuSeconds?.toFixed(2)}; diff CPU ${signed(model.cpuSeconds - lexicon.cpuSeconds)}`);
      },
    });
    console.log(`${name} ${threads}, ${pairs} pairs: model ${result.b.median.toFixed(2)} s CPU ${result.b.cpu.toFixed(2)}; no-model ${result.a.median.toFixed(2)} s CPU ${result.a.cpu.toFixed(2)}; median pair difference CPU ${signed(result.cpu)} s, wall ${signed(result.wall)} s; load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
  }
}
