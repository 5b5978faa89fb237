#!/usr/bin/env node
// Writes the hyphen package's Dutch and English patterns into dist/hyphen/, with the package's
// version: the level table and the exceptions as JSON, the pattern trie packed into a file of
// 16-bit numbers (src/render/hyphen-trie.ts). Part of `npm run build:ts`, after tsc. The
// patterns ship as one large JavaScript literal, which took Node about 0.1 s to compile at the
// first hyphenated word of every build; JSON.parse of the trie's objects still cost about a
// sixth of that, and the packed trie is read without parsing (src/render/typography.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { packTrie, trieBytes } = await import(pathToFileURL(path.join(root, 'dist', 'render', 'hyphen-trie.js')).href);
const { version } = require('hyphen/package.json');
const target = path.join(root, 'dist', 'hyphen');
mkdirSync(target, { recursive: true });
for (const name of ['nl', 'en-gb']) {
  const [levels, trie, exceptions] = require(`hyphen/patterns/${name}`);
  const bytes = trieBytes(packTrie(trie));
  writeFileSync(path.join(target, `${name}.trie`), bytes);
  writeFileSync(path.join(target, `${name}.json`), JSON.stringify({ version, levels, exceptions, trieBytes: bytes.length }));
}
console.log(`compile-hyphen: hyphen ${version} patterns → dist/hyphen`);
