import type { OrganizationDetail, Report } from './api/detail';
import { deriveCoverageTimeline } from './coverage';

/** The browser's own continuity timeline, for servers without coverageTimeline. */
const policy: OrganizationDetail['policy'] = {
  fiscalYearEnd: '12-31', maxBridgeMonths: 3, maxReportAgeMonths: 12, minPeriodMonths: 6, physicalValidationMonths: 12,
  expiryWarningDays: 60, requiredFramework: null, requiredReportType: null, requiredCriteria: [], isSet: false,
};
const report = (id: string, start: string, end: string, over: Partial<Report> = {}): Report => ({
  reportId: id, framework: 'SOC2', reportType: 'TYPE_2', coverageStart: start, coverageEnd: end, periodStart: start, periodEnd: end,
  asOfDate: null, opinion: 'UNMODIFIED', serviceAuditor: 'A', receivedAt: `${end}T00:00:00Z`,
  review: { decision: 'ACCEPTED', reviewer: 'r', conditions: [], concludedAt: `${end}T00:00:00Z` }, withdrawal: null,
  bridgeLetters: [], subserviceOrganizations: [], ...over,
});
const detail = (reports: Report[]): OrganizationDetail => ({ policy, reports, validations: [], exceptions: [] });

describe('deriveCoverageTimeline', () => {
  it('names the gap after the last report in days, as the server does (Northgate: 783 days)', () => {
    const t = deriveCoverageTimeline(detail([report('northgate-soc2-2', '2023-10-01', '2024-09-30')]), '2026-11-22');
    expect(t.gaps).toEqual([expect.objectContaining({ from: '2024-10-01', to: '2026-11-22', days: 783, code: 'AFTER_LAST_REPORT' })]);
    expect(t.fiscalYearEnds.map((f) => [f.date, f.coverage])).toEqual([['2023-12-31', 'AUDITED'], ['2024-12-31', 'GAP'], ['2025-12-31', 'GAP']]);
    expect(t.totals).toMatchObject({ days: 1149, coveredDays: 366, uncoveredDays: 783 });
  });

  it('a valid bridge letter closes a gap; one beyond the maximum bridge does not count', () => {
    const letter = (id: string, to: string) => ({ letterId: id, coversFrom: '2025-10-01', coversTo: to, receivedAt: '2026-01-05T00:00:00Z' });
    const bridged = deriveCoverageTimeline(detail([report('r1', '2024-10-01', '2025-09-30', { bridgeLetters: [letter('bl', '2025-12-31')] })]), '2025-12-31');
    expect(bridged.gaps).toEqual([]);
    expect(bridged.fiscalYearEnds.find((f) => f.date === '2025-12-31')?.coverage).toBe('BRIDGED');
    const tooLong = deriveCoverageTimeline(detail([report('r1', '2024-10-01', '2025-09-30', { bridgeLetters: [letter('bl', '2026-03-31')] })]), '2026-03-31');
    expect(tooLong.bridgeLetters[0]).toMatchObject({ valid: false, counts: false });
    expect(tooLong.gaps[0]).toMatchObject({ from: '2025-10-01', to: '2026-03-31', days: 182 });
  });

  it('counts only accepted, not withdrawn reports; gaps between reports are named', () => {
    const t = deriveCoverageTimeline(
      detail([
        report('a', '2023-01-01', '2023-12-31'),
        report('pending', '2024-01-01', '2024-06-30', { review: null }),
        report('b', '2024-07-01', '2025-06-30'),
        report('gone', '2025-07-01', '2025-12-31', { withdrawal: { reason: 'entered in error', withdrawnAt: '2026-01-02T00:00:00Z' } }),
      ]),
      '2025-12-31',
    );
    expect(t.reports.map((r) => [r.reportId, r.state, r.counts])).toEqual([
      ['a', 'ACCEPTED', true], ['pending', 'PENDING_REVIEW', false], ['b', 'ACCEPTED', true], ['gone', 'WITHDRAWN', false],
    ]);
    expect(t.gaps.map((g) => [g.code, g.from, g.to, g.days])).toEqual([
      ['BETWEEN_REPORTS', '2024-01-01', '2024-06-30', 182],
      ['AFTER_LAST_REPORT', '2025-07-01', '2025-12-31', 184],
    ]);
  });

  it('with no accepted report, the whole window is one gap', () => {
    const t = deriveCoverageTimeline(detail([report('p', '2025-01-01', '2025-12-31', { review: null })]), '2026-01-10');
    expect(t.gaps).toEqual([expect.objectContaining({ code: 'NO_ACCEPTED_REPORT', from: '2026-01-10', to: '2026-01-10', days: 1 })]);
  });
});
