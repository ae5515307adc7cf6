import { assess } from './assess';
import { acceptedSaas, codes, history, reason, type History } from './assess.fixtures';
import type { AssurancePolicy } from './assurance-policy';
import type { AssuranceReportReceivedData } from './oversight.events';
import type { IsoDate } from './oversight.vocabulary';

/** COVERAGE_GAP: the reliance date, the policy's requirements, the period, CUECs, controls. */

function withReport(
  report: Partial<AssuranceReportReceivedData> & { period?: [IsoDate, IsoDate]; asOf?: IsoDate },
  policy: Partial<AssurancePolicy> = {},
): History {
  return history()
    .registered({ name: 'Acme Payroll' })
    .on('2024-01-01')
    .policy(policy)
    .on('2024-11-01')
    .report('r1', report)
    .on('2024-11-15')
    .accepted('r1');
}

describe('assess: the fiscal year end F', () => {
  it('is covered while F lies inside the period', () => {
    const a = assess(acceptedSaas().state(), '2024-12-30');
    expect(a).toMatchObject({ status: 'ASSURED', relianceDate: '2023-12-31', nextReassessmentOn: '2024-12-31' });
  });

  it('opens a gap on the next fiscal year end, which a bridge letter could still close', () => {
    const a = assess(acceptedSaas().state(), '2024-12-31');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(a.relianceDate).toBe('2024-12-31');
    expect(a.reasons[0]).toEqual({
      code: 'FISCAL_YEAR_END_NOT_COVERED',
      status: 'COVERAGE_GAP',
      flag: null,
      message:
        'Fiscal year end 2024-12-31 is not covered: assurance reaches 2024-09-30 through report r1 (SOC2 TYPE 2, ' +
        '2023-10-01 to 2024-09-30), a gap of 92 days from 2024-10-01; a bridge letter from Acme Payroll ' +
        'covering to 2024-12-31 would close it.',
      eventIds: ['received:r1'],
      since: '2024-12-31',
    });
  });

  it('is covered by a period ending exactly on F, not by one ending a day short', () => {
    const exact = withReport({ period: ['2024-01-01', '2024-12-31'] }).state();
    expect(assess(exact, '2025-03-01').status).toBe('ASSURED');
    const short = withReport({ period: ['2024-01-01', '2024-12-30'] }).state();
    const a = assess(short, '2025-03-01');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(reason(a, 'FISCAL_YEAR_END_NOT_COVERED')?.message).toContain('a gap of 1 day from 2024-12-31');
  });

  it('tells when only a new report can close the gap', () => {
    const old = withReport({ period: ['2024-01-01', '2024-06-30'] }).state();
    const message = reason(assess(old, '2025-01-05'), 'FISCAL_YEAR_END_NOT_COVERED')?.message;
    expect(message).toContain('more than 3 months after the coverage end 2024-06-30, so only a new report');
  });

  it('owes nothing for a fiscal year end before the first accepted report starts', () => {
    const fresh = withReport({ period: ['2024-01-01', '2024-09-30'] }).state();
    expect(assess(fresh, '2024-11-20')).toMatchObject({ status: 'ASSURED', relianceDate: '2023-12-31' });
  });

  it('follows the policy fiscal year end', () => {
    const june = withReport({ period: ['2023-10-01', '2024-09-30'] }, { fiscalYearEnd: '06-30' }).state();
    expect(assess(june, '2025-06-29')).toMatchObject({ relianceDate: '2024-06-30', status: 'ASSURED' });
    expect(assess(june, '2025-06-30').status).toBe('COVERAGE_GAP');
  });
});

describe('assess: a bridge letter', () => {
  const bridged = (reportEnd: IsoDate, coversTo: IsoDate, fiscalYearEnd: string) =>
    history()
      .registered()
      .policy({ fiscalYearEnd })
      .on('2024-01-05')
      .report('r1', { period: ['2023-01-01', reportEnd] })
      .accepted('r1')
      .bridge('b1', 'r1', coversTo)
      .state();

  it.each([
    // max bridge 3 months; a month end reaches the target month's end (30 Sep -> 31 Dec)
    ['2023-09-30', '2023-12-31', '12-31', true],
    ['2023-09-30', '2024-01-01', '12-31', false],
    ['2023-09-15', '2023-12-15', '12-15', true],
    ['2023-09-15', '2023-12-16', '12-15', false],
  ] as const)('from %s to %s (fiscal year end %s) counts: %s', (reportEnd, coversTo, fye, counts) => {
    const a = assess(bridged(reportEnd, coversTo, fye), '2024-01-10');
    expect(a.reach).toBe(counts ? coversTo : reportEnd);
    expect(a.status).toBe(counts ? 'ASSURED' : 'COVERAGE_GAP');
    expect(a.flags).toEqual(counts ? ['BRIDGED'] : []);
  });

  it('clamps into a leap February: 2023-11-30 + 3 months is 2024-02-29', () => {
    const withLetter = (coversTo: IsoDate) =>
      history()
        .registered()
        .policy({ fiscalYearEnd: '02-28' })
        .on('2024-01-05')
        .report('r1', { period: ['2023-06-01', '2023-11-30'] })
        .accepted('r1')
        .bridge('b1', 'r1', coversTo)
        .state();
    expect(assess(withLetter('2024-02-29'), '2024-03-05').reach).toBe('2024-02-29');
    expect(assess(withLetter('2024-03-01'), '2024-03-05').reach).toBe('2023-11-30');
  });
});

