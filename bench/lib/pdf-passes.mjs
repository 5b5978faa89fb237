// One PDF build of a casebook through the library, printing how many times Chromium printed
// the book (1 when the estimated page numbers were right the first time). bench/run.mjs uses
// it as the warm-up of the PDF row, so counting the prints costs no extra build.
//   node bench/lib/pdf-passes.mjs <casebook dir> <out dir>
import path from 'node:path';
import { build, loadCasebook } from '../../dist/index.js';

const [dir, out] = process.argv.slice(2);
const casebook = await loadCasebook({ cwd: path.resolve(dir) });
const result = await build(casebook, { formats: ['pdf'], outDir: path.resolve(out), env: process.env });
if (result.stopped) {
  console.error(result.messages.map((m) => `${m.rule} ${m.message}`).join('\n'));
  process.exit(1);
}
console.log(`passes ${result.passes} pages ${result.pages}`);
