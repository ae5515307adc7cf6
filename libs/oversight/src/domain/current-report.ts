import { addDays, addMonths, daysInMonth } from './calendar';
import type { BridgeLetterState, OrganizationState, ReportState } from './organization.state';
import type { IsoDate } from './oversight.vocabulary';

/**
 * The current report R, the reach of a report and how far assurance extends over a given date
 * (DESIGN §3 "Assurance status", terms). Shared by `assess`, control coverage and the
 * continuity read models, so that "current" means the same thing everywhere.
 */

export type BridgeLetter = BridgeLetterState;

/** Reports in the order received; ids whose report is missing are skipped. */
export function reportsInOrder(state: OrganizationState): ReportState[] {
  return state.reportOrder.flatMap((id) => {
    const report = state.reports[id];
    return report ? [report] : [];
  });
}

/** Not withdrawn, and the latest review decision lets us rely on it. */
export function isAccepted(report: ReportState): boolean {
  const decision = report.review?.decision;
  return report.withdrawn === null && (decision === 'ACCEPTED' || decision === 'ACCEPTED_WITH_CONDITIONS');
}

/** Received, not withdrawn, and no review concluded yet. */
export function isPendingReview(report: ReportState): boolean {
  return report.withdrawn === null && report.review === null;
}

/**
 * Accepted reports in the order received. With `day`, only those whose coverage has ended by
 * then: a report about a period still running cannot be relied on yet (as-of assessments of a
 * later state must not see it early).
 */
export function acceptedReports(state: OrganizationState, day?: IsoDate): ReportState[] {
  return reportsInOrder(state).filter((r) => isAccepted(r) && (day === undefined || r.coverageEnd <= day));
}

export function pendingReports(state: OrganizationState): ReportState[] {
  return reportsInOrder(state).filter(isPendingReview);
}

/** R: the accepted report with the latest coverage end; on a tie the one received later. */
export function currentReport(state: OrganizationState, day?: IsoDate): ReportState | null {
  let best: ReportState | null = null;
  // Iterating in received order with `>=` on the tie makes the later-received report win.
  for (const report of acceptedReports(state, day)) {
    if (
      best === null ||
      report.coverageEnd > best.coverageEnd ||
      (report.coverageEnd === best.coverageEnd &&
        Date.parse(report.received.effectiveAt) >= Date.parse(best.received.effectiveAt))
    ) {
      best = report;
    }
  }
  return best;
}

/**
 * The bridge letter that extends `report` furthest and is valid (DESIGN §3 v2, reach): it starts
 * at the period end, spans at most the policy's max bridge, is signed and dated, states that
 * there were no other material changes, and its review (if any) did not reject it. Letters
 * recorded under version 1 lack the signature fields and so do not count.
 */
export function validBridgeLetter(state: OrganizationState, report: ReportState): BridgeLetter | null {
  if (report.reportType !== 'TYPE_2') return null;
  let best: BridgeLetter | null = null;
  for (const letter of lettersOf(state, report)) {
    if (bridgeLetterDefects(state, report, letter).length > 0) continue;
    if (best === null || letter.coversTo > best.coversTo) best = letter;
  }
  return best;
}

export function lettersOf(state: OrganizationState, report: ReportState): BridgeLetter[] {
  return report.bridgeLetterIds.flatMap((id) => (state.bridgeLetters[id] ? [state.bridgeLetters[id]!] : []));
}

/** Why a bridge letter does not extend its report, in words; empty when it is valid. */
export function bridgeLetterDefects(state: OrganizationState, report: ReportState, letter: BridgeLetter): string[] {
  const out: string[] = [];
  if (letter.coversFrom > addDays(report.coverageEnd, 1)) out.push(`it starts after the period end ${report.coverageEnd}`);
  if (letter.coversTo <= report.coverageEnd) out.push('it ends within the audited period');
  const limit = bridgeLimit(state, report);
  if (letter.coversTo > limit) out.push(`it reaches beyond ${limit}, more than ${state.policy.maxBridgeMonths} months`);
  if (!letter.signedBy || !letter.issuedOn) out.push('it was not recorded as signed and dated');
  if (letter.noOtherChangesStated !== true) out.push('it does not state that there were no other material changes');
  if (letter.review?.decision === 'REJECTED') out.push('its review rejected it');
  return out;
}

/**
 * The last day a bridge letter extending `report` may cover: coverage end + max bridge months.
 * A coverage end on a month's last day reaches the last day of the target month, so that
 * 30 September + 3 months is 31 December (a quarter), not 30 December as plain `addMonths` has it.
 */
export function bridgeLimit(state: OrganizationState, report: ReportState): IsoDate {
  return addMonthsFromMonthEnd(report.coverageEnd, state.policy.maxBridgeMonths);
}

export function addMonthsFromMonthEnd(date: IsoDate, months: number): IsoDate {
  const plain = addMonths(date, months);
  const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  if (d !== daysInMonth(y, m)) return plain;
  const [py, pm] = [Number(plain.slice(0, 4)), Number(plain.slice(5, 7))];
  return `${plain.slice(0, 8)}${String(daysInMonth(py, pm)).padStart(2, '0')}`;
}

/** The coverage end, or the end of the valid bridge letter extending it. */
export function reachOf(state: OrganizationState, report: ReportState): IsoDate {
  return validBridgeLetter(state, report)?.coversTo ?? report.coverageEnd;
}

/** How a date (usually the reliance date F) is covered by a set of accepted reports. */
export type DateCoverage =
  /** The date lies before the first report's coverage starts: nothing is owed for it. */
  | { kind: 'BEFORE_FIRST_REPORT' }
  /** Inside an audited period (or on a Type 1 as-of date). */
  | { kind: 'AUDITED'; report: ReportState }
  /** Only inside a bridge letter's span. */
  | { kind: 'BRIDGED'; report: ReportState; letter: BridgeLetter }
  /** Not covered; `report` is the one whose reach ends latest before the date. */
  | { kind: 'GAP'; report: ReportState; reach: IsoDate; letter: BridgeLetter | null }
  /** No reports at all. */
  | { kind: 'NO_REPORT' };

export function dateCoverage(state: OrganizationState, reports: readonly ReportState[], date: IsoDate): DateCoverage {
  if (reports.length === 0) return { kind: 'NO_REPORT' };
  const audited = reports.find((r) => r.coverageStart <= date && date <= r.coverageEnd);
  if (audited) return { kind: 'AUDITED', report: audited };
  for (const report of reports) {
    const letter = validBridgeLetter(state, report);
    if (letter && report.coverageStart <= date && date <= letter.coversTo) return { kind: 'BRIDGED', report, letter };
  }
  if (reports.every((r) => r.coverageStart > date)) return { kind: 'BEFORE_FIRST_REPORT' };
  let gap: { report: ReportState; reach: IsoDate; letter: BridgeLetter | null } | null = null;
  for (const report of reports) {
    const letter = validBridgeLetter(state, report);
    const reach = letter?.coversTo ?? report.coverageEnd;
    if (reach < date && (gap === null || reach > gap.reach)) gap = { report, reach, letter };
  }
  // Some report starts on or before the date without containing it, so one ends before it.
  return gap ? { kind: 'GAP', ...gap } : { kind: 'BEFORE_FIRST_REPORT' };
}
