import { assess } from './assess';
import { codes, history, reason } from './assess.fixtures';
import type { AssurancePolicy } from './assurance-policy';

/**
 * Reliance rules v2 about the reports themselves (DESIGN §3 v2): the fiscal-year overlap, Type 1
 * and SOC 3 reports, requirements per family, qualified opinions on relied areas, scope.
 * Each rule on both sides of its boundary, checking the status and not only the reason code.
 */

/** Relied on since 2023-01-02, so the fiscal year 2024 window is the whole year (366 days). */
const relied = (policy: Partial<AssurancePolicy> = {}) =>
  history('2023-01-02').registered({ services: ['hosting'] }).on('2023-01-03').policy({ minPeriodMonths: 0, ...policy });

describe('assess: FISCAL_YEAR_OVERLAP_INSUFFICIENT', () => {
  const ending = (start: string) =>
    relied().on('2025-01-20').report('r1', { period: [start, '2024-12-31'] }).accepted('r1').state();

  it('182 days of the fiscal year (6 × 365/12, rounded down) suffice; 181 do not', () => {
    expect(assess(ending('2024-07-03'), '2025-02-01').status).toBe('ASSURED');
    const short = assess(ending('2024-07-04'), '2025-02-01');
    expect(short.status).toBe('COVERAGE_GAP');
    expect(codes(short)).toEqual(['FISCAL_YEAR_OVERLAP_INSUFFICIENT']);
    expect(reason(short, 'FISCAL_YEAR_OVERLAP_INSUFFICIENT')).toMatchObject({
      message:
        'Audited periods cover 181 days of the fiscal year 2024-01-01 to 2024-12-31; the policy asks for at least 182 days (6 months).',
      since: '2024-12-31',
    });
  });

  it('a Type 2 overlapping the fiscal year by 17 days is a gap, though it contains F (issue 13 probe)', () => {
    const state = relied({ minPeriodMonths: 6 }).on('2025-07-01').report('r1', { period: ['2024-12-15', '2025-06-14'] }).accepted('r1').state();
    const a = assess(state, '2025-07-02');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(codes(a)).toEqual(['FISCAL_YEAR_OVERLAP_INSUFFICIENT']);
    expect(a.reasons[0]?.message).toContain('cover 17 days');
  });

  it('a window shortened by a late start of reliance asks only for its own length', () => {
    const late = history('2024-10-01').registered({ services: ['hosting'] }).on('2025-01-20')
      .report('r1', { period: ['2024-10-01', '2024-12-31'] }).policy({ minPeriodMonths: 0 }).accepted('r1').state();
    expect(assess(late, '2025-02-01').status).toBe('ASSURED');
    const dayShort = history('2024-09-30').registered({ services: ['hosting'] }).on('2025-01-20')
      .report('r1', { period: ['2024-10-01', '2024-12-31'] }).policy({ minPeriodMonths: 0 }).accepted('r1').state();
    expect(codes(assess(dayShort, '2025-02-01'))).toEqual(['FISCAL_YEAR_OVERLAP_INSUFFICIENT']);
  });

  it('a valid bridge letter counts towards the overlap; a zero-month policy asks nothing', () => {
    const bridged = relied().on('2024-11-01').report('r1', { period: ['2024-03-01', '2024-09-30'] }).accepted('r1')
      .on('2025-01-10').bridge('b1', 'r1', '2024-12-31').state();
    expect(assess(bridged, '2025-02-01')).toMatchObject({ status: 'ASSURED', flags: ['BRIDGED'] });
    const none = relied({ minFiscalYearOverlapMonths: 0 }).on('2025-07-01').report('r1', { period: ['2024-12-15', '2025-06-14'] }).accepted('r1').state();
    expect(assess(none, '2025-07-02').status).toBe('ASSURED');
  });
});

