// The same content as one Markdown file, for the tools people would use instead (pandoc,
// md-to-pdf): a heading per case, its fields as sections, options as lists.
//   node bench/lib/to-md.mjs <casebook dir> <out.md>
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []).sort();
}

const labels = { situation: 'Situatie', request: 'Hulpvraag', effect: 'Effect', purpose: 'Bedoeling van de wet', dilemma: 'Dilemma', consequences: 'Gevolgen', decision: 'Besluit', outcome: 'Afloop' };
const [dir, out] = process.argv.slice(2);
const parts = [`# ${parse(readFileSync(path.join(dir, 'casebook.yaml'), 'utf8')).title}\n`];
for (const file of walk(path.join(dir, 'cases'))) {
  const c = parse(readFileSync(file, 'utf8'));
  parts.push(`## ${c.title}\n\n*${(c.domains ?? []).join(', ')} · ${c.status ?? 'draft'}*\n`);
  for (const [key, label] of Object.entries(labels)) if (c[key]) parts.push(`### ${label}\n\n${c[key]}\n`);
  if (c.options?.length) {
    parts.push('### Opties\n');
    for (const o of c.options) parts.push(`- **${o.title}**\n${(o.for ?? []).map((f) => `  - voor: ${f}`).join('\n')}\n${(o.against ?? []).map((f) => `  - tegen: ${f}`).join('\n')}\n`);
  }
  if (c.legal?.length) parts.push('### Juridisch kader\n\n' + c.legal.map((l) => `- ${l.law} ${l.article ?? ''}: ${l.note ?? ''}`).join('\n') + '\n');
  for (const [key, label] of [['lessons', 'Leerpunten'], ['questions', 'Vragen']]) if (c[key]?.length) parts.push(`### ${label}\n\n${c[key].map((x) => `- ${x}`).join('\n')}\n`);
}
writeFileSync(out, parts.join('\n'));
