import { ApiServer } from './support/api-server';
import { assurance, codes, command } from './support/oversight-api';

/**
 * Chain impact over real HTTP: PayFlow (payroll) carves out the Eastbay data center, under its
 * registration and by name in its reports. When Eastbay's report lapses — by time alone — PayFlow
 * inherits the lapse (INHERITED) until Eastbay is assured again, and dependencyImpact gives the
 * exact days PayFlow was weakened.
 */
describe('dependencyImpact and INHERITED: a payroll vendor and its carved-out data center', () => {
  let api: ApiServer;
  const vendor = 'payflow-payroll';
  const dc = 'eastbay-colocation';
  const at = (day: string) => `${day}T10:00:00Z`;
  const report = (organizationId: string, reportId: string, period: [string, string], on: string, extra: Record<string, unknown> = {}) =>
    command(api, 'recordReportReceived', {
      organizationId, reportId, framework: 'SOC2', reportType: 'TYPE_2', periodStart: period[0], periodEnd: period[1],
      serviceAuditor: 'Baker & Lane LLP', opinion: 'UNMODIFIED', criteria: ['SECURITY'], effectiveAt: at(on),
      opinionDate: period[1], managementAssertionIncluded: true, ...extra,
    });
  const accept = (organizationId: string, reportId: string, on: string) =>
    command(api, 'concludeReportReview', { organizationId, reportId, decision: 'ACCEPTED', reviewer: 'Dana Ruiz', effectiveAt: at(on) });
  const visit = (validatedOn: string) =>
    command(api, 'recordPhysicalEnvironmentalValidation', {
      organizationId: dc, areas: ['PHYSICAL_ACCESS', 'VISITOR_MANAGEMENT', 'CCTV', 'FIRE_DETECTION_SUPPRESSION', 'POWER_UPS_GENERATOR', 'COOLING', 'ENVIRONMENTAL_MONITORING'],
      method: 'SITE_VISIT', result: 'EFFECTIVE', validatedOn, effectiveAt: at(validatedOn),
    });
  const carvedOut = [{ name: 'eastbay colocation', method: 'CARVE_OUT' }];
  const IMPACT = `query($asOf: DateTime) { dependencyImpact(organizationId: "${dc}", asOf: $asOf) {
    organizationId name status asOf
    vendors { vendorId vendorName vendorStatus inherited impactedDays
      links { kind reportId from to }
      intervals { from to days ongoing subserviceStatus causes inherited eventIds }
      vendor { assurance { status reasons { code message } } } } } }`;
  const impact = async (asOf?: string) => (await api.ok(IMPACT, asOf ? { asOf } : {})).dependencyImpact;
  const restartAt = async (clockStart: string) => {
    await api.stop();
    api = await ApiServer.start({ dataDir: api.dataDir, clockStart });
  };

  beforeAll(async () => {
    api = await ApiServer.start({ clockStart: '2025-12-20T09:00:00Z' });
    // The firm is vetted (AUDITOR_NOT_VETTED otherwise): this file is about INHERITED.
    await api.ok('mutation($input: VetServiceAuditorInput!) { vetServiceAuditor(input: $input) { revision } }', {
      input: { firm: 'Baker & Lane LLP', licence: 'CPA-0421', peerReviewRating: 'PASS', peerReviewDate: '2024-06-01', effectiveAt: at('2024-06-02') },
    });
    await command(api, 'registerOrganization', {
      id: vendor, name: 'PayFlow Payroll', role: 'VENDOR', category: 'PAYROLL', criticality: 'CRITICAL', effectiveAt: at('2025-01-02'),
    });
    await command(api, 'registerOrganization', {
      id: dc, name: 'Eastbay Colocation', role: 'SUBSERVICE', category: 'DATA_CENTER_COLOCATION', criticality: 'CRITICAL',
      parentOrganizationId: vendor, inclusionMethod: 'CARVE_OUT', effectiveAt: at('2025-01-02'),
    });
    await report(dc, 'eb-2024', ['2024-01-01', '2024-12-31'], '2025-01-15');
    await accept(dc, 'eb-2024', '2025-01-18');
    await visit('2025-01-18');
    await report(vendor, 'pf-2024', ['2024-01-01', '2024-12-31'], '2025-01-20', { subserviceOrganizations: carvedOut });
    await accept(vendor, 'pf-2024', '2025-01-25');
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  it('while the data center is assured, the vendor inherits nothing', async () => {
    expect((await assurance(api, dc)).status).toBe('ASSURED');
    const a = await assurance(api, vendor);
    expect(a.status).toBe('ASSURED');
    expect(codes(a)).not.toContain('INHERITED');
  });

  it("when the data center's report lapses with time alone, the vendor carries INHERITED", async () => {
    await restartAt('2026-01-10T09:00:00Z');
    expect((await assurance(api, dc)).status).toBe('EXPIRED');
    const a = await assurance(api, vendor);
    expect(codes(a)).toContain('INHERITED');
    const inherited = a.reasons.find((r) => r.code === 'INHERITED')!;
    expect(inherited).toMatchObject({ status: 'ASSURED_WITH_EXCEPTIONS', since: '2026-01-01' });
    expect(inherited.message).toContain('Eastbay Colocation is EXPIRED since 2026-01-01');
  }, 30_000);

  it('with its own evidence current, the vendor is ASSURED_WITH_EXCEPTIONS through inheritance alone', async () => {
    await restartAt('2026-02-15T12:00:00Z');
    await report(vendor, 'pf-2025', ['2025-01-01', '2025-12-31'], '2026-01-20', { subserviceOrganizations: carvedOut });
    const r = await accept(vendor, 'pf-2025', '2026-01-25');
    expect(r.organization.assurance.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(codes(r.organization.assurance)).toEqual(['INHERITED']);
  }, 30_000);

  it('dependencyImpact lists the vendor with the exact days the lapse weakened it, still ongoing', async () => {
    const i = await impact();
    expect(i).toMatchObject({ organizationId: dc, name: 'Eastbay Colocation', status: 'EXPIRED' });
    expect(i.vendors).toHaveLength(1);
    const v = i.vendors[0];
    expect(v).toMatchObject({ vendorId: vendor, vendorName: 'PayFlow Payroll', vendorStatus: 'ASSURED_WITH_EXCEPTIONS', inherited: true });
    expect(v.links).toEqual([
      { kind: 'PARENT', reportId: null, from: '2025-01-02', to: '2026-02-15' },
      { kind: 'REPORT_LISTING', reportId: 'pf-2024', from: '2025-01-25', to: '2026-01-24' },
      { kind: 'REPORT_LISTING', reportId: 'pf-2025', from: '2026-01-25', to: '2026-02-15' },
    ]);
    expect(v.intervals.map((x: any) => [x.from, x.to, x.days, x.subserviceStatus, x.causes, x.inherited, x.ongoing])).toEqual([
      // Registered before its first report was accepted.
      ['2025-01-02', '2025-01-17', 16, 'NO_ASSURANCE', ['NO_ACCEPTED_REPORT'], true, false],
      // The fiscal year end arrived uncovered (and no audited day of 2025), then the report expired.
      ['2025-12-31', '2025-12-31', 1, 'COVERAGE_GAP', ['FISCAL_YEAR_END_NOT_COVERED', 'FISCAL_YEAR_OVERLAP_INSUFFICIENT'], true, false],
      ['2026-01-01', '2026-02-15', 46, 'EXPIRED', ['REPORT_EXPIRED'], true, true],
    ]);
    expect(v.impactedDays).toBe(63);
    expect(v.vendor.assurance.reasons.map((r: any) => r.code)).toEqual(['INHERITED']);
  });

  it('once the data center is assured again, INHERITED is gone and the interval is closed', async () => {
    await report(dc, 'eb-2025', ['2025-01-01', '2025-12-31'], '2026-02-15');
    await accept(dc, 'eb-2025', '2026-02-15');
    await visit('2026-02-15');
    expect((await assurance(api, dc)).status).toBe('ASSURED');
    const a = await assurance(api, vendor);
    expect(a.status).toBe('ASSURED');
    expect(codes(a)).not.toContain('INHERITED');
    const v = (await impact()).vendors[0];
    expect(v).toMatchObject({ inherited: false, vendorStatus: 'ASSURED', impactedDays: 62 });
    expect(v.intervals.at(-1)).toMatchObject({ from: '2026-01-01', to: '2026-02-14', days: 45, ongoing: false });
  });

  it('asked as of a past day, the interval is ongoing then, and the vendor as of then inherited', async () => {
    const then = await impact('2026-01-10T12:00:00Z');
    const v = then.vendors[0];
    expect(v.intervals.at(-1)).toMatchObject({ from: '2026-01-01', to: '2026-01-10', days: 10, ongoing: true });
    expect(v.inherited).toBe(true);
    expect(v.vendor.assurance.reasons.map((r: any) => r.code)).toContain('INHERITED');
    const past = await api.ok(`{ organization(id: "${vendor}", asOf: "2026-01-10T12:00:00Z") { assurance { reasons { code } } } }`);
    expect(past.organization.assurance.reasons.map((r: any) => r.code)).toContain('INHERITED');
  });

  it('is audit material, and NOT_FOUND for an organization not registered then', async () => {
    const viewer = await api.gql(IMPACT, {}, { authorization: `Bearer ${api.token('VIEWER')}` });
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const early = await api.gql(IMPACT, { asOf: '2024-06-01T00:00:00Z' });
    expect(early.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
