#!/usr/bin/env node
// Measures the core value tagger against labelled cases: per-value precision, recall and F1,
// micro and macro F1, for the tagger and for naive baselines that look only for the words of
// the value labels. Sets: the development set (tests/fixtures/tagger-dev, gold = each case's
// `values`), its odd and even halves (the lexicon was tuned on the odd half; a later pass for
// look-alikes saw the errors of both, so a gap between the halves is a sign of overfitting,
// not a clean estimate), the hold-out set (tests/fixtures/tagger-holdout: written by someone
// who had not seen the lexicon or the development set; never tune on it), and the example
// casebook (author labels).
// The hold-out set is scored only on request and only in aggregate (micro/macro F1 and per
// value): looking at its cases, or at its numbers after every change, would make it a second
// development set and its score a flattering guess of how the tagger does on unseen cases.
//   npm run eval:tagger                          development set and example casebook
//   npm run eval:tagger -- --holdout             ...and the hold-out set (a final check only)
//   node scripts/eval-tagger.mjs --sweep         micro-F1 per threshold, per set
//   node scripts/eval-tagger.mjs --cases         per case (never the hold-out): missed, extra
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The tagger and the loader only, so that the measurement does not depend on other stages.
import { loadCasebook } from '../dist/load/index.js';
import { tagCase, caseValues, DEFAULT_THRESHOLD } from '../dist/tag/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const devDir = path.join(root, 'tests', 'fixtures', 'tagger-dev');
const holdoutDir = path.join(root, 'tests', 'fixtures', 'tagger-holdout');
const args = new Set(process.argv.slice(2));

const casebook = await loadCasebook({ cwd: root, paths: [devDir, holdoutDir] });
const values = casebook.values;
const ids = values.values.map((v) => v.id);
const inDev = (file) => file.path.startsWith(devDir + path.sep);
const inHoldout = (file) => file.path.startsWith(holdoutDir + path.sep);
const number = (file) => Number(/^(\d+)/.exec(path.basename(file.path))?.[1] ?? NaN);
const labelled = casebook.cases.filter((file) => file.data && caseValues(file.data).length > 0);

const sets = {
  'dev (all)': labelled.filter(inDev),
  'dev odd (tuning half)': labelled.filter((f) => inDev(f) && number(f) % 2 === 1),
  'dev even (less tuned)': labelled.filter((f) => inDev(f) && number(f) % 2 === 0),
  ...(args.has('--holdout') ? { 'hold-out (unseen)': labelled.filter(inHoldout) } : {}),
  'example casebook': labelled.filter((f) => !inDev(f) && !inHoldout(f)),
};

/** The same engine with only the label of each value as its signal. */
const labelPhraseSet = {
  ...values,
  values: values.values.map((v) => ({ ...v, signals: [{ phrase: v.label.nl }], exclude: [] })),
};
const FUNCTION_WORDS = new Set(['van', 'de', 'het', 'een', 'en', 'met', 'op', 'in']);
/** Any content word of the label on its own. */
const labelWordSet = {
  ...values,
  values: values.values.map((v) => ({
    ...v,
    signals: v.label.nl.toLowerCase().split(/\s+/).filter((w) => !FUNCTION_WORDS.has(w)).map((w) => ({ phrase: w })),
    exclude: [],
  })),
};

/** Predictions at `threshold`; the baselines suggest every value they find (no maximum, no
 * competition between values). */
function predict(files, valueSet, threshold, baseline = false) {
  const options = baseline ? { threshold, maxSuggestions: ids.length, relative: 0 } : { threshold };
  return files.map((file) => ({
    file,
    gold: new Set(caseValues(file.data)),
    predicted: new Set(tagCase(file, valueSet, options).suggestions.map((s) => s.id)),
  }));
}

