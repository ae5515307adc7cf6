import { assess } from './assess';
import { acceptedSaas, codes, history, reason } from './assess.fixtures';
import { withUntrackedCarveOuts } from './carve-out-untracked';

/**
 * Reliance rules v2 about the evidence around the report (DESIGN §3 v2): CUEC tests, exception
 * evaluation and planning, bridge letter validity, validations, the new flags and untracked
 * carve-outs. Each rule on both sides of its boundary, checking the status.
 */

const withCuec = () =>
  history('2023-10-01')
    .registered({ name: 'Acme Payroll' })
    .on('2024-11-01')
    .report('r1', { cuecs: [{ ref: 'C1', description: 'review access lists' }] })
    .on('2024-11-15')
    .accepted('r1')
    .cuec('r1', 'C1', 'IMPLEMENTED')
    .policy({ cuecTestMonths: 1 });

describe('assess: CUECs we operate (ISA 402.17(b))', () => {
  it('an IMPLEMENTED CUEC never tested is CUEC_NOT_TESTED', () => {
    const a = assess(withCuec().state(), '2024-11-20');
    expect(a.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(reason(a, 'CUEC_NOT_TESTED')?.message).toBe(
      'CUEC C1 of the SOC 2 Type 2 report by Audit & Co for 2023-10-01 to 2024-09-30 ("review access lists") is ' +
        'operated by our control OUR-C1, which has no recorded test.',
    );
  });

  it('an EFFECTIVE test is good through the test interval, and stale the day after', () => {
    const state = withCuec().on('2024-11-16').cuecTested('r1', 'C1', '2024-11-16').state();
    const last = assess(state, '2024-12-16');
    expect(last).toMatchObject({ status: 'ASSURED', nextReassessmentOn: '2024-12-17' });
    const stale = assess(state, '2024-12-17');
    expect(stale.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(reason(stale, 'CUEC_NOT_TESTED')).toMatchObject({ since: '2024-12-17', eventIds: ['cuec:r1:C1', 'cuec-test:r1:C1'] });
    expect(reason(stale, 'CUEC_NOT_TESTED')?.message).toContain('which was last tested effective on 2024-11-16, more than 1 month ago.');
  });

  it('a DEFICIENT latest test is a gap; a later EFFECTIVE one cures it', () => {
    const deficient = withCuec().on('2024-11-16').cuecTested('r1', 'C1', '2024-11-16', 'DEFICIENT');
    const a = assess(deficient.state(), '2024-11-20');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(codes(a)).toEqual(['CUEC_DEFICIENT']);
    expect(assess(deficient.on('2024-11-18').cuecTested('r1', 'C1', '2024-11-18').state(), '2024-11-20').status).toBe('ASSURED');
  });
});

describe('assess: CUEC tests, which one speaks', () => {
  it('a test dated after the day assessed does not count yet', () => {
    const state = withCuec().on('2024-11-18').cuecTested('r1', 'C1', '2024-11-18').state();
    expect(assess(state, '2024-11-17')).toMatchObject({ status: 'ASSURED_WITH_EXCEPTIONS', nextReassessmentOn: '2024-11-18' });
    expect(assess(state, '2024-11-18').status).toBe('ASSURED');
  });

  it('the latest by test date speaks, whatever the order recorded; on one day, the one recorded last', () => {
    const later = withCuec().on('2024-11-18').cuecTested('r1', 'C1', '2024-11-18').cuecTested('r1', 'C1', '2024-11-16', 'DEFICIENT').state();
    expect(assess(later, '2024-11-20').status).toBe('ASSURED');
    const sameDay = withCuec().on('2024-11-18').cuecTested('r1', 'C1', '2024-11-18', 'DEFICIENT').cuecTested('r1', 'C1', '2024-11-18').state();
    expect(assess(sameDay, '2024-11-20').status).toBe('ASSURED');
  });

  it('names the deficient test, its events and its day', () => {
    const a = assess(withCuec().on('2024-11-18').cuecTested('r1', 'C1', '2024-11-17', 'DEFICIENT').state(), '2024-11-20');
    expect(a.reasons[0]).toMatchObject({
      code: 'CUEC_DEFICIENT',
      since: '2024-11-17',
      eventIds: ['cuec:r1:C1', 'cuec-test:r1:C1'],
      message:
        'CUEC C1 of the SOC 2 Type 2 report by Audit & Co for 2023-10-01 to 2024-09-30 ("review access lists") is ' +
        'operated by our control OUR-C1, whose test on 2024-11-17 found it deficient.',
    });
  });

  it('a state snapshotted before v2 (no cuecTests) reads as untested', () => {
    const state = withCuec().state();
    const r1 = state.reports['r1']!;
    const { cuecTests: _none, ...v1 } = r1;
    const a = assess({ ...state, reports: { r1: v1 } }, '2024-11-20');
    expect(codes(a)).toEqual(['CUEC_NOT_TESTED']);
  });

  it('a NOT_APPLICABLE CUEC needs no test; a PLANNED one says so', () => {
    const na = history('2023-10-01').registered().on('2024-11-01').report('r1', { cuecs: [{ ref: 'C1', description: 'review access lists' }] })
      .on('2024-11-15').accepted('r1').cuec('r1', 'C1', 'NOT_APPLICABLE');
    expect(assess(na.state(), '2024-11-20').status).toBe('ASSURED');
    const planned = assess(na.on('2024-11-16').cuec('r1', 'C1', 'PLANNED').state(), '2024-11-20');
    expect(planned.reasons[0]?.message).toBe(
      'CUEC C1 of the SOC 2 Type 2 report by Audit & Co for 2023-10-01 to 2024-09-30 ("review access lists") is ' +
        'mapped to our control OUR-C1, which is only planned.',
    );
  });
});

describe('assess: exceptions under v2', () => {
  const found = (data: object = {}) => acceptedSaas().on('2024-11-16').exception('x1', data);

  it('a report exception not evaluated within 30 days is EXCEPTION_NOT_EVALUATED, even once closed', () => {
    const state = found({ reportId: 'r1' }).on('2024-11-17').closed('x1');
    expect(assess(state.state(), '2024-12-16')).toMatchObject({ status: 'ASSURED', nextReassessmentOn: '2024-12-17' });
    const late = assess(state.state(), '2024-12-17');
    expect(late.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(reason(late, 'EXCEPTION_NOT_EVALUATED')).toMatchObject({ since: '2024-12-17', eventIds: ['found:x1'] });
    expect(assess(state.on('2024-11-18').evaluated('x1', 'NONE').state(), '2024-12-17').status).toBe('ASSURED');
  });

  it('a CRITICAL exception with no plan past the 30-day grace is NOT_ASSURED (CRITICAL_EXCEPTION_UNPLANNED)', () => {
    const critical = found({ severity: 'CRITICAL', source: 'INCIDENT' });
    const inGrace = assess(critical.state(), '2024-12-16');
    expect(inGrace).toMatchObject({ status: 'ASSURED_WITH_EXCEPTIONS', nextReassessmentOn: '2024-12-17' });
    const after = assess(critical.state(), '2024-12-17');
    expect(after.status).toBe('NOT_ASSURED');
    expect(after.reasons[0]).toMatchObject({ code: 'CRITICAL_EXCEPTION_UNPLANNED', since: '2024-12-17' });
    expect(after.reasons[0]?.message).toContain('(the planning grace ended on 2024-12-16)');
    expect(assess(critical.planned('x1', '2025-01-31').state(), '2024-12-17').status).toBe('ASSURED_WITH_EXCEPTIONS');
    const high = found({ severity: 'HIGH', source: 'INCIDENT' });
    expect(assess(high.state(), '2024-12-17').status).toBe('ASSURED_WITH_EXCEPTIONS');
  });

  it('the grace follows the policy', () => {
    const state = found({ severity: 'CRITICAL', source: 'INCIDENT' }).policy({ criticalPlanningGraceDays: 0 }).state();
    expect(assess(state, '2024-11-16').status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(assess(state, '2024-11-17').status).toBe('NOT_ASSURED');
  });

  it('evaluated RELIANCE_REDUCED while open is a gap; NONE or COMPENSATED are not exceptions at all', () => {
    const reduced = found().evaluated('x1', 'RELIANCE_REDUCED');
    const a = assess(reduced.state(), '2024-11-20');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(codes(a)).toEqual(['RELIANCE_REDUCED']);
    expect(assess(reduced.closed('x1').state(), '2024-11-20').status).toBe('ASSURED');
    expect(assess(found().evaluated('x1', 'NONE').state(), '2024-11-20').status).toBe('ASSURED');
    expect(assess(found().evaluated('x1', 'COMPENSATED', 'HR-12').state(), '2024-11-20').status).toBe('ASSURED');
    expect(assess(found().state(), '2024-11-20').status).toBe('ASSURED_WITH_EXCEPTIONS');
  });

  it('a message names the control, the criteria once, and the sample', () => {
    const a = assess(found({ controlRef: 'CC6.4', criteriaRef: 'cc6.4', sampleSize: 25, deviations: 2 }).state(), '2024-11-20');
    expect(a.reasons[0]?.message).toBe(
      'HIGH exception on control CC6.4 "access not revoked", 2 of 25 sampled items deviated, found 2024-11-16, is open: no remediation planned.',
    );
  });
});

describe('assess: bridge letters under v2', () => {
  const bridged = (data: object = {}) => acceptedSaas().on('2025-01-10').bridge('b1', 'r1', '2024-12-31', data);

  it('a complete letter reaches F (BRIDGED)', () => {
    expect(assess(bridged().state(), '2025-01-15')).toMatchObject({ status: 'ASSURED', flags: ['BRIDGED'] });
  });

  it.each([
    [{ signedBy: null }, 'it was not recorded as signed and dated'],
    [{ issuedOn: null }, 'it was not recorded as signed and dated'],
    [{ noOtherChangesStated: false }, 'it does not state that there were no other material changes'],
    [{ signedBy: undefined, issuedOn: undefined, noOtherChangesStated: undefined }, 'it was not recorded as signed and dated; it does not state'],
  ])('%j does not count, and the gap says why', (data, why) => {
    const a = assess(bridged(data).state(), '2025-01-15');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(reason(a, 'FISCAL_YEAR_END_NOT_COVERED')?.message).toContain(`covering 2024-09-30 to 2024-12-31 does not count: ${why}`);
  });

  it('a REJECTED review voids it; an ACCEPTED one keeps it', () => {
    expect(assess(bridged().bridgeReviewed('b1', 'REJECTED').state(), '2025-01-15').status).toBe('COVERAGE_GAP');
    expect(assess(bridged().bridgeReviewed('b1', 'ACCEPTED').state(), '2025-01-15').status).toBe('ASSURED');
  });

  it('disclosed material changes are an exception until a review accepts them (issue 13 probe)', () => {
    const changes = bridged({ materialChanges: 'new data center; access review suspended' });
    const a = assess(changes.state(), '2025-01-15');
    expect(a).toMatchObject({ status: 'ASSURED_WITH_EXCEPTIONS', flags: ['BRIDGED'] });
    expect(reason(a, 'BRIDGE_DISCLOSES_CHANGES')?.message).toContain('"new data center; access review suspended"');
    expect(assess(changes.bridgeReviewed('b1', 'ACCEPTED').state(), '2025-01-15').status).toBe('ASSURED');
  });
});

describe('assess: validations under v2', () => {
  const colo = () =>
    history('2023-10-01').registered({ category: 'DATA_CENTER_COLOCATION', name: 'Nordic Colo' })
      .site('s1', 'FRA-1').site('s2', 'FRA-2')
      .on('2024-11-01').report('r1', { sitesCovered: ['s1', 's2'] }).on('2024-11-15').accepted('r1')
      .physical('v1', { siteId: 's1' })
      .physical('v2', { siteId: 's2', areas: ['PHYSICAL_ACCESS', 'VISITOR_MANAGEMENT', 'FIRE_DETECTION_SUPPRESSION', 'POWER_UPS_GENERATOR', 'COOLING', 'ENVIRONMENTAL_MONITORING'] });

  it('every required area at every site: one missing pair is PHYSICAL_VALIDATION_INCOMPLETE, naming it', () => {
    const a = assess(colo().state(), '2024-11-20');
    expect(a.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(reason(a, 'PHYSICAL_VALIDATION_INCOMPLETE')?.message).toContain('covers FRA-2: CCTV (latest:');
  });

  it('a questionnaire does not count under the default methods; remote evidence does', () => {
    const questionnaire = colo().physical('v3', { siteId: 's2', areas: ['CCTV'], method: 'QUESTIONNAIRE' }).state();
    expect(assess(questionnaire, '2024-11-20').status).toBe('ASSURED_WITH_EXCEPTIONS');
    const remote = colo().physical('v3', { siteId: 's2', areas: ['CCTV'], method: 'REMOTE_EVIDENCE' }).state();
    expect(assess(remote, '2024-11-20').status).toBe('ASSURED');
  });

  it('a cloud host needs an effective operational validation within the interval', () => {
    const cloud = acceptedSaas().policy({ physicalValidationMonths: 1 });
    const none = assess(history('2023-10-01').registered({ category: 'CLOUD_HOSTING' }).on('2024-11-01').report('r1').on('2024-11-15').accepted('r1').state(), '2024-11-20');
    expect(none.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(codes(none)).toEqual(['OPERATIONAL_VALIDATION_MISSING']);
    const state = history('2023-10-01').registered({ category: 'CLOUD_HOSTING' }).on('2024-11-01').report('r1').on('2024-11-15').accepted('r1')
      .policy({ physicalValidationMonths: 1 }).on('2024-11-16').operational('o1').state();
    expect(assess(state, '2024-12-16').status).toBe('ASSURED');
    expect(assess(state, '2024-12-17')).toMatchObject({ status: 'ASSURED_WITH_EXCEPTIONS', reasons: [expect.objectContaining({ code: 'OPERATIONAL_VALIDATION_MISSING', since: '2024-12-17' })] });
    expect(assess(cloud.state(), '2024-11-20').status).toBe('ASSURED');
  });
});

describe('assess: v2 flags', () => {
  const opinionOn = (opinionDate: string) =>
    history('2023-10-01').registered().on('2024-10-15').report('r1', { period: ['2023-07-01', '2024-06-30'], opinionDate }).accepted('r1').state();

  it('LATE_ISSUED when the opinion comes more than 92 days after the coverage end', () => {
    expect(assess(opinionOn('2024-09-30'), '2024-10-20')).toMatchObject({ status: 'ASSURED', flags: [] });
    const late = assess(opinionOn('2024-10-01'), '2024-10-20');
    expect(late).toMatchObject({ status: 'ASSURED', flags: ['LATE_ISSUED'] });
    expect(reason(late, 'LATE_ISSUED')?.message).toContain('issued on 2024-10-01, 93 days after its coverage end');
  });

  it('FISCAL_YEAR_END_AT_RISK when the next report, even bridged, ends before the coming fiscal year end', () => {
    const next = (periodEnd: string) =>
      acceptedSaas().on('2025-01-10').bridge('b1', 'r1', '2024-12-31').nextReportExpected(periodEnd, '2025-11-30').state();
    expect(assess(next('2025-09-30'), '2025-01-15').flags).toEqual(['BRIDGED']);
    const risk = assess(next('2025-09-29'), '2025-01-15');
    expect(risk).toMatchObject({ status: 'ASSURED', flags: ['BRIDGED', 'FISCAL_YEAR_END_AT_RISK'] });
    expect(reason(risk, 'FISCAL_YEAR_END_AT_RISK')?.message).toContain('would not reach the coming fiscal year end 2025-12-31');
  });

  it('AUDITOR_NOT_VETTED when the tenant has no vetting record of the firm; not judged without tenant facts', () => {
    const state = acceptedSaas().state();
    expect(assess(state, '2024-11-20', { vettedAuditors: [{ firm: ' audit &  CO ' }] }).flags).toEqual([]);
    expect(assess(state, '2024-11-20', { vettedAuditors: [{ firm: 'Other LLP' }] })).toMatchObject({ status: 'ASSURED', flags: ['AUDITOR_NOT_VETTED'] });
    expect(assess(state, '2024-11-20').flags).toEqual([]);
  });
});

describe('CARVED_OUT_SUBSERVICE_UNTRACKED', () => {
  const carving = (method: 'CARVE_OUT' | 'INCLUSIVE') =>
    history('2023-10-01').registered().on('2024-11-01')
      .report('r1', { subserviceOrganizations: [{ name: 'Eastbay Colo', method, csocs: [{ ref: 'CSOC-1', text: 'badge access is reviewed' }] }] })
      .on('2024-11-15').accepted('r1').state();

  it('a carved-out subservice organization nobody registered is a gap, with its CSOCs (issue 13 probe)', () => {
    const state = carving('CARVE_OUT');
    const a = withUntrackedCarveOuts(assess(state, '2024-11-20'), state, '2024-11-20', []);
    expect(a.status).toBe('COVERAGE_GAP');
    expect(a.reasons).toEqual([expect.objectContaining({ code: 'CARVED_OUT_SUBSERVICE_UNTRACKED', since: '2024-11-15', eventIds: ['received:r1'] })]);
    expect(a.reasons[0]?.message).toContain('carves out Eastbay Colo, which is not under oversight here');
    expect(a.reasons[0]?.message).toContain('CSOC-1 "badge access is reviewed"');
  });

  it('tracked (any case) or inclusive: nothing changes', () => {
    const state = carving('CARVE_OUT');
    const own = assess(state, '2024-11-20');
    const child = { id: 'dc', name: ' EASTBAY colo', status: 'ASSURED' as const, since: null };
    expect(withUntrackedCarveOuts(own, state, '2024-11-20', [child])).toEqual(own);
    const inclusive = carving('INCLUSIVE');
    expect(withUntrackedCarveOuts(assess(inclusive, '2024-11-20'), inclusive, '2024-11-20', []).status).toBe('ASSURED');
  });
});