describe('assess: Type 1 and SOC 3 reports', () => {
  const type1 = (policy: Partial<AssurancePolicy> = {}) =>
    relied(policy).on('2024-11-01').report('r1', { asOf: '2024-09-30' }).accepted('r1').state();

  it('a Type 1 under the default policy is DESIGN_ONLY_REPORT (issue 13 probe)', () => {
    const a = assess(type1(), '2024-11-20');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(codes(a)).toEqual(['DESIGN_ONLY_REPORT']);
  });

  it('is accepted with exceptions before acceptType1Until, and a design-only gap from that day', () => {
    const state = type1({ acceptType1Until: '2025-03-01' });
    const before = assess(state, '2025-02-28');
    expect(before).toMatchObject({ status: 'ASSURED_WITH_EXCEPTIONS', nextReassessmentOn: '2025-03-01' });
    expect(codes(before)).toEqual(['TYPE_1_ACCEPTED_TEMPORARILY']);
    const on = assess(state, '2025-03-01');
    expect(on.status).toBe('COVERAGE_GAP');
    expect(reason(on, 'DESIGN_ONLY_REPORT')?.since).toBe('2025-03-01');
  });

  it('a Type 1 never covers F: a later Type 2 gap is still reported', () => {
    const state = relied().on('2024-02-01').report('r0', { period: ['2023-01-01', '2023-12-31'] }).accepted('r0')
      .on('2025-01-20').report('r1', { asOf: '2024-12-31' }).accepted('r1').state();
    const a = assess(state, '2025-02-01');
    expect(codes(a)).toEqual(['FISCAL_YEAR_END_NOT_COVERED', 'FISCAL_YEAR_OVERLAP_INSUFFICIENT', 'DESIGN_ONLY_REPORT']);
  });

  it('a SOC 3 is GENERAL_USE_REPORT_ONLY, unless the policy asks for exactly that', () => {
    const soc3 = (policy: Partial<AssurancePolicy>) =>
      relied(policy).on('2024-11-01').report('r1', { framework: 'SOC3', period: ['2023-12-01', '2024-09-30'] }).accepted('r1').state();
    const a = assess(soc3({}), '2024-11-20');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(codes(a)).toEqual(['GENERAL_USE_REPORT_ONLY']);
    const general = soc3({ requirements: [{ family: 'GENERAL', reportType: 'TYPE_2', criteria: [] }] });
    expect(assess(general, '2024-11-20').status).toBe('ASSURED');
  });
});

describe('assess: requirements per family', () => {
  const soc2 = (policy: Partial<AssurancePolicy>) => relied(policy).on('2024-01-20').report('r1', { period: ['2023-01-01', '2023-12-31'] }).accepted('r1');

  it('an ICFR-relevant vendor with only a SOC 2 is REQUIREMENT_UNMET; its SOC 1 / ISAE 3402 meets it', () => {
    const a = assess(soc2({ icfrRelevant: true }).state(), '2024-02-01');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(codes(a)).toEqual(['REQUIREMENT_UNMET']);
    const both = soc2({ icfrRelevant: true }).on('2024-01-25')
      .report('s1', { framework: 'SOC1', frameworks: ['ISAE3402'], criteria: [], period: ['2023-01-01', '2023-12-31'] })
      .accepted('s1').state();
    expect(assess(both, '2024-02-01').status).toBe('ASSURED');
  });

  it('personal data adds PRIVACY to the TSC requirement', () => {
    const a = assess(soc2({ dataClasses: ['PERSONAL'] }).state(), '2024-02-01');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(reason(a, 'REQUIRED_CRITERIA_MISSING')?.message).toContain('does not cover the required criteria PRIVACY.');
    const withPrivacy = relied({ dataClasses: ['PERSONAL'] }).on('2024-01-20')
      .report('r1', { criteria: ['SECURITY', 'PRIVACY'], period: ['2023-01-01', '2023-12-31'] }).accepted('r1').state();
    expect(assess(withPrivacy, '2024-02-01').status).toBe('ASSURED');
  });

  it('each requirement has its own R: an expired SOC 1 beside a current SOC 2 is EXPIRED', () => {
    const state = relied({ icfrRelevant: true }).on('2023-03-01')
      .report('s0', { framework: 'SOC1', criteria: [], period: ['2022-01-01', '2022-12-31'] }).accepted('s0')
      .on('2024-11-01').report('r1', { period: ['2023-12-01', '2024-09-30'] }).accepted('r1').state();
    const a = assess(state, '2024-11-20');
    expect(a.status).toBe('EXPIRED');
    expect(reason(a, 'REPORT_EXPIRED')?.message).toContain('SOC 1 Type 2 report by Audit & Co for 2022-01-01 to 2022-12-31');
  });
});

