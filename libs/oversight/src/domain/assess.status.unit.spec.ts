import { assess } from './assess';
import { acceptedSaas, codes, history, reason } from './assess.fixtures';
import { addDays } from './calendar';
import { initialState } from './organization.state';

/** One rule at a time, each on both sides of its boundary (DESIGN §3 "Assurance status"). */

describe('assess: OFFBOARDED and unregistered', () => {
  it('an offboarded organization has one reason, no flags and nothing scheduled', () => {
    const state = acceptedSaas().on('2025-01-10').report('r2').on('2025-02-01').offboarded('vendor replaced').state();
    const a = assess(state, '2026-01-01');
    expect(a.status).toBe('OFFBOARDED');
    expect(a.flags).toEqual([]);
    expect(a.reasons).toEqual([
      {
        code: 'ORGANIZATION_OFFBOARDED',
        status: 'OFFBOARDED',
        flag: null,
        message: 'Offboarded on 2025-02-01: vendor replaced',
        eventIds: ['offboarded'],
        since: '2025-02-01',
      },
    ]);
    expect(a.nextReassessmentOn).toBeNull();
  });

  it('an unregistered state is NO_ASSURANCE, defensively', () => {
    const a = assess(initialState(), '2025-03-01T12:00:00Z');
    expect(a).toMatchObject({ at: '2025-03-01', status: 'NO_ASSURANCE', relianceDate: '2024-12-31' });
    expect(codes(a)).toEqual(['ORGANIZATION_NOT_REGISTERED']);
    expect(a.nextReassessmentOn).toBeNull();
  });
});

describe('assess: NO_ASSURANCE', () => {
  it('holds since registration when no report was ever accepted', () => {
    const a = assess(history().registered().state(), '2023-03-01');
    expect(a.status).toBe('NO_ASSURANCE');
    expect(a.reasons).toEqual([
      expect.objectContaining({ code: 'NO_ACCEPTED_REPORT', eventIds: ['registered'], since: '2023-10-01' }),
    ]);
    expect(a).toMatchObject({ currentReportId: null, reach: null, expiresAt: null, nextReassessmentOn: '2023-12-31' });
  });

  it('names a report awaiting review and raises PENDING_REVIEW', () => {
    const a = assess(history().registered().on('2024-11-01').report('r1').state(), '2024-11-05');
    expect(a.status).toBe('NO_ASSURANCE');
    expect(a.flags).toEqual(['PENDING_REVIEW']);
    expect(reason(a, 'NO_ACCEPTED_REPORT')?.message).toContain('Awaiting review: the SOC 2 Type 2 report by Audit & Co for 2023-10-01 to 2024-09-30.');
    expect(reason(a, 'REPORT_PENDING_REVIEW')).toEqual(
      expect.objectContaining({ status: null, flag: 'PENDING_REVIEW', eventIds: ['received:r1'], since: '2024-11-01' }),
    );
  });

  it('holds since the withdrawal of the last accepted report', () => {
    const a = assess(acceptedSaas().on('2024-12-01').withdrawn('r1').state(), '2024-12-02');
    expect(a.status).toBe('NO_ASSURANCE');
    expect(a.reasons[0]).toEqual(
      expect.objectContaining({ code: 'NO_ACCEPTED_REPORT', eventIds: ['withdrawn:r1'], since: '2024-12-01' }),
    );
    expect(a.reasons[0]?.message).toContain('the SOC 2 Type 2 report by Audit & Co for 2023-10-01 to 2024-09-30 was withdrawn on 2024-12-01');
  });

  it('a rejected report gives no assurance', () => {
    const state = history().registered().on('2024-11-01').report('r1').on('2024-11-15').rejected('r1').state();
    const a = assess(state, '2024-11-20');
    expect(a.status).toBe('NO_ASSURANCE');
    expect(a.flags).toEqual([]);
    expect(reason(a, 'NO_ACCEPTED_REPORT')).toMatchObject({ eventIds: ['review:r1'], since: '2024-11-15' });
  });

  it('does not rely on an accepted report before its coverage has ended', () => {
    const state = history()
      .registered()
      .on('2024-01-10')
      .report('r1', { period: ['2024-01-01', '2024-06-30'] })
      .accepted('r1')
      .state();
    const before = assess(state, '2024-06-29');
    expect(before.status).toBe('NO_ASSURANCE');
    expect(before.reasons[0]?.message).toContain('Not relied on yet: the SOC 2 Type 2 report by Audit & Co for 2024-01-01 to 2024-06-30 (its coverage ends 2024-06-30)');
    expect(before.nextReassessmentOn).toBe('2024-06-30');
    const on = assess(state, '2024-06-30');
    expect(on).toMatchObject({ status: 'ASSURED', currentReportId: 'r1', coverageEnd: '2024-06-30' });
  });
});

