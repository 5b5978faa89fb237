/** The labelled sets the tagger is trained and measured on: a set is exactly its folder. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrainingCases, trainingDirs } from '../../scripts/lib/tagger-cases.mjs';

const root = path.resolve('.');
const unseen = path.join(root, 'tests', 'fixtures', 'tagger-unseen');

describe('loadTrainingCases', () => {
  it('reads the hold-out set alone: none of the repository’s own (training) cases join it', async () => {
    const files = readdirSync(unseen).filter((f) => f.endsWith('.yaml'));
    const { cases } = (await loadTrainingCases(root, [unseen])) as { cases: Array<{ id: string }> };
    expect(cases).toHaveLength(files.length);
    expect(cases.every((c) => c.id.startsWith(path.join('tests', 'fixtures', 'tagger-unseen') + path.sep))).toBe(true);
  });

  it('never trains on the hold-out set', async () => {
    const dirs = trainingDirs(root) as string[];
    const { cases } = (await loadTrainingCases(root, dirs)) as { cases: Array<{ id: string }> };
    expect(cases.length).toBeGreaterThan(400);
    expect(cases.some((c) => c.id.includes('tagger-unseen'))).toBe(false);
  });
});
