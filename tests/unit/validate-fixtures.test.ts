/**
 * Every broken fixture case declares what validate must report, as `# expect:` comments in
 * the file itself (rule, line:column, and the suggestion if there is one). Files without
 * expectations must be clean.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCasebook } from '../../src/load/index.js';
import { validate } from '../../src/validate/index.js';
import type { ValidationResult } from '../../src/types.js';
import { expectMarkers, fixtures } from '../helpers.js';

const root = path.join(fixtures, 'broken');
const caseDir = path.join(root, 'cases');
const files = readdirSync(caseDir).filter((f) => f.endsWith('.yaml')).sort();

const expected = (file: string) => expectMarkers(path.join(caseDir, file));

let result: ValidationResult;
beforeAll(async () => {
  result = validate(await loadCasebook({ casebook: root }));
});

describe('broken fixtures', () => {
  it('has a fixture for every rule it is meant to show', () => {
    const rules = new Set(files.flatMap(expected).map((e) => e.split(' ')[0]));
    for (const rule of ['yaml/syntax', 'yaml/duplicate-key', 'yaml/empty', 'yaml/not-a-mapping', 'schema/required', 'schema/unknown-key',
      'schema/enum', 'schema/type', 'schema/format', 'schema/length', 'schema/pattern', 'casebook/duplicate-id', 'casebook/related-missing',
      'casebook/published-needs-value']) {
      expect(rules, rule).toContain(rule);
    }
  });

  it.each(files)('%s reports exactly what it expects', (file) => {
    const actual = result.messages
      .filter((m) => m.file === path.join(caseDir, file))
      .map((m) => `${m.rule} ${m.line}:${m.column}${m.suggestion ? ' ' + m.suggestion : ''}`)
      .sort();
    expect(actual).toEqual(expected(file));
  });

  it('counts files and errors over the whole run', () => {
    expect(result.files).toBe(files.length);
    expect(result.errors).toBe(files.flatMap(expected).length);
    expect(result.warnings).toBe(0);
  });
});
