/**
 * The privacy check meets its targets on the labelled fixtures (tests/fixtures/privacy/):
 * recall 100 % on BSN, IBAN, phone, e-mail and postcode, at least 90 % on names and dates
 * of birth, and no error on clean text. `npm run eval:privacy` prints the same numbers.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, missedTargets, readFixtureSet, recallTargets } from '../../scripts/privacy-evaluate.mjs';
import { fixtures } from '../helpers.js';

const planted = readFixtureSet(path.join(fixtures, 'privacy', 'planted.yaml'));
const clean = readFixtureSet(path.join(fixtures, 'privacy', 'clean.yaml'));
const result = evaluate(planted, clean);

describe('privacy eval', () => {
  it('has enough labelled text to measure on', () => {
    expect(result.planted.identifiers).toBeGreaterThanOrEqual(60);
    expect(result.clean.items).toBeGreaterThanOrEqual(30);
    for (const category of Object.keys(recallTargets)) {
      expect(result.categories.find((c) => c.category === category)?.planted, category).toBeGreaterThanOrEqual(8);
    }
  });

  it('meets every target', () => {
    expect(missedTargets(result)).toEqual([]);
  });

  it('reports no error on clean text', () => {
    expect(result.clean.errors).toBe(0);
    expect(result.falsePositives.filter((f) => f.finding.severity === 'error')).toEqual([]);
  });

  it('names each target it misses', () => {
    const none = { patterns: [], allowNames: [], allowEmailDomains: [] };
    const missing = evaluate(
      { privacy: none, items: [{ text: 'Er staat hier geen nummer.', expect: [{ rule: 'privacy/bsn', match: 'geen nummer' }] }] },
      { privacy: none, items: [{ text: 'Het BSN is 926851974.' }] },
    );
    expect(missedTargets(missing)).toEqual([
      'privacy/bsn: recall 0.0% < 100%',
      'privacy/iban: no planted identifiers',
      'privacy/phone: no planted identifiers',
      'privacy/email: no planted identifiers',
      'privacy/address (postcode): no planted identifiers',
      'privacy/name: no planted identifiers',
      'privacy/birthdate: no planted identifiers',
      'clean set: 1 error(s)',
    ]);
  });
});
