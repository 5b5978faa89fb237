#!/usr/bin/env node
// Times the core value tagger alone: 10,000 cases (the example casebook and the tagger
// development set, cycled with unique ids and varied lengths) are parsed in memory first;
// only tagging is timed, evidence positions included. Not part of the tests.
//   npm run build:ts && node bench/tag.mjs [count]
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { loadBuiltInValues, parseSource } from '../dist/load/index.js';
import { tagCase } from '../dist/tag/index.js';
import { syntheticCase, templates } from './generate.mjs';

const count = Number(process.argv[2] ?? 10_000);
const all = templates();
const encoder = new TextEncoder();
const cases = Array.from({ length: count }, (_, i) => {
  const data = syntheticCase(all, i);
  const file = parseSource(`/bench/${data.id}.yaml`, encoder.encode(stringify(data, { lineWidth: 100 })), { lang: 'nl' });
  return Object.assign(file, { id: data.id });
});
const values = loadBuiltInValues();
const bytes = cases.reduce((n, c) => n + c.text.length, 0);

function run() {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let suggestions = 0;
  for (const file of cases) suggestions += tagCase(file, values).suggestions.length;
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, suggestions };
}

// The first run compiles the lexicon and fills the stem and word caches, as a CLI run does.
const cold = run();
const warm = run();
console.log(`tagging ${count} cases (${(bytes / 1024 / 1024).toFixed(1)} MB of YAML)`);
console.log(`  first run (lexicon compiled, caches empty): ${cold.ms.toFixed(0)} ms (cpu ${cold.cpuMs.toFixed(0)} ms)`);
console.log(`  second run (caches warm):                   ${warm.ms.toFixed(0)} ms (cpu ${warm.cpuMs.toFixed(0)} ms)`);
console.log(`  ${(cold.suggestions / count).toFixed(2)} suggestions per case`);
