#!/usr/bin/env node
// Alternating runs of several commands in one casebook folder (A B A B ...), each with its wall
// time, CPU time of the process tree, peak PSS and the load average when it started: on a
// shared machine the rounds of one run are what can be compared.
//   node bench/alternate.mjs <dir> <rounds> "name=command args" ...
import { loadavg } from 'node:os';
import { runOnce } from './lib/measure.mjs';

const [dir, rounds, ...specs] = process.argv.slice(2);
if (!dir || !rounds || specs.length === 0) {
  console.error('usage: node bench/alternate.mjs <dir> <rounds> "name=command args" ...');
  process.exit(2);
}
const commands = specs.map((spec) => {
  const [name, ...rest] = spec.split('=');
  const [command, ...args] = rest.join('=').split(' ');
  return { name, command, args };
});
for (let round = 1; round <= Number(rounds); round++) {
  for (const { name, command, args } of commands) {
    const load = loadavg()[0];
    const r = await runOnce(command, args, { cwd: dir });
    console.log(`round ${round}  ${name.padEnd(16)} wall ${r.seconds.toFixed(2).padStart(7)} s  CPU ${(r.cpuSeconds ?? NaN).toFixed(2).padStart(6)} s  peak PSS ${String(Math.round(r.peakMb)).padStart(5)} MB  exit ${r.code}  load ${load.toFixed(1)}`);
  }
}