describe('assess: NOT_ASSURED', () => {
  const withOpinion = (opinion: 'ADVERSE' | 'DISCLAIMER') =>
    history().registered().on('2024-11-01').report('r1', { opinion }).on('2024-11-15').accepted('r1').state();

  it.each([
    ['ADVERSE', 'ADVERSE_OPINION'],
    ['DISCLAIMER', 'DISCLAIMER_OF_OPINION'],
  ] as const)('an accepted report with a %s opinion', (opinion, code) => {
    const a = assess(withOpinion(opinion), '2024-11-20');
    expect(a.status).toBe('NOT_ASSURED');
    expect(a.reasons).toEqual([
      expect.objectContaining({ code, eventIds: ['received:r1', 'review:r1'], since: '2024-11-15' }),
    ]);
  });

  describe('a CRITICAL exception past its remediation due date', () => {
    const state = acceptedSaas()
      .on('2024-11-20')
      .exception('x1', { severity: 'CRITICAL' })
      .planned('x1', '2024-12-10')
      .state();

    it.each(['2024-12-09', '2024-12-10'])('is only open on %s', (day) => {
      const a = assess(state, day);
      expect(a.status).toBe('ASSURED_WITH_EXCEPTIONS');
      expect(reason(a, 'EXCEPTION_OPEN')).toMatchObject({ eventIds: ['found:x1', 'planned:x1'], since: '2024-11-20' });
      expect(a.nextReassessmentOn).toBe('2024-12-11');
    });

    it('is overdue the day after, reported once', () => {
      const a = assess(state, '2024-12-11');
      expect(a.status).toBe('NOT_ASSURED');
      expect(codes(a)).toEqual(['CRITICAL_EXCEPTION_OVERDUE']);
      expect(a.reasons[0]).toMatchObject({ eventIds: ['found:x1', 'planned:x1'], since: '2024-12-11' });
    });

    it('a HIGH exception past its due date stays ASSURED_WITH_EXCEPTIONS', () => {
      const high = acceptedSaas().on('2024-11-20').exception('x1').planned('x1', '2024-12-10').state();
      const a = assess(high, '2024-12-11');
      expect(a.status).toBe('ASSURED_WITH_EXCEPTIONS');
      expect(reason(a, 'EXCEPTION_OPEN')?.message).toContain('remediation overdue since 2024-12-11');
    });

    it('a closed one does not count', () => {
      const closed = acceptedSaas()
        .on('2024-11-20')
        .exception('x1', { severity: 'CRITICAL' })
        .planned('x1', '2024-12-10')
        .on('2024-12-20')
        .closed('x1')
        .state();
      expect(assess(closed, '2024-12-21').status).toBe('ASSURED');
    });
  });

  describe('a risk acceptance covers through its last day', () => {
    const state = acceptedSaas()
      .on('2024-11-20')
      .exception('x1', { severity: 'CRITICAL' })
      .planned('x1', '2024-12-01')
      .exception('x2', { severity: 'LOW' })
      .on('2024-11-25')
      .riskAccepted('x1', '2024-12-20')
      .riskAccepted('x2', '2024-12-20')
      .state();

    it('on its last day', () => {
      const a = assess(state, '2024-12-20');
      expect(a.status).toBe('ASSURED');
      expect(a.nextReassessmentOn).toBe('2024-12-21');
    });

    it('and lapses the day after', () => {
      const a = assess(state, '2024-12-21');
      expect(a.status).toBe('NOT_ASSURED');
      expect(a.reasons).toEqual([
        expect.objectContaining({
          code: 'CRITICAL_EXCEPTION_OVERDUE',
          eventIds: ['found:x1', 'planned:x1', 'risk:x1'],
          since: '2024-12-21',
        }),
        expect.objectContaining({ code: 'EXCEPTION_OPEN', eventIds: ['found:x2', 'risk:x2'], since: '2024-12-21' }),
      ]);
      expect(a.reasons[1]?.message).toContain('risk acceptance lapsed after 2024-12-20');
    });

    it('an acceptance without an end never lapses', () => {
      const forever = acceptedSaas()
        .on('2024-11-20')
        .exception('x1', { severity: 'CRITICAL' })
        .planned('x1', '2024-12-01')
        .riskAccepted('x1', null)
        .state();
      expect(assess(forever, '2024-12-30').status).toBe('ASSURED');
    });
  });
});

describe('assess: EXPIRED', () => {
  // r1 ends 2024-09-30; a bridge letter carries it over the fiscal year end 2024-12-31.
  const state = acceptedSaas().on('2025-01-10').bridge('b1', 'r1', '2024-12-31').state();

  it.each(['2025-09-29', '2025-09-30'])('is still current on %s', (day) => {
    const a = assess(state, day);
    // Within the warning window the message counts down, so the next day is announced.
    expect(a).toMatchObject({ status: 'ASSURED', expiresAt: '2025-09-30', nextReassessmentOn: addDays(day, 1) });
    expect(codes(a)).not.toContain('REPORT_EXPIRED');
  });

  it('expires the day after expiresAt', () => {
    const a = assess(state, '2025-10-01');
    expect(a.status).toBe('EXPIRED');
    expect(reason(a, 'REPORT_EXPIRED')).toMatchObject({ eventIds: ['received:r1'], since: '2025-10-01' });
    expect(a.nextReassessmentOn).toBe('2025-12-31');
  });

  it('clamps a leap day: a report ending 2024-02-29 is current through 2025-02-28', () => {
    const leap = history()
      .registered()
      .on('2024-03-15')
      .report('r1', { period: ['2023-03-01', '2024-02-29'] })
      .accepted('r1')
      .state();
    expect(assess(leap, '2025-02-28')).toMatchObject({ expiresAt: '2025-02-28' });
    expect(codes(assess(leap, '2025-02-28'))).not.toContain('REPORT_EXPIRED');
    expect(assess(leap, '2025-03-01').status).toBe('EXPIRED');
  });

  it('follows the policy age', () => {
    const short = history()
      .registered()
      .policy({ maxReportAgeMonths: 6 })
      .on('2024-11-01')
      .report('r1', { period: ['2024-01-01', '2024-09-30'] })
      .accepted('r1')
      .state();
    expect(assess(short, '2025-03-30').status).toBe('COVERAGE_GAP');
    expect(assess(short, '2025-03-31').status).toBe('EXPIRED');
  });
});
