/**
 * Evidence is placed from js-yaml's node tree when the quick path reads a file, and from the
 * yaml Document otherwise. Both must give the same source offset for every character of
 * every field the tagger reads.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { withGeneratedCasebook, yamlFiles } from '../helpers.js';
import { quickRead } from '../../src/load/quick.js';
import { caseSegments } from '../../src/tag/fields.js';
import { quickSourceOffsets, scalarSourceOffsets } from '../../src/position/offsets.js';

describe('evidence positions from the quick node tree', () => {
  it('equal those from the yaml Document for every character of every tagged field', () => {
    withGeneratedCasebook(200, (dir) => {
      const files = [...yamlFiles('cases'), ...yamlFiles('tests/fixtures/tagger-dev'), ...yamlFiles('tests/fixtures/tagger-train'), ...yamlFiles(dir)];
      let compared = 0;
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        const quick = quickRead(text, { tree: true });
        if (!quick?.tree) continue;
        const { data, tree } = quick;
        const doc = parseDocument(text, { version: '1.2', schema: 'core' });
        for (const segment of caseSegments(data)) {
          const offsets = Array.from({ length: segment.text.length }, (_, i) => i);
          expect(quickSourceOffsets(tree, text, segment.path, offsets), `${file} ${segment.path.join('/')}`).toEqual(scalarSourceOffsets(doc, text, segment.path, offsets));
          compared += offsets.length;
        }
      }
      expect(compared).toBeGreaterThan(500_000);
    });
  });
});
