import { ApiServer } from './support/api-server';
import { command } from './support/oversight-api';

/**
 * Bitemporal as-of queries over real HTTP: a report that happened in January but was entered in
 * March changes what `organization(asOf:)` answers for a `knownAt` after its entry, not before.
 * The server clock moves by restarting on the same data, so recordedAt moves with it.
 */
describe('organization(asOf, knownAt): what was true, and what we knew', () => {
  let api: ApiServer;
  const id = 'ledgerly-saas';
  let registeredId: string;
  let reportIds: string[];
  const ORG = `query($id: ID!, $asOf: DateTime, $knownAt: DateTime) {
    organization(id: $id, asOf: $asOf, knownAt: $knownAt) {
      id name revision asOf knownAt basedOnEventIds
      assurance { status flags statusSince assessedOn reasons { code } }
      reports { reportId } currentReport { reportId } exceptions { exceptionId open }
    } }`;
  const at = (vars: Record<string, unknown>) => api.ok(ORG, { id, ...vars }).then((d) => d.organization);

  beforeAll(async () => {
    // 1 February 2026: the vendor is registered (as of June 2025, moved over from a spreadsheet).
    api = await ApiServer.start({ clockStart: '2026-02-01T09:00:00Z' });
    const r = await command(api, 'registerOrganization', {
      id, name: 'Ledgerly', role: 'VENDOR', category: 'SAAS', criticality: 'HIGH', effectiveAt: '2025-06-02T09:00:00Z',
    });
    registeredId = r.eventIds[0];
    // The firm was vetted when the vendor moved over (AUDITOR_NOT_VETTED otherwise; not what this file is about).
    await api.ok('mutation($input: VetServiceAuditorInput!) { vetServiceAuditor(input: $input) { revision } }', {
      input: { firm: 'Baker & Lane LLP', licence: 'CPA-0421', peerReviewRating: 'PASS', peerReviewDate: '2025-05-01', effectiveAt: '2025-06-02T09:00:00Z' },
    });
    // 15 March 2026: the 2025 report, received and accepted in January, is entered late.
    await api.stop();
    api = await ApiServer.start({ dataDir: api.dataDir, clockStart: '2026-03-15T09:00:00Z' });
    const received = await command(api, 'recordReportReceived', {
      organizationId: id, reportId: 'soc2-2025', framework: 'SOC2', reportType: 'TYPE_2', periodStart: '2025-01-01',
      periodEnd: '2025-12-31', opinionDate: '2026-01-15', serviceAuditor: 'Baker & Lane LLP', opinion: 'UNMODIFIED',
      criteria: ['SECURITY'], effectiveAt: '2026-01-20T10:00:00Z', managementAssertionIncluded: true,
    });
    const review = await command(api, 'concludeReportReview', {
      organizationId: id, reportId: 'soc2-2025', decision: 'ACCEPTED', reviewer: 'Dana Ruiz', effectiveAt: '2026-01-25T10:00:00Z',
    });
    reportIds = [...received.eventIds, ...review.eventIds];
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  it('as known on 15 February, 31 January had no assurance: the report was not entered yet', async () => {
    const o = await at({ asOf: '2026-01-31T23:59:59Z', knownAt: '2026-02-15T00:00:00Z' });
    expect(o.assurance.status).toBe('NO_ASSURANCE');
    expect(o.basedOnEventIds).toEqual([registeredId]);
    expect(o).toMatchObject({ asOf: '2026-01-31T23:59:59.000Z', knownAt: '2026-02-15T00:00:00.000Z', revision: '0', reports: [] });
    expect(o.assurance.assessedOn).toBe('2026-01-31');
  });

  it('as known after the late entry, the same day was ASSURED, resting on the report and its review', async () => {
    const o = await at({ asOf: '2026-01-31T23:59:59Z', knownAt: '2026-03-16T00:00:00Z' });
    expect(o.assurance.status).toBe('ASSURED');
    expect(o.assurance.reasons.map((r: any) => r.code)).toEqual(['CURRENT_REPORT_ACCEPTED']);
    expect(o.basedOnEventIds).toEqual([registeredId, ...reportIds]);
    expect(o.currentReport).toEqual({ reportId: 'soc2-2025' });
    expect(o.revision).toBe('2');
    // knownAt defaults to now.
    expect((await at({ asOf: '2026-01-31T23:59:59Z' })).assurance.status).toBe('ASSURED');
  });

  it('business time still rules: before the report was received, it does not count', async () => {
    const o = await at({ asOf: '2026-01-19T00:00:00Z', knownAt: '2026-03-16T00:00:00Z' });
    expect(o.assurance.status).toBe('NO_ASSURANCE');
    expect(o.basedOnEventIds).toEqual([registeredId]);
  });

  it('knownAt alone asks what we showed then; no clock at all is the read model, as before', async () => {
    const then = await at({ knownAt: '2026-02-15T00:00:00Z' });
    expect(then).toMatchObject({ asOf: '2026-02-15T00:00:00.000Z', assurance: { status: 'NO_ASSURANCE' } });
    const today = await at({});
    expect(today).toMatchObject({ asOf: null, knownAt: null, basedOnEventIds: null, revision: '2', assurance: { status: 'ASSURED' } });
  });

  it('before its registration (as then known) the organization did not exist; unknown ids answer null', async () => {
    expect(await at({ asOf: '2025-05-01T00:00:00Z' })).toBeNull();
    expect((await api.ok(ORG, { id: 'no-such-org', asOf: '2026-01-31T00:00:00Z' })).organization).toBeNull();
  });

  it('organizations(asOf, knownAt) filters and pages the portfolio as it stood', async () => {
    const LIST = `query($asOf: DateTime, $knownAt: DateTime) {
      organizations(filter: { notAssured: true }, first: 10, asOf: $asOf, knownAt: $knownAt) {
        totalCount edges { cursor node { id assurance { status } basedOnEventIds } } } }`;
    const before = await api.ok(LIST, { asOf: '2026-01-31T23:59:59Z', knownAt: '2026-02-15T00:00:00Z' });
    expect(before.organizations.totalCount).toBe(1);
    // An as-of answer's id names its moment (a client cache keeps it apart from today's answer).
    const asOfId = `${id}@2026-01-31T23:59:59.000Z/2026-02-15T00:00:00.000Z`;
    expect(before.organizations.edges[0].node).toEqual({ id: asOfId, assurance: { status: 'NO_ASSURANCE' }, basedOnEventIds: [registeredId] });
    const after = await api.ok(LIST, { asOf: '2026-01-31T23:59:59Z', knownAt: '2026-03-16T00:00:00Z' });
    expect(after.organizations.totalCount).toBe(0);
  });

  it('is audit material: a VIEWER may read today, not the past', async () => {
    const viewer = { authorization: `Bearer ${api.token('VIEWER')}` };
    const past = await api.gql(`{ organization(id: "${id}", asOf: "2026-01-31T00:00:00Z") { id } }`, {}, viewer);
    expect(past.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const today = await api.gql(`{ organization(id: "${id}") { id assurance { status } } }`, {}, viewer);
    expect(today.errors).toBeUndefined();
  });

  it('another tenant does not see it, in the past either', async () => {
    const other = { authorization: `Bearer ${api.token('AUDITOR', 'other-tenant')}` };
    const r = await api.gql(`{ organization(id: "${id}", asOf: "2026-01-31T00:00:00Z") { id } }`, {}, other);
    expect(r.errors).toBeUndefined();
    expect(r.data.organization).toBeNull();
  });
});
