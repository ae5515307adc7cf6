import { ApiServer } from './support/api-server';
import { assurance, codes, command } from './support/oversight-api';

/**
 * The whole life of a data center, as a risk analyst records it over real HTTP, with the status
 * asserted after every step. Time moves by restarting the server on the same data with a later
 * clock: what time alone does (expiry, fiscal year end) must show without any new event.
 */
describe('the life of data center Eastbay Colocation', () => {
  let api: ApiServer;
  const id = 'eastbay-colocation';
  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  it('moves from NO_ASSURANCE to ASSURED with reasons at every step, then lapses', async () => {
    api = await ApiServer.start({ clockStart: '2026-03-02T09:00:00Z' });

    let r = await command(api, 'registerOrganization', {
      id, name: 'Eastbay Colocation', role: 'SUBSERVICE', category: 'DATA_CENTER_COLOCATION', criticality: 'CRITICAL',
      services: ['colocation'], owner: 'infra-risk@example.com',
    });
    expect(r.revision).toBe('0');
    expect(r.organization.assurance.status).toBe('NO_ASSURANCE');
    expect(codes(r.organization.assurance)).toContain('NO_ACCEPTED_REPORT');

    r = await command(api, 'setAssurancePolicy', {
      organizationId: id, requiredFramework: 'SOC2', requiredReportType: 'TYPE_2', requiredCriteria: ['SECURITY', 'AVAILABILITY'],
    });
    await command(api, 'registerSite', { organizationId: id, siteId: 'oak-1', name: 'Oakland DC1', country: 'US', city: 'Oakland' });

    r = await command(api, 'recordReportReceived', {
      organizationId: id, reportId: 'soc2-2025', framework: 'SOC2', reportType: 'TYPE_2',
      periodStart: '2025-01-01', periodEnd: '2025-12-31', opinionDate: '2026-02-10', serviceAuditor: 'Baker & Lane LLP',
      opinion: 'UNMODIFIED', criteria: ['SECURITY', 'AVAILABILITY'], sitesCovered: ['oak-1'], managementAssertionIncluded: true,
      servicesCovered: ['colocation'],
      controlsTested: ['CC6.4', 'A1.2'], cuecs: [{ ref: 'CUEC-1', description: 'Customers review their badge access lists quarterly' }],
    });
    let a = r.organization.assurance;
    expect(a.status).toBe('NO_ASSURANCE');
    expect(a.flags).toEqual(['PENDING_REVIEW']);
    const receivedEventId = r.eventIds[0];

    r = await command(api, 'concludeReportReview', { organizationId: id, reportId: 'soc2-2025', decision: 'ACCEPTED', reviewer: 'Dana Ruiz' });
    a = r.organization.assurance;
    expect(a.status).toBe('COVERAGE_GAP');
    const unmapped = a.reasons.find((x: any) => x.code === 'CUEC_NOT_MAPPED');
    expect(unmapped.eventIds).toContain(receivedEventId);
    expect(a.coverageEnd).toBe('2025-12-31');
    expect(a.expiresAt).toBe('2026-12-31');

    r = await command(api, 'mapCuec', { organizationId: id, reportId: 'soc2-2025', cuecRef: 'CUEC-1', internalControlRef: 'IAM-07', state: 'IMPLEMENTED' });
    a = r.organization.assurance;
    expect(a.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(codes(a)).toEqual(expect.arrayContaining(['CUEC_NOT_TESTED', 'PHYSICAL_VALIDATION_INCOMPLETE']));
    // v2: a CUEC we operate is tested (ISA 402.17(b)).
    r = await command(api, 'recordCuecTest', { organizationId: id, reportId: 'soc2-2025', cuecRef: 'CUEC-1', testedOn: '2026-02-15', result: 'EFFECTIVE' });
    expect(codes(r.organization.assurance)).not.toContain('CUEC_NOT_TESTED');

    r = await command(api, 'recordPhysicalEnvironmentalValidation', {
      organizationId: id, siteId: 'oak-1',
      areas: ['PHYSICAL_ACCESS', 'VISITOR_MANAGEMENT', 'CCTV', 'FIRE_DETECTION_SUPPRESSION', 'POWER_UPS_GENERATOR', 'COOLING', 'ENVIRONMENTAL_MONITORING'],
      method: 'SITE_VISIT', result: 'EFFECTIVE', validatedOn: '2026-02-20',
    });
    expect(r.organization.assurance.status).toBe('ASSURED');
    expect(codes(r.organization.assurance)).toContain('CURRENT_REPORT_ACCEPTED');

    r = await command(api, 'recordException', {
      organizationId: id, exceptionId: 'exc-1', source: 'REPORT', reportId: 'soc2-2025', controlRef: 'CC6.4', criteriaRef: 'CC6.4',
      kind: 'OPERATING', severity: 'HIGH', description: 'Two badge deactivations exceeded the 24-hour SLA',
      managementResponse: 'Automated deprovisioning deployed',
    });
    a = r.organization.assurance;
    expect(a.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(a.reasons.find((x: any) => x.code === 'EXCEPTION_OPEN').eventIds).toEqual(r.eventIds);

    r = await command(api, 'planRemediation', { organizationId: id, exceptionId: 'exc-1', owner: 'Vendor manager', plan: 'Verify new process', dueDate: '2026-04-30' });
    expect(r.organization.assurance.status).toBe('ASSURED_WITH_EXCEPTIONS');

    r = await command(api, 'closeRemediation', { organizationId: id, exceptionId: 'exc-1', resolution: 'Verified on sample of 25', verifiedBy: 'Dana Ruiz' });
    expect(r.organization.assurance.status).toBe('ASSURED');
    expect(r.revision).toBe('10');
    // v2: the impact of a report exception on our reliance is evaluated (EXCEPTION_NOT_EVALUATED otherwise).
    r = await command(api, 'evaluateException', { organizationId: id, exceptionId: 'exc-1', impact: 'NONE', rationale: 'Our quarterly badge review (IAM-07) covers it' });
    expect(r.organization.assurance.status).toBe('ASSURED');

    // Mid-November: within 60 days of expiry.
    await restartAt('2026-11-15T09:00:00Z');
    a = await assurance(api, id);
    expect(a.status).toBe('ASSURED');
    expect(a.flags).toContain('EXPIRING');

    // After the fiscal year end and after expiry, with no new event.
    await restartAt('2027-01-10T09:00:00Z');
    a = await assurance(api, id);
    expect(a.status).toBe('EXPIRED');
    expect(a.reasons[0]).toMatchObject({ code: 'REPORT_EXPIRED', since: '2027-01-01' });

    // A nine-month report leaves the fiscal year end 2026-12-31 uncovered…
    await command(api, 'recordReportReceived', {
      organizationId: id, reportId: 'soc2-2026', framework: 'SOC2', reportType: 'TYPE_2',
      periodStart: '2026-01-01', periodEnd: '2026-09-30', serviceAuditor: 'Baker & Lane LLP', opinion: 'UNMODIFIED',
      opinionDate: '2026-10-20', managementAssertionIncluded: true, sitesCovered: ['oak-1'], servicesCovered: ['colocation'],
      criteria: ['SECURITY', 'AVAILABILITY'], controlsTested: ['CC6.4', 'A1.2'],
    });
    r = await command(api, 'concludeReportReview', { organizationId: id, reportId: 'soc2-2026', decision: 'ACCEPTED', reviewer: 'Dana Ruiz' });
    a = r.organization.assurance;
    expect(a.status).toBe('COVERAGE_GAP');
    expect(a.reasons[0].code).toBe('FISCAL_YEAR_END_NOT_COVERED');
    expect(a.reasons[0].message).toMatch(/92 days/);

    // …until a bridge letter reaches it: assured, but flagged as resting on a management assertion.
    r = await command(api, 'recordBridgeLetter', { organizationId: id, letterId: 'bridge-2026', reportId: 'soc2-2026', coversFrom: '2026-10-01', coversTo: '2026-12-31', signedBy: 'CFO', issuedOn: '2026-10-25', noOtherChangesStated: true });
    a = r.organization.assurance;
    expect(a.status).toBe('ASSURED');
    expect(a.flags).toContain('BRIDGED');
    expect(a.reach).toBe('2026-12-31');

    // A year on, the new report has lapsed too.
    await restartAt('2027-10-05T09:00:00Z');
    a = await assurance(api, id);
    expect(a.status).toBe('EXPIRED');

    const history = await api.ok(`query { oversightHistory(organizationId: "${id}", first: 100) { totalCount edges { node { type revision } } } }`);
    expect(history.oversightHistory.totalCount).toBe(15);
    expect(history.oversightHistory.edges[0].node).toEqual({ type: 'BridgeLetterReceived', revision: '14' });
  }, 60_000);

  async function restartAt(clockStart: string): Promise<void> {
    await api.stop();
    api = await ApiServer.start({ dataDir: api.dataDir, clockStart });
  }
});
