import { buildSchema, parse, validate, type GraphQLError } from 'graphql';
import { QUERY_LIMITS, queryLimitsRule } from './query-limits';

/**
 * The static bounds on one operation, against a small schema with the shapes the API has: a
 * connection (`first` sizes `edges`), plain lists (assumed 10 long), a self-referencing object,
 * and an interface and a union (which the rule must measure like the objects behind them).
 */
const schema = buildSchema(`
  interface Named { name: String children(first: Int): [Node!]! }
  type Node implements Named {
    id: ID!
    name: String
    parent: Node
    children(first: Int): [Node!]!
    friends(first: Int, after: String): NodeConnection!
  }
  type Team implements Named { name: String children(first: Int): [Node!]! }
  union Thing = Node | Team
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type NodeEdge { cursor: String! node: Node! }
  type NodeConnection { edges: [NodeEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type Query {
    hello: String
    node(id: ID): Node
    list: [Node!]!
    nodes(first: Int, after: String): NodeConnection!
    named: Named
    things: [Thing!]!
  }
  type Mutation { touch(id: ID!): Node }
  type Subscription { changed(id: ID): Node }
`);

function errorsOf(doc: string): readonly GraphQLError[] {
  return validate(schema, parse(doc), [queryLimitsRule]);
}
/**
 * The rule's errors. No timing limits here (a shared machine makes them flaky): a super-linear
 * regression on these documents costs minutes, which the test's own timeout catches.
 */
