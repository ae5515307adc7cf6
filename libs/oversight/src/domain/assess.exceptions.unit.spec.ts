import { assess, isOutstanding } from './assess';
import { acceptedSaas, codes, history, reason } from './assess.fixtures';

/** ASSURED_WITH_EXCEPTIONS and ASSURED (DESIGN §3 rules 6 and 7). */

describe('assess: ASSURED', () => {
  it('says why it is green', () => {
    const a = assess(acceptedSaas().state(), '2024-11-20T23:59:59Z');
    expect(a).toEqual({
      at: '2024-11-20',
      status: 'ASSURED',
      flags: [],
      reasons: [
        {
          code: 'CURRENT_REPORT_ACCEPTED',
          status: 'ASSURED',
          flag: null,
          message:
            'The current SOC 2 Type 2 report by Audit & Co for 2023-10-01 to 2024-09-30 was accepted and is current through 2025-09-30.',
          eventIds: ['received:r1', 'review:r1'],
          since: '2024-11-15',
        },
      ],
      currentReportId: 'r1',
      coverageEnd: '2024-09-30',
      reach: '2024-09-30',
      expiresAt: '2025-09-30',
      relianceDate: '2023-12-31',
      nextReassessmentOn: '2024-12-31',
    });
  });
});

describe('assess: ASSURED_WITH_EXCEPTIONS from the report and its review', () => {
  it('a qualified opinion on areas we do not rely on', () => {
    const qualified = { opinion: 'QUALIFIED' as const, qualifiedAreas: ['A1.2'], qualificationBasis: 'backup tests failed' };
    const state = history().registered().on('2024-11-01').report('r1', qualified).accepted('r1').state();
    const a = assess(state, '2024-11-20');
    expect(a.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(a.reasons).toEqual([
      expect.objectContaining({ code: 'QUALIFIED_OPINION', eventIds: ['received:r1', 'review:r1'] }),
    ]);
  });

  it('a review accepted with conditions', () => {
    const state = history()
      .registered()
      .on('2024-11-01')
      .report('r1')
      .on('2024-11-15')
      .acceptedWithConditions('r1', ['obtain the bridge letter', 'map CUECs'])
      .state();
    const a = assess(state, '2024-11-20');
    expect(a.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(a.reasons[0]).toMatchObject({ code: 'ACCEPTED_WITH_CONDITIONS', eventIds: ['review:r1'], since: '2024-11-15' });
    expect(a.reasons[0]?.message).toContain(': obtain the bridge letter; map CUECs.');
  });
});

describe('assess: open exceptions', () => {
  const state = acceptedSaas()
    .on('2024-11-16')
    .exception('x1', { severity: 'LOW', source: 'INCIDENT' })
    .on('2024-11-17')
    .exception('x2', { severity: 'CRITICAL', source: 'VALIDATION', criteriaRef: 'CC6.4' })
    .exception('x3', { severity: 'MEDIUM' })
    .on('2024-11-18')
    .closed('x3')
    .state();

  it('lists each outstanding exception, most severe first', () => {
    const a = assess(state, '2024-11-20');
    expect(a.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(a.reasons.map((r) => [r.code, r.eventIds, r.since])).toEqual([
      ['EXCEPTION_OPEN', ['found:x2'], '2024-11-17'],
      ['EXCEPTION_OPEN', ['found:x1'], '2024-11-16'],
    ]);
    expect(a.reasons[0]?.message).toBe(
      'CRITICAL exception on control CC6.1 (criteria CC6.4) "access not revoked", found 2024-11-17, is open: no remediation planned.',
    );
  });

  it('isOutstanding: closed never, accepted through the last day of the acceptance', () => {
    const s = acceptedSaas().on('2024-11-16').exception('x1').riskAccepted('x1', '2024-12-01').state();
    const x1 = s.exceptions['x1']!;
    expect(isOutstanding(x1, '2024-12-01')).toBe(false);
    expect(isOutstanding(x1, '2024-12-02')).toBe(true);
    expect(isOutstanding(state.exceptions['x3']!, '2030-01-01')).toBe(false);
  });
});

describe('assess: validations', () => {
  const base = () =>
    acceptedSaas()
      .on('2024-11-16')
      .operational('o1', { result: 'DEFICIENT', areas: ['LOGICAL_ACCESS', 'CHANGE_MANAGEMENT'] })
      .on('2024-11-18')
      .operational('o2', { areas: ['LOGICAL_ACCESS'] });

  it('the latest validation of each area speaks for it', () => {
    const state = base().state();
    const before = assess(state, '2024-11-17');
    expect(reason(before, 'VALIDATION_DEFICIENT')).toMatchObject({
      message: 'The operational validation of site site-1 by site visit on 2024-11-16 found logical access and change management deficient.',
      eventIds: ['validated:o1'],
      since: '2024-11-16',
    });
    // o2 is dated 2024-11-18: before that day it does not exist for the assessment.
    expect(before.nextReassessmentOn).toBe('2024-11-18');
    const after = assess(state, '2024-11-20');
    expect(after.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(reason(after, 'VALIDATION_DEFICIENT')?.message).toContain('found change management deficient');
  });

  it('another site, or an older validation recorded later, does not cure an area', () => {
    const state = base()
      .on('2024-11-19')
      .operational('o3', { siteId: 'site-2', areas: ['CHANGE_MANAGEMENT'] })
      .operational('o4', { validatedOn: '2024-11-10', areas: ['CHANGE_MANAGEMENT'] })
      .state();
    expect(codes(assess(state, '2024-11-20'))).toEqual(['VALIDATION_DEFICIENT']);
    const cured = base().on('2024-11-19').operational('o5', { areas: ['CHANGE_MANAGEMENT'] }).state();
    expect(assess(cured, '2024-11-20').status).toBe('ASSURED');
  });
});

describe('assess: physical and environmental validation of a data center', () => {
  const colo = () =>
    history()
      .registered({ category: 'DATA_CENTER_COLOCATION', name: 'Nordic Colo' })
      .on('2024-11-01')
      .report('r1')
      .on('2024-11-15')
      .accepted('r1')
      .on('2025-01-10')
      .bridge('b1', 'r1', '2024-12-31');

  it('is missing when none was ever recorded, since registration', () => {
    const a = assess(colo().state(), '2024-11-20');
    expect(a.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(a.reasons).toEqual([
      expect.objectContaining({ code: 'PHYSICAL_VALIDATION_INCOMPLETE', eventIds: ['registered'], since: '2023-10-01' }),
    ]);
    expect(a.reasons[0]?.message).toBe(
      'No effective validation within 12 months, by a site visit, reference to the service auditor\'s tests or ' +
        'remote evidence, covers the organization: physical access, visitor management, CCTV, fire detection and ' +
        'suppression, power (UPS and generator), cooling and environmental monitoring.',
    );
  });

  it('a DEFICIENT one does not count as effective', () => {
    const a = assess(colo().on('2024-11-16').physical('v1', { result: 'DEFICIENT' }).state(), '2024-11-20');
    expect(codes(a)).toEqual(['VALIDATION_DEFICIENT', 'PHYSICAL_VALIDATION_INCOMPLETE']);
  });

  it('a leap-day site visit is good through 2025-02-28 and stale from 2025-03-01', () => {
    const state = colo().on('2024-02-29').physical('v1').state();
    const last = assess(state, '2025-02-28');
    expect(last).toMatchObject({ status: 'ASSURED', flags: ['BRIDGED'], nextReassessmentOn: '2025-03-01' });
    const stale = assess(state, '2025-03-01');
    expect(stale.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(reason(stale, 'PHYSICAL_VALIDATION_INCOMPLETE')).toMatchObject({
      eventIds: ['validated:v1'],
      since: '2025-03-01',
    });
    expect(reason(stale, 'PHYSICAL_VALIDATION_INCOMPLETE')?.message).toContain('(latest: the physical and environmental validation of site site-1 by site visit on 2024-02-29)');
  });

  it('a visit dated after the day assessed does not count yet', () => {
    const state = colo().on('2024-12-01').physical('v1').state();
    const before = assess(state, '2024-11-30');
    expect(codes(before)).toEqual(['PHYSICAL_VALIDATION_INCOMPLETE']);
    expect(before.nextReassessmentOn).toBe('2024-12-01');
    expect(assess(state, '2024-12-01').status).toBe('ASSURED');
  });

  it('other categories do not need one', () => {
    expect(assess(acceptedSaas().state(), '2024-11-20').status).toBe('ASSURED');
  });
});
