#!/usr/bin/env node
// A test book with the shapes that break the PDF page-number estimate (issue 18): tables,
// long lists, quotes, long unbreakable words and links, very short and very long cases, many
// options, nested lists and headings in the text, cycled over the generated cases.
//   node bench/varied.mjs <dir> [count]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCasebook } from './generate.mjs';

/** One shape per case, in turn. */
const shapes = [
  (c) => { c.situation += '\n| Maand | Inkomen | Vaste lasten | Over |\n|---|---:|---:|---:|\n' + Array.from({ length: 14 }, (_, k) => `| ${k + 1} | 1.250 | ${900 + k * 7} | ${350 - k * 7} |`).join('\n') + '\n'; },
  (c) => { c.situation += '\n' + Array.from({ length: 25 }, (_, k) => `- Punt ${k + 1}: ${k % 3 ? 'kort' : 'een wat langere zin die over meer dan één regel loopt in een smalle kolom van het boekje'}`).join('\n') + '\n'; },
  (c) => { c.situation += '\n> "Ik wil gewoon dat iemand luistert", zegt ze. "Niet weer een formulier, niet weer een loket, niet weer een nieuwe consulent die alles opnieuw vraagt."\n>\n> Haar dochter knikt.\n'; },
  (c) => { c.situation += '\nZie https://www.example.org/regelgeving/participatiewet/artikel-18-lid-2/toelichting/bijzondere-omstandigheden-en-maatwerk-bij-verlaging en Langeafstandsmantelzorgondersteuningsregelingsaanvraagformulier.\n'; },
  (c) => { c.situation = c.situation.split(/\n\s*\n/)[0] + '\n'; delete c.options; delete c.legal; delete c.lessons; delete c.questions; delete c.consequences; },
  (c) => { c.situation = Array.from({ length: 6 }, () => c.situation).join('\n'); },
  (c) => { c.options = Array.from({ length: 9 }, (_, k) => ({ title: `Optie ${k + 1}: ${c.options?.[k % (c.options?.length || 1)]?.title ?? 'iets anders'}`, for: ['Een voordeel', 'Nog een voordeel dat wat langer is en over twee regels doorloopt'], against: ['Een nadeel'] })); },
  (c) => { c.situation += '\n1. Eerst dit\n   1. en dan dit\n   2. en dit\n      - met een punt\n      - en nog een\n2. Daarna dat\n\n### Tussenkop in de tekst\n\nEn **vet** en *schuin* en `code`.\n'; },
];
export function generateVariedCasebook(dir, n, first = 0) {
  return generateCasebook(dir, n, {
    title: 'Gevarieerd casusboek',
    first,
    edit: (c, i) => {
      c.status = 'published';
      shapes[i % shapes.length](c);
    },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, count] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/varied.mjs <dir> [count]');
    process.exit(2);
  }
  generateVariedCasebook(path.resolve(dir), Number(count ?? 200));
}
