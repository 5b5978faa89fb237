#!/usr/bin/env node
/**
 * npm run eval:privacy — measures the privacy check on the labelled fixtures in
 * tests/fixtures/privacy/ (planted.yaml, clean.yaml): recall and precision per rule,
 * severity agreement, errors on clean text, and every miss and false positive; then on
 * the annotated corpus (tests/fixtures/privacy/corpus/), each part separately: recall per
 * kind and precision. Of an untuned part (untuned-…/) only the figures are printed, never
 * a miss or a false positive, so that no rule gets tuned on it. Exits 1 when a target is missed.
 * The fixture values are invented, so they are printed in full.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateCorpus, missedCorpusTargets, readCorpusParts } from './privacy-corpus.mjs';
import { evaluate, missedTargets, readFixtureSet, recallTargets } from './privacy-evaluate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'tests', 'fixtures', 'privacy');
const result = evaluate(readFixtureSet(path.join(fixtures, 'planted.yaml')), readFixtureSet(path.join(fixtures, 'clean.yaml')));

const percent = (n) => `${(n * 100).toFixed(1)}%`.padStart(7);
const oneLine = (text) => text.replace(/\s+/g, ' ').trim();
const lines = [];
lines.push(`Planted: ${result.planted.identifiers} identifiers in ${result.planted.items} texts. Clean: ${result.clean.items} texts.`);
lines.push('');
lines.push(`${'rule'.padEnd(28)} ${'planted'.padStart(7)} ${'found'.padStart(6)} ${'recall'.padStart(7)} ${'reported'.padStart(8)} ${'precision'.padStart(9)} ${'severity'.padStart(9)}  target`);
for (const c of result.categories) {
  const severity = c.severityChecked ? `${c.severityAgreed}/${c.severityChecked}` : '-';
  const target = recallTargets[c.category] === undefined ? '' : `recall ≥ ${recallTargets[c.category] * 100}%`;
  lines.push(`${c.category.padEnd(28)} ${String(c.planted).padStart(7)} ${String(c.found).padStart(6)} ${percent(c.recall)} ${String(c.reported).padStart(8)} ${percent(c.precision).padStart(9)} ${severity.padStart(9)}  ${target}`);
}
lines.push('');
lines.push(`Clean set: ${result.clean.errors} errors, ${result.clean.warnings} warnings, ${result.clean.infos} infos (target: 0 errors).`);
if (result.misses.length) {
  lines.push('', 'Missed:');
  for (const m of result.misses) lines.push(`  ${m.expectation.rule} "${oneLine(m.expectation.match)}" in: ${oneLine(m.text)}`);
}
if (result.wrongSeverity.length) {
  lines.push('', 'Found with another severity:');
  for (const m of result.wrongSeverity) lines.push(`  ${m.expectation.rule} "${oneLine(m.expectation.match)}": ${m.reportedAs}, expected ${m.expectation.severity}`);
}
if (result.falsePositives.length) {
  lines.push('', 'False positives:');
  for (const f of result.falsePositives) lines.push(`  [${f.set}] ${f.finding.rule} ${f.finding.severity} "${oneLine(f.matched)}" in: ${oneLine(f.text)}`);
}
const missed = missedTargets(result);

const parts = readCorpusParts(path.join(fixtures, 'corpus'));
for (const part of parts) {
  const corpus = evaluateCorpus(part.texts);
  lines.push('', `Corpus, ${part.name}${part.tuned ? '' : ' (untuned: figures only)'}: ${corpus.texts} texts (${corpus.cleanTexts} without personal data).`);
  lines.push(`${'kind'.padEnd(12)} ${'marked'.padStart(7)} ${'found'.padStart(6)} ${'recall'.padStart(7)}`);
  for (const k of corpus.kinds) lines.push(`${k.kind.padEnd(12)} ${String(k.marked).padStart(7)} ${String(k.found).padStart(6)} ${percent(k.recall)}`);
  lines.push(`precision ${percent(corpus.precision).trim()} (${corpus.correct} of ${corpus.reported} errors and warnings point at marked data); clean texts: ${corpus.cleanErrors} errors.`);
  missed.push(...missedCorpusTargets(corpus).map((target) => `corpus (${part.name}) ${target}`));
  if (!part.tuned) continue;
  if (corpus.misses.length) {
    lines.push('', `Missed (${part.name}):`);
    for (const m of corpus.misses) lines.push(`  ${m.kind} "${oneLine(m.marked)}"${m.reportedAs ? ` (only ${m.reportedAs})` : ''} in ${m.source}`);
  }
  if (corpus.falsePositives.length) {
    lines.push('', `False positives (${part.name}):`);
    for (const f of corpus.falsePositives) lines.push(`  ${f.rule} ${f.severity} "${oneLine(f.matched)}" in ${f.source}${f.clean ? ' (clean text)' : ''}`);
  }
}
if (!parts.some((part) => !part.tuned)) lines.push('', 'Corpus: no untuned part (a folder untuned-…/) yet, so nothing here is measured on text no rule was tuned on.');
lines.push('', missed.length ? `Targets missed:\n  ${missed.join('\n  ')}` : 'All targets met.');
process.stdout.write(lines.join('\n') + '\n');
process.exitCode = missed.length ? 1 : 0;
