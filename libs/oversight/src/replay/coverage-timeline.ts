import { dayOf } from '../domain/calendar';
import { reportsInOrder } from '../domain/current-report';
import type { OrganizationState } from '../domain/organization.state';
import type { IsoDate } from '../domain/oversight.vocabulary';
import { coverageSegments, type CoverageSegment } from './coverage-days';
import { coverageGaps, type CoverageGap } from './coverage-gaps';
import {
  bridgeLetterPeriods,
  fiscalYearEnds,
  reportPeriod,
  validationPoint,
  type BridgeLetterPeriod,
  type FiscalYearEndPoint,
  type ReportPeriod,
  type ValidationPoint,
} from './coverage-parts';

export interface CoverageTotals {
  days: number;
  auditedDays: number;
  bridgedDays: number;
  coveredDays: number;
  uncoveredDays: number;
  /** Covered days over all days of the window (0..1). */
  coverageRatio: number;
}

export interface CoverageTimeline {
  from: IsoDate;
  to: IsoDate;
  fiscalYearEnd: string;
  reports: ReportPeriod[];
  bridgeLetters: BridgeLetterPeriod[];
  validations: ValidationPoint[];
  fiscalYearEnds: FiscalYearEndPoint[];
  /** The window laid end to end: audited, bridged and uncovered runs of days. */
  segments: CoverageSegment[];
  gaps: CoverageGap[];
  totals: CoverageTotals;
}

/**
 * Continuity over the years (DESIGN §5): every report period (whatever became of it), bridge
 * letter (counting or not), validation and fiscal year end in the window, with the days laid end
 * to end and every uncovered run named and measured. It reads the evidence held now: a report
 * accepted late covers its period here; ask the timeline or an as-of query for what was known
 * when. Default window: from the first report's coverage start (else registration) to `today`.
 */
export function coverageTimeline(
  state: OrganizationState,
  window: { from?: IsoDate | null; to?: IsoDate | null; today: IsoDate },
): CoverageTimeline {
  const reports = reportsInOrder(state);
  const from = window.from ?? defaultFrom(state, window.today);
  const to = window.to ?? window.today;
  if (from > to) throw new RangeError(`The window starts (${from}) after it ends (${to})`);
  const overlaps = (a: IsoDate, b: IsoDate) => a <= to && b >= from;
  const segments = coverageSegments(state, from, to);
  return {
    from,
    to,
    fiscalYearEnd: state.policy.fiscalYearEnd,
    reports: reports.filter((r) => overlaps(r.coverageStart, r.coverageEnd)).map(reportPeriod),
    bridgeLetters: reports.flatMap((r) => bridgeLetterPeriods(state, r)).filter((l) => overlaps(l.coversFrom, l.coversTo)),
    validations: state.validations
      .filter((v) => v.validatedOn >= from && v.validatedOn <= to)
      .sort((a, b) => a.validatedOn.localeCompare(b.validatedOn))
      .map((v) => validationPoint(state, v)),
    fiscalYearEnds: fiscalYearEnds(state, from, to),
    segments,
    gaps: coverageGaps(state, segments),
    totals: totalsOf(segments),
  };
}

function defaultFrom(state: OrganizationState, today: IsoDate): IsoDate {
  const first = reportsInOrder(state).map((r) => r.coverageStart).sort()[0];
  const start = first ?? (state.registered ? dayOf(state.registered.effectiveAt) : today);
  return start < today ? start : today;
}

function totalsOf(segments: readonly CoverageSegment[]): CoverageTotals {
  const sum = (kind: CoverageSegment['kind']) => segments.filter((s) => s.kind === kind).reduce((n, s) => n + s.days, 0);
  const [auditedDays, bridgedDays, uncoveredDays] = [sum('AUDITED'), sum('BRIDGED'), sum('GAP')];
  const days = auditedDays + bridgedDays + uncoveredDays;
  const coveredDays = auditedDays + bridgedDays;
  return { days, auditedDays, bridgedDays, coveredDays, uncoveredDays, coverageRatio: days === 0 ? 0 : coveredDays / days };
}
