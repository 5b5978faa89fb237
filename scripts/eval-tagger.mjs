#!/usr/bin/env node
// Measures the core value tagger on labelled cases.
//
// Training cases (tests/fixtures/tagger-dev, tests/fixtures/tagger-train/**, the example
// casebook): k-fold cross-validated micro/macro F1 and per-value precision and recall, of the
// lexicon alone and of the blend with the learned model, by the same procedure as `npm run
// train:tagger` (every setting chosen inside the cross-validation on these cases); and the
// naive baseline (any word of a value's label). The lexicon was tuned on tagger-dev and the
// example casebook, so its figures there flatter it.
//
// The hold-out set (tests/fixtures/tagger-unseen) is written by someone who saw neither the
// lexicon nor the training cases. Nothing is trained, tuned or chosen on it; it is scored only
// with --holdout, only in aggregate, once per change of the model: looking at its cases or its
// numbers after every change would make it a second development set.
//
//   npm run eval:tagger                      cross-validation on the training cases
//   npm run eval:tagger -- --holdout         ...and the hold-out set, in aggregate (a final check)
//   npm run eval:tagger -- --holdout-only    the hold-out set alone
//   npm run eval:tagger -- --curve           learning curve: CV F1 against number of training cases
//   node scripts/eval-tagger.mjs --cases     per training case (never the hold-out): missed, extra
// With tests/fixtures/tagger-train/second-annotation.yaml (case id → value ids, a second
// annotator's labels), the agreement between the annotators is reported too.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadTrainingCases, trainingDirs } from './lib/tagger-cases.mjs';
import { builtInModel, tagCase, trainTagger } from '../dist/tag/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const fmt = (n) => n.toFixed(3);
const pad = (s, n) => String(s).padEnd(n);

const { values, cases } = await loadTrainingCases(root, trainingDirs(root));
const ids = values.values.map((v) => v.id);

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
  const macro = ids.reduce((sum, id) => sum + prf(perValue[id]).f1, 0) / ids.length;
  return { micro: prf(total), macro, perValue: Object.fromEntries(ids.map((id) => [id, prf(perValue[id])])) };
}

/** The naive baseline: every value one of whose label words stands in the text. */
const FUNCTION_WORDS = new Set(['van', 'de', 'het', 'een', 'en', 'met', 'op', 'in']);
const labelWordSet = {
  ...values,
  values: values.values.map((v) => ({ ...v, signals: v.label.nl.toLowerCase().split(/\s+/).filter((w) => !FUNCTION_WORDS.has(w)).map((w) => ({ phrase: w })), exclude: [] })),
};
const predictRows = (files, options, valueSet = values) =>
  files.map((c) => ({ gold: new Set(c.labels), predicted: new Set(tagCase(c.file, valueSet, options).suggestions.map((s) => s.id)), name: c.id }));
const baselineOptions = { threshold: 0.01, maxSuggestions: ids.length, relative: 0 };

