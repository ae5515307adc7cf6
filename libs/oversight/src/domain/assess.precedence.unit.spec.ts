import { assess } from './assess';
import {
  acceptedSaas,
  codes,
  daysFrom,
  history,
  missedReassessments,
  reason,
  sameVerdict,
  type History,
} from './assess.fixtures';
import { addDays, dayOf } from './calendar';

/** Several rules at once, the choice of R, a whole life, and the re-assessment schedule. */

describe('assess: precedence', () => {
  it('expired AND qualified AND an overdue critical exception is NOT_ASSURED, with every reason in order', () => {
    const state = history()
      .registered()
      .on('2024-11-01')
      .report('r1', { opinion: 'QUALIFIED', qualifiedAreas: ['A1.2'], qualificationBasis: 'backups untested' })
      .accepted('r1')
      .on('2025-01-10')
      .bridge('b1', 'r1', '2024-12-31')
      .on('2025-03-01')
      .exception('x2', { severity: 'HIGH' })
      .exception('x1', { severity: 'CRITICAL' })
      .planned('x1', '2025-06-30')
      .state();
    const a = assess(state, '2025-10-01');
    expect(a.status).toBe('NOT_ASSURED');
    expect(a.flags).toEqual(['BRIDGED']);
    expect(a.reasons.map((r) => [r.code, r.status, r.since])).toEqual([
      ['CRITICAL_EXCEPTION_OVERDUE', 'NOT_ASSURED', '2025-07-01'],
      ['REPORT_EXPIRED', 'EXPIRED', '2025-10-01'],
      ['QUALIFIED_OPINION', 'ASSURED_WITH_EXCEPTIONS', '2024-11-01'],
      ['EXCEPTION_OPEN', 'ASSURED_WITH_EXCEPTIONS', '2025-03-01'],
      ['FISCAL_YEAR_END_BRIDGED', null, '2025-01-10'],
    ]);
  });

  it('a coverage gap and an open exception is COVERAGE_GAP', () => {
    const a = assess(acceptedSaas().on('2024-12-01').exception('x1').state(), '2024-12-31');
    expect(a.status).toBe('COVERAGE_GAP');
    expect(codes(a)).toEqual(['FISCAL_YEAR_END_NOT_COVERED', 'EXCEPTION_OPEN']);
  });

  it('NO_ASSURANCE still lists the findings that do not need a report', () => {
    const state = history()
      .registered({ category: 'DATA_CENTER_COLOCATION' })
      .on('2024-03-01')
      .exception('x1', { severity: 'CRITICAL', source: 'INCIDENT' })
      .planned('x1', '2024-03-31')
      .state();
    expect(codes(assess(state, '2024-04-01'))).toEqual([
      'NO_ACCEPTED_REPORT',
      'CRITICAL_EXCEPTION_OVERDUE',
      'PHYSICAL_VALIDATION_INCOMPLETE',
    ]);
  });
});

describe('assess: which report is R', () => {
  const twoReports = () =>
    history()
      .registered()
      .on('2023-11-01')
      .report('r0', { period: ['2022-10-01', '2023-09-30'] })
      .accepted('r0')
      .on('2024-11-01')
      .report('r1', { period: ['2023-10-01', '2024-09-30'] })
      .on('2024-11-15')
      .accepted('r1');

  it('a withdrawn current report falls back to the previous accepted one', () => {
    const a = assess(twoReports().on('2024-12-01').withdrawn('r1', 'entered in error').state(), '2024-12-02');
    expect(a).toMatchObject({ status: 'EXPIRED', currentReportId: 'r0', expiresAt: '2024-09-30' });
    expect(codes(a)).toEqual(['REPORT_EXPIRED', 'FISCAL_YEAR_END_NOT_COVERED', 'FISCAL_YEAR_OVERLAP_INSUFFICIENT']);
    expect(reason(a, 'FISCAL_YEAR_END_NOT_COVERED')?.message).toContain('a gap of 92 days from 2023-10-01');
  });

  it('a REJECTED re-review removes a report from R', () => {
    const a = assess(twoReports().on('2024-12-01').rejected('r1').state(), '2024-12-02');
    expect(a.currentReportId).toBe('r0');
    const alone = acceptedSaas().on('2024-12-01').rejected('r1').state();
    expect(assess(alone, '2024-12-02').reasons[0]).toMatchObject({
      code: 'NO_ACCEPTED_REPORT',
      eventIds: ['review:r1#2'],
      since: '2024-12-01',
    });
  });

  it('on equal coverage ends, the report received later', () => {
    const state = twoReports()
      .on('2024-11-20')
      .report('r1b', { period: ['2024-04-01', '2024-09-30'] })
      .accepted('r1b')
      .state();
    expect(assess(state, '2024-11-21').currentReportId).toBe('r1b');
  });
});

