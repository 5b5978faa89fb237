import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compiledDataDir, readDataFile } from '../../src/data.js';
import { dataDir } from '../../src/paths.js';

const yamlFiles = (readdirSync(dataDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).sort();

describe('data files', () => {
  it('have a JSON copy after the build that says exactly what the YAML says', () => {
    expect(yamlFiles.length).toBeGreaterThan(10);
    for (const file of yamlFiles) {
      const copy = JSON.parse(readFileSync(path.join(compiledDataDir, file.replace(/\.yaml$/, '.json')), 'utf8')) as unknown;
      expect(copy, file).toEqual(parse(readFileSync(path.join(dataDir, file), 'utf8')));
    }
  });

  it('use the copy while it is current, and the YAML once it was edited after the build', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'casebook-data-'));
    const folders = { data: path.join(root, 'data'), compiled: path.join(root, 'compiled') };
    mkdirSync(path.join(folders.data, 'messages'), { recursive: true });
    mkdirSync(path.join(folders.compiled, 'messages'), { recursive: true });
    const yaml = path.join(folders.data, 'messages', 'x.yaml');
    const json = path.join(folders.compiled, 'messages', 'x.json');
    writeFileSync(yaml, 'word: yaml\n');
    writeFileSync(json, '{"word":"copy"}');
    utimesSync(yaml, new Date('2026-01-01'), new Date('2026-01-01'));
    utimesSync(json, new Date('2026-01-02'), new Date('2026-01-02'));
    expect(readDataFile('messages/x.yaml', folders)).toEqual({ word: 'copy' });
    utimesSync(yaml, new Date('2026-01-03'), new Date('2026-01-03'));
    expect(readDataFile('messages/x.yaml', folders)).toEqual({ word: 'yaml' });
    expect(readDataFile('messages/x.yaml', { ...folders, compiled: path.join(root, 'nowhere') })).toEqual({ word: 'yaml' });
  });
});
