import type { AssuranceReasonCode } from './assess';
import type { AssuranceReason } from './assessment.types';
import type { AssurancePolicy } from './assurance-policy';
import { addDays, addMonths, dayOf, daysBetween, latestFiscalYearEnd, maxDate } from './calendar';
import { coverageAgainst } from './control-coverage';
import { acceptedReports, currentReport, reachOf, validBridgeLetter } from './current-report';
import type { OrganizationState, ReportState, Stamp } from './organization.state';
import type { AssuranceFlag, AssuranceStatus, IsoDate } from './oversight.vocabulary';

/**
 * The shared kernel of `assess` (context, findings, event ids) and the rules about the content
 * of the current report R: opinion, age, policy requirements, period, CUECs, expected controls.
 */

/** What every rule needs, computed once per assessment. */
export interface AssessContext {
  state: OrganizationState;
  policy: AssurancePolicy;
  day: IsoDate;
  /** Accepted reports whose coverage has ended by `day`. */
  accepted: ReportState[];
  r: ReportState | null;
  reach: IsoDate | null;
  expiresAt: IsoDate | null;
  relianceDate: IsoDate;
}

/** A reason plus its rank among the reasons of the same code (0 first). */
export interface Finding {
  reason: AssuranceReason & { code: AssuranceReasonCode };
  rank: number;
}

export function assessContext(state: OrganizationState, day: IsoDate): AssessContext {
  const r = currentReport(state, day);
  return {
    state,
    policy: state.policy,
    day,
    accepted: acceptedReports(state, day),
    r,
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

export function describe(r: ReportState): string {
  const period = r.reportType === 'TYPE_2' ? `${r.coverageStart} to ${r.coverageEnd}` : `as of ${r.coverageEnd}`;
  return `report ${r.reportId} (${r.framework} ${r.reportType.replace('_', ' ')}, ${period})`;
}

export function currentReportFindings(ctx: AssessContext, r: ReportState): Finding[] {
  const { policy, day, state } = ctx;
  const since = relianceSince(r);
  const expiresAt = addMonths(r.coverageEnd, policy.maxReportAgeMonths);
  const sinceByPolicy = maxDate(since, state.policyStamp ? stampDay(state.policyStamp) : since);
  const byPolicy = [state.policyStamp, r.received];
  const current = `The current ${describe(r)}`;
  const out: Finding[] = [];
  const add = (f: Finding) => out.push(f);

  if (r.opinion === 'ADVERSE') {
    const message = `${current} carries an adverse opinion.`;
    add(finding('ADVERSE_OPINION', 'NOT_ASSURED', message, [r.received, r.review], since));
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

  if (policy.requiredFramework && r.framework !== policy.requiredFramework) {
    const message = `The policy requires a ${policy.requiredFramework} report; ${describe(r)} is ${r.framework}.`;
    add(finding('REQUIRED_FRAMEWORK_MISSING', 'COVERAGE_GAP', message, byPolicy, sinceByPolicy));
  }
  if (policy.requiredReportType === 'TYPE_2' && r.reportType === 'TYPE_1') {
    const message = `The policy requires a Type 2 report; ${describe(r)} only attests the design of controls.`;
    add(finding('REQUIRED_TYPE_MISSING', 'COVERAGE_GAP', message, byPolicy, sinceByPolicy));
  }
  const missingCriteria = policy.requiredCriteria.filter((c) => !r.criteria.includes(c));
  if (missingCriteria.length > 0) {
    const message = `${current} does not cover the required criteria ${missingCriteria.join(', ')}.`;
    add(finding('REQUIRED_CRITERIA_MISSING', 'COVERAGE_GAP', message, byPolicy, sinceByPolicy));
  }
  // A period of exactly N months runs from start to the day before start + N months.
  const minimumEnd = addDays(addMonths(r.coverageStart, policy.minPeriodMonths), -1);
  if (r.reportType === 'TYPE_2' && r.coverageEnd < minimumEnd) {
    const message =
      `The period of ${describe(r)} is shorter than the policy minimum of ` +
      `${policy.minPeriodMonths} months (it would have to run to ${minimumEnd}).`;
    add(finding('PERIOD_TOO_SHORT', 'COVERAGE_GAP', message, byPolicy, sinceByPolicy));
  }

  r.cuecs.forEach((cuec, rank) => {
    const mapping = r.cuecMappings[cuec.ref];
    if (!mapping) {
      const message = `CUEC ${cuec.ref} of ${describe(r)} is not mapped to one of our controls: ${cuec.description}`;
      add(finding('CUEC_NOT_MAPPED', 'COVERAGE_GAP', message, [r.received], since, { rank }));
    } else if (mapping.state === 'PLANNED') {
      const ours = mapping.internalControlRef ?? 'a control of ours';
      const message = `CUEC ${cuec.ref} of ${describe(r)} is mapped to ${ours}, which is only planned.`;
      const mappedSince = maxDate(since, stampDay(mapping));
      add(finding('CUEC_PLANNED', 'ASSURED_WITH_EXCEPTIONS', message, [mapping], mappedSince, { rank }));
    }
  });

  const controls = state.expectedControlsStamp;
  const controlsSince = maxDate(since, controls ? stampDay(controls) : since);
  for (const m of coverageAgainst(state.expectedControls, r).missing) {
    const message = `Expected ${m.risk} control ${m.ref} (${m.description}) was not tested by ${describe(r)}.`;
    const stamps = [controls, r.received];
    add(finding('EXPECTED_CONTROL_NOT_TESTED', 'COVERAGE_GAP', message, stamps, controlsSince, { rank: m.rank }));
  }

  if (r.opinion === 'QUALIFIED') {
    const message = `${current} carries a qualified opinion.`;
    add(finding('QUALIFIED_OPINION', 'ASSURED_WITH_EXCEPTIONS', message, [r.received, r.review], since));
  }
  if (r.review?.decision === 'ACCEPTED_WITH_CONDITIONS') {
    const conditions = r.review.conditions.length > 0 ? `: ${r.review.conditions.join('; ')}` : '';
    const message = `${current} was accepted with conditions${conditions}.`;
    add(finding('ACCEPTED_WITH_CONDITIONS', 'ASSURED_WITH_EXCEPTIONS', message, [r.review], since));
  }
  return out;
}

/** The ASSURED reason, used only when nothing else implies a status. */
export function currentReportAccepted(ctx: AssessContext, r: ReportState): Finding {
  const letter = validBridgeLetter(ctx.state, r);
  const reach = letter ? `, reaches ${letter.coversTo} through bridge letter ${letter.letterId}` : '';
  const message = `The current ${describe(r)} was accepted${reach} and is current through ${ctx.expiresAt}.`;
  return finding('CURRENT_REPORT_ACCEPTED', 'ASSURED', message, [r.received, r.review, letter], relianceSince(r));
}

/** Days on which a report rule may change its verdict with no new event. */
export function reportCandidates(ctx: AssessContext, expiring: boolean): IsoDate[] {
  const { state, policy, expiresAt } = ctx;
  const out: IsoDate[] = [];
  if (expiresAt) out.push(addDays(expiresAt, 1), addDays(expiresAt, -policy.expiryWarningDays));
  // "in N days" counts down daily while the report is expiring.
  if (expiring) out.push(addDays(ctx.day, 1));
  // An accepted report is relied on from its coverage end; bridge letter ends are harmless extras.
  for (const r of acceptedReports(state)) out.push(r.coverageEnd);
  for (const letter of Object.values(state.bridgeLetters)) out.push(addDays(letter.coversTo, 1));
  return out;
}
