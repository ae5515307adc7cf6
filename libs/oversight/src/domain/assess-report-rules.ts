import type { AssuranceReasonCode } from './assess';
import type { AssuranceReason } from './assessment.types';
import { resolvePolicy, type AssurancePolicy, type AssuranceRequirement } from './assurance-policy';
import { addDays, addMonths, dayOf, daysBetween, latestFiscalYearEnd, maxDate } from './calendar';
import { acceptedReports, currentReport, reachOf, validBridgeLetter } from './current-report';
import type { OrganizationState, ReportState, Stamp } from './organization.state';
import type { AssuranceFlag, AssuranceStatus, IsoDate } from './oversight.vocabulary';
import { qualifiedOnRelied } from './reliance-terms';
import { describe, list } from './report-labels';
import { requirementReports } from './assess-requirement-rules';

export { describe };

/**
 * The shared kernel of `assess` (context, findings, event ids) and the rules about the content
 * of each current report: opinion, age, CUECs, conditions (DESIGN §3 v2).
 */

/** What every rule needs, computed once per assessment. */
export interface AssessContext {
  state: OrganizationState;
  policy: AssurancePolicy;
  day: IsoDate;
  /** Eligible reports whose coverage has ended by `day`. */
  accepted: ReportState[];
  /** R overall: the eligible report with the latest coverage end. */
  r: ReportState | null;
  /** Each requirement with its own R among the reports of its family. */
  requirements: Array<{ req: AssuranceRequirement; r: ReportState | null }>;
  /** The distinct current reports of the requirements, R first. */
  currents: ReportState[];
  reach: IsoDate | null;
  expiresAt: IsoDate | null;
  relianceDate: IsoDate;
}

/** A reason plus its rank among the reasons of the same code (0 first). */
export interface Finding {
  reason: AssuranceReason & { code: AssuranceReasonCode };
  rank: number;
}

export function assessContext(stored: OrganizationState, day: IsoDate): AssessContext {
  // A state snapshotted before version 2 lacks the v2 parameters: they take their defaults.
  const state = { ...stored, policy: resolvePolicy(stored.policy) };
  const r = currentReport(state, day);
  const accepted = acceptedReports(state, day);
  const requirements = requirementReports(state.policy, accepted);
  const currents = [...new Set([...(r ? [r] : []), ...requirements.flatMap((x) => (x.r ? [x.r] : []))])];
  return {
    state,
    policy: state.policy,
    day,
    accepted,
    r,
    requirements,
    currents,
    reach: r && reachOf(state, r),
    expiresAt: r && addMonths(r.coverageEnd, state.policy.maxReportAgeMonths),
    relianceDate: latestFiscalYearEnd(state.policy.fiscalYearEnd, day),
  };
}

export function finding(
  code: AssuranceReasonCode,
  status: AssuranceStatus | null,
  message: string,
  stamps: ReadonlyArray<Stamp | null | undefined>,
  since: IsoDate | null,
  opts: { flag?: AssuranceFlag; rank?: number } = {},
): Finding {
  const reason = { code, status, flag: opts.flag ?? null, message, eventIds: idsOf(stamps), since };
  return { reason, rank: opts.rank ?? 0 };
}

