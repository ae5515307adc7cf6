import { ApiServer } from './support/api-server';
import { runSeed } from './support/browser';
import { command, type Assurance } from './support/oversight-api';

/**
 * Reliance rules version 2 over the real server (DESIGN §3 v2): one organization per new reason
 * or flag, recorded through the GraphQL mutations, read back with its status and reason; and the
 * seed still shows all seven statuses. The server's clock starts on 2026-05-04, so the reliance
 * date F is 2025-12-31 and the coming fiscal year end 2026-12-31.
 */
jest.setTimeout(180_000);

let api: ApiServer;
beforeAll(async () => {
  api = await ApiServer.start({ clockStart: '2026-05-04T09:00:00Z' });
});
afterAll(async () => {
  await api?.stop();
  api?.removeData();
});

type Setup = (run: (mutation: string, input: Record<string, unknown>) => Promise<any>) => Promise<void>;
let n = 0;

/** Registers a SaaS vendor relied on since 2024, with a complete calendar-2025 SOC 2 Type 2 unless `report` overrides it. */
async function scenario(extra: { category?: string; report?: Record<string, unknown>; policy?: Record<string, unknown>; reviewAt?: string }, setup: Setup = async () => {}): Promise<Assurance> {
  const organizationId = `rel-${++n}`;
  let last: any;
  const run = async (mutation: string, input: Record<string, unknown>) => (last = await command(api, mutation, { organizationId, ...input }));
  await command(api, 'registerOrganization', {
    id: organizationId, name: `Reliance case ${n}`, role: 'VENDOR', category: extra.category ?? 'SAAS', criticality: 'HIGH',
    services: ['hosting'], effectiveAt: '2024-01-01T00:00:00Z',
  });
  if (extra.policy) await run('setAssurancePolicy', { ...extra.policy, effectiveAt: '2024-01-02T00:00:00Z' });
  await run('recordReportReceived', {
    reportId: 'r1', framework: 'SOC2', reportType: 'TYPE_2', periodStart: '2025-01-01', periodEnd: '2025-12-31', opinionDate: '2026-01-20',
    managementAssertionIncluded: true, serviceAuditor: 'Baker & Lane LLP', opinion: 'UNMODIFIED', criteria: ['SECURITY'],
    servicesCovered: ['hosting'], effectiveAt: '2026-01-25T10:00:00Z', ...extra.report,
  });
  await run('concludeReportReview', { reportId: 'r1', decision: 'ACCEPTED', reviewer: 'Dana Ruiz', effectiveAt: extra.reviewAt ?? '2026-01-26T10:00:00Z' });
  await setup(run);
  return last.organization.assurance;
}

const exception = (severity: string, source = 'REPORT') => ({
  exceptionId: 'x1', source, reportId: source === 'REPORT' ? 'r1' : null, controlRef: 'CC6.1', kind: 'OPERATING', severity,
  description: 'Leavers kept access', sampleSize: 25, deviations: 2, effectiveAt: '2026-03-01T10:00:00Z',
});
const type1 = { reportType: 'TYPE_1', periodStart: null, periodEnd: null, asOfDate: '2025-12-31' };

