#!/usr/bin/env node
// Writes the built-in value set's compiled lexicon (its phrases' words, tokenized and stemmed,
// and the patterns over them) to dist/tag/lexicon.precompiled.json, for src/tag/lexicon-file.ts:
// compiling it took 60-90 ms of CPU at every start of `tag`. Part of `npm run build:ts`, after
// tsc and compile-data (the value set is read as the program reads it).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (module) => import(pathToFileURL(path.join(root, 'dist', module)).href);
const { loadBuiltInValues } = await load('load/config.js');
const { compilePhrases, phraseInputs } = await load('tag/lexicon.js');
const { PRECOMPILED_LEXICON, precompiledText } = await load('tag/lexicon-file.js');
const { values } = loadBuiltInValues();
const phrases = compilePhrases(values);
writeFileSync(PRECOMPILED_LEXICON, precompiledText(phraseInputs(values), phrases));
console.log(`compile-lexicon: ${phrases.patterns.length} patterns over ${phrases.words.length} words → ${path.relative(root, PRECOMPILED_LEXICON)}`);