describe('assess: policy requirements on R', () => {
  it('a framework other than the required one', () => {
    const a = assess(withReport({}, { requiredFramework: 'SOC1' }).state(), '2024-11-20');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(a.reasons).toEqual([
      expect.objectContaining({
        code: 'REQUIRED_FRAMEWORK_MISSING',
        eventIds: ['policy', 'received:r1'],
        since: '2024-11-15',
      }),
    ]);
    const soc1 = withReport({ framework: 'SOC1' }, { requiredFramework: 'SOC1' }).state();
    expect(assess(soc1, '2024-11-20').status).toBe('ASSURED');
  });

  it('a Type 1 where a Type 2 is required; a Type 2 where a Type 1 is required is fine', () => {
    const type1 = withReport({ asOf: '2024-09-30' }, { requiredReportType: 'TYPE_2' }).state();
    const a = assess(type1, '2024-11-20');
    expect(codes(a)).toEqual(['REQUIRED_TYPE_MISSING']);
    expect(a.status).toBe('COVERAGE_GAP');
    expect(a.reasons[0]?.status).toBe('COVERAGE_GAP');
    const type2 = withReport({}, { requiredReportType: 'TYPE_1' }).state();
    expect(assess(type2, '2024-11-20').status).toBe('ASSURED');
  });

  it('lists the missing criteria', () => {
    const policy: Partial<AssurancePolicy> = { requiredCriteria: ['SECURITY', 'CONFIDENTIALITY', 'PRIVACY'] };
    const a = assess(withReport({}, policy).state(), '2024-11-20');
    expect(codes(a)).toEqual(['REQUIRED_CRITERIA_MISSING']);
    expect(a.status).toBe('COVERAGE_GAP');
    expect(a.reasons[0]?.status).toBe('COVERAGE_GAP');
    expect(a.reasons[0]?.message).toContain('required criteria CONFIDENTIALITY, PRIVACY');
  });

  it('a policy set after acceptance holds from the day it was set', () => {
    const later = acceptedSaas().on('2024-12-01').policy({ requiredFramework: 'ISAE3402' }).state();
    expect(reason(assess(later, '2024-12-02'), 'REQUIRED_FRAMEWORK_MISSING')).toMatchObject({
      eventIds: ['received:r1', 'policy'],
      since: '2024-12-01',
    });
  });
});

describe('assess: Type 2 period length', () => {
  it.each([
    ['2024-01-01', '2024-06-30', false],
    ['2024-01-01', '2024-06-29', true],
    // 2023-08-31 + 6 months clamps to 2024-02-29, so the period must run to 2024-02-28
    ['2023-08-31', '2024-02-28', false],
    ['2023-08-31', '2024-02-27', true],
  ] as const)('from %s to %s is too short: %s', (start, end, short) => {
    const a = assess(withReport({ period: [start, end] }).state(), '2024-11-20');
    expect(codes(a).includes('PERIOD_TOO_SHORT')).toBe(short);
    // The status too: a rule that named the right code with the wrong status must fail here.
    expect(a.status).toBe(short ? 'COVERAGE_GAP' : 'ASSURED');
    if (short) expect(reason(a, 'PERIOD_TOO_SHORT')).toMatchObject({ status: 'COVERAGE_GAP', message: expect.stringContaining('minimum of 6 months') });
  });
});

describe('assess: CUECs and expected controls', () => {
  it('one reason per unmapped CUEC; a PLANNED mapping is an exception', () => {
    const cuecs = ['C1', 'C2', 'C3'].map((ref) => ({ ref, description: `user control ${ref}` }));
    const state = withReport({ cuecs })
      .on('2024-11-16')
      .cuec('r1', 'C2', 'IMPLEMENTED')
      .cuec('r1', 'C3', 'PLANNED')
      .state();
    const a = assess(state, '2024-11-20');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(a.reasons).toEqual([
      expect.objectContaining({ code: 'CUEC_NOT_MAPPED', eventIds: ['received:r1'], since: '2024-11-15' }),
      expect.objectContaining({ code: 'CUEC_PLANNED', eventIds: ['cuec:r1:C3'], since: '2024-11-16' }),
    ]);
    expect(a.reasons[0]?.message).toContain('CUEC C1');
  });

  it('the expected controls R did not test, riskiest first', () => {
    const state = history()
      .registered()
      .on('2024-06-01')
      .expectedControls([
        { ref: 'A.2', risk: 'LOW' },
        { ref: 'A.10', risk: 'CRITICAL' },
        { ref: 'A.1', risk: 'CRITICAL' },
        { ref: 'B.1', risk: 'HIGH' },
      ])
      .on('2024-11-01')
      .report('r1', { controlsTested: ['b.1', 'Z.9'] })
      .on('2024-11-15')
      .accepted('r1')
      .state();
    const a = assess(state, '2024-11-20');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(a.reasons.map((r) => [r.code, r.message.split(' ').slice(0, 4).join(' '), r.eventIds])).toEqual([
      ['EXPECTED_CONTROL_NOT_TESTED', 'Expected CRITICAL control A.1', ['controls', 'received:r1']],
      ['EXPECTED_CONTROL_NOT_TESTED', 'Expected CRITICAL control A.10', ['controls', 'received:r1']],
      ['EXPECTED_CONTROL_NOT_TESTED', 'Expected LOW control A.2', ['controls', 'received:r1']],
    ]);
  });
});
