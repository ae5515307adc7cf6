import { addDays, daysBetween } from '../domain/calendar';
import { acceptedReports, bridgeLimit, reachOf, reportsInOrder } from '../domain/current-report';
import type { OrganizationState, ReportState } from '../domain/organization.state';
import type { IsoDate } from '../domain/oversight.vocabulary';
import type { CoverageSegment } from './coverage-days';
import { reportPeriodState } from './coverage-parts';

export type CoverageGapCode = 'NO_ACCEPTED_REPORT' | 'BEFORE_FIRST_REPORT' | 'BETWEEN_REPORTS' | 'AFTER_LAST_REPORT';

export interface CoverageGap {
  from: IsoDate;
  to: IsoDate;
  days: number;
  code: CoverageGapCode;
  /** One sentence: what the gap lies between, what does not count, and what could close it. */
  reason: string;
  /** The report whose reach ends just before the gap, if any. */
  afterReportId: string | null;
  /** The report whose coverage starts just after the gap, if any. */
  beforeReportId: string | null;
}

/** Names every uncovered run of days: what lies either side, and why nothing else counts. */
export function coverageGaps(state: OrganizationState, segments: readonly CoverageSegment[]): CoverageGap[] {
  const accepted = acceptedReports(state);
  return segments
    .filter((s) => s.kind === 'GAP')
    .map((g) => {
      const prior = latestReachBefore(state, accepted, g.from);
      const next = accepted.filter((r) => r.coverageStart > g.to).sort((a, b) => a.coverageStart.localeCompare(b.coverageStart))[0];
      const code: CoverageGapCode =
        accepted.length === 0 ? 'NO_ACCEPTED_REPORT' : !prior ? 'BEFORE_FIRST_REPORT' : next ? 'BETWEEN_REPORTS' : 'AFTER_LAST_REPORT';
      const span = `${g.from} to ${g.to} (${g.days === 1 ? '1 day' : `${g.days} days`})`;
      const between = [
        prior ? `after ${prior.report.reportId} reaches ${prior.reach}` : null,
        next ? `before ${next.reportId} starts on ${next.coverageStart}` : null,
      ].filter((x) => x !== null);
      const parts = [
        `No accepted report or valid bridge letter covers ${span}${between.length > 0 ? `, ${between.join(' and ')}` : ''}.`,
        ...(prior ? letterNotes(state, prior.report, g) : []),
        ...otherReports(state, g),
        ...(prior ? [closing(state, prior.report, g.to)] : []),
      ];
      return {
        from: g.from,
        to: g.to,
        days: g.days,
        code,
        reason: parts.join(' '),
        afterReportId: prior?.report.reportId ?? null,
        beforeReportId: next?.reportId ?? null,
      };
    });
}

function latestReachBefore(state: OrganizationState, accepted: readonly ReportState[], day: IsoDate) {
  let best: { report: ReportState; reach: IsoDate } | null = null;
  for (const report of accepted) {
    const reach = reachOf(state, report);
    if (reach < day && (best === null || reach > best.reach)) best = { report, reach };
  }
  return best;
}

/** Bridge letters on the report before the gap that reach into it but do not count. */
function letterNotes(state: OrganizationState, report: ReportState, gap: CoverageSegment): string[] {
  const limit = bridgeLimit(state, report);
  return report.bridgeLetterIds.flatMap((id) => {
    const letter = state.bridgeLetters[id];
    if (!letter || letter.coversTo < gap.from) return [];
    if (letter.coversTo > limit) {
      return [
        `Bridge letter ${id} runs to ${letter.coversTo}, beyond the ${state.policy.maxBridgeMonths}-month limit ` +
          `(${limit}), so it does not count at all.`,
      ];
    }
    return [`Bridge letter ${id} does not start at the coverage end ${report.coverageEnd}, so it does not count.`];
  });
}

/** Reports whose period overlaps the gap but that cannot be relied on. */
function otherReports(state: OrganizationState, gap: CoverageSegment): string[] {
  return reportsInOrder(state)
    .filter((r) => r.coverageStart <= gap.to && r.coverageEnd >= gap.from)
    .flatMap((r) => {
      const s = reportPeriodState(r);
      if (s === 'ACCEPTED' || s === 'ACCEPTED_WITH_CONDITIONS') return [];
      const what = { PENDING_REVIEW: 'awaits its review', REJECTED: 'was rejected', WITHDRAWN: 'was withdrawn' }[s];
      return [`Report ${r.reportId} (${r.coverageStart} to ${r.coverageEnd}) overlaps it but ${what}.`];
    });
}

function closing(state: OrganizationState, report: ReportState, gapEnd: IsoDate): string {
  const limit = bridgeLimit(state, report);
  if (gapEnd <= limit) return `A bridge letter extending ${report.reportId} to ${gapEnd} would close it.`;
  const beyond = daysBetween(report.coverageEnd, gapEnd);
  return (
    `It ends ${beyond} days after ${report.reportId}'s coverage end, beyond what a bridge letter may cover ` +
    `(to ${limit}), so only a report covering from ${addDays(report.coverageEnd, 1)} can close it.`
  );
}
