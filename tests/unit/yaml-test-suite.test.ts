/**
 * The quick path must never change a verdict. On every test of the official YAML test suite
 * (tests/fixtures/yaml-test-suite, its `data` branch), casebook's reading of a file equals the
 * yaml package's YAML 1.2 reading: an error where it finds an error, the same data where it
 * reads a mapping. And the quick path (js-yaml) never accepts what the full path rejects.
 * Each test is read as written, with CRLF line endings, and indented under a key (where the
 * guards meet the text at another column).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../helpers.js';
import { parseSource } from '../../src/load/parse.js';
import { MAX_ALIAS_COUNT } from '../../src/load/limits.js';
import { quickRead } from '../../src/load/quick.js';

const suite = path.join(fixtures, 'yaml-test-suite');

/** Every folder with an in.yaml (a test, or one of a test's numbered variants). */
function tests(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    if (!statSync(full).isDirectory()) return [];
    return readdirSync(full).includes('in.yaml') ? [full] : tests(full);
  });
}

const variants: Record<string, (text: string) => string> = {
  LF: (text) => text,
  CRLF: (text) => text.replace(/\r?\n/g, '\r\n'),
  'under a key': (text) => 'k:\n' + text.split('\n').map((line) => (line === '' ? '' : `  ${line}`)).join('\n'),
};

/** The yaml package's YAML 1.2 reading, as a verdict casebook can be held to. */
function yamlReading(text: string): { error: boolean; data?: unknown } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2', schema: 'core', logLevel: 'error' });
  if (doc.errors.length > 0) return { error: true };
  try {
    return { error: false, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch {
    return { error: true };
  }
}

describe('the official YAML test suite', () => {
  const all = tests(suite);

  it('is all there (402 tests with their variants)', () => {
    expect(all.length).toBeGreaterThanOrEqual(402);
    expect(readFileSync(path.join(suite, 'License'), 'utf8')).toContain('MIT License');
  });

  for (const [variant, transform] of Object.entries(variants)) {
    it(`casebook reads every test (${variant}) as the yaml package does, and the quick path accepts only what the full path accepts`, () => {
      let quickTaken = 0;
      let mappings = 0;
      for (const dir of all) {
        const label = `${path.relative(suite, dir)} (${variant})`;
        const text = transform(readFileSync(path.join(dir, 'in.yaml'), 'utf8'));
        const expected = yamlReading(text);
        const file = parseSource('/x.yaml', new TextEncoder().encode(text), { lang: 'nl' });
        const errors = file.messages.filter((m) => m.severity === 'error');
        const isMapping = !expected.error && expected.data !== null && typeof expected.data === 'object' && !Array.isArray(expected.data);
        if (expected.error) {
          expect(errors.length, `${label}: YAML 1.2 rejects it`).toBeGreaterThan(0);
          expect(file.data, label).toBeUndefined();
        } else if (isMapping) {
          mappings++;
          expect(errors, `${label}: YAML 1.2 reads a mapping`).toEqual([]);
          expect(file.data, label).toEqual(expected.data);
        } else {
          // A list, text or nothing: not a case, whichever path reads it.
          expect(errors.map((m) => m.rule), label).toEqual([expect.stringMatching(/^yaml\/(?:not-a-mapping|empty|too-deep)$/)]);
        }
        const quick = quickRead(text);
        if (quick) {
          quickTaken++;
          const full = parseSource('/x.yaml', new TextEncoder().encode(text), { lang: 'nl', quick: false });
          expect(full.messages, `${label}: the quick path accepted it`).toEqual([]);
          expect(quick.data, label).toEqual(full.data);
        }
      }
      // The comparison means something only if both paths and both verdicts are exercised.
      expect(quickTaken).toBeGreaterThan(40);
      expect(mappings).toBeGreaterThan(100);
    });
  }
});
