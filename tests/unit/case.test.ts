import { describe, expect, it } from 'vitest';
import {
  CASE_FIELDS, DEFAULT_STATUS, FIELD_KIND, FIELD_NAMES, MARKDOWN_FIELDS, MARKDOWN_LIST_FIELDS, OPTION_LISTS, REQUIRED_FIELDS, STATUSES,
  TEXT_FIELDS, caseStatus, caseValueIds, type FieldKind,
} from '../../src/case/index.js';
import { readSchema } from '../../src/load/schema.js';

interface Property { type?: string; $ref?: string; format?: string; enum?: string[]; default?: unknown; items?: Property; properties?: Record<string, Property> }
const schema = readSchema('case.schema.json') as { properties: Record<string, Property>; required: string[] };
const properties = schema.properties;

const LIST_KINDS: readonly FieldKind[] = ['ids', 'markdownList', 'texts', 'names', 'options', 'legal', 'values'];

/** The kind a schema property implies, as far as the schema can tell. */
function kindFromSchema(property: Property): string {
  if (property.$ref === '#/$defs/markdown') return 'markdown';
  if (property.$ref === '#/$defs/markdownList') return 'markdownList';
  if (property.$ref) return 'id';
  if (property.type === 'boolean') return 'flag';
  if (property.format === 'date') return 'date';
  if (property.enum) return 'status';
  return property.type ?? '?';
}

describe('the case definition (src/case) and schemas/case.schema.json', () => {
  it('know the same fields, in the same (reading) order', () => {
    expect(FIELD_NAMES).toEqual(Object.keys(properties));
  });

  it('agree on each field\'s kind', () => {
    for (const field of CASE_FIELDS) {
      const property = properties[field.name]!;
      const fromSchema = kindFromSchema(property);
      if (fromSchema === 'array') expect(LIST_KINDS, field.name).toContain(field.kind);
      else if (fromSchema === 'string') expect(['id', 'text', 'inline'], field.name).toContain(field.kind);
      else expect(field.kind, field.name).toBe(fromSchema);
      if (LIST_KINDS.includes(field.kind)) expect(property.type === 'array' || property.$ref === '#/$defs/markdownList', field.name).toBe(true);
    }
  });

  it('list the Markdown fields the schema marks as Markdown, and no others', () => {
    const markdown = Object.entries(properties).filter(([, p]) => p.$ref === '#/$defs/markdown').map(([name]) => name);
    const lists = Object.entries(properties).filter(([, p]) => p.$ref === '#/$defs/markdownList').map(([name]) => name);
    expect(MARKDOWN_FIELDS).toEqual(markdown);
    expect(MARKDOWN_LIST_FIELDS).toEqual(lists);
    expect(TEXT_FIELDS).toEqual(['title', 'summary', ...markdown]);
  });

  it('agree on the statuses, their order and the default', () => {
    expect(STATUSES).toEqual(properties.status!.enum);
    expect(DEFAULT_STATUS).toBe(properties.status!.default);
  });

  it('agree on the required fields and an option\'s argument lists', () => {
    expect(REQUIRED_FIELDS).toEqual(schema.required);
    const option = properties.options!.items!.properties!;
    expect(OPTION_LISTS).toEqual(Object.keys(option).filter((k) => option[k]!.$ref === '#/$defs/markdownList'));
    expect(FIELD_KIND.values).toBe('values');
  });
});

describe('case helpers', () => {
  it('read value ids from plain ids and {id, why} items, skipping anything else', () => {
    expect(caseValueIds({ values: ['maatwerk', { id: 'vertrouwen', why: 'x' }, null, 5, { why: 'no id' }, 'maatwerk'] }))
      .toEqual(['maatwerk', 'vertrouwen', 'maatwerk']);
    expect(caseValueIds({ values: 'maatwerk' })).toEqual([]);
    expect(caseValueIds(undefined)).toEqual([]);
  });

  it('count a missing or unknown status as a draft', () => {
    expect(caseStatus({})).toBe('draft');
    expect(caseStatus({ status: 'klaar' })).toBe('draft');
    expect(caseStatus({ status: 'review' })).toBe('review');
  });
});
