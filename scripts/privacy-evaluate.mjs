/**
 * Measuring the privacy check on labelled text (tests/fixtures/privacy/): recall per rule
 * on planted identifiers, precision over everything reported, and false errors on clean
 * text. Used by `npm run eval:privacy` and by the test that holds the targets. It reads the
 * built package (dist/), so run `npm run build:ts` first. Not part of the package.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { scanText } from '../dist/privacy/index.js';
/** Reads a fixture file; its `privacy:` section is written as in casebook.yaml. */
export function readFixtureSet(file) {
  const raw = parse(readFileSync(file, 'utf8'));
  return {
    privacy: {
      patterns: (raw.privacy?.patterns ?? []).map((p) => ({ ...p, severity: p.severity ?? 'error' })),
      allowNames: raw.privacy?.['allow-names'] ?? [],
      allowEmailDomains: raw.privacy?.['allow-email-domains'] ?? [],
    },
    items: raw.items,
  };
}
const postcodeShape = /^[1-9]\d{3} ?[A-Z]{2}$/;
/**
 * What is scored together: the rule, with addresses split into postcodes and streets,
 * because the targets differ (postcodes 100 %).
 */
function categoryOf(rule, matched) {
  if (rule !== 'privacy/address')
    return rule;
  return postcodeShape.test(matched) ? 'privacy/address (postcode)' : 'privacy/address (street)';
}
const overlaps = (a, b) => a.start < b.end && b.start < a.end;
export function evaluate(planted, clean) {
  const scores = new Map();
  const score = (category) => {
    let entry = scores.get(category);
    if (!entry) {
      entry = { category, planted: 0, found: 0, reported: 0, correct: 0, severityChecked: 0, severityAgreed: 0, recall: 0, precision: 0 };
      scores.set(category, entry);
    }
    return entry;
  };
  const result = {
    planted: { items: planted.items.length, identifiers: 0 },
    clean: { items: clean.items.length, errors: 0, warnings: 0, infos: 0 },
    categories: [],
    misses: [],
    wrongSeverity: [],
    falsePositives: [],
  };
  for (const item of planted.items) {
    const findings = scanText(item.text, { privacy: planted.privacy, pseudonyms: item.pseudonyms ?? [] }).filter((f) => !f.suppressed);
    const expected = (item.expect ?? []).map((expectation) => {
      const start = item.text.indexOf(expectation.match);
      if (start < 0)
        throw new Error(`fixture: "${expectation.match}" does not occur in "${item.text}"`);
      return { expectation, start, end: start + expectation.match.length };
    });
    for (const { expectation, start, end } of expected) {
      result.planted.identifiers++;
      const entry = score(categoryOf(expectation.rule, expectation.match));
      entry.planted++;
      const hit = findings.find((f) => f.rule === expectation.rule && overlaps(f, { start, end }));
      if (!hit) {
        result.misses.push({ text: item.text, expectation });
        continue;
      }
      entry.found++;
      if (expectation.severity) {
        entry.severityChecked++;
        if (hit.severity === expectation.severity)
          entry.severityAgreed++;
        else
          result.wrongSeverity.push({ text: item.text, expectation, reportedAs: hit.severity });
      }
    }
    for (const finding of findings) {
      const matched = item.text.slice(finding.start, finding.end);
      const entry = score(categoryOf(finding.rule, matched));
      entry.reported++;
      if (expected.some((e) => e.expectation.rule === finding.rule && overlaps(finding, e)))
        entry.correct++;
      else
        result.falsePositives.push({ text: item.text, finding, matched, set: 'planted' });
    }
  }
  for (const item of clean.items) {
    for (const finding of scanText(item.text, { privacy: clean.privacy, pseudonyms: item.pseudonyms ?? [] })) {
      if (finding.suppressed)
        continue;
      const matched = item.text.slice(finding.start, finding.end);
      score(categoryOf(finding.rule, matched)).reported++;
      result.falsePositives.push({ text: item.text, finding, matched, set: 'clean' });
      if (finding.severity === 'error')
        result.clean.errors++;
      else if (finding.severity === 'warning')
        result.clean.warnings++;
      else
        result.clean.infos++;
    }
  }
  result.categories = [...scores.values()]
    .map((entry) => ({
    ...entry,
    recall: entry.planted === 0 ? 1 : entry.found / entry.planted,
    precision: entry.reported === 0 ? 1 : entry.correct / entry.reported,
  }))
    .sort((a, b) => (a.category < b.category ? -1 : 1));
  return result;
}
/** The targets of the privacy check: recall per category, and no error on clean text. */
export const recallTargets = {
  'privacy/bsn': 1,
  'privacy/iban': 1,
  'privacy/phone': 1,
  'privacy/email': 1,
  'privacy/address (postcode)': 1,
  'privacy/name': 0.9,
  'privacy/birthdate': 0.9,
};
/** The targets that `evaluation` misses, as sentences; empty when all are met. */
export function missedTargets(evaluation) {
  const missed = [];
  for (const [category, target] of Object.entries(recallTargets)) {
    const entry = evaluation.categories.find((c) => c.category === category);
    if (!entry || entry.planted === 0)
      missed.push(`${category}: no planted identifiers`);
    else if (entry.recall < target)
      missed.push(`${category}: recall ${(entry.recall * 100).toFixed(1)}% < ${target * 100}%`);
  }
  if (evaluation.clean.errors > 0)
    missed.push(`clean set: ${evaluation.clean.errors} error(s)`);
  return missed;
}
