#!/usr/bin/env node
// Writes a JSON copy of every data/**/*.yaml into dist/data/ (see src/data.ts for why).
// Part of `npm run build:ts`; the copies are a build output, the YAML files stay the source.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'data');
const target = path.join(root, 'dist', 'data');
let count = 0;
for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.yaml')) continue;
  const from = path.join(entry.parentPath ?? entry.path, entry.name);
  const to = path.join(target, path.relative(source, from).replace(/\.yaml$/, '.json'));
  mkdirSync(path.dirname(to), { recursive: true });
  writeFileSync(to, JSON.stringify(parse(readFileSync(from, 'utf8'))));
  count++;
}
console.log(`compile-data: ${count} data files → dist/data`);
