import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { QUERY_LIMITS, queryLimitsRule } from './query-limits';

/**
 * The standard introspection query (GraphiQL, codegen, graphql-inspector, Apollo tooling) passes
 * the limits; the exemption covers introspection only, and has a depth bound of its own.
 */
const schema = buildSchema(`
  type Node { id: ID! parent: Node }
  type Query { node(id: ID): Node }
`);
const messages = (doc: string) => validate(schema, parse(doc), [...specifiedRules, queryLimitsRule]).map((e) => e.message);

/** `{ node { parent { … { id } } } }` with `depth` levels of fields. */
function nested(depth: number): string {
  let inner = 'id';
  for (let i = 0; i < depth - 2; i++) inner = `parent { ${inner} }`;
  return `{ node(id: "1") { ${inner} } }`;
}

/** `__type(name:) { ofType { … { name } } }` with `depth` levels of fields. */
function deepTypeRef(depth: number): string {
  let inner = 'name';
  for (let i = 0; i < depth - 2; i++) inner = `ofType { ${inner} }`;
  return `{ __type(name: "Node") { ${inner} } }`;
}

describe('queryLimitsRule: introspection', () => {
  it('accepts the standard introspection query, plain and with every option', () => {
    expect(messages(getIntrospectionQuery())).toEqual([]);
    const full = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true });
    expect(messages(full)).toEqual([]);
  });

  it('still refuses a non-introspection query as deep as the standard introspection query', () => {
    expect(messages(nested(14))).toEqual([`Query depth 14 exceeds ${QUERY_LIMITS.maxDepth}`]);
    expect(messages(`{ __schema { queryType { name } } ${nested(14).slice(1, -1)} }`)).toEqual([`Query depth 14 exceeds ${QUERY_LIMITS.maxDepth}`]);
  });

  it(`bounds introspection by a depth of its own: ${QUERY_LIMITS.maxIntrospectionDepth}`, () => {
    expect(messages(deepTypeRef(QUERY_LIMITS.maxIntrospectionDepth))).toEqual([]);
    expect(messages(deepTypeRef(QUERY_LIMITS.maxIntrospectionDepth + 1))).toEqual([
      `Introspection depth ${QUERY_LIMITS.maxIntrospectionDepth + 1} exceeds ${QUERY_LIMITS.maxIntrospectionDepth}`,
    ]);
  });

  it('leaves the breadth of introspection to graphql-js (MaxIntrospectionDepthRule)', () => {
    const cyclic = '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }';
    expect(messages(cyclic)).toEqual(['Maximum introspection depth exceeded']);
  });
});