const CASES: Array<[string, string, Parameters<typeof scenario>[0], Setup?]> = [
  ['FISCAL_YEAR_OVERLAP_INSUFFICIENT', 'COVERAGE_GAP', { policy: { minPeriodMonths: 0 }, report: { periodStart: '2025-07-04' } }],
  ['DESIGN_ONLY_REPORT', 'COVERAGE_GAP', { report: type1 }],
  ['TYPE_1_ACCEPTED_TEMPORARILY', 'ASSURED_WITH_EXCEPTIONS', { policy: { acceptType1Until: '2026-06-30' }, report: type1 }],
  ['GENERAL_USE_REPORT_ONLY', 'COVERAGE_GAP', { report: { framework: 'SOC3' } }],
  ['REQUIREMENT_UNMET', 'COVERAGE_GAP', { policy: { icfrRelevant: true } }],
  ['QUALIFIED_ON_RELIED_AREA', 'COVERAGE_GAP', {
    policy: { requirements: [{ family: 'TSC', reportType: 'TYPE_2', criteria: ['SECURITY'] }] },
    report: { opinion: 'QUALIFIED', qualifiedAreas: ['CC6.1'], qualificationBasis: 'Access reviews were not performed' },
  }],
  ['CUEC_DEFICIENT', 'COVERAGE_GAP', { report: { cuecs: [{ ref: 'C1', description: 'Review access lists' }] } }, async (run) => {
    await run('mapCuec', { reportId: 'r1', cuecRef: 'C1', internalControlRef: 'IAM-7', state: 'IMPLEMENTED' });
    await run('recordCuecTest', { reportId: 'r1', cuecRef: 'C1', testedOn: '2026-02-01', result: 'DEFICIENT' });
  }],
  ['CUEC_NOT_TESTED', 'ASSURED_WITH_EXCEPTIONS', { report: { cuecs: [{ ref: 'C1', description: 'Review access lists' }] } }, async (run) => {
    await run('mapCuec', { reportId: 'r1', cuecRef: 'C1', internalControlRef: 'IAM-7', state: 'IMPLEMENTED' });
  }],
  ['SERVICE_NOT_IN_SCOPE', 'COVERAGE_GAP', { report: { servicesCovered: ['HR portal'] } }],
  ['SITE_NOT_IN_SCOPE', 'COVERAGE_GAP', {}, async (run) => {
    await run('registerSite', { siteId: 'fra-1', name: 'FRA-1', country: 'DE', city: 'Frankfurt' });
  }],
  ['CARVED_OUT_SUBSERVICE_UNTRACKED', 'COVERAGE_GAP', {
    report: { subserviceOrganizations: [{ name: 'Nobody Tracks This DC', method: 'CARVE_OUT', csocs: [{ ref: 'CSOC-1', text: 'Badge access is reviewed' }] }] },
  }],
  ['RELIANCE_REDUCED', 'COVERAGE_GAP', {}, async (run) => {
    await run('recordException', exception('HIGH'));
    await run('evaluateException', { exceptionId: 'x1', impact: 'RELIANCE_REDUCED', rationale: 'We rely on CC6.1 for SOX access' });
  }],
  ['EXCEPTION_NOT_EVALUATED', 'ASSURED_WITH_EXCEPTIONS', {}, async (run) => {
    await run('recordException', exception('LOW'));
    await run('closeRemediation', { exceptionId: 'x1', resolution: 'Fixed' });
  }],
  ['CRITICAL_EXCEPTION_UNPLANNED', 'NOT_ASSURED', {}, async (run) => {
    await run('recordException', exception('CRITICAL', 'INCIDENT'));
  }],
  ['BRIDGE_DISCLOSES_CHANGES', 'ASSURED_WITH_EXCEPTIONS', { report: { periodStart: '2024-10-01', periodEnd: '2025-09-30', opinionDate: '2025-11-10' } }, async (run) => {
    await run('recordBridgeLetter', {
      letterId: 'b1', reportId: 'r1', coversFrom: '2025-10-01', coversTo: '2025-12-31', materialChanges: 'New data center; access review suspended',
      signedBy: 'CFO', issuedOn: '2026-01-10', noOtherChangesStated: true,
    });
  }],
  ['PHYSICAL_VALIDATION_INCOMPLETE', 'ASSURED_WITH_EXCEPTIONS', { category: 'DATA_CENTER_COLOCATION' }, async (run) => {
    await run('recordPhysicalEnvironmentalValidation', { areas: ['PHYSICAL_ACCESS', 'COOLING'], method: 'SITE_VISIT', result: 'EFFECTIVE', validatedOn: '2026-02-01' });
  }],
  ['OPERATIONAL_VALIDATION_MISSING', 'ASSURED_WITH_EXCEPTIONS', { category: 'CLOUD_HOSTING' }],
];