function crossValidate() {
  const started = performance.now();
  const { model, perValue } = trainTagger(cases, values);
  const t = model.training;
  const baseline = measure(predictRows(cases, baselineOptions, labelWordSet));
  console.log(`Training cases: ${cases.length} (${t.folds}-fold cross-validation, ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  console.log(`  chosen inside the CV: lambda ${t.lambda}, legal notes ${model.fieldWeights.legal}, option titles ${model.fieldWeights.optionTitle}, blend ${JSON.stringify(model.blend)}`);
  console.log(`  ${pad('', 26)} ${pad('P', 6)} ${pad('R', 6)} ${pad('micro-F1', 9)} macro-F1`);
  const row = (name, f) => console.log(`  ${pad(name, 26)} ${fmt(f.precision)}  ${fmt(f.recall)}  ${pad(fmt(f.micro), 9)} ${fmt(f.macro)}`);
  row('lexicon alone', t.lexicon);
  row('blend (lexicon + model)', t.blend);
  row('baseline: label words', { precision: baseline.micro.p, recall: baseline.micro.r, micro: baseline.micro.f1, macro: baseline.macro });
  console.log(`\n  ${pad('value', 22)} ${pad('cases', 6)} lexicon P / R     blend P / R`);
  for (const v of perValue) console.log(`  ${pad(v.id, 22)} ${pad(v.support, 6)} ${fmt(v.lexicon.precision)} / ${fmt(v.lexicon.recall)}   ${fmt(v.blend.precision)} / ${fmt(v.blend.recall)}`);
  return model;
}

/** Learning curve: the same procedure on the first n cases (a fixed order by a hash of the id). */
function learningCurve(full) {
  const order = [...cases].sort((a, b) => hash(a.id) - hash(b.id) || (a.id < b.id ? -1 : 1));
  const fixed = { lambda: full.training.lambda, fieldWeights: full.fieldWeights };
  console.log('\nLearning curve (CV micro-F1 of the blend; regularisation and field weights as chosen on all cases):');
  for (const share of [0.25, 0.5, 0.75, 1]) {
    const subset = order.slice(0, Math.round(order.length * share));
    const t = trainTagger(subset, values, { fixed }).model.training;
    console.log(`  ${pad(subset.length, 5)} cases   lexicon ${fmt(t.lexicon.micro)}   blend ${fmt(t.blend.micro)}`);
  }
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Agreement between the annotators, where a second annotation exists. */
function agreement() {
  const file = path.join(root, 'tests', 'fixtures', 'tagger-train', 'second-annotation.yaml');
  if (!existsSync(file)) return;
  const second = parse(readFileSync(file, 'utf8')) ?? {};
  const byId = new Map(cases.map((c) => [c.file.id, c]));
  const pairs = Object.entries(second).filter(([id]) => byId.has(id)).map(([id, list]) => ({ gold: new Set(byId.get(id).labels), predicted: new Set(list ?? []) }));
  const missing = Object.keys(second).filter((id) => !byId.has(id));
  console.log(`\nAgreement between annotators (${pairs.length} cases annotated twice${missing.length ? `; ${missing.length} ids not found: ${missing.join(', ')}` : ''}):`);
  const m = measure(pairs);
  console.log(`  micro-F1 ${fmt(m.micro.f1)}, macro-F1 ${fmt(m.macro)} (first annotation as reference)`);
  for (const id of ids) {
    let a = 0, b = 0, both = 0;
    for (const p of pairs) {
      const x = p.gold.has(id), y = p.predicted.has(id);
      a += x; b += y; both += x && y;
    }
    const n = pairs.length;
    const observed = (both + (n - a - b + both)) / n;
    const expected = (a / n) * (b / n) + (1 - a / n) * (1 - b / n);
    const kappa = expected === 1 ? 1 : (observed - expected) / (1 - expected);
    console.log(`  ${pad(id, 22)} kappa ${fmt(kappa)}   (first ${a}, second ${b}, both ${both})`);
  }
}

function holdout() {
  const dir = path.join(root, 'tests', 'fixtures', 'tagger-unseen');
  if (!existsSync(dir)) {
    console.log('\nHold-out: tests/fixtures/tagger-unseen is not there.');
    return;
  }
  return loadTrainingCases(root, [dir]).then(({ cases: unseen }) => {
    const model = builtInModel();
    const blend = measure(predictRows(unseen, { model }));
    const lexicon = measure(predictRows(unseen, {}));
    const baseline = measure(predictRows(unseen, baselineOptions, labelWordSet));
    console.log(`\nHold-out (tests/fixtures/tagger-unseen, ${unseen.length} cases; aggregate only; model: data/tagger-model.json):`);
    for (const [name, m] of [['lexicon alone', lexicon], ['blend (lexicon + model)', blend], ['baseline: label words', baseline]]) {
      console.log(`  ${pad(name, 26)} P ${fmt(m.micro.p)}  R ${fmt(m.micro.r)}  micro-F1 ${fmt(m.micro.f1)}  macro-F1 ${fmt(m.macro)}`);
    }
  });
}

// --holdout-only: the hold-out set alone (after a change of the model, scored once).
const full = args.has('--holdout-only') ? undefined : crossValidate();
if (full) agreement();
if (full && args.has('--curve')) learningCurve(full);
if (args.has('--cases')) {
  const model = builtInModel();
  console.log('\nPer training case, the built-in model (trained on these very cases; not an estimate):');
  for (const row of predictRows(cases, { model })) {
    const missed = [...row.gold].filter((id) => !row.predicted.has(id));
    const extra = [...row.predicted].filter((id) => !row.gold.has(id));
    if (missed.length || extra.length) console.log(`  ${row.name}  missed: ${missed.join(', ') || '-'}  extra: ${extra.join(', ') || '-'}`);
  }
}
if (args.has('--holdout') || args.has('--holdout-only')) await holdout();