describe('assess: QUALIFIED_ON_RELIED_AREA', () => {
  const qualified = (areas: string[] | undefined, risk: 'HIGH' | 'MEDIUM', policy: Partial<AssurancePolicy> = {}) =>
    relied(policy).expectedControls([{ ref: 'CC6.1', risk }]).on('2024-01-20')
      .report('r1', { opinion: 'QUALIFIED', qualifiedAreas: areas, qualificationBasis: 'access', period: ['2023-01-01', '2023-12-31'], controlsTested: ['CC6.1'] })
      .accepted('r1').state();

  it('qualified on a HIGH expected control is a gap; on a MEDIUM one it is an exception', () => {
    const high = assess(qualified(['CC6.1'], 'HIGH'), '2024-02-01');
    expect(high.status).toBe('COVERAGE_GAP');
    expect(reason(high, 'QUALIFIED_ON_RELIED_AREA')?.message).toContain('is qualified on CC6.1, which we rely on (basis: access).');
    const medium = assess(qualified(['CC6.1'], 'MEDIUM'), '2024-02-01');
    expect(medium.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(codes(medium)).toEqual(['QUALIFIED_OPINION']);
  });

  it('by category: SECURITY qualified touches a relied CC ref; CC7.2 touches a required SECURITY', () => {
    expect(assess(qualified(['SECURITY'], 'HIGH'), '2024-02-01').status).toBe('COVERAGE_GAP');
    expect(assess(qualified(['AVAILABILITY'], 'HIGH'), '2024-02-01').status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(assess(qualified(['CC7.2'], 'MEDIUM', { requiredCriteria: ['SECURITY'] }), '2024-02-01').status).toBe('COVERAGE_GAP');
    expect(assess(qualified(['A1.2'], 'MEDIUM', { requiredCriteria: ['SECURITY'] }), '2024-02-01').status).toBe('ASSURED_WITH_EXCEPTIONS');
  });

  it('a v1 qualified report without recorded areas is treated as qualified on what we rely on, and says so', () => {
    const a = assess(qualified(undefined, 'MEDIUM'), '2024-02-01');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(a.reasons[0]?.message).toContain('whose qualified areas were not recorded');
  });
});

describe('assess: scope', () => {
  it('a payroll vendor whose report covers only an HR portal is SERVICE_NOT_IN_SCOPE (issue 13 probe)', () => {
    const hr = (covered: string[]) => history('2023-01-02').registered({ category: 'PAYROLL', services: ['Payroll processing'] })
      .policy({}).on('2024-01-20').report('r1', { servicesCovered: covered, period: ['2023-01-01', '2023-12-31'] }).accepted('r1').state();
    const a = assess(hr(['HR portal']), '2024-02-01');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(reason(a, 'SERVICE_NOT_IN_SCOPE')?.message).toContain('Service "Payroll processing" that we use is not in the scope of');
    expect(assess(hr(['HR portal', ' payroll PROCESSING ']), '2024-02-01').status).toBe('ASSURED');
  });

  it('a registered site the report does not cover is SITE_NOT_IN_SCOPE', () => {
    const site = (covered: string[]) => relied().site('s1', 'FRA-1').on('2024-01-20')
      .report('r1', { sitesCovered: covered, period: ['2023-01-01', '2023-12-31'] }).accepted('r1').state();
    const a = assess(site([]), '2024-02-01');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(reason(a, 'SITE_NOT_IN_SCOPE')?.message).toContain('Site FRA-1 (Frankfurt, DE) is not in the scope of');
    expect(assess(site(['s1']), '2024-02-01').status).toBe('ASSURED');
  });
});
