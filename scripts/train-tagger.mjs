#!/usr/bin/env node
// `npm run train:tagger`: trains the learned part of the tagger on the labelled cases in the
// repository and writes data/tagger-model.json. Every setting in it is chosen by k-fold
// cross-validation on these cases (src/tag/train.ts); the same cases give the same file.
// Training cases: tests/fixtures/tagger-dev, tests/fixtures/tagger-train/** and the example
// casebook (cases/). Never tests/fixtures/tagger-unseen: that is the hold-out set, which
// nothing is trained, tuned or chosen on (`npm run eval:tagger -- --holdout` scores it once).
import { writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTrainingCases, trainingDirs } from './lib/tagger-cases.mjs';
// (The cases are read through the built package, so that training sees them as `tag` does.)
import { storedModel, taggedText, trainTagger } from '../dist/tag/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, cases } = await loadTrainingCases(root, trainingDirs(root));
const started = performance.now();
const { model, perValue } = trainTagger(cases, values);
function write(name, json) {
  const target = path.join(root, 'data', name);
  writeFileSync(`${target}.tmp`, json);
  renameSync(`${target}.tmp`, target);
  return target;
}
// Stored in format 2 (src/tag/model-file.ts): it loads without a compile step.
const target = write('tagger-model.json', `${JSON.stringify(storedModel(model))}\n`);
// The training cases themselves (their text only), so that `casebook tag --learn` can add a
// team's cases to them.
const training = cases.map((c) => ({ id: c.id, labels: c.labels, data: taggedText(c.data) }));
write('tagger-training.json', `${JSON.stringify(training)}\n`);
const fmt = (n) => n.toFixed(3);
const t = model.training;
console.log(`train:tagger: ${t.cases} cases, ${t.folds}-fold cross-validation, ${model.features.length} features, ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`  chosen: lambda ${t.lambda}, legal notes ${model.fieldWeights.legal}, option titles ${model.fieldWeights.optionTitle}, blend ${JSON.stringify(model.blend)}`);
console.log(`  CV micro-F1: lexicon alone ${fmt(t.lexicon.micro)} (P ${fmt(t.lexicon.precision)} R ${fmt(t.lexicon.recall)}), blend ${fmt(t.blend.micro)} (P ${fmt(t.blend.precision)} R ${fmt(t.blend.recall)})`);
console.log(`  CV macro-F1: lexicon alone ${fmt(t.lexicon.macro)}, blend ${fmt(t.blend.macro)}`);
for (const v of perValue) console.log(`  ${v.id.padEnd(22)} n=${String(v.support).padStart(3)}  lexicon P ${fmt(v.lexicon.precision)} R ${fmt(v.lexicon.recall)}  blend P ${fmt(v.blend.precision)} R ${fmt(v.blend.recall)}`);
console.log(`wrote ${path.relative(root, target)}`);
