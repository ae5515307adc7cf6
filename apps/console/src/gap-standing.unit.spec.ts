import type { CoverageTimeline } from './api/coverage';
import { gapStanding } from './gap-standing';

/** Which uncovered days a status rule counts, derived from the coverage timeline (DESIGN §3). */
const report = (reportId: string, coverageEnd: string, counts = true) =>
  ({ reportId, coverageStart: '2000-01-01', coverageEnd, days: 1, state: 'ACCEPTED', counts, framework: 'SOC2', reportType: 'TYPE_2', opinion: 'UNMODIFIED', eventIds: [] });
const gap = (from: string, to: string, code = 'AFTER_LAST_REPORT') => ({ from, to, days: 1, code, reason: '' });
const timeline = (reports: CoverageTimeline['reports'], fiscalYearEnds: CoverageTimeline['fiscalYearEnds'] = []) => ({ reports, fiscalYearEnds });

describe('gapStanding', () => {
  it('the time after a period, before the report expires and before a fiscal year end, is not yet due', () => {
    const s = gapStanding(gap('2026-10-01', '2026-12-04'), timeline([report('r', '2026-09-30')]), 12);
    expect(s).toEqual({ counted: false, why: expect.stringContaining('holds until 2027-09-30') });
  });

  it('counts it on the day after the expiry, not on the expiry day itself', () => {
    const t = timeline([report('r', '2025-09-30')]);
    expect(gapStanding(gap('2025-10-01', '2026-09-30'), t, 12).counted).toBe(false);
    expect(gapStanding(gap('2025-10-01', '2026-10-01'), t, 12)).toEqual({ counted: true, why: 'r expired after 2026-09-30' });
  });

  it('counts a gap an uncovered fiscal year end falls in, and not one whose fiscal year end is bridged', () => {
    const uncovered = timeline([report('r', '2026-09-30')], [{ date: '2026-12-31', coverage: 'GAP', reportId: null, letterId: null }]);
    expect(gapStanding(gap('2026-10-01', '2027-01-05'), uncovered, 12).counted).toBe(true);
    expect(gapStanding(gap('2026-10-01', '2026-12-30'), uncovered, 12).counted).toBe(false);
    const bridged = timeline([report('r', '2026-09-30')], [{ date: '2026-12-31', coverage: 'BRIDGED', reportId: 'r', letterId: 'l' }]);
    expect(gapStanding(gap('2027-01-01', '2027-01-05'), bridged, 12).counted).toBe(false);
  });

  it('counts every gap while no report is accepted; a report that does not count is no prior report', () => {
    expect(gapStanding(gap('2026-01-01', '2026-02-01', 'NO_ACCEPTED_REPORT'), timeline([]), 12).counted).toBe(true);
    expect(gapStanding(gap('2026-10-01', '2026-10-02'), timeline([report('r', '2026-09-30', false)]), 12).counted).toBe(true);
  });
});
