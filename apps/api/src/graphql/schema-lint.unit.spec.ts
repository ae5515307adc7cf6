import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { namingProblems, undescribed } from './schema-lint';

/**
 * Lints the committed contract (schema-contract.e2e.spec.ts proves it is what the server
 * generates). SCHEMA_FILE points it at another SDL file, e.g. an older contract.
 */
const file = process.env.SCHEMA_FILE ?? join(__dirname, '..', '..', '..', '..', 'schema.gql');
const schema = buildSchema(readFileSync(file, 'utf8'));

describe('public schema style', () => {
  it('names no public type with a "Type" suffix', () => {
    expect(namingProblems(schema)).toEqual([]);
  });

  it('describes every type, field, argument, enum value and input field', () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it('finds what it looks for (the linter itself)', () => {
    const bad = buildSchema('"ok" type Query { "ok" a(x: Int): FooType } type FooType { b: Int }');
    expect(namingProblems(bad)).toEqual(['FooType: type name ends in "Type"']);
    expect(undescribed(bad)).toEqual(['Query.a(x:)', 'FooType', 'FooType.b']);
  });

  it('has no stray editing marks in descriptions', () => {
    expect(readFileSync(file, 'utf8')).not.toMatch(/"""\s*R:|"R:|\bR: /);
  });
});
