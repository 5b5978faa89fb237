import { readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { schemasDir } from '../../src/paths.js';
import { readSchema } from '../../src/load/schema.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

// SchemaChecker compiles without checking the schema itself (start-up time): this is that check.
describe('the shipped schemas', () => {
  const names = readdirSync(schemasDir).filter((n) => n.endsWith('.schema.json'));

  it.each(names)('%s is valid JSON Schema 2020-12 and compiles in strict mode', (name) => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    const schema = readSchema(name);
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('finds all three', () => {
    expect(names.sort()).toEqual(['case.schema.json', 'casebook.schema.json', 'values.schema.json']);
  });
});
