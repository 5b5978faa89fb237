/**
 * The schemas' validate functions made at build time (scripts/compile-schemas.mjs) must be
 * the ones ajv compiles at run time: same verdict, same errors (with the schema parts the
 * messages read), on every YAML file of the repository's cases and fixtures. And they must be
 * found: a schema text that drifts from the one compiled at build time would silently cost
 * every run the compile again.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { yamlFiles } from '../helpers.js';
import { parseSource } from '../../src/load/parse.js';
import { readSchema, schemaCompiler, schemaVariant, validatorFor } from '../../src/load/schema.js';
import { loadConfig } from '../../src/load/config.js';
import { caseSchemaLists } from '../../src/validate/index.js';

const precompiledFile = path.resolve('dist', 'schemas.precompiled.cjs');
const require = createRequire(import.meta.url);

describe.skipIf(!existsSync(precompiledFile))('precompiled schemas', () => {
  const entries = require(precompiledFile) as Array<{ schema: string; validate: ((data: unknown) => boolean) & { errors?: unknown } }>;

  it('are found for casebook.yaml, a values file and a case with the built-in lists', async () => {
    const builtIn = await loadConfig(undefined, os.tmpdir(), 'nl');
    const variants = [
      schemaVariant(readSchema('casebook.schema.json')),
      schemaVariant(readSchema('values.schema.json')),
      schemaVariant(readSchema('case.schema.json'), { enums: caseSchemaLists(builtIn) }),
    ];
    const found = variants.map((schema) => entries.find((entry) => entry.schema === JSON.stringify(schema))?.validate);
    expect(found.every((validate) => validate !== undefined)).toBe(true);
    variants.forEach((schema, i) => expect(validatorFor(schema)).toBe(found[i]));
    // A casebook's own list is compiled at run time.
    const own = schemaVariant(readSchema('case.schema.json'), { enums: { ...caseSchemaLists(builtIn), domainId: ['eigen'] } });
    expect(entries.some((entry) => entry.schema === JSON.stringify(own))).toBe(false);
  });

  it('give the same verdict and errors as compiling the schema now, on every case and fixture', () => {
    const data = [...yamlFiles('cases'), ...yamlFiles('tests/fixtures'), 'casebook.yaml', 'data/values.yaml']
      .filter((file) => existsSync(file))
      .map((file) => parseSource(file, readFileSync(file), { lang: 'nl', allowList: true }).data)
      .filter((value) => value !== undefined);
    expect(data.length).toBeGreaterThan(500);
    let invalid = 0;
    for (const entry of entries) {
      const compiled = schemaCompiler().compile(JSON.parse(entry.schema) as Record<string, unknown>);
      for (const value of data) {
        const verdict = entry.validate(value);
        expect(verdict).toBe(compiled(value));
        expect(entry.validate.errors ?? null).toEqual(compiled.errors ?? null);
        if (!verdict) invalid++;
      }
    }
    expect(invalid).toBeGreaterThan(100);
  });
});
