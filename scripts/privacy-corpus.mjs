/**
 * Measuring the privacy check on annotated case texts (tests/fixtures/privacy/corpus/):
 * pieces of text in which every item of personal data is marked up in place as
 * `[[kind:text]]`. Recall per kind, precision over everything reported as an error or a
 * warning, and errors on texts without any marked item. The corpus has a tuned part and
 * untuned parts; each is scored on its own (README.md beside the texts). It reads the built
 * package (dist/), so run `npm run build:ts` first. Not part of the package.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scanText } from '../dist/privacy/index.js';

/** The kinds of marked items, and the rule that must find each. */
export const corpusKinds = {
  name: 'privacy/name',
  street: 'privacy/address',
  postcode: 'privacy/address',
  birthdate: 'privacy/birthdate',
  bsn: 'privacy/bsn',
  phone: 'privacy/phone',
  email: 'privacy/email',
  iban: 'privacy/iban',
  /** Another full date: reporting it is allowed, not required. */
  date: 'privacy/birthdate',
};

const markup = /\[\[([a-z]+):([^\]]*)\]\]/g;

/** One text: the markup taken out, the marked items as ranges in what is left. */
export function parseMarkedText(marked, source = '') {
  const items = [];
  let text = '';
  let last = 0;
  for (const match of marked.matchAll(markup)) {
    const kind = match[1];
    if (!(kind in corpusKinds)) throw new Error(`${source}: unknown kind "${kind}" in ${match[0]}`);
    text += marked.slice(last, match.index);
    items.push({ kind, start: text.length, end: text.length + match[2].length });
    text += match[2];
    last = match.index + match[0].length;
  }
  text += marked.slice(last);
  if (text.includes('[[') || text.includes(']]')) throw new Error(`${source}: unbalanced markup`);
  return { source, text, items };
}

/**
 * The texts of one corpus file: separated by lines `---`; lines starting with `#` before the
 * first text are comments. The first text may follow the comments directly or after a `---`
 * (untuned-2 was written the first way, and its first text of each file used to be dropped).
 */
export function parseCorpusFile(content, name) {
  const parts = content.replace(/\r\n/g, '\n').split(/^---[ \t]*$/m);
  parts[0] = parts[0].replace(/^(?:#.*(?:\n|$))*/, '');
  return parts
    .map((part) => part.replace(/^\n/, '').replace(/\n$/, ''))
    .filter((part) => part.trim() !== '')
    .map((part, index) => parseMarkedText(part, `${name} #${index + 1}`));
}

/** Every text of the `.txt` files in `folder`, in file-name order. */
export function readCorpus(folder) {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .flatMap((file) => parseCorpusFile(readFileSync(path.join(folder, file), 'utf8'), file));
}

/**
 * The parts of the corpus: every folder in `corpusFolder`, in name order. A folder whose
 * name starts with `untuned` (untuned-2/, …) is a part no rule is tuned on; the others
 * (tuned/) may be tuned on.
 */
export function readCorpusParts(corpusFolder) {
  return readdirSync(corpusFolder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, tuned: !name.startsWith('untuned'), texts: readCorpus(path.join(corpusFolder, name)) }));
}

const overlaps = (a, b) => a.start < b.end && b.start < a.end;
const counts = (finding) => !finding.suppressed && finding.severity !== 'info';

export function evaluateCorpus(texts) {
  const kinds = new Map();
  const result = {
    texts: texts.length, cleanTexts: 0, kinds: [], reported: 0, correct: 0, precision: 1, cleanErrors: 0, misses: [], falsePositives: [],
  };
  for (const { source, text, items } of texts) {
    const findings = scanText(text);
    const clean = items.length === 0;
    if (clean) result.cleanTexts++;
    for (const item of items) {
      if (item.kind === 'date') continue;
      const score = kinds.get(item.kind) ?? { kind: item.kind, marked: 0, found: 0, recall: 0 };
      kinds.set(item.kind, score);
      score.marked++;
      const rule = corpusKinds[item.kind];
      const hits = findings.filter((f) => f.rule === rule && overlaps(f, item));
      if (hits.some(counts)) score.found++;
      else result.misses.push({ source, kind: item.kind, marked: text.slice(item.start, item.end), ...(hits.length ? { reportedAs: hits[0].severity } : {}) });
    }
    for (const finding of findings.filter(counts)) {
      const marked = items.filter((item) => corpusKinds[item.kind] === finding.rule && overlaps(finding, item));
      if (marked.length > 0 && marked.every((item) => item.kind === 'date')) continue;
      result.reported++;
      if (marked.length > 0) {
        result.correct++;
        continue;
      }
      result.falsePositives.push({ source, rule: finding.rule, severity: finding.severity, matched: text.slice(finding.start, finding.end), clean });
      if (clean && finding.severity === 'error') result.cleanErrors++;
    }
  }
  result.kinds = [...kinds.values()]
    .map((score) => ({ ...score, recall: score.marked === 0 ? 1 : score.found / score.marked }))
    .sort((a, b) => Object.keys(corpusKinds).indexOf(a.kind) - Object.keys(corpusKinds).indexOf(b.kind));
  result.precision = result.reported === 0 ? 1 : result.correct / result.reported;
  return result;
}

/** The targets of issue 19, on every part of the corpus. */
export const corpusTargets = {
  recall: { name: 0.95, street: 0.95, birthdate: 0.95, postcode: 1, bsn: 1, phone: 1, email: 1, iban: 1 },
  precision: 0.95,
  cleanErrors: 0,
};

/** The targets that `evaluation` misses, as sentences; empty when all are met. */
export function missedCorpusTargets(evaluation) {
  const missed = [];
  for (const [kind, target] of Object.entries(corpusTargets.recall)) {
    const score = evaluation.kinds.find((k) => k.kind === kind);
    if (score && score.recall < target) missed.push(`${kind}: recall ${(score.recall * 100).toFixed(1)}% < ${target * 100}%`);
  }
  if (evaluation.precision < corpusTargets.precision) missed.push(`precision ${(evaluation.precision * 100).toFixed(1)}% < ${corpusTargets.precision * 100}%`);
  if (evaluation.cleanErrors > corpusTargets.cleanErrors) missed.push(`clean texts: ${evaluation.cleanErrors} error(s)`);
  return missed;
}