function limitErrors(doc: string): string[] {
  return validate(schema, parse(doc), [queryLimitsRule]).map((e) => e.message);
}
function ok(doc: string): void {
  expect(errorsOf(doc).map((e) => e.message)).toEqual([]);
}
function refused(doc: string, message: RegExp): GraphQLError {
  const errors = errorsOf(doc);
  expect(errors).toHaveLength(1);
  expect(errors[0]!.message).toMatch(message);
  expect(errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  return errors[0]!;
}

/** `{ node { parent { … { id } } } }` with `depth` levels of fields. */
function nested(depth: number): string {
  let inner = 'id';
  for (let i = 0; i < depth - 2; i++) inner = `parent { ${inner} }`;
  return `{ node(id: "1") { ${inner} } }`;
}
const repeat = (n: number, f: (i: number) => string, sep = ' ') => Array.from({ length: n }, (_, i) => f(i)).join(sep);

describe('queryLimitsRule: the bounds', () => {
  it('are the documented ones', () => {
    expect(QUERY_LIMITS).toMatchObject({ maxDepth: 12, maxAliases: 50, maxDirectives: 20, maxCost: 50_000 });
  });
});

describe('queryLimitsRule: depth', () => {
  it('counts levels of fields', () => {
    ok('{ hello }');
    ok(nested(2));
    expect(nested(3)).toBe('{ node(id: "1") { parent { id } } }');
  });

  it(`accepts depth ${QUERY_LIMITS.maxDepth}, refuses ${QUERY_LIMITS.maxDepth + 1} and 30`, () => {
    ok(nested(12));
    refused(nested(13), /depth 13 exceeds 12/);
    refused(nested(30), /depth \d+ exceeds 12/);
  });

  it('measures through named fragments, nested fragments and inline fragments', () => {
    const frag = (levels: number) => {
      let inner = 'id';
      for (let i = 0; i < levels; i++) inner = `parent { ${inner} }`;
      return inner;
    };
    // 1 (node) + 10 parents + id = 12, then 13, split across fragments.
    ok(`{ node(id: "1") { ...A } } fragment A on Node { ${frag(5).replace('id', '...B')} } fragment B on Node { ${frag(5)} }`);
    refused(`{ node(id: "1") { ...A } } fragment A on Node { ${frag(5).replace('id', '...B')} } fragment B on Node { ${frag(6)} }`, /depth 13/);
    refused(`{ node(id: "1") { ... on Node { ${frag(5).replace('id', '... { ' + frag(6) + ' }')} } } }`, /depth 13/);
  });

  it('measures each operation of a document, mutations and subscriptions too', () => {
    const deep = nested(13).slice(1, -1).replace('node(id: "1")', 'touch(id: "1")');
    refused(`query Fine { hello } mutation Deep { ${deep} }`, /depth 13/);
    refused(`subscription Deep { ${nested(13).slice(1, -1).replace('node(id: "1")', 'changed')} }`, /depth 13/);
  });

  it('stops early on a very deep document', () => {
    // (graphql-js's recursive parser itself overflows somewhere past ~2,000 levels: a parse error.)
    refused(nested(1500), /exceeds 12/);
    expect(limitErrors(nested(1500))).toEqual([expect.stringMatching(/exceeds 12/)]);
  });
});

describe('queryLimitsRule: aliases', () => {
  it(`accepts ${QUERY_LIMITS.maxAliases} aliases, refuses ${QUERY_LIMITS.maxAliases + 1} and 1,000 with one error`, () => {
    ok(`{ ${repeat(50, (i) => `a${i}: hello`)} }`);
    refused(`{ ${repeat(51, (i) => `a${i}: hello`)} }`, /More than 50 aliases/);
    refused(`{ ${repeat(1000, (i) => `a${i}: hello`)} }`, /More than 50 aliases/);
  });

  it('counts aliases anywhere in the document: nested and in fragments', () => {
    ok(`{ node(id: "1") { ${repeat(25, (i) => `n${i}: name`)} ...F } } fragment F on Node { ${repeat(25, (i) => `f${i}: id`)} }`);
    refused(`{ node(id: "1") { ${repeat(25, (i) => `n${i}: name`)} ...F } } fragment F on Node { ${repeat(26, (i) => `f${i}: id`)} }`, /aliases/);
  });
});

describe('queryLimitsRule: directives', () => {
  it(`accepts ${QUERY_LIMITS.maxDirectives} directives, refuses ${QUERY_LIMITS.maxDirectives + 1} and 1,000`, () => {
    const withDirectives = (n: number) => `{ node(id: "1") { ${repeat(n, (i) => `f${i % 3 === 0 ? 'id' : 'name'} @include(if: true)`.replace(/^f\d+/, ['id', 'name'][i % 2]!))} } }`;
    ok(withDirectives(20));
    refused(withDirectives(21), /More than 20 directives/);
    refused(withDirectives(1000), /More than 20 directives/);
  });

  it('counts directives on fragment spreads, inline fragments and in fragments', () => {
    const spreads = (n: number) => `{ node(id: "1") { ${repeat(n, () => '...F @skip(if: false)')} } } fragment F on Node { id }`;
    ok(spreads(20));
    refused(spreads(21), /directives/);
    refused(`{ node(id: "1") { ${repeat(11, () => '... @include(if: true) { id }')} ...F } } fragment F on Node { ${repeat(10, () => 'name @skip(if: false)')} }`, /directives/);
  });
});

describe('queryLimitsRule: cost', () => {
  /** 98 + nodes 1 + edges 1 + node 100 + 100 per leaf under node. */
  const atBound = (extraRootFields: number, leaves: number) =>
    `{ ${repeat(extraRootFields, () => 'hello')} nodes(first: 100) { edges { node { ${repeat(leaves, () => 'id')} } } } }`;

  it(`accepts an estimated cost of exactly ${QUERY_LIMITS.maxCost}, refuses ${QUERY_LIMITS.maxCost + 1}`, () => {
    // 98 + 1 + 1 + 100 + 498 × 100 = 50,000
    ok(atBound(98, 498));
    refused(atBound(99, 498), /Estimated cost 50001 exceeds 50000/);
  });

  it("sizes a connection's edges by its literal `first`, and by 100 when `first` is a variable", () => {
    // 2 + 2F + 2F² + F³: F = 10 → 1,222; F = 37 → 53,467; a variable → F = 100.
    const doc = (first: string, head = '') =>
      `${head}{ nodes(first: ${first}) { edges { node { children(first: ${first}) { id children(first: ${first}) { id } } } } } }`;
    ok(doc('10'));
    ok(doc('30'));
    refused(doc('37'), /Estimated cost 53467 exceeds/);
    refused(doc('$n', 'query($n: Int) '), /Estimated cost \d+ exceeds/);
    ok(doc('$n', 'query($n: Int) ').replace(/children\(first: \$n\) \{ id \}/, 'id').replace('{ id children(first: $n) { id } }', '{ id }'));
  });

  it('bounds a literal `first` to 1..100 when estimating (the resolver refuses the rest)', () => {
    const doc = (first: string) => `{ nodes(first: ${first}) { edges { node { children(first: ${first}) { ${repeat(5, () => 'id')} } } } } }`;
    // first 100: 1 + 1 + 100 + 100 + 5 × 10,000 = 50,202 (refused); 10^9 counts as 100, not more.
    refused(doc('100'), /Estimated cost 50202/);
    refused(doc('1000000000'), /Estimated cost 50202/);
    ok(doc('-1'));
    ok(doc('0'));
  });

  it('assumes 10 for a list without `first`', () => {
    // list 1 → 10 children → 100 → 1,000 → 10,000 ids: 1 + 10 + 100 + 1,000 + 10,000 = 11,111
    ok('{ list { children { children { children { id } } } } }');
    // one level more: + 100,000
    refused('{ list { children { children { children { children { id } } } } } }', /Estimated cost 111111/);
  });

  it('counts a fragment at every place it is spread', () => {
    const frag = `fragment F on Node { children(first: 100) { ${repeat(5, () => 'id')} } }`;
    // One spread: 1 + 1 + 100 + 100 + 5 × 10,000 = 50,202.
    refused(`{ nodes(first: 100) { edges { node { ...F } } } } ${frag}`, /Estimated cost 50202/);
    // H under one node: 100 + 100 + 5 × 5,000 = 25,200, so 25,202 once and 50,402 twice.
    const half = `fragment H on Node { children(first: 50) { ${repeat(5, () => 'id')} } }`;
    ok(`{ nodes(first: 100) { edges { node { ...H } } } } ${half}`);
    refused(`{ nodes(first: 100) { edges { a: node { ...H } b: node { ...H } } } } ${half}`, /Estimated cost 50402/);
  });

  it('stays bounded on an exponential fan-out of fragments', () => {
    const levels = 30;
    const frags = repeat(levels, (i) => (i === levels - 1 ? `fragment F${i} on Query { hello }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`), '\n');
    refused(`{ ...F0 }\n${frags}`, /Estimated cost|expands to more than/);
  });

  /** F0 → F1 → … → F(n-1) { hello }, spread `times` times: cost `times`, but n × times selections to walk. */
  const chain = (n: number, times: number, on = 'Query', leaf = 'hello') =>
    `{ ${on === 'Query' ? '' : 'node(id: "1") { '}${repeat(times, () => '...F0')}${on === 'Query' ? '' : ' }'} }\n` +
    repeat(n, (i) => (i === n - 1 ? `fragment F${i} on ${on} { ${leaf} }` : `fragment F${i} on ${on} { ...F${i + 1} }`), '\n');

  it('measures a long chain of fragments in linear time', () => {
    for (const doc of [chain(2000, 1), chain(1000, 10, 'Node', 'id')]) {
      expect(limitErrors(doc)).toEqual([]);
    }
  });

  it('refuses a small document that spreads a long chain of fragments thousands of times (event-loop DoS)', () => {
    // ~47 KB, valid, estimated cost 2,000: measuring it used to copy the path at every spread,
    // O(chain²) per spread — over a minute of CPU on the event loop for one request.
    for (const doc of [chain(1000, 2000), chain(1000, 2000, 'Node', 'id'), chain(2000, 50)]) {
      expect(doc.length).toBeLessThan(100_000);
      expect(limitErrors(doc)).toEqual(['The operation expands to more than 20000 selections']);
    }
  });

  it('does not loop on a fragment cycle (graphql-js reports the cycle)', () => {
    expect(() => errorsOf('{ node(id: "1") { ...A } } fragment A on Node { parent { ...B } } fragment B on Node { parent { ...A } }')).not.toThrow();
  });

  it('measures lists behind an interface like the object types', () => {
    // named: Named (interface). 1 + 1 + 100 + 5 × 10,000 = 50,102 through children(first: 100) twice.
    const doc = `{ named { children(first: 100) { children(first: 100) { ${repeat(5, () => 'id')} } } } }`;
    refused(doc, /Estimated cost/);
  });

  it('measures lists behind a union, through inline fragments', () => {
    // things (10) → children(first: 100) → children(first: 100) → id: 1 + 10 + 1,000 + 100,000 + …
    const doc = `{ things { ... on Node { children(first: 100) { children(first: 100) { id } } } } }`;
    refused(doc, /Estimated cost/);
  });

  it('measures lists inside an inline fragment on a concrete type of an interface', () => {
    const doc = `{ named { ... on Node { friends(first: 100) { edges { node { children(first: 100) { ${repeat(5, () => 'id')} } } } } } } }`;
    refused(doc, /Estimated cost/);
  });
});

describe('queryLimitsRule: several limits at once', () => {
  it('reports each limit once, however often it is exceeded', () => {
    const doc = `{ ${repeat(100, (i) => `a${i}: hello @include(if: true)`)} }`;
    const messages = errorsOf(doc).map((e) => e.message).sort();
    expect(messages).toEqual(['More than 20 directives', 'More than 50 aliases']);
  });
});
