import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import type { ApiServer } from './support/api-server';
import { acceptedReport, mutate, registerOrg, startApi } from './support/e2e-fixtures';

const ORG = gql`
  query Org($id: ID!, $asOf: DateTime) {
    organization(id: $id, asOf: $asOf) { id organizationId name asOf assurance { status statusSince } }
  }
`;

/**
 * Apollo Client's InMemoryCache normalizes objects by __typename and id. An answer about another
 * moment must not share an identity with today's, or re-reading one from the cache shows the
 * other. Runs the real client and cache against the real server.
 */
describe('as-of answers in a normalized client cache (Apollo Client InMemoryCache)', () => {
  let api: ApiServer;
  let id: string;
  let client: ApolloClient;
  const yesterday = new Date(Date.now() - 86_400_000).toISOString();

  beforeAll(async () => {
    api = await startApi({ clockStart: undefined });
    // Registered a year ago with NO_ASSURANCE; a report accepted today makes it assured today only.
    id = await registerOrg(api, { name: 'Cached Vendor', effectiveAt: new Date(Date.now() - 365 * 86_400_000).toISOString() });
    await acceptedReport(api, id, { periodStart: '2025-01-01', periodEnd: '2025-12-31' });
    const link = new HttpLink({ uri: api.url, headers: { authorization: `Bearer ${api.token('ADMIN')}` } });
    client = new ApolloClient({ link, cache: new InMemoryCache() });
  }, 30_000);

  afterAll(async () => {
    client?.stop();
    await api?.stop();
    api?.removeData();
  });

  it('keeps the current and the as-of answer apart, also when re-read from the cache', async () => {
    const now = (await client.query({ query: ORG, variables: { id }, fetchPolicy: 'network-only' })).data as any;
    const then = (await client.query({ query: ORG, variables: { id, asOf: yesterday }, fetchPolicy: 'network-only' })).data as any;
    expect(now.organization.assurance.status).not.toBe('NO_ASSURANCE');
    expect(then.organization.assurance.status).toBe('NO_ASSURANCE');
    expect(now.organization.organizationId).toBe(id);
    expect(then.organization.organizationId).toBe(id);
    expect(then.organization.id).not.toBe(now.organization.id);

    const nowAgain = (await client.query({ query: ORG, variables: { id }, fetchPolicy: 'cache-only' })).data as any;
    const thenAgain = (await client.query({ query: ORG, variables: { id, asOf: yesterday }, fetchPolicy: 'cache-only' })).data as any;
    expect(nowAgain.organization).toEqual(now.organization);
    expect(thenAgain.organization).toEqual(then.organization);
    expect(thenAgain.organization.asOf).toBe(new Date(yesterday).toISOString());
  });

  it("an as-of answer's id fetches that answer again (organization(id) accepts it)", async () => {
    const then = (await api.ok(`query($id: ID!, $asOf: DateTime) { organization(id: $id, asOf: $asOf) { id asOf knownAt assurance { status } } }`, { id, asOf: yesterday })).organization;
    const again = (await api.ok(`query($id: ID!) { organization(id: $id) { id asOf knownAt assurance { status } } }`, { id: then.id })).organization;
    expect(again).toEqual(then);
    const mixed = await api.gql(`query($id: ID!, $asOf: DateTime) { organization(id: $id, asOf: $asOf) { id } }`, { id: then.id, asOf: yesterday });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    expect((await mutate(api, 'registerSite', { organizationId: id, siteId: 's1', name: 'Site', country: 'US' }, 'revision')).errors).toBeUndefined();
  });
});
