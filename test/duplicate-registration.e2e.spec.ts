import type { ApiServer } from './support/api-server';
import { mutate, onlyError, orgInput, startApi, uid } from './support/e2e-fixtures';

const COUNT = `query($search: String) { organizations(first: 50, filter: { search: $search }) { totalCount edges { node { id name } } } }`;

/**
 * Registering the same organization twice without an id used to make two organizations. A
 * second active organization with the same normalized name in a tenant is refused with a named
 * rule, unless the input says it is deliberate.
 */
describe('registerOrganization: one active organization per normalized name in a tenant', () => {
  let api: ApiServer;
  const register = (input: Record<string, unknown>, token?: string) =>
    token
      ? api.gql(`mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { organizationId } }`, { input }, { authorization: `Bearer ${token}` })
      : mutate(api, 'registerOrganization', input, 'organizationId');
  const count = async (search: string) => (await api.ok(COUNT, { search })).organizations.totalCount as number;

  beforeAll(async () => {
    api = await startApi();
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  it('refuses the same name again, whatever its case, spacing and punctuation, writing nothing', async () => {
    const first = await register(orgInput({ id: undefined, name: 'Northwind Payroll, Inc.' }));
    expect(first.errors).toBeUndefined();
    for (const name of ['Northwind Payroll, Inc.', 'NORTHWIND payroll inc', '  Northwind-Payroll Inc ']) {
      const error = onlyError(await register(orgInput({ id: undefined, name })));
      expect(error.extensions).toMatchObject({
        code: 'DOMAIN_RULE_VIOLATION',
        rule: 'ORGANIZATION_NAME_TAKEN',
        organizationIds: [first.data.registerOrganization.organizationId],
      });
      expect(error.message).toContain('allowDuplicateName');
    }
    expect(await count('Northwind')).toBe(1);
  });

  it('registers a duplicate deliberately, and retries of the same command stay idempotent', async () => {
    await register(orgInput({ name: 'Southwind Payments' }));
    const commandId = uid('cmd');
    const input = orgInput({ id: undefined, name: 'southwind payments', commandId, allowDuplicateName: true });
    const made = await register(input);
    expect(made.errors).toBeUndefined();
    // The same command again (no allowDuplicateName needed to find its own registration).
    const retried = await register({ ...input, allowDuplicateName: undefined });
    expect(retried.errors).toBeUndefined();
    expect(retried.data.registerOrganization.organizationId).toBe(made.data.registerOrganization.organizationId);
    expect(await count('Southwind')).toBe(2);
  });

  it('frees the name when the organization is offboarded, and never looks into another tenant', async () => {
    const gone = await register(orgInput({ name: 'Westwind Backup' }));
    const id = gone.data.registerOrganization.organizationId;
    expect((await mutate(api, 'offboardOrganization', { organizationId: id, reason: 'Contract ended' }, 'revision')).errors).toBeUndefined();
    expect((await register(orgInput({ name: 'Westwind Backup' }))).errors).toBeUndefined();
    const other = await register(orgInput({ name: 'Westwind Backup' }), api.token('ADMIN', 'other-tenant'));
    expect(other.errors).toBeUndefined();
  });
});
