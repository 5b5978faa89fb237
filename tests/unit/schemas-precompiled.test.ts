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

  it('count characters as ajv does at every length limit, with characters of two UTF-16 units', () => {
    // The precompiled code counts code points only near a limit (compile-schemas.mjs,
    // lengthChecksFirst): a string of astral characters is twice as long in UTF-16 units.
    const base = parseSource('cases/wmo/wmo-traplift-of-verhuizen.yaml', readFileSync('cases/wmo/wmo-traplift-of-verhuizen.yaml'), { lang: 'nl' }).data!;
    const astral = '\u{1F600}';
    const texts = (n: number) => [astral.repeat(n), 'a'.repeat(n), astral.repeat(Math.max(0, n - 1)) + 'a'];
    const values: Array<Record<string, unknown>> = [];
    // id 1..120, title 5..140, summary and a related id at least 1.
    for (const n of [0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 60, 61, 119, 120, 121, 139, 140, 141, 240, 280, 281]) {
      for (const text of texts(n)) {
        values.push({ ...base, id: text }, { ...base, title: text }, { ...base, summary: text }, { ...base, related: [text] });
      }
    }
    const builtInCase = entries.find((entry) => (JSON.parse(entry.schema) as { title?: string }).title === 'Casus')!;
    const compiled = schemaCompiler().compile(JSON.parse(builtInCase.schema) as Record<string, unknown>);
    let invalid = 0;
    for (const value of values) {
      const verdict = builtInCase.validate(value);
      expect(verdict).toBe(compiled(value));
      expect(builtInCase.validate.errors ?? null).toEqual(compiled.errors ?? null);
      if (!verdict) invalid++;
    }
    // Both sides of each limit are met: 120 astral characters are a valid id, 121 are not.
    expect(builtInCase.validate({ ...base, id: astral.repeat(120) })).toBe(true);
    expect(builtInCase.validate({ ...base, id: astral.repeat(121) })).toBe(false);
    expect(builtInCase.validate({ ...base, title: astral.repeat(4) })).toBe(false);
    expect(builtInCase.validate({ ...base, title: astral.repeat(5) })).toBe(true);
    expect(invalid).toBeGreaterThan(50);
  });
});