/** The life of a data center, as an as-of query sees it on each day. */
describe('assess: the life of a data center', () => {
  const life = history('2024-01-15')
    .registered({ category: 'DATA_CENTER_COLOCATION', name: 'Nordic Colo' })
    .on('2024-11-10')
    .report('r1', { period: ['2023-10-01', '2024-09-30'] })
    .on('2024-11-20')
    .accepted('r1')
    .on('2024-12-01')
    .exception('x1', { severity: 'HIGH', source: 'VALIDATION' })
    .on('2024-12-05')
    .planned('x1', '2025-02-28')
    .on('2025-01-10')
    .bridge('b1', 'r1', '2024-12-31')
    .on('2025-02-10')
    .closed('x1')
    .on('2025-02-20')
    .physical('v1', { method: 'SITE_VISIT' });

  // Short names keep the table readable.
  const [NAR, PVM, PEND, XO, FNC, FB, CRA, EXPG, EXPD] = [
    'NO_ACCEPTED_REPORT',
    'PHYSICAL_VALIDATION_INCOMPLETE',
    'REPORT_PENDING_REVIEW',
    'EXCEPTION_OPEN',
    'FISCAL_YEAR_END_NOT_COVERED',
    'FISCAL_YEAR_END_BRIDGED',
    'CURRENT_REPORT_ACCEPTED',
    'REPORT_EXPIRING',
    'REPORT_EXPIRED',
  ];
  it.each([
    ['2024-01-15', 'NO_ASSURANCE', [], [NAR, PVM]],
    ['2024-11-10', 'NO_ASSURANCE', ['PENDING_REVIEW'], [NAR, PVM, PEND]],
    ['2024-11-20', 'ASSURED_WITH_EXCEPTIONS', [], [PVM]],
    ['2024-12-01', 'ASSURED_WITH_EXCEPTIONS', [], [XO, PVM]],
    ['2024-12-31', 'COVERAGE_GAP', [], [FNC, XO, PVM]],
    ['2025-01-10', 'ASSURED_WITH_EXCEPTIONS', ['BRIDGED'], [XO, PVM, FB]],
    ['2025-02-10', 'ASSURED_WITH_EXCEPTIONS', ['BRIDGED'], [PVM, FB]],
    ['2025-02-20', 'ASSURED', ['BRIDGED'], [CRA, FB]],
    ['2025-08-01', 'ASSURED', ['EXPIRING', 'BRIDGED'], [CRA, EXPG, FB]],
    ['2025-10-01', 'EXPIRED', ['BRIDGED'], [EXPD, FB]],
    ['2025-12-31', 'EXPIRED', [], [EXPD, FNC, 'FISCAL_YEAR_OVERLAP_INSUFFICIENT']],
  ])('on %s: %s %j', (day, status, flags, reasonCodes) => {
    const a = assess(life.stateOn(day), day);
    expect({ status: a.status, flags: a.flags, codes: codes(a) }).toEqual({ status, flags, codes: reasonCodes });
  });

  it('announces its next re-assessment at each step', () => {
    const next = (day: string) => assess(life.stateOn(day), day).nextReassessmentOn;
    expect(next('2024-11-20')).toBe('2024-12-31');
    expect(next('2024-12-05')).toBe('2024-12-31');
    expect(next('2025-02-20')).toBe('2025-08-01');
    expect(next('2025-10-01')).toBe('2025-12-31');
  });

  it('says when the exception was planned and why the gap could be bridged', () => {
    const gap = assess(life.stateOn('2024-12-31'), '2024-12-31');
    expect(reason(gap, 'EXCEPTION_OPEN')).toMatchObject({ eventIds: ['found:x1', 'planned:x1'], since: '2024-12-01' });
    expect(reason(gap, 'FISCAL_YEAR_END_NOT_COVERED')?.message).toContain('a valid bridge letter from Nordic Colo');
    const late = assess(life.stateOn('2025-12-31'), '2025-12-31');
    expect(reason(late, 'FISCAL_YEAR_END_NOT_COVERED')?.message).toContain('only a new report can close it');
  });
});

