import { history } from '../domain/assess.fixtures';
import { coverageTimeline } from './coverage-timeline';

/**
 * Three cycles: r1 (2023), r2 (Jan–Sep 2024) bridged to the fiscal year end, a quarter with no
 * accepted report (r4 covering it awaits review), r3 (Apr–Dec 2025) with a bridge letter too
 * long to count, then nothing.
 */
function threeCycles() {
  return history('2023-01-02')
    .registered({ name: 'Eastbay Colo' })
    .on('2024-01-20').report('r1', { period: ['2023-01-01', '2023-12-31'] })
    .on('2024-01-25').accepted('r1')
    .on('2024-10-20').report('r2', { period: ['2024-01-01', '2024-09-30'] })
    .on('2024-10-25').accepted('r2')
    .on('2025-01-10').bridge('b2', 'r2', '2024-12-31')
    .on('2025-04-20').report('r4', { period: ['2024-10-01', '2025-03-31'] })
    .on('2026-01-20').report('r3', { period: ['2025-04-01', '2025-12-31'] })
    .on('2026-01-25').accepted('r3')
    .on('2026-01-26').bridge('b3', 'r3', '2026-06-30')
    .on('2026-02-01').physical('v1', { validatedOn: '2026-02-01' })
    .state();
}

describe('coverageTimeline', () => {
  const t = coverageTimeline(threeCycles(), { from: '2023-01-01', to: '2026-02-28', today: '2026-03-01' });

  it('lays the window end to end: audited, bridged and uncovered runs with their days', () => {
    expect(t.segments.map((s) => [s.kind, s.from, s.to, s.days, s.reportId, s.letterId])).toEqual([
      ['AUDITED', '2023-01-01', '2023-12-31', 365, 'r1', null],
      ['AUDITED', '2024-01-01', '2024-09-30', 274, 'r2', null],
      ['BRIDGED', '2024-10-01', '2024-12-31', 92, 'r2', 'b2'],
      ['GAP', '2025-01-01', '2025-03-31', 90, null, null],
      ['AUDITED', '2025-04-01', '2025-12-31', 275, 'r3', null],
      ['GAP', '2026-01-01', '2026-02-28', 59, null, null],
    ]);
    expect(t.totals).toEqual({
      days: 1155, auditedDays: 914, bridgedDays: 92, coveredDays: 1006, uncoveredDays: 149, coverageRatio: 1006 / 1155,
    });
  });

  it('names and measures every gap, saying what does not count and what could close it', () => {
    expect(t.gaps.map((g) => [g.code, g.from, g.to, g.days, g.afterReportId, g.beforeReportId])).toEqual([
      ['BETWEEN_REPORTS', '2025-01-01', '2025-03-31', 90, 'r2', 'r3'],
      ['AFTER_LAST_REPORT', '2026-01-01', '2026-02-28', 59, 'r3', null],
    ]);
    expect(t.gaps[0]!.reason).toContain('Report r4 (2024-10-01 to 2025-03-31) overlaps it but awaits its review.');
    expect(t.gaps[0]!.reason).toContain('only a report covering from 2024-10-01 can close it');
    expect(t.gaps[1]!.reason).toContain('Bridge letter b3 runs to 2026-06-30, beyond the 3-month limit (2026-03-31)');
    expect(t.gaps[1]!.reason).toContain('A bridge letter extending r3 to 2026-02-28 would close it.');
  });

  it('lists every report period, whatever became of it, and every bridge letter, counting or not', () => {
    expect(t.reports.map((r) => [r.reportId, r.state, r.counts, r.days])).toEqual([
      ['r1', 'ACCEPTED', true, 365],
      ['r2', 'ACCEPTED', true, 274],
      ['r4', 'PENDING_REVIEW', false, 182],
      ['r3', 'ACCEPTED', true, 275],
    ]);
    expect(t.bridgeLetters.map((l) => [l.letterId, l.valid, l.counts, l.days, l.limit])).toEqual([
      ['b2', true, true, 92, '2024-12-31'],
      ['b3', false, false, 181, '2026-03-31'],
    ]);
    expect(t.validations).toMatchObject([{ validationId: 'v1', kind: 'PHYSICAL', validUntil: '2027-02-01' }]);
  });

  it('says how each fiscal year end was covered', () => {
    expect(t.fiscalYearEnds).toEqual([
      { date: '2023-12-31', coverage: 'AUDITED', reportId: 'r1', letterId: null },
      { date: '2024-12-31', coverage: 'BRIDGED', reportId: 'r2', letterId: 'b2' },
      { date: '2025-12-31', coverage: 'AUDITED', reportId: 'r3', letterId: null },
    ]);
  });

  it('defaults to the first coverage start through today, and a window before any report is one named gap', () => {
    const d = coverageTimeline(threeCycles(), { today: '2026-03-01' });
    expect([d.from, d.to]).toEqual(['2023-01-01', '2026-03-01']);
    const early = coverageTimeline(threeCycles(), { from: '2022-12-01', to: '2022-12-31', today: '2026-03-01' });
    expect(early.gaps.map((g) => [g.code, g.days])).toEqual([['BEFORE_FIRST_REPORT', 31]]);
    const none = coverageTimeline(history().registered().state(), { today: '2023-10-31' });
    expect(none.gaps.map((g) => [g.code, g.from, g.to, g.days])).toEqual([['NO_ACCEPTED_REPORT', '2023-10-01', '2023-10-31', 31]]);
  });

  it('refuses a window that ends before it starts', () => {
    expect(() => coverageTimeline(threeCycles(), { from: '2025-01-02', to: '2025-01-01', today: '2026-03-01' })).toThrow(RangeError);
  });
});
