import { buildSchema, parse, validate } from 'graphql';
import { queryLimitsRule } from './query-limits';

/** Cost by work: root fields that scan the ledger or replay streams count their work. */
const schema = buildSchema(`
  type Verdict { valid: Boolean checkedEvents: Int }
  type Org { id: ID }
  type OrgConnection { totalCount: Int }
  type Query {
    verifyLedger: Verdict
    organizations(first: Int, asOf: String, knownAt: String): OrgConnection
    organization(id: ID, asOf: String): Org
  }
`);
const messages = (doc: string) => validate(schema, parse(doc), [queryLimitsRule]).map((e) => e.message);
const aliases = (n: number, field: (i: number) => string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field(i)}`).join(' ')} }`;

describe('queryLimitsRule: cost by work', () => {
  it('accepts ten aliased verifyLedger, refuses thirteen', () => {
    expect(messages(aliases(10, () => 'verifyLedger { valid checkedEvents }'))).toEqual([]);
    expect(messages(aliases(13, () => 'verifyLedger { valid }'))).toEqual([expect.stringMatching(/Estimated cost \d+ exceeds 50000/)]);
  });

  it('weighs organizations and organization only when they ask about the past', () => {
    expect(messages(aliases(40, () => 'organizations(first: 1) { totalCount }'))).toEqual([]);
    expect(messages(aliases(13, (i) => `organizations(first: 1, asOf: "2025-0${(i % 9) + 1}-01") { totalCount }`))).toEqual([
      expect.stringMatching(/Estimated cost/),
    ]);
    expect(messages(aliases(13, () => 'organization(id: "x", asOf: "2025-01-01") { id }'))).toEqual([expect.stringMatching(/Estimated cost/)]);
    expect(messages(aliases(13, () => 'organization(id: "x") { id }'))).toEqual([]);
  });
});