/**
 * nextReassessmentOn is a promise: nothing in the assessment changes before that day. Stepping
 * day by day over fixed states checks that no change is ever missed.
 */
describe('assess: nextReassessmentOn', () => {
  const busy = (): History =>
    history('2022-01-10')
      .registered({ category: 'DATA_CENTER_COLOCATION' })
      .policy({ fiscalYearEnd: '02-28', expiryWarningDays: 30, physicalValidationMonths: 6 })
      .on('2023-04-01')
      .report('r0', { period: ['2022-03-01', '2023-02-28'] })
      .accepted('r0')
      .on('2023-05-10')
      .physical('v1')
      .on('2024-03-20')
      .report('r1', { period: ['2023-03-01', '2024-02-29'], cuecs: [{ ref: 'C1', description: 'review access' }] })
      .acceptedWithConditions('r1', ['map C1'])
      .bridge('b1', 'r1', '2024-05-29')
      .on('2024-01-10')
      .physical('v2', { result: 'DEFICIENT', areas: ['COOLING'] })
      .operational('o1', { validatedOn: '2024-08-15', result: 'DEFICIENT' })
      .on('2024-03-25')
      .exception('x1', { severity: 'CRITICAL' })
      .planned('x1', '2024-04-15')
      .riskAccepted('x1', '2024-06-30')
      .exception('x2', { severity: 'MEDIUM' })
      .planned('x2', '2024-09-01')
      .exception('x3', { severity: 'LOW' })
      .riskAccepted('x3', '2025-01-31')
      .on('2024-07-01')
      .physical('v3', { areas: ['COOLING', 'PHYSICAL_ACCESS'] })
      .cuec('r1', 'C1', 'PLANNED')
      .on('2024-08-01')
      .report('r2', { asOf: '2024-09-30' })
      .accepted('r2')
      .on('2024-10-15')
      .report('r3', { period: ['2024-03-01', '2024-12-31'] });

  const histories: Array<[string, History, string, string]> = [
    ['a bridged SaaS vendor',
      acceptedSaas().on('2025-01-10').bridge('b1', 'r1', '2024-12-31'), '2024-01-01', '2026-06-30'],
    ['a busy data center', busy(), '2022-01-10', '2026-06-30'],
  ];

  it.each(histories)('never misses a change: %s', (_name, h, from, to) => {
    expect(missedReassessments(h.state(), from, to)).toEqual([]);
  });

  it.each(histories)('the verdict does change along the way: %s', (_name, h, from, to) => {
    const state = h.state();
    const changed = (d: string) => !sameVerdict(assess(state, addDays(d, -1)), assess(state, d));
    const changes = daysFrom(addDays(from, 1), to).filter(changed);
    expect(changes.length).toBeGreaterThan(5);
  });

  it('as known on each day: between events, changes come only on announced days', () => {
    const events = busy().build();
    const eventDays = new Set(events.map((e) => dayOf(e.effectiveAt)));
    const missed: string[] = [];
    let previous = assess(busy().stateOn('2022-01-10'), '2022-01-10');
    for (const day of daysFrom('2022-01-11', '2026-06-30')) {
      const current = assess(busy().stateOn(day), day);
      const changed = !sameVerdict(previous, current);
      if (changed && !eventDays.has(day) && previous.nextReassessmentOn !== day) missed.push(day);
      previous = current;
    }
    expect(missed).toEqual([]);
  });
});
