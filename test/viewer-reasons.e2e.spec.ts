import { ApiServer } from './support/api-server';
import { exceptionInput, mutate, registerOrg, reportInput, startApi } from './support/e2e-fixtures';

/**
 * A VIEWER is refused `reports` and `exceptions`; the reasons of an assessment must not hand it
 * the same details (issue 12, item 9): ids, opinions and dates of reports and exceptions.
 */
const REASONS = 'query($id: ID!) { organization(id: $id) { assurance { currentReportId reasons { code message eventIds since } } } }';

describe('assurance reasons as a VIEWER sees them', () => {
  let api: ApiServer;
  let org: string;
  let reportId: string;
  let exceptionId: string;

  beforeAll(async () => {
    api = await startApi();
    org = await registerOrg(api);
    const report = reportInput(org, { opinion: 'QUALIFIED', qualifiedAreas: ['AVAILABILITY'], qualificationBasis: 'Backups were not tested in Q3' });
    reportId = report.reportId as string;
    const received = await mutate(api, 'recordReportReceived', report, 'revision');
    if (received.errors) throw new Error(JSON.stringify(received.errors));
    const concluded = await mutate(api, 'concludeReportReview', { organizationId: org, reportId, decision: 'ACCEPTED_WITH_CONDITIONS', reviewer: 'Dana Ruiz', conditions: 'Retest CC6.1 by June' }, 'revision');
    if (concluded.errors) throw new Error(JSON.stringify(concluded.errors));
    const exception = exceptionInput(org, { severity: 'CRITICAL' });
    exceptionId = exception.exceptionId as string;
    const recorded = await mutate(api, 'recordException', exception, 'revision');
    if (recorded.errors) throw new Error(JSON.stringify(recorded.errors));
    const planned = await mutate(api, 'planRemediation', { organizationId: org, exceptionId, owner: 'Sam Lee', plan: 'Patch', dueDate: '2026-03-01' }, 'revision');
    if (planned.errors) throw new Error(JSON.stringify(planned.errors));
  }, 30_000);
  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  const reasonsAs = async (role: string) => {
    const r = await api.gql(REASONS, { id: org }, { authorization: `Bearer ${api.token(role)}` });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data.organization.assurance;
  };

  it('an ANALYST sees the details (the baseline: they are there to hide)', async () => {
    const { reasons } = await reasonsAs('ANALYST');
    const text = JSON.stringify(reasons);
    // Reason messages name the report and the exception in words (issue 11), not by their ids.
    expect(text).toContain('Baker & Lane LLP');
    expect(text).toContain('Retest CC6.1 by June');
    expect(text).toContain('2026-03-01');
    expect(reasons.some((r: { eventIds: string[] }) => r.eventIds.length > 0)).toBe(true);
  });

  it('a VIEWER gets the same codes with generic messages: no ids, opinions, conditions or dates; no event ids', async () => {
    const analyst = await reasonsAs('ANALYST');
    const viewer = await reasonsAs('VIEWER');
    expect(viewer.reasons.map((r: { code: string }) => r.code)).toEqual(analyst.reasons.map((r: { code: string }) => r.code));
    for (const reason of viewer.reasons) {
      expect(reason.eventIds).toEqual([]);
      expect(reason.since).toBeNull();
      expect(reason.message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(reason.message).not.toMatch(/rep-|exc-|evt-|Retest|Dana|Sam Lee|Baker|CC6\.1|QUALIFIED|qualified/);
      expect(reason.message.length).toBeGreaterThan(10);
    }
    expect(viewer.currentReportId).toBeNull();
  });
});
