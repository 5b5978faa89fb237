#!/usr/bin/env node
// Prints the plain "N passed, N failed" line that CI reads, from vitest's JSON report.
// Exits non-zero when tests failed, no test ran, or the report is missing.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.tmp/vitest.json';
if (!existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`ci-summary: no test report at ${file}`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const passed = report.numPassedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
const failedSuites = report.numFailedTestSuites ?? 0;
console.log(`${passed} passed, ${report.numFailedTests ?? 0} failed${skipped ? `, ${skipped} skipped` : ''}`);
if ((report.numFailedTests ?? 0) > 0 || failedSuites > 0 || passed === 0 || report.success === false) process.exit(1);
