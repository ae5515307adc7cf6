import { ApiServer } from './support/api-server';
import { registerOrg, startApi } from './support/e2e-fixtures';

/**
 * Cross-tenant metadata (issue 12, item 8): a tenant learns nothing about the volume of other
 * tenants (verifyLedger, readModelRebuild), unauthenticated /health shows no head, and rebuilding
 * every tenant's read models is an operator action, not a tenant ADMIN's.
 */
describe('what one tenant learns about the others', () => {
  let api: ApiServer;
  const as = (role: string, tenant: string) => ({ authorization: `Bearer ${api.token(role, tenant)}` });

  beforeAll(async () => {
    api = await startApi();
    for (let i = 0; i < 3; i++) await registerOrg(api);
  }, 30_000);
  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  it('verifyLedger counts only the events of the caller\'s tenant', async () => {
    const empty = await api.gql('{ verifyLedger { valid checkedEvents } }', {}, as('AUDITOR', 'empty-tenant'));
    expect(empty.data.verifyLedger).toEqual({ valid: true, checkedEvents: 0 });
    const own = await api.gql('{ verifyLedger { valid checkedEvents } }', {}, as('AUDITOR', 'default'));
    expect(own.data.verifyLedger).toEqual({ valid: true, checkedEvents: 3 });
  });

  it('readModelRebuild withholds the event counts of the shared read model from a tenant', async () => {
    const r = await api.gql('{ readModelRebuild { state processed total eventsPerSecond } }', {}, as('ADMIN', 'empty-tenant'));
    expect(r.errors).toBeUndefined();
    expect(r.data.readModelRebuild).toMatchObject({ processed: null, total: null, eventsPerSecond: null });
  });

  it('a tenant ADMIN may not rebuild every tenant\'s read models; an operator token may', async () => {
    const refused = await api.gql('mutation { rebuildReadModels { state } }', {}, as('ADMIN', 'empty-tenant'));
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/operator/) });
    expect(refused.data).toBeNull();
    const idle = await api.gql('{ readModelRebuild { state } }', {}, { authorization: `Bearer ${api.operatorToken()}` });
    expect(idle.data.readModelRebuild.state).toBe('IDLE');
    const started = await api.gql('mutation { rebuildReadModels { state processed } }', {}, { authorization: `Bearer ${api.operatorToken()}` });
    expect(started.errors).toBeUndefined();
    expect(started.data.rebuildReadModels.processed).toEqual(expect.any(Number));
  });

  it('unauthenticated /health shows no head position and no projection positions', async () => {
    const res = await fetch(`http://127.0.0.1:${api.port}/health`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body).toMatchObject({ status: 'ok', store: { kind: 'sqlite', reachable: true } });
    expect(body.store.headPosition).toBeUndefined();
    expect(body.projections.every((p: Record<string, unknown>) => p.position === undefined && p.lag === undefined && typeof p.name === 'string')).toBe(true);
    // An operator sees the numbers.
    expect((await api.health()).store.headPosition).toMatch(/^\d+$/);
  });
});
