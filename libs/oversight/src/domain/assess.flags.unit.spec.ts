import { assess } from './assess';
import { acceptedSaas, codes, reason } from './assess.fixtures';

/** Flags beside the status: PENDING_REVIEW, EXPIRING, BRIDGED (DESIGN §3). */

describe('assess: PENDING_REVIEW', () => {
  const withSecond = () => acceptedSaas().on('2024-12-01').report('r2', { period: ['2024-01-01', '2024-10-31'] });

  it('the status still rests on R while a newer report awaits review', () => {
    const a = assess(withSecond().state(), '2024-12-02');
    expect(a).toMatchObject({ status: 'ASSURED', flags: ['PENDING_REVIEW'], currentReportId: 'r1' });
    expect(a.reasons.map((r) => [r.code, r.status, r.flag])).toEqual([
      ['CURRENT_REPORT_ACCEPTED', 'ASSURED', null],
      ['REPORT_PENDING_REVIEW', null, 'PENDING_REVIEW'],
    ]);
    expect(reason(a, 'REPORT_PENDING_REVIEW')).toMatchObject({ eventIds: ['received:r2'], since: '2024-12-01' });
  });

  it('ends with the review, or with the withdrawal', () => {
    const reviewed = assess(withSecond().on('2024-12-10').accepted('r2').state(), '2024-12-11');
    expect(reviewed).toMatchObject({ flags: [], currentReportId: 'r2', coverageEnd: '2024-10-31' });
    const withdrawn = assess(withSecond().on('2024-12-10').withdrawn('r2').state(), '2024-12-11');
    expect(withdrawn).toMatchObject({ flags: [], currentReportId: 'r1' });
  });
});

describe('assess: EXPIRING', () => {
  // r1 is current through 2025-09-30; the 60-day window opens on 2025-08-01.
  const state = acceptedSaas().on('2025-01-10').bridge('b1', 'r1', '2024-12-31').state();

  it('not the day before the window opens', () => {
    const a = assess(state, '2025-07-31');
    expect(a.flags).toEqual(['BRIDGED']);
    expect(a.nextReassessmentOn).toBe('2025-08-01');
  });

  it('from the day the window opens, counting down', () => {
    const a = assess(state, '2025-08-01');
    expect(a).toMatchObject({ status: 'ASSURED', flags: ['EXPIRING', 'BRIDGED'], nextReassessmentOn: '2025-08-02' });
    expect(reason(a, 'REPORT_EXPIRING')).toEqual({
      code: 'REPORT_EXPIRING',
      status: null,
      flag: 'EXPIRING',
      message: 'The current SOC 2 Type 2 report by Audit & Co for 2023-10-01 to 2024-09-30 expires on 2025-09-30, in 60 days.',
      eventIds: ['received:r1'],
      since: '2025-08-01',
    });
    expect(reason(assess(state, '2025-09-29'), 'REPORT_EXPIRING')?.message).toContain('in 1 day.');
    expect(reason(assess(state, '2025-09-30'), 'REPORT_EXPIRING')?.message).toContain('2025-09-30, today.');
  });

  it('no longer once expired', () => {
    const a = assess(state, '2025-10-01');
    expect(a.flags).toEqual(['BRIDGED']);
    expect(codes(a)).toEqual(['REPORT_EXPIRED', 'FISCAL_YEAR_END_BRIDGED']);
  });

  it('follows the policy warning', () => {
    const short = acceptedSaas().on('2025-01-10').policy({ expiryWarningDays: 10 }).bridge('b1', 'r1', '2024-12-31');
    expect(assess(short.state(), '2025-09-19').flags).toEqual(['BRIDGED']);
    expect(assess(short.state(), '2025-09-20').flags).toEqual(['EXPIRING', 'BRIDGED']);
  });
});

describe('assess: BRIDGED', () => {
  it('when F is reached only through a bridge letter', () => {
    const a = assess(acceptedSaas().on('2025-01-10').bridge('b1', 'r1', '2024-12-31').state(), '2025-01-10');
    expect(a).toMatchObject({ status: 'ASSURED', flags: ['BRIDGED'], reach: '2024-12-31', coverageEnd: '2024-09-30' });
    expect(a.reasons[0]).toMatchObject({
      code: 'CURRENT_REPORT_ACCEPTED',
      eventIds: ['received:r1', 'review:r1', 'bridge:b1'],
    });
    expect(a.reasons[1]).toMatchObject({
      code: 'FISCAL_YEAR_END_BRIDGED',
      status: null,
      flag: 'BRIDGED',
      eventIds: ['received:r1', 'bridge:b1'],
      since: '2025-01-10',
    });
    expect(a.reasons[1]?.message).toContain('a bridge letter is a management assertion, not an audit opinion');
  });

  it('not when an audited period contains F', () => {
    const state = acceptedSaas()
      .on('2025-01-10')
      .bridge('b1', 'r1', '2024-12-31')
      .on('2025-02-01')
      .report('r2', { period: ['2024-07-01', '2024-12-31'] })
      .accepted('r2')
      .state();
    expect(assess(state, '2025-02-02')).toMatchObject({ flags: [], currentReportId: 'r2', reach: '2024-12-31' });
  });

  it('all flags at once, in their fixed order, after every status reason', () => {
    const state = acceptedSaas()
      .on('2025-01-10')
      .bridge('b1', 'r1', '2024-12-31')
      .on('2025-08-10')
      .report('r2', { period: ['2024-10-01', '2025-06-30'] })
      .exception('x1')
      .state();
    const a = assess(state, '2025-08-15');
    expect(a.flags).toEqual(['PENDING_REVIEW', 'EXPIRING', 'BRIDGED']);
    expect(codes(a)).toEqual(['EXCEPTION_OPEN', 'REPORT_PENDING_REVIEW', 'REPORT_EXPIRING', 'FISCAL_YEAR_END_BRIDGED']);
  });
});
