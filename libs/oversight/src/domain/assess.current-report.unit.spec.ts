import { acceptedSaas, history } from './assess.fixtures';
import {
  acceptedReports,
  addMonthsFromMonthEnd,
  bridgeLimit,
  currentReport,
  dateCoverage,
  pendingReports,
  reachOf,
} from './current-report';

/** The terms of DESIGN §3: accepted reports, R, reach, and how a date is covered. */

describe('current report helpers', () => {
  const state = history()
    .registered()
    .on('2023-11-01')
    .report('r0', { period: ['2022-10-01', '2023-09-30'] })
    .accepted('r0')
    .report('rej', { period: ['2023-01-01', '2023-12-31'] })
    .rejected('rej')
    .on('2024-11-01')
    .report('r1', { period: ['2023-10-01', '2024-09-30'] })
    .acceptedWithConditions('r1', ['x'])
    .report('pending', { period: ['2024-01-01', '2024-12-31'] })
    .report('gone', { period: ['2024-01-01', '2024-12-31'] })
    .accepted('gone')
    .withdrawn('gone')
    .state();

  it('acceptedReports: ACCEPTED or ACCEPTED_WITH_CONDITIONS, not withdrawn, in the order received', () => {
    expect(acceptedReports(state).map((r) => r.reportId)).toEqual(['r0', 'r1']);
    expect(acceptedReports(state, '2024-09-29').map((r) => r.reportId)).toEqual(['r0']);
    expect(pendingReports(state).map((r) => r.reportId)).toEqual(['pending']);
  });

  it('currentReport: the latest coverage end', () => {
    expect(currentReport(state)?.reportId).toBe('r1');
    expect(currentReport(state, '2024-09-29')?.reportId).toBe('r0');
    expect(currentReport(history().registered().state())).toBeNull();
  });

  it('reachOf: the furthest valid bridge letter, or the coverage end', () => {
    const s = acceptedSaas()
      .on('2024-12-01')
      .bridge('b1', 'r1', '2024-11-30')
      .bridge('b2', 'r1', '2025-01-15')
      .bridge('b3', 'r1', '2024-12-31')
      .state();
    const r1 = s.reports['r1']!;
    expect(bridgeLimit(s, r1)).toBe('2024-12-31');
    expect(reachOf(s, r1)).toBe('2024-12-31');
    expect(reachOf(acceptedSaas().state(), r1)).toBe('2024-09-30');
  });

  it('addMonthsFromMonthEnd anchors month ends, and only them', () => {
    expect(addMonthsFromMonthEnd('2024-09-30', 3)).toBe('2024-12-31');
    expect(addMonthsFromMonthEnd('2024-04-30', 1)).toBe('2024-05-31');
    expect(addMonthsFromMonthEnd('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonthsFromMonthEnd('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsFromMonthEnd('2024-09-29', 3)).toBe('2024-12-29');
    expect(addMonthsFromMonthEnd('2024-09-30', 0)).toBe('2024-09-30');
  });

  it('dateCoverage tells audited, bridged, gap and before-the-first-report apart', () => {
    const s = acceptedSaas().on('2025-01-10').bridge('b1', 'r1', '2024-12-31').state();
    const reports = acceptedReports(s);
    expect(dateCoverage(s, reports, '2023-12-31').kind).toBe('AUDITED');
    expect(dateCoverage(s, reports, '2024-12-31')).toMatchObject({ kind: 'BRIDGED', letter: { letterId: 'b1' } });
    expect(dateCoverage(s, reports, '2025-01-01')).toMatchObject({ kind: 'GAP', reach: '2024-12-31' });
    expect(dateCoverage(s, reports, '2023-09-30').kind).toBe('BEFORE_FIRST_REPORT');
    expect(dateCoverage(s, [], '2023-09-30').kind).toBe('NO_REPORT');
  });
});
