// The floor for validation: read every case file and parse it with the yaml package
// (parseDocument + toJS), nothing else. Same as the anchor benchmark's floor.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []);
}
let n = 0;
for (const file of walk(path.join(process.argv[2], 'cases'))) {
  parseDocument(readFileSync(file, 'utf8')).toJS();
  n++;
}
console.log(`${n} parsed`);
