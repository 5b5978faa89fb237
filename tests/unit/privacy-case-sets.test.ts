/**
 * The labelled case sets that were written without personal data (the tagger's training,
 * development and hold-out cases, and the example cases in cases/) give no privacy
 * finding at all: no error and no warning. They are a few hundred whole cases of the kind
 * users write, with first names as pseudonyms, ages in brackets, compounds at the start of
 * a sentence, organisations and places; each finding there is a false positive. The
 * tagger's unseen set (tests/fixtures/tagger-unseen) is its hold-out and is not read here;
 * its first hold-out now lies in tagger-train/first-holdout and is read with that set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { privacyDetectors } from '../../src/privacy/index.js';
import { privacyEnv } from '../../src/privacy/detector.js';
import { caseTexts } from '../../src/privacy/text.js';
import { fixtures, repoRoot } from '../helpers.js';

const sets = [
  path.join(fixtures, 'tagger-train'),
  path.join(fixtures, 'tagger-dev'),
  path.join(repoRoot, 'cases'),
];

/** The YAML files below `folder`. */
const caseFiles = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => path.join(entry.parentPath, entry.name));

/** Every error and warning of the privacy rules in one case, as the rules report it in validate. */
function findings(file: string): string[] {
  const data: unknown = parse(readFileSync(file, 'utf8'));
  // Not a case: a set's own notes (second-annotation.yaml).
  if (data === null || typeof data !== 'object' || !('title' in data)) return [];
  const record = data as Record<string, unknown>;
  const env = privacyEnv({ patterns: [], allowNames: [], allowEmailDomains: [] }, record);
  return caseTexts(record).flatMap((field) =>
    privacyDetectors.flatMap((detector) =>
      detector
        .detect(field.text, env)
        .filter((found) => !found.suppressed && found.severity !== 'info')
        .map((found) => `${path.relative(repoRoot, file)} ${field.pointer} ${detector.id} ${found.severity} "${field.text.slice(found.start, found.end)}"`),
    ),
  );
}

describe('case sets written without personal data', () => {
  it.each(sets.map((folder) => [path.relative(repoRoot, folder), folder] as const))('%s gives no privacy finding', (_name, folder) => {
    const files = caseFiles(folder);
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap(findings)).toEqual([]);
  });
});
