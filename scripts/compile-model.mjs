#!/usr/bin/env node
// Writes the built-in learned model, compiled, to dist/tag/tagger-model.precompiled.bin, for
// src/tag/model-file.ts: loading data/tagger-model.json worked out the same typed arrays at
// every start of `tag` (about 0.1 G instructions). Part of `npm run build:ts`, after tsc and
// compile-data (the word lists are read as the program reads them).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { PRECOMPILED_MODEL, precompiledModel } = await import(pathToFileURL(path.join(root, 'dist', 'tag', 'model-file.js')).href);
const read = (file) => readFileSync(path.join(root, 'data', file), 'utf8');
const bytes = precompiledModel(read('tagger-model.json'), read('tagger-words.yaml'));
writeFileSync(PRECOMPILED_MODEL, bytes);
console.log(`compile-model: data/tagger-model.json → ${path.relative(root, PRECOMPILED_MODEL)} (${bytes.length} bytes)`);
