import { readdirSync } from 'node:fs';
import { ApiServer } from './support/api-server';
import { runCli } from './support/audit-helpers';
import { exceptionInput, inBatches, orgInput, reportInput } from './support/e2e-fixtures';

/**
 * `npm run rebuild-projections` against the running API: every read model rebuilt from position
 * zero into a new file while queries keep answering from the old one, then swapped in.
 */
jest.setTimeout(120_000);

let api: ApiServer;
const PORTFOLIO = `{
  organizations(first: 100) { totalCount edges { node { id name revision assurance { status flags statusSince reasons { code message } } } } }
  portfolioSummary(expiringWithinDays: 400) { total byStatus { status count } }
  exceptions(first: 100) { totalCount edges { node { exceptionId organizationId severity open } } }
}`;

async function record(mutation: string, input: Record<string, unknown>) {
  const type = mutation.charAt(0).toUpperCase() + mutation.slice(1) + 'Input';
  await api.ok(`mutation($input: ${type}!) { ${mutation}(input: $input) { revision } }`, { input });
}

beforeAll(async () => {
  api = await ApiServer.start({ clockStart: '2026-03-02T09:00:00Z' });
  await inBatches([...Array(40).keys()], 8, async (i) => {
    const id = `org-rebuild-${i}`;
    await record('registerOrganization', orgInput({ id, name: `Rebuild ${String(i).padStart(2, '0')}` }));
    const report = reportInput(id);
    await record('recordReportReceived', report);
    if (i % 2 === 0) await record('concludeReportReview', { organizationId: id, reportId: report.reportId, decision: 'ACCEPTED', reviewer: 'Dana' });
    if (i % 3 === 0) await record('recordException', exceptionInput(id));
  });
});

afterAll(async () => {
  await api?.stop();
  api?.removeData();
});

describe('rebuild-projections', () => {
  it('rebuilds from position zero while queries keep answering, with identical results', async () => {
    const before = await api.ok(PORTFOLIO);
    expect(before.organizations.totalCount).toBe(40);
    const rebuilding = runCli('rebuild-projections.js', [], { API_URL: api.url, API_TOKEN: api.operatorToken() });
    let finished = false;
    void rebuilding.then(() => (finished = true));
    let answered = 0;
    while (!finished) {
      const during = await api.gql(PORTFOLIO);
      expect(during.errors).toBeUndefined();
      expect(during.data).toEqual(before);
      answered++;
    }
    const cli = await rebuilding;
    expect(cli.code).toBe(0);
    expect(cli.stderr).toMatch(/100% \d+\/\d+ events/);
    expect(cli.stdout).toMatch(/Rebuilt every read model from \d+ events .* events\/s/);
    expect(answered).toBeGreaterThan(0);
    expect(await api.ok(PORTFOLIO)).toEqual(before);
    const asOperator = { authorization: `Bearer ${api.operatorToken()}` };
    const status = (await api.gql('{ readModelRebuild { state processed total eventsPerSecond startedAt finishedAt error } }', {}, asOperator)).data.readModelRebuild;
    expect(status).toMatchObject({ state: 'COMPLETED', error: null, startedAt: expect.any(String), finishedAt: expect.any(String) });
    expect(status.processed).toBe(status.total);
    expect(status.processed).toBeGreaterThanOrEqual(40 * 2);
    expect(readdirSync(api.dataDir).filter((f) => /^read-models\.\d+/.test(f))).toEqual([]);
  });

  it('keeps the live read model running after the swap, and accepts new facts', async () => {
    const mark = api.output.length;
    const started = (await api.gql('mutation { rebuildReadModels { state } }', {}, { authorization: `Bearer ${api.operatorToken()}` })).data.rebuildReadModels;
    expect(['RUNNING', 'SWAPPING', 'COMPLETED']).toContain(started.state);
    // Written while the rebuild may be running: read-your-writes still holds.
    const r = await api.ok(`mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { organization { id name } } }`, {
      input: orgInput({ id: 'org-after-rebuild', name: 'Late Arrival' }),
    });
    expect(r.registerOrganization.organization).toEqual({ id: 'org-after-rebuild', name: 'Late Arrival' });
    // The server logs the swap when it is done: wait for that, then the state must say so.
    await api.waitForOutput(/Read models rebuilt from \d+ events/, mark);
    const status = (await api.ok('{ readModelRebuild { state processed total error } }')).readModelRebuild;
    expect(status).toMatchObject({ state: 'COMPLETED', error: null });
    expect(status.processed).toBe(status.total);
    const after = await api.ok(`{ organizations(first: 100, filter: { search: "Late Arrival" }) { totalCount } }`);
    expect(after.organizations.totalCount).toBe(1);
  });

  it('is for operators only: an AUDITOR and a tenant ADMIN are refused', async () => {
    expect((await api.gql('mutation { rebuildReadModels { state } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const r = await api.gql('mutation { rebuildReadModels { state } }', {}, { authorization: `Bearer ${api.token('AUDITOR')}` });
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
