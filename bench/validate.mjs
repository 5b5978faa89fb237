#!/usr/bin/env node
// Benchmark: `casebook validate` on synthetic casebooks, against the floor (parsing the same
// files with the yaml package and nothing else).  node bench/validate.mjs [sizes…]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCasebook } from './generate.mjs';
import { formatRow, measure } from './lib/measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const cli = path.join(root, 'bin', 'casebook.js');
const floor = path.join(root, 'bench', 'lib', 'yaml-floor.mjs');

console.log('| command | median s | min–max s | peak PSS MB | exit |');
console.log('|---|---:|---:|---:|---:|');
for (const n of sizes.length ? sizes : [1000]) {
  const dir = generateCasebook(path.join(root, '.tmp', `bench-${n}`), n);
  const runs = n >= 10000 ? 3 : 5;
  console.log(formatRow(`yaml parse floor, ${n} cases`, await measure(process.execPath, [floor, dir], { cwd: dir, runs })));
  console.log(formatRow(`casebook validate, ${n} cases`, await measure(process.execPath, [cli, 'validate'], { cwd: dir, runs })));
}
