/**
 * The files `casebook init` copies into a casebook for the editor (the schemas, the VS Code
 * settings) and the CI file it writes per platform. After an upgrade the copied schemas are
 * stale: validate and doctor say so, and `casebook init --update` refreshes them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from '../paths.js';

/** The schemas copied into `schemas/` of a casebook. */
export const SCHEMA_FILES = ['case.schema.json', 'casebook.schema.json', 'values.schema.json'] as const;

/** The CI platforms `init --ci` knows, and the file each one reads. */
export const CI_FILES = {
  github: { file: '.github/workflows/casebook.yml', template: 'github-workflow.yml' },
  gitlab: { file: '.gitlab-ci.yml', template: 'gitlab-ci.yml' },
  azure: { file: 'azure-pipelines.yml', template: 'azure-pipelines.yml' },
} as const;
export type CiPlatform = keyof typeof CI_FILES;

/** The copied schemas of the casebook in `root` that differ from this casebook's own (missing copies are not stale). */
export function staleSchemas(root: string): string[] {
  return SCHEMA_FILES.filter((name) => {
    const copy = path.join(root, 'schemas', name);
    if (!existsSync(copy)) return false;
    try {
      return readFileSync(copy, 'utf8') !== readFileSync(path.join(schemasDir, name), 'utf8');
    } catch {
      return false;
    }
  }).map((name) => `schemas/${name}`);
}
