import { buildSchema, parse, validate, type DocumentNode } from 'graphql';
import { queryLimitsRule } from '../../apps/api/src/auth/limits/query-limits';
import { atMost, type BenchRow } from '../harness/result';
import { median } from '../harness/stats';

/**
 * The query limits must refuse hostile documents in time linear in their size (they run on the
 * event loop, before anything else). Moved here from the unit tests, where a time limit made
 * them flaky on a shared machine: each hostile document's validation time against that of an
 * ordinary document of the same size, both with the limits rule, in the same run.
 */
const schema = buildSchema(`
  type Node { id: ID! name: String parent: Node children(first: Int): [Node!]! }
  type Query { hello: String node(id: ID): Node }
`);

const repeat = (n: number, f: (i: number) => string, sep = ' ') => Array.from({ length: n }, (_, i) => f(i)).join(sep);
/** F0 → F1 → … → F(n-1) { hello }, spread `times` times. */
const chain = (n: number, times: number) =>
  `{ ${repeat(times, () => '...F0')} }\n` + repeat(n, (i) => (i === n - 1 ? `fragment F${i} on Query { hello }` : `fragment F${i} on Query { ...F${i + 1} }`), '\n');
const fanOut = (levels: number) =>
  `{ ...F0 }\n` + repeat(levels, (i) => (i === levels - 1 ? `fragment F${i} on Query { hello }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`), '\n');
const deep = (levels: number) => `{ ${'node(id: "1") { '.repeat(levels)}id${' }'.repeat(levels)} }`;
/** An ordinary document of about `chars` characters: many aliased fields, one level deep. */
const ordinary = (chars: number) => `{ ${repeat(Math.ceil(chars / 24), (i) => `a${i}: node(id: "${i}") { id }`)} }`;

function msPerValidation(doc: DocumentNode, rounds: number): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    validate(schema, doc, [queryLimitsRule]);
    times.push(performance.now() - started);
  }
  return median(times);
}

export function queryLimitScenarios(rounds = 5): BenchRow[] {
  // The fan-out is tiny on the wire and walked until the 20,000-selection cap: its bound is
  // that cap, hence the wider target.
  const hostile: Array<[string, string, number]> = [
    ['a 47 KB document spreading a chain of 1,000 fragments 2,000 times', chain(1000, 2000), 5],
    ['an exponential fan-out of 30 fragment levels', fanOut(30), 200],
    ['a document 1,500 levels deep', deep(1500), 5],
  ];
  return hostile.map(([name, text, max]) => {
    const value = msPerValidation(parse(text), rounds);
    const baseline = msPerValidation(parse(ordinary(text.length)), rounds);
    return atMost(`query limits refuse ${name}`, `${text.length.toLocaleString('en-US')} characters`,
      'an ordinary document of the same size, same rule', 'ms', value, baseline, max);
  });
}
