#!/usr/bin/env node
// Writes the hyphen package's Dutch and English patterns as JSON into dist/hyphen/, with the
// package's version. Part of `npm run build:ts`. The patterns ship as one large JavaScript
// literal, which took Node about 0.1 s to compile at the first hyphenated word of every
// build; JSON.parse reads the same data in a tenth of that (src/render/typography.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { version } = require('hyphen/package.json');
const target = path.join(root, 'dist', 'hyphen');
mkdirSync(target, { recursive: true });
for (const name of ['nl', 'en-gb']) {
  writeFileSync(path.join(target, `${name}.json`), JSON.stringify({ version, patterns: require(`hyphen/patterns/${name}`) }));
}
console.log(`compile-hyphen: hyphen ${version} patterns → dist/hyphen`);
