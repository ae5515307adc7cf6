import { randomUUID } from 'node:crypto';
import type { ApiServer } from './support/api-server';
import { exceptionInput, mutate, onlyError, registerOrg, startApi } from './support/e2e-fixtures';

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
type Conn = { edges: Array<{ cursor: string }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } };

/** Walks a connection two at a time; every page's PageInfo must be the Relay one for its place. */
async function checkPages(fetchPage: (after: string | null) => Promise<Conn>, total: number): Promise<void> {
  let after: string | null = null;
  for (let seen = 0; ; ) {
    const page: Conn = await fetchPage(after);
    const cursors = page.edges.map((e) => e.cursor);
    expect(page.pageInfo).toEqual({
      hasPreviousPage: seen > 0,
      hasNextPage: seen + cursors.length < total,
      startCursor: cursors[0] ?? null,
      endCursor: cursors.at(-1) ?? null,
    });
    seen += cursors.length;
    if (!page.pageInfo.hasNextPage) return expect(seen).toBe(total);
    after = page.pageInfo.endCursor;
  }
}

/** Relay PageInfo on every connection, and read-your-writes with `consistentWith`. */
describe('contract: PageInfo and consistentWith', () => {
  let api: ApiServer;
  const prefix = `Pager ${randomUUID().slice(0, 6)}`;
  let ids: string[] = [];
  beforeAll(async () => {
    api = await startApi({ env: { CONSISTENCY_TIMEOUT_MS: '500' } });
    ids = [];
    for (let i = 0; i < 5; i++) ids.push(await registerOrg(api, { name: `${prefix} ${i}` }));
    for (let i = 0; i < 3; i++) expect((await mutate(api, 'recordException', exceptionInput(ids[0]!))).errors).toBeUndefined();
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  const orgs = (extra: string) => async (after: string | null) =>
    (await api.ok(`query($after: String, $search: String) { organizations(first: 2, after: $after, filter: { search: $search }${extra}) {
      edges { cursor } ${PAGE_INFO} } }`, { after, search: prefix })).organizations;

  it('organizations: hasPreviousPage and startCursor on every page', async () => {
    await checkPages(orgs(''), 5);
  });

  it('organizations as of a moment: the same PageInfo', async () => {
    await checkPages(orgs(', asOf: "2030-01-01T00:00:00Z"'), 5);
  });

  it('exceptions and the audit trail: the same PageInfo', async () => {
    await checkPages(async (after) => (await api.ok(`query($after: String, $id: ID) { exceptions(first: 2, after: $after, filter: { organizationId: $id }) {
      edges { cursor } ${PAGE_INFO} } }`, { after, id: ids[0] })).exceptions, 3);
    await checkPages(async (after) => (await api.ok(`query($after: String, $id: ID!) { oversightHistory(organizationId: $id, first: 2, after: $after) {
      edges { cursor } ${PAGE_INFO} } }`, { after, id: ids[0] })).oversightHistory, 4);
  });

  it('an empty page has no cursors and no neighbours', async () => {
    const empty = await api.ok(`{ organizations(filter: { search: "no such name ${randomUUID()}" }) { ${PAGE_INFO} } }`);
    expect(empty.organizations.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it('reads its own write with consistentWith: the position a mutation returned', async () => {
    const r = await mutate(api, 'updateOrganizationProfile', { organizationId: ids[1], name: `${prefix} renamed` }, 'position');
    const position = r.data.updateOrganizationProfile.position as string;
    expect(position).toMatch(/^\d+$/);
    const one = await api.ok('query($id: ID!, $p: String) { organization(id: $id, consistentWith: $p) { name } }', { id: ids[1], p: position });
    expect(one.organization.name).toBe(`${prefix} renamed`);
    const list = await api.ok('query($s: String, $p: String) { organizations(filter: { search: $s }, consistentWith: $p) { edges { node { name } } } }', {
      s: `${prefix} renamed`,
      p: position,
    });
    expect(list.organizations.edges).toEqual([{ node: { name: `${prefix} renamed` } }]);
  });

  it('refuses a position that is not one, and says so when the read model has not reached it in time', async () => {
    const bad = onlyError(await api.gql('{ organization(id: "x", consistentWith: "12abc") { name } }'));
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'consistentWith' });
    const ahead = onlyError(await api.gql('{ organizations(consistentWith: "99999999999") { totalCount } }'));
    expect(ahead.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(ahead.message).toMatch(/not reached position 99999999999/);
  });
});
