// The floor for validate and tag: find every case file, read it and parse it with js-yaml,
// the parser casebook's quick path uses, the way casebook reads files (a folder walk, one
// synchronous read per file, strict UTF-8), nothing else: no schema, no positions, no privacy.
//   node bench/lib/yaml-floor.mjs <casebook dir>
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import jsYaml from 'js-yaml';

async function walk(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
  return nested.flat();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
let n = 0;
for (const file of (await walk(path.join(process.argv[2], 'cases'))).sort()) {
  jsYaml.load(utf8.decode(readFileSync(file)), { schema: jsYaml.CORE_SCHEMA });
  n++;
}
console.log(`${n} parsed`);
