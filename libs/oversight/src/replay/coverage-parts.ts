import { addDays, addMonths, dayOf, daysBetween, latestFiscalYearEnd } from '../domain/calendar';
import { acceptedReports, bridgeLimit, dateCoverage, isAccepted, validBridgeLetter } from '../domain/current-report';
import type { OrganizationState, ReportState, ValidationRecord } from '../domain/organization.state';
import type { Framework, IsoDate, Opinion, ReportType } from '../domain/oversight.vocabulary';
import { spanDays } from './spans';

/** Where a report stands in our review, as the continuity timeline shows it. */
export type ReportPeriodState = 'ACCEPTED' | 'ACCEPTED_WITH_CONDITIONS' | 'PENDING_REVIEW' | 'REJECTED' | 'WITHDRAWN';

export interface ReportPeriod {
  reportId: string;
  framework: Framework;
  reportType: ReportType;
  opinion: Opinion;
  coverageStart: IsoDate;
  coverageEnd: IsoDate;
  days: number;
  state: ReportPeriodState;
  /** Accepted and not withdrawn: it covers its period. */
  counts: boolean;
  receivedOn: IsoDate;
  eventIds: string[];
}

export interface BridgeLetterPeriod {
  letterId: string;
  reportId: string;
  coversFrom: IsoDate;
  coversTo: IsoDate;
  /** Days beyond the report's coverage end that the letter claims to cover. */
  days: number;
  /** The last day a letter on this report may cover (coverage end + max bridge). */
  limit: IsoDate;
  /** Within the limit and contiguous with the report. */
  valid: boolean;
  /** Valid, on an accepted report, and the furthest such letter: it extends the reach. */
  counts: boolean;
  problem: string | null;
  eventIds: string[];
}

export interface ValidationPoint {
  validationId: string;
  kind: 'PHYSICAL' | 'OPERATIONAL';
  siteId: string | null;
  validatedOn: IsoDate;
  result: string;
  areas: string[];
  /** A physical validation counts for the policy interval; null for operational ones. */
  validUntil: IsoDate | null;
  eventIds: string[];
}

export interface FiscalYearEndPoint {
  date: IsoDate;
  coverage: 'AUDITED' | 'BRIDGED' | 'GAP' | 'BEFORE_FIRST_REPORT' | 'NO_REPORT';
  reportId: string | null;
  letterId: string | null;
}

export function reportPeriodState(r: ReportState): ReportPeriodState {
  if (r.withdrawn) return 'WITHDRAWN';
  if (!r.review) return 'PENDING_REVIEW';
  return r.review.decision === 'REJECTED' ? 'REJECTED' : r.review.decision;
}

export function reportPeriod(r: ReportState): ReportPeriod {
  const ids = [r.received.eventId, r.review?.eventId, r.withdrawn?.eventId].filter((x): x is string => !!x);
  return {
    reportId: r.reportId, framework: r.framework, reportType: r.reportType, opinion: r.opinion,
    coverageStart: r.coverageStart, coverageEnd: r.coverageEnd, days: spanDays(r.coverageStart, r.coverageEnd),
    state: reportPeriodState(r), counts: isAccepted(r), receivedOn: dayOf(r.received.effectiveAt), eventIds: ids,
  };
}

export function bridgeLetterPeriods(state: OrganizationState, r: ReportState): BridgeLetterPeriod[] {
  const limit = bridgeLimit(state, r);
  const counting = isAccepted(r) ? validBridgeLetter(state, r) : null;
  return r.bridgeLetterIds.flatMap((id) => {
    const l = state.bridgeLetters[id];
    if (!l) return [];
    const tooLong = l.coversTo > limit;
    const detached = l.coversFrom > r.coverageEnd && daysBetween(r.coverageEnd, l.coversFrom) > 1;
    const problem = tooLong
      ? `Runs to ${l.coversTo}, beyond the ${state.policy.maxBridgeMonths}-month limit (${limit}).`
      : detached
        ? `Starts ${l.coversFrom}, not at the coverage end ${r.coverageEnd}.`
        : !isAccepted(r)
          ? `Extends report ${r.reportId}, which is not accepted.`
          : null;
    return [{
      letterId: id, reportId: r.reportId, coversFrom: l.coversFrom, coversTo: l.coversTo,
      days: Math.max(0, daysBetween(r.coverageEnd, l.coversTo)), limit, valid: !tooLong && !detached,
      counts: counting?.letterId === id, problem, eventIds: [l.eventId],
    }];
  });
}

export function validationPoint(state: OrganizationState, v: ValidationRecord): ValidationPoint {
  return {
    validationId: v.validationId, kind: v.kind, siteId: v.siteId, validatedOn: v.validatedOn, result: v.result,
    areas: [...v.areas],
    validUntil: v.kind === 'PHYSICAL' ? addMonths(v.validatedOn, state.policy.physicalValidationMonths) : null,
    eventIds: [v.eventId],
  };
}

/** Every fiscal year end in the window and how the evidence held covers it. */
export function fiscalYearEnds(state: OrganizationState, from: IsoDate, to: IsoDate): FiscalYearEndPoint[] {
  const mmdd = state.policy.fiscalYearEnd;
  const accepted = acceptedReports(state);
  const out: FiscalYearEndPoint[] = [];
  for (let f = latestFiscalYearEnd(mmdd, to); f >= from; f = latestFiscalYearEnd(mmdd, addDays(f, -1))) {
    const c = dateCoverage(state, accepted, f);
    out.unshift({
      date: f,
      coverage: c.kind,
      reportId: 'report' in c ? c.report.reportId : null,
      letterId: c.kind === 'BRIDGED' ? c.letter.letterId : null,
    });
  }
  return out;
}