function measure(rows) {
  const perValue = Object.fromEntries(ids.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
  for (const { gold, predicted } of rows) {
    for (const id of ids) {
      const counts = perValue[id];
      if (gold.has(id) && predicted.has(id)) counts.tp++;
      else if (predicted.has(id)) counts.fp++;
      else if (gold.has(id)) counts.fn++;
    }
  }
  const prf = ({ tp, fp, fn }) => {
    const p = tp + fp === 0 ? 0 : tp / (tp + fp);
    const r = tp + fn === 0 ? 0 : tp / (tp + fn);
    return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
  };
  const total = Object.values(perValue).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  const scores = Object.fromEntries(ids.map((id) => [id, { ...perValue[id], ...prf(perValue[id]) }]));
  const macro = ids.reduce((sum, id) => sum + scores[id].f1, 0) / ids.length;
  return { scores, micro: prf(total), macro };
}

const fmt = (n) => n.toFixed(2);
const pad = (s, n) => String(s).padEnd(n);

function printTable(title, result, cases) {
  console.log(`\n${title}  (${cases} cases)`);
  console.log(`  ${pad('value', 22)} ${pad('P', 5)} ${pad('R', 5)} ${pad('F1', 5)}  tp fp fn`);
  for (const id of ids) {
    const s = result.scores[id];
    console.log(`  ${pad(id, 22)} ${fmt(s.p)}  ${fmt(s.r)}  ${fmt(s.f1)}  ${String(s.tp).padStart(2)} ${String(s.fp).padStart(2)} ${String(s.fn).padStart(2)}`);
  }
  console.log(`  micro P ${fmt(result.micro.p)}  R ${fmt(result.micro.r)}  F1 ${fmt(result.micro.f1)}   macro F1 ${fmt(result.macro)}`);
}

const summary = [];
for (const [name, files] of Object.entries(sets)) {
  const model = measure(predict(files, values, DEFAULT_THRESHOLD));
  const phrase = measure(predict(files, labelPhraseSet, 0.01, true));
  const words = measure(predict(files, labelWordSet, 0.01, true));
  if (!args.has('--sweep')) {
    printTable(`${name}: tagger (threshold ${DEFAULT_THRESHOLD})`, model, files.length);
    printTable(`${name}: baseline, any word of a label`, words, files.length);
    if (args.has('--all-baselines')) printTable(`${name}: baseline, the label as a phrase`, phrase, files.length);
  }
  summary.push({ name, n: files.length, model, words, phrase });
  if (args.has('--sweep')) {
    const line = [];
    for (let t = 0.2; t <= 0.71; t += 0.05) line.push(`${t.toFixed(2)}:${fmt(measure(predict(files, values, Number(t.toFixed(2)))).micro.f1)}`);
    console.log(`${pad(name, 24)} ${line.join(' ')}`);
  }
  if (args.has('--cases') && !files.some(inHoldout)) {
    for (const row of predict(files, values, DEFAULT_THRESHOLD)) {
      const missed = [...row.gold].filter((id) => !row.predicted.has(id));
      const extra = [...row.predicted].filter((id) => !row.gold.has(id));
      if (missed.length || extra.length) console.log(`  ${path.basename(row.file.path)}  missed: ${missed.join(', ') || '-'}  extra: ${extra.join(', ') || '-'}`);
    }
  }
}

console.log('\nSummary (tagger: micro P, R, F1 and macro F1; baselines: micro-F1 / macro-F1)');
console.log(`  ${pad('set', 24)} ${pad('cases', 6)} ${pad('P', 5)} ${pad('R', 5)} ${pad('F1', 5)} ${pad('macro', 6)} ${pad('label words', 12)} label phrase`);
for (const { name, n, model, words, phrase } of summary) {
  const { p, r, f1 } = model.micro;
  console.log(`  ${pad(name, 24)} ${pad(n, 6)} ${fmt(p)}  ${fmt(r)}  ${fmt(f1)}  ${pad(fmt(model.macro), 6)} ${pad(`${fmt(words.micro.f1)} / ${fmt(words.macro)}`, 12)} ${fmt(phrase.micro.f1)} / ${fmt(phrase.macro)}`);
}
