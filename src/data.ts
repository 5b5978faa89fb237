/**
 * The data files people edit (data/**\/*.yaml: messages, value set, key aliases, lists) are
 * needed at every start of the tool, and parsing them as YAML cost more than validating a
 * hundred cases (the yaml parser is still cold at start-up). `npm run build:ts` therefore
 * writes a JSON copy of each (scripts/compile-data.mjs) into dist/data/. A copy is used only
 * while it is at least as new as its YAML file, so an edited data file counts at once.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { yaml } from './util/yaml.js';
import { dataDir, packageRoot } from './paths.js';

/** Where the JSON copies live; the same relative paths, with `.json` for `.yaml`. */
export const compiledDataDir = path.join(packageRoot, 'dist', 'data');

export interface DataFolders {
  data: string;
  compiled: string;
}

const shipped: DataFolders = { data: dataDir, compiled: compiledDataDir };

function compiledCopy(source: string, relative: string, compiled: string): unknown {
  const copy = path.join(compiled, relative.replace(/\.yaml$/, '.json'));
  try {
    if (statSync(copy).mtimeMs < statSync(source).mtimeMs) return undefined;
    return JSON.parse(readFileSync(copy, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** A YAML data file, by its path inside data/ (`messages/nl/core.yaml`). */
export function readDataFile(relative: string, folders: DataFolders = shipped): unknown {
  const source = path.join(folders.data, relative);
  return compiledCopy(source, relative, folders.compiled) ?? yaml().parse(readFileSync(source, 'utf8'));
}
