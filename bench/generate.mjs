#!/usr/bin/env node
// Generates a synthetic casebook of N realistic cases for benchmarks: the example cases and
// the tagger development set, cycled with unique ids, with varied lengths and every field.
//   node bench/generate.mjs <dir> <count>
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function yamlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : []);
}

export function templates() {
  const files = [...yamlFiles(path.join(root, 'cases')), ...yamlFiles(path.join(root, 'tests', 'fixtures', 'tagger-dev'))].sort();
  return files.map((f) => parse(readFileSync(f, 'utf8')));
}

const paragraphs = (text) => String(text).split(/\n\s*\n/);

/** Case number `i` of a synthetic casebook: a template with a unique id and its own length. */
export function syntheticCase(all, i) {
  const base = structuredClone(all[i % all.length]);
  const id = `${base.id}-${i}`;
  const variant = Math.floor(i / all.length) % 4;
  base.id = id;
  base.status = 'published';
  if (!base.values || base.values.length === 0) base.values = ['maatwerk', 'samen-met-de-inwoner'];
  base.date = `20${24 + (i % 3)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  // Lengths vary: some cases lose paragraphs, some gain a repeated one.
  if (variant === 1) base.situation = paragraphs(base.situation)[0] + '\n';
  if (variant === 2) base.situation = `${base.situation}\n${paragraphs(base.situation).slice(-1)[0]}\n`;
  if (variant === 3) delete base.options;
  // Related cases point at cases that exist in the synthetic set.
  base.related = i > 0 ? [`${all[(i - 1) % all.length].id}-${i - 1}`] : [];
  if (base.related.length === 0) delete base.related;
  return base;
}

export function generateCasebook(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  const all = templates();
  writeFileSync(path.join(mkdirSync(dir, { recursive: true }) ?? dir, 'casebook.yaml'),
    `title: Synthetisch casusboek (${count} casussen)\norganisation: Gemeente Benchmark\ncases: [cases]\n`);
  for (let i = 0; i < count; i++) {
    const data = syntheticCase(all, i);
    const folder = path.join(dir, 'cases', data.domains[0]);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `${data.id}.yaml`), `# yaml-language-server: $schema=../../schemas/case.schema.json\n${stringify(data, { lineWidth: 100 })}`);
  }
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, count] = process.argv.slice(2);
  if (!dir || !count) {
    console.error('usage: node bench/generate.mjs <dir> <count>');
    process.exit(2);
  }
  generateCasebook(path.resolve(dir), Number(count));
  console.log(`${count} cases in ${dir}`);
}