/** Event ids, oldest first by business time (stable for equal times), without repeats. */
export function idsOf(stamps: ReadonlyArray<Stamp | null | undefined>): string[] {
  const sorted = stamps
    .filter((s): s is Stamp => s != null)
    .map((s, i) => ({ s, i, t: Date.parse(s.effectiveAt) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(({ s }) => s.eventId);
  return [...new Set(sorted)];
}

export function stampDay(stamp: Stamp): IsoDate {
  return dayOf(stamp.effectiveAt);
}

/** The day R could first be relied on: accepted, and its coverage over. */
export function relianceSince(r: ReportState): IsoDate {
  return r.review ? maxDate(r.coverageEnd, stampDay(r.review)) : r.coverageEnd;
}

/** Findings about one current report's own content; `Current` starts a sentence about it. */
export function currentReportFindings(ctx: AssessContext, r: ReportState): Finding[] {
  const { policy, day, state } = ctx;
  const since = relianceSince(r);
  const expiresAt = addMonths(r.coverageEnd, policy.maxReportAgeMonths);
  const label = describe(r);
  const current = `The current ${label.replace(/^the /, '')}`;
  const out: Finding[] = [];
  const add = (f: Finding) => out.push(f);

  if (r.opinion === 'ADVERSE') {
    add(finding('ADVERSE_OPINION', 'NOT_ASSURED', `${current} carries an adverse opinion.`, [r.received, r.review], since));
  }
  if (r.opinion === 'DISCLAIMER') {
    const message = `${current} carries a disclaimer of opinion.`;
    add(finding('DISCLAIMER_OF_OPINION', 'NOT_ASSURED', message, [r.received, r.review], since));
  }
  const warningFrom = addDays(expiresAt, -policy.expiryWarningDays);
  if (day > expiresAt) {
    const message =
      `${current} was current through ${expiresAt} ` +
      `(${policy.maxReportAgeMonths} months after its coverage end) and has expired.`;
    add(finding('REPORT_EXPIRED', 'EXPIRED', message, [r.received], addDays(expiresAt, 1)));
  } else if (day >= warningFrom) {
    const n = daysBetween(day, expiresAt);
    const when = n === 0 ? 'today' : n === 1 ? 'in 1 day' : `in ${n} days`;
    const message = `${current} expires on ${expiresAt}, ${when}.`;
    add(finding('REPORT_EXPIRING', null, message, [r.received], maxDate(since, warningFrom), { flag: 'EXPIRING' }));
  }
  if (r.opinionDate !== null && daysBetween(r.coverageEnd, r.opinionDate) > LATE_AFTER_DAYS) {
    const late = daysBetween(r.coverageEnd, r.opinionDate);
    const message = `${current} was issued on ${r.opinionDate}, ${late} days after its coverage end (more than ${LATE_AFTER_DAYS}).`;
    add(finding('LATE_ISSUED', null, message, [r.received], since, { flag: 'LATE_ISSUED' }));
  }

  if (r.opinion === 'QUALIFIED') {
    const areas = r.qualifiedAreas ?? [];
    const relied = qualifiedOnRelied(state, areas);
    const basis = r.qualificationBasis ? ` (basis: ${r.qualificationBasis})` : '';
    if (areas.length === 0) {
      const message = `${current} carries a qualified opinion whose qualified areas were not recorded, so it cannot be shown to spare what we rely on.`;
      add(finding('QUALIFIED_ON_RELIED_AREA', 'COVERAGE_GAP', message, [r.received, r.review], since));
    } else if (relied.length > 0) {
      const message = `${current} is qualified on ${list(relied)}, which we rely on${basis}.`;
      add(finding('QUALIFIED_ON_RELIED_AREA', 'COVERAGE_GAP', message, [r.received, r.review, state.expectedControlsStamp, state.policyStamp], since));
    } else {
      const message = `${current} is qualified on ${list(areas)}, which we do not rely on${basis}.`;
      add(finding('QUALIFIED_OPINION', 'ASSURED_WITH_EXCEPTIONS', message, [r.received, r.review], since));
    }
  }
  if (r.review?.decision === 'ACCEPTED_WITH_CONDITIONS') {
    const conditions = r.review.conditions.length > 0 ? `: ${r.review.conditions.join('; ')}` : '';
    const message = `${current} was accepted with conditions${conditions}.`;
    add(finding('ACCEPTED_WITH_CONDITIONS', 'ASSURED_WITH_EXCEPTIONS', message, [r.review], since));
  }
  return out;
}

/** DESIGN §3 v2: an opinion more than 92 days after the coverage end is LATE_ISSUED. */
export const LATE_AFTER_DAYS = 92;

/** The ASSURED reason, used only when nothing else implies a status. */
export function currentReportAccepted(ctx: AssessContext, r: ReportState): Finding {
  const letter = validBridgeLetter(ctx.state, r);
  const reach = letter ? `, reaches ${letter.coversTo} through a bridge letter` : '';
  const message = `The current ${describe(r).replace(/^the /, '')} was accepted${reach} and is current through ${ctx.expiresAt}.`;
  return finding('CURRENT_REPORT_ACCEPTED', 'ASSURED', message, [r.received, r.review, letter], relianceSince(r));
}

/** Days on which a report rule may change its verdict with no new event. */
export function reportCandidates(ctx: AssessContext, expiring: boolean): IsoDate[] {
  const { state, policy } = ctx;
  const out: IsoDate[] = [];
  for (const r of ctx.currents) {
    const expiresAt = addMonths(r.coverageEnd, policy.maxReportAgeMonths);
    out.push(addDays(expiresAt, 1), addDays(expiresAt, -policy.expiryWarningDays));
  }
  // "in N days" counts down daily while the report is expiring.
  if (expiring) out.push(addDays(ctx.day, 1));
  // An accepted report is relied on from its coverage end; bridge letter ends are harmless extras.
  for (const r of acceptedReports(state)) out.push(r.coverageEnd);
  for (const letter of Object.values(state.bridgeLetters)) out.push(addDays(letter.coversTo, 1));
  if (policy.acceptType1Until) out.push(policy.acceptType1Until);
  return out;
}
