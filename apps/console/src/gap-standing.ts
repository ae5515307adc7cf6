import type { CoverageTimeline } from './api/coverage';
import { addMonths } from './dates';

type Gap = CoverageTimeline['gaps'][number];

/** Whether a status rule counts an uncovered run of days, and why, in a clause. */
export interface GapStanding {
  counted: boolean;
  why: string;
}

/**
 * The coverageTimeline names gaps but does not say which ones a rule counts, so this derives it
 * from the timeline's own fields and the policy, after DESIGN §3: a gap counts when there is no
 * accepted report (NO_ASSURANCE), when an uncovered fiscal year end falls in it
 * (FISCAL_YEAR_END_NOT_COVERED), or when it runs past the expiry of the report before it,
 * coverage end + max report age (EXPIRED). Otherwise it is the ordinary time after a period
 * while the next report is not yet due: not yet covered, not yet due.
 */
export function gapStanding(gap: Gap, t: Pick<CoverageTimeline, 'reports' | 'fiscalYearEnds'>, maxReportAgeMonths: number): GapStanding {
  if (gap.code === 'NO_ACCEPTED_REPORT') return { counted: true, why: 'no accepted report' };
  if (gap.code === 'BEFORE_FIRST_REPORT') return { counted: true, why: 'before the first accepted report' };
  const fye = t.fiscalYearEnds.find((f) => f.date >= gap.from && f.date <= gap.to && (f.coverage === 'GAP' || f.coverage === 'NO_REPORT'));
  if (fye) return { counted: true, why: `the fiscal year end ${fye.date} falls in it uncovered` };
  const prior = t.reports
    .filter((r) => r.counts && r.coverageEnd < gap.from)
    .sort((a, b) => a.coverageEnd.localeCompare(b.coverageEnd))
    .at(-1);
  if (!prior) return { counted: true, why: 'no accepted report before it' };
  const expiry = addMonths(prior.coverageEnd, maxReportAgeMonths);
  if (gap.to > expiry) return { counted: true, why: `${prior.reportId} expired after ${expiry}` };
  return {
    counted: false,
    why:
      gap.code === 'AFTER_LAST_REPORT'
        ? `${prior.reportId} holds until ${expiry} and no fiscal year end has fallen since its period`
        : `no fiscal year end fell in it and ${prior.reportId} held until ${expiry}`,
  };
}
