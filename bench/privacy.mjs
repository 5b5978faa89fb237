#!/usr/bin/env node
// Benchmark: the privacy rules alone on 1,000 synthetic cases (bench/generate.mjs), in
// process: every detector over every text field of every case, as `validate` runs them.
// The first pass includes reading the word lists (first names, surnames, places, the
// OpenTaal word list); the next passes show the steady cost. Target (issue 19): 0.3 s per
// 1,000 cases. CPU time (user + system of this process) is printed beside wall time: on a
// shared, loaded machine it is the steadier of the two.
//   node bench/privacy.mjs [cases] [dist folder]
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { syntheticCase, templates } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const count = Number(process.argv[2] ?? 1000);
const dist = path.resolve(process.argv[3] ?? path.join(root, 'dist'));
const started = performance.now();
const { privacyDetectors } = await import(pathToFileURL(path.join(dist, 'privacy', 'index.js')).href);
const { privacyEnv } = await import(pathToFileURL(path.join(dist, 'privacy', 'detector.js')).href);
const { caseTexts } = await import(pathToFileURL(path.join(dist, 'privacy', 'text.js')).href);
const importMs = performance.now() - started;

const all = templates();
const cases = Array.from({ length: count }, (_, i) => syntheticCase(all, i));
const privacy = { patterns: [], allowNames: [], allowEmailDomains: [] };

/** One pass over fresh copies of the cases (caseTexts caches per case object). */
function pass() {
  const copies = structuredClone(cases);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let findings = 0;
  for (const data of copies) {
    const env = privacyEnv(privacy, data);
    for (const detector of privacyDetectors) {
      for (const field of caseTexts(data)) {
        if (detector.needsDigit && !field.hasDigit) continue;
        findings += detector.detect(field.text, env).length;
      }
    }
  }
  const cpu = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, findings };
}

const first = pass();
const passes = Array.from({ length: 7 }, pass);
const warm = passes.map((r) => r.ms).sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)];
const cpu = passes.map((r) => r.cpuMs).sort((a, b) => a - b);
const chars = cases.reduce((sum, data) => sum + caseTexts(data).reduce((s, f) => s + f.text.length, 0), 0);
console.log(`privacy rules, ${count} cases (${(chars / 1e6).toFixed(1)} M characters, ${first.findings} findings), ${path.relative(root, dist) || dist}:`);
console.log(`  import ${importMs.toFixed(0)} ms; first pass (word lists read on first use) ${first.ms.toFixed(0)} ms wall, ${first.cpuMs.toFixed(0)} ms CPU;`);
console.log(`  then median ${median.toFixed(0)} ms wall (${warm[0].toFixed(0)}–${warm[warm.length - 1].toFixed(0)}), ${cpu[Math.floor(cpu.length / 2)].toFixed(0)} ms CPU (${cpu[0].toFixed(0)}–${cpu[cpu.length - 1].toFixed(0)})`);
