import { addDays, daysBetween } from '../domain/calendar';
import { acceptedReports, validBridgeLetter, type BridgeLetter } from '../domain/current-report';
import type { OrganizationState, ReportState } from '../domain/organization.state';
import type { IsoDate } from '../domain/oversight.vocabulary';
import { mergeSpans, spanDays, type Span } from './spans';

/** AUDITED: inside an accepted report's period. BRIDGED: only a valid bridge letter's span. */
export type CoverageKind = 'AUDITED' | 'BRIDGED' | 'GAP';

export interface CoverageSegment {
  from: IsoDate;
  to: IsoDate;
  days: number;
  kind: CoverageKind;
  reportId: string | null;
  letterId: string | null;
}

/** The longest window laid out day by day (a century), so a typo cannot stall the server. */
export const MAX_WINDOW_DAYS = 36_600;

interface DayCover {
  kind: CoverageKind;
  report: ReportState | null;
  letter: BridgeLetter | null;
}

/**
 * How each day from `from` to `to` is covered by the evidence held in `state`, as runs of equal
 * coverage laid end to end. Only accepted, unwithdrawn reports count, each with its valid bridge
 * letter (DESIGN §3 "reach"); where several reports cover a day, the one reaching furthest
 * speaks for it. Day by day on purpose: simple to check, and a decade is only 3,653 steps.
 */
export function coverageSegments(state: OrganizationState, from: IsoDate, to: IsoDate): CoverageSegment[] {
  if (daysBetween(from, to) + 1 > MAX_WINDOW_DAYS) throw new RangeError(`A coverage window is at most ${MAX_WINDOW_DAYS} days`);
  const reports = acceptedReports(state).map((report) => ({ report, letter: validBridgeLetter(state, report) }));
  const days: Span<DayCover>[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push({ from: day, to: day, value: coverOn(reports, day) });
  const same = (a: DayCover, b: DayCover) => a.kind === b.kind && a.report === b.report && a.letter === b.letter;
  return mergeSpans(days, same).map((s) => ({
    from: s.from,
    to: s.to,
    days: spanDays(s.from, s.to),
    kind: s.value.kind,
    reportId: s.value.report?.reportId ?? null,
    letterId: s.value.letter?.letterId ?? null,
  }));
}

function coverOn(reports: ReadonlyArray<{ report: ReportState; letter: BridgeLetter | null }>, day: IsoDate): DayCover {
  let best: DayCover = { kind: 'GAP', report: null, letter: null };
  let bestEnd = '';
  for (const { report, letter } of reports) {
    if (report.coverageStart <= day && day <= report.coverageEnd) {
      if (best.kind !== 'AUDITED' || report.coverageEnd >= bestEnd) {
        best = { kind: 'AUDITED', report, letter: null };
        bestEnd = report.coverageEnd;
      }
    } else if (best.kind !== 'AUDITED' && letter && report.coverageEnd < day && day <= letter.coversTo) {
      if (best.kind === 'GAP' || letter.coversTo >= bestEnd) {
        best = { kind: 'BRIDGED', report, letter };
        bestEnd = letter.coversTo;
      }
    }
  }
  return best;
}
