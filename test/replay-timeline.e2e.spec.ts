import { ApiServer } from './support/api-server';
import { command } from './support/oversight-api';

/** v2: a colocation data center's site visit covers every required area. */
const PHYSICAL_AREAS = ['PHYSICAL_ACCESS', 'VISITOR_MANAGEMENT', 'CCTV', 'FIRE_DETECTION_SUPPRESSION', 'POWER_UPS_GENERATOR', 'COOLING', 'ENVIRONMENTAL_MONITORING'];

/**
 * A data center's oversight over two report cycles and a bridge letter, entered from the audit
 * file with the business dates it happened on, then replayed: the timeline shows every event and
 * every day time alone changed the verdict; the coverage timeline names and measures the gap.
 */
describe('oversightTimeline and coverageTimeline of data center Harbor DC', () => {
  let api: ApiServer;
  const id = 'harbor-dc';
  const at = (day: string) => `${day}T10:00:00Z`;
  const report = (reportId: string, periodStart: string, periodEnd: string, on: string) =>
    command(api, 'recordReportReceived', {
      organizationId: id, reportId, framework: 'SOC2', reportType: 'TYPE_2', periodStart, periodEnd,
      serviceAuditor: 'Baker & Lane LLP', opinion: 'UNMODIFIED', criteria: ['SECURITY', 'AVAILABILITY'], effectiveAt: at(on),
      opinionDate: periodEnd, managementAssertionIncluded: true, sitesCovered: ['hbr-1'],
    });
  const accept = (reportId: string, on: string) =>
    command(api, 'concludeReportReview', { organizationId: id, reportId, decision: 'ACCEPTED', reviewer: 'Dana Ruiz', effectiveAt: at(on) });
  const visit = (validatedOn: string) =>
    command(api, 'recordPhysicalEnvironmentalValidation', {
      organizationId: id, siteId: 'hbr-1', areas: PHYSICAL_AREAS, method: 'SITE_VISIT', result: 'EFFECTIVE',
      validatedOn, effectiveAt: at(validatedOn),
    });

  beforeAll(async () => {
    api = await ApiServer.start({ clockStart: '2026-03-20T09:00:00Z' });
    await command(api, 'registerOrganization', {
      id, name: 'Harbor DC', role: 'SUBSERVICE', category: 'DATA_CENTER_COLOCATION', criticality: 'CRITICAL', effectiveAt: at('2024-01-15'),
    });
    await command(api, 'registerSite', { organizationId: id, siteId: 'hbr-1', name: 'Harbor 1', country: 'US', effectiveAt: at('2024-01-15') });
    await report('soc2-2023', '2023-01-01', '2023-12-31', '2024-02-01');
    await accept('soc2-2023', '2024-02-10');
    await visit('2024-02-20');
    // A nine-month period, bridged to the fiscal year end a few days after it has passed.
    await report('soc2-2024', '2024-01-01', '2024-09-30', '2024-11-01');
    await accept('soc2-2024', '2024-11-10');
    await command(api, 'recordBridgeLetter', {
      organizationId: id, letterId: 'bridge-2024', reportId: 'soc2-2024', coversFrom: '2024-10-01', coversTo: '2024-12-31', effectiveAt: at('2025-01-10'),
      signedBy: 'CFO', issuedOn: '2025-01-08', noOtherChangesStated: true,
    });
    await visit('2025-02-20');
    // The next report only starts in April: the first quarter of 2025 is covered by nothing.
    await report('soc2-2025', '2025-04-01', '2025-12-31', '2026-02-01');
    await accept('soc2-2025', '2026-02-10');
    await visit('2026-02-20');
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  it('replays every event in business order, and every transition time alone caused', async () => {
    const data = await api.ok(`{ oversightTimeline(organizationId: "${id}") {
      organizationId knownAt to
      entries { kind at day eventId type revision recordedAt status flags statusChanged previousStatus reasons { code since } } } }`);
    const t = data.oversightTimeline;
    expect(t.organizationId).toBe(id);
    const events = t.entries.filter((e: any) => e.kind === 'EVENT');
    expect(events.map((e: any) => e.type)).toEqual([
      'OrganizationRegistered', 'SiteRegistered', 'AssuranceReportReceived', 'ReportReviewConcluded',
      'PhysicalEnvironmentalControlsValidated', 'AssuranceReportReceived', 'ReportReviewConcluded', 'BridgeLetterReceived',
      'PhysicalEnvironmentalControlsValidated', 'AssuranceReportReceived', 'ReportReviewConcluded', 'PhysicalEnvironmentalControlsValidated',
    ]);
    expect(events.every((e: any) => e.recordedAt.startsWith('2026-03-20'))).toBe(true);
    const transitions = t.entries.filter((e: any) => e.statusChanged).map((e: any) => [e.kind, e.day, e.previousStatus, e.status]);
    expect(transitions).toEqual([
      ['EVENT', '2024-01-15', null, 'NO_ASSURANCE'],
      // Accepted, but the data center has no physical validation yet.
      ['EVENT', '2024-02-10', 'NO_ASSURANCE', 'ASSURED_WITH_EXCEPTIONS'],
      ['EVENT', '2024-02-20', 'ASSURED_WITH_EXCEPTIONS', 'ASSURED'],
      // The fiscal year end arrived before the bridge letter did.
      ['TIME', '2024-12-31', 'ASSURED', 'COVERAGE_GAP'],
      ['EVENT', '2025-01-10', 'COVERAGE_GAP', 'ASSURED'],
      // soc2-2024 (to 2024-09-30) expired, and the next report came only in February.
      ['TIME', '2025-10-01', 'ASSURED', 'EXPIRED'],
      // The 2025 site visit still counts through 2026-02-20, and is renewed that day.
      ['EVENT', '2026-02-10', 'EXPIRED', 'ASSURED'],
    ]);
    const expired = t.entries.find((e: any) => e.kind === 'TIME' && e.status === 'EXPIRED');
    expect(expired).toMatchObject({ at: '2025-10-01T00:00:00.000Z', eventId: null, type: null, revision: null });
    expect(expired.reasons[0]).toEqual({ code: 'REPORT_EXPIRED', since: '2025-10-01' });
    const bridged = t.entries.find((e: any) => e.type === 'BridgeLetterReceived');
    expect(bridged).toMatchObject({ at: '2025-01-10T10:00:00.000Z', revision: '7', flags: ['BRIDGED'] });
  });

  it('a window and a knownAt narrow the replay', async () => {
    const data = await api.ok(`{ oversightTimeline(organizationId: "${id}", from: "2024-12-01T00:00:00Z", to: "2025-01-31T00:00:00Z") {
      entries { kind day status previousStatus } } }`);
    expect(data.oversightTimeline.entries).toEqual([
      { kind: 'TIME', day: '2024-12-31', status: 'COVERAGE_GAP', previousStatus: 'ASSURED' },
      { kind: 'EVENT', day: '2025-01-10', status: 'ASSURED', previousStatus: 'COVERAGE_GAP' },
    ]);
    const known = await api.ok(`{ oversightTimeline(organizationId: "${id}", knownAt: "2026-03-01T00:00:00Z") { entries { kind } } }`);
    expect(known.oversightTimeline.entries).toEqual([]);
  });

  it('lays the report periods and the bridge letter end to end, and measures the gap in days', async () => {
    const data = await api.ok(`{ coverageTimeline(organizationId: "${id}", from: "2023-01-01", to: "2025-12-31") {
      from to fiscalYearEnd
      reports { reportId state counts coverageStart coverageEnd days }
      bridgeLetters { letterId valid counts days limit }
      validations { validatedOn validUntil result }
      fiscalYearEnds { date coverage reportId letterId }
      segments { kind from to days reportId letterId }
      gaps { from to days code reason afterReportId beforeReportId }
      totals { days auditedDays bridgedDays coveredDays uncoveredDays coverageRatio } } }`);
    const c = data.coverageTimeline;
    expect(c.segments).toEqual([
      { kind: 'AUDITED', from: '2023-01-01', to: '2023-12-31', days: 365, reportId: 'soc2-2023', letterId: null },
      { kind: 'AUDITED', from: '2024-01-01', to: '2024-09-30', days: 274, reportId: 'soc2-2024', letterId: null },
      { kind: 'BRIDGED', from: '2024-10-01', to: '2024-12-31', days: 92, reportId: 'soc2-2024', letterId: 'bridge-2024' },
      { kind: 'GAP', from: '2025-01-01', to: '2025-03-31', days: 90, reportId: null, letterId: null },
      { kind: 'AUDITED', from: '2025-04-01', to: '2025-12-31', days: 275, reportId: 'soc2-2025', letterId: null },
    ]);
    expect(c.gaps).toHaveLength(1);
    expect(c.gaps[0]).toMatchObject({ from: '2025-01-01', to: '2025-03-31', days: 90, code: 'BETWEEN_REPORTS', afterReportId: 'soc2-2024', beforeReportId: 'soc2-2025' });
    expect(c.gaps[0].reason).toMatch(/^No accepted report or valid bridge letter covers 2025-01-01 to 2025-03-31 \(90 days\)/);
    expect(c.totals).toEqual({ days: 1096, auditedDays: 914, bridgedDays: 92, coveredDays: 1006, uncoveredDays: 90, coverageRatio: 1006 / 1096 });
    expect(c.bridgeLetters).toEqual([{ letterId: 'bridge-2024', valid: true, counts: true, days: 92, limit: '2024-12-31' }]);
    expect(c.reports.map((r: any) => [r.reportId, r.state, r.days])).toEqual([
      ['soc2-2023', 'ACCEPTED', 365], ['soc2-2024', 'ACCEPTED', 274], ['soc2-2025', 'ACCEPTED', 275],
    ]);
    expect(c.fiscalYearEnds).toEqual([
      { date: '2023-12-31', coverage: 'AUDITED', reportId: 'soc2-2023', letterId: null },
      { date: '2024-12-31', coverage: 'BRIDGED', reportId: 'soc2-2024', letterId: 'bridge-2024' },
      { date: '2025-12-31', coverage: 'AUDITED', reportId: 'soc2-2025', letterId: null },
    ]);
    expect(c.validations.map((v: any) => v.validatedOn)).toEqual(['2024-02-20', '2025-02-20']);
  });

  it('refuses a window that ends before it starts, and answers NOT_FOUND for an unknown organization', async () => {
    const bad = await api.gql(`{ coverageTimeline(organizationId: "${id}", from: "2025-02-01", to: "2025-01-01") { from } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const missing = await api.gql(`{ oversightTimeline(organizationId: "nope") { organizationId } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