describe('reliance rules v2 through the API', () => {
  // Rows of three, so that jest does not take a missing setup for a `done` callback.
  it.each(CASES.map(([code, status, extra, setup]) => [code, status, { extra, setup }] as const))('%s makes it %s', async (code, status, { extra, setup }) => {
    const a = await scenario(extra, setup);
    expect({ status: a.status, codes: a.reasons.filter((r) => r.status === status).map((r) => r.code) }).toEqual({ status, codes: [code] });
    const reason = a.reasons.find((r) => r.code === code)!;
    expect(reason.message).not.toMatch(/rel-\d+|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(reason.eventIds.length).toBeGreaterThan(0);
  });

  it('LATE_ISSUED and FISCAL_YEAR_END_AT_RISK are flags beside ASSURED', async () => {
    // Baker & Lane LLP is not vetted yet in this tenant (the vetServiceAuditor case below does it).
    const late = await scenario({ report: { opinionDate: '2026-04-03', effectiveAt: '2026-04-05T10:00:00Z' }, reviewAt: '2026-04-06T10:00:00Z' });
    expect([late.status, late.flags]).toEqual(['ASSURED', ['LATE_ISSUED', 'AUDITOR_NOT_VETTED']]);
    const atRisk = await scenario({}, (run) => run('recordNextReportExpected', { periodEnd: '2026-09-29', deliveryBy: '2026-11-30' }));
    expect([atRisk.status, atRisk.flags]).toEqual(['ASSURED', ['AUDITOR_NOT_VETTED', 'FISCAL_YEAR_END_AT_RISK']]);
  });

  it('refuses what v2 refuses, with the rule named', async () => {
    const refused = async (mutation: string, input: Record<string, unknown>) =>
      (await api.gql(`mutation($input: ${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { revision } }`, { input })).errors?.[0]?.extensions;
    await scenario({ report: type1 });
    const id = `rel-${n}`;
    expect(await refused('recordBridgeLetter', { organizationId: id, reportId: 'r1', coversFrom: '2026-01-01', coversTo: '2026-03-31' }))
      .toMatchObject({ code: 'DOMAIN_RULE_VIOLATION', rule: 'BRIDGE_REQUIRES_TYPE_2' });
    expect(await refused('recordReportReceived', { organizationId: id, framework: 'SOC2', reportType: 'TYPE_1', asOfDate: '2026-03-31', serviceAuditor: 'X', opinion: 'UNMODIFIED', criteria: ['AVAILABILITY'] }))
      .toMatchObject({ code: 'DOMAIN_RULE_VIOLATION', rule: 'SOC2_REQUIRES_SECURITY' });
    await command(api, 'recordReportReceived', { organizationId: id, reportId: 'r2', framework: 'SOC2', reportType: 'TYPE_1', asOfDate: '2026-03-31', serviceAuditor: 'X', opinion: 'QUALIFIED', criteria: ['SECURITY'] });
    expect(await refused('concludeReportReview', { organizationId: id, reportId: 'r2', decision: 'ACCEPTED', reviewer: 'D' }))
      .toMatchObject({ code: 'DOMAIN_RULE_VIOLATION', rule: 'REPORT_INCOMPLETE_FOR_ACCEPTANCE' });
  });

  it('the policy shows its requirements as set and in force', async () => {
    await scenario({ policy: { requiredFramework: 'SOC2', dataClasses: ['PERSONAL'] } });
    const { organization } = await api.ok(`query($id: ID!) { organization(id: $id) { policy { requirements { family } icfrRelevant dataClasses
      effectiveRequirements { family reportType criteria } criticalPlanningGraceDays requiredPhysicalAreas } } }`, { id: `rel-${n}` });
    expect(organization.policy).toMatchObject({
      requirements: [], icfrRelevant: false, dataClasses: ['PERSONAL'], criticalPlanningGraceDays: 30,
      effectiveRequirements: [{ family: 'TSC', reportType: 'TYPE_2', criteria: ['SECURITY', 'PRIVACY'] }],
    });
    expect(organization.policy.requiredPhysicalAreas).toHaveLength(7);
  });
});

describe('vetServiceAuditor (tenant-wide)', () => {
  it('records a vetting once per commandId, lists it, and refuses a peer review dated in the future', async () => {
    const input = { firm: 'Baker & Lane LLP', licence: 'CA-12345', peerReviewRating: 'PASS', peerReviewDate: '2026-03-01', commandId: 'vet-1' };
    const mutation = 'mutation($input: VetServiceAuditorInput!) { vetServiceAuditor(input: $input) { revision eventIds replayed } }';
    const first = (await api.ok(mutation, { input })).vetServiceAuditor;
    expect(first).toMatchObject({ revision: '0', replayed: false });
    expect((await api.ok(mutation, { input })).vetServiceAuditor).toEqual({ ...first, replayed: true });
    expect((await api.ok('{ serviceAuditors { firm licence peerReviewRating peerReviewDate } }')).serviceAuditors).toEqual([
      { firm: 'Baker & Lane LLP', licence: 'CA-12345', peerReviewRating: 'PASS', peerReviewDate: '2026-03-01' },
    ]);
    const future = await api.gql(mutation, { input: { ...input, commandId: 'vet-2', peerReviewDate: '2026-06-01' } });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'DOMAIN_RULE_VIOLATION', rule: 'PEER_REVIEW_IN_FUTURE' });
  });
});

describe('npm run seed under v2', () => {
  it('records what a careful team would, and still shows all seven statuses', async () => {
    // A tenant of its own, so that the cases above do not count.
    const token = api.token('ADMIN', 'seed-demo');
    const output = runSeed(api.url, token);
    const r = await api.gql('{ portfolioSummary { byStatus { status count } } }', {}, { authorization: `Bearer ${token}` });
    const portfolioSummary = r.data.portfolioSummary;
    const seen = portfolioSummary.byStatus.filter((s: { count: number }) => s.count > 0).map((s: { status: string }) => s.status).sort();
    expect(seen).toEqual(['ASSURED', 'ASSURED_WITH_EXCEPTIONS', 'COVERAGE_GAP', 'EXPIRED', 'NOT_ASSURED', 'NO_ASSURANCE', 'OFFBOARDED']);
    expect(output).toMatch(/PayFlow Payroll\s+CRITICAL\s+ASSURED\b/);
  });
});
