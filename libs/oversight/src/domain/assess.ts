import { exceptionCandidates, exceptionFindings, validationFindings } from './assess-exception-rules';
import {
  assessContext,
  currentReportAccepted,
  currentReportFindings,
  describe,
  finding,
  reportCandidates,
  stampDay,
  type AssessContext,
  type Finding,
} from './assess-report-rules';
import { supersededReviews } from './assess-review-rules';
import type { Assessment, AssuranceReason } from './assessment.types';
import { addDays, dayOf, daysBetween, latestFiscalYearEnd, maxDate, nextFiscalYearEnd } from './calendar';
import { bridgeLimit, dateCoverage, isAccepted, pendingReports, reportsInOrder } from './current-report';
import type { OrganizationState, Stamp } from './organization.state';
import {
  ASSURANCE_FLAGS,
  ASSURANCE_STATUSES,
  type AssuranceStatus,
  type IsoDate,
  type IsoDateTime,
} from './oversight.vocabulary';

export { isOutstanding, outstandingExceptions } from './assess-exception-rules';

/**
 * Every reason code `assess` emits, in the order reasons of one status are listed
 * (DESIGN §3 "Assurance status": rules highest first, then flag-only findings).
 */
export const ASSURANCE_REASON_CODES = [
  'ORGANIZATION_OFFBOARDED',
  'ORGANIZATION_NOT_REGISTERED',
  'NO_ACCEPTED_REPORT',
  'ADVERSE_OPINION',
  'DISCLAIMER_OF_OPINION',
  'CRITICAL_EXCEPTION_OVERDUE',
  'REPORT_EXPIRED',
  'FISCAL_YEAR_END_NOT_COVERED',
  'REQUIRED_FRAMEWORK_MISSING',
  'REQUIRED_TYPE_MISSING',
  'REQUIRED_CRITERIA_MISSING',
  'PERIOD_TOO_SHORT',
  'CUEC_NOT_MAPPED',
  'EXPECTED_CONTROL_NOT_TESTED',
  'QUALIFIED_OPINION',
  'ACCEPTED_WITH_CONDITIONS',
  'EXCEPTION_OPEN',
  'CUEC_PLANNED',
  'VALIDATION_DEFICIENT',
  'PHYSICAL_VALIDATION_MISSING',
  'CURRENT_REPORT_ACCEPTED',
  'REPORT_PENDING_REVIEW',
  'REPORT_EXPIRING',
  'FISCAL_YEAR_END_BRIDGED',
  'REVIEW_SUPERSEDED',
] as const;
export type AssuranceReasonCode = (typeof ASSURANCE_REASON_CODES)[number];

/**
 * The assurance status of one organization on the UTC day of `at` (DESIGN §3). Pure: the
 * caller decides which events the state holds (as-of queries fold up to a moment); dated facts
 * that lie after the day (a coverage end, a validation date) are not relied on yet.
 */
export function assess(state: OrganizationState, at: IsoDateTime | IsoDate): Assessment {
  const day = dayOf(at);
  if (state.lifecycle !== 'ACTIVE') return terminal(state, day);

  const ctx = assessContext(state, day);
  const findings = [
    ...(ctx.r ? currentReportFindings(ctx, ctx.r) : [noAcceptedReport(ctx)]),
    ...fiscalYearEnd(ctx),
    ...exceptionFindings(ctx),
    ...validationFindings(ctx),
    ...pendingReview(ctx),
    ...supersededReviews(ctx),
  ];
  // "Why is it green?" needs an answer too, but only when nothing else implies a status.
  if (ctx.r && !findings.some((f) => f.reason.status !== null)) findings.push(currentReportAccepted(ctx, ctx.r));
  const reasons = ordered(findings);
  const flags = ASSURANCE_FLAGS.filter((flag) => reasons.some((r) => r.flag === flag));

  const candidates = [
    ...reportCandidates(ctx, flags.includes('EXPIRING')),
    ...exceptionCandidates(ctx),
    nextFiscalYearEnd(ctx.policy.fiscalYearEnd, day),
  ];
  return {
    at: day,
    status: highest(reasons),
    flags,
    reasons,
    currentReportId: ctx.r?.reportId ?? null,
    coverageEnd: ctx.r?.coverageEnd ?? null,
    reach: ctx.reach,
    expiresAt: ctx.expiresAt,
    relianceDate: ctx.relianceDate,
    nextReassessmentOn: earliestAfter(day, candidates),
  };
}

/** NO_ASSURANCE since registration, or since the last accepted report stopped counting. */
function noAcceptedReport(ctx: AssessContext): Finding {
  const { state, day } = ctx;
  // The state keeps only the latest review, so a REJECTED report may never have been accepted;
  // its rejection still counts as the moment reliance stopped (the best the state can tell).
  const stops = reportsInOrder(state).flatMap((r): Array<{ id: string; stamp: Stamp; verb: string }> => {
    if (r.review?.decision === 'REJECTED') return [{ id: r.reportId, stamp: r.review, verb: 'was rejected' }];
    if (r.withdrawn && r.review) return [{ id: r.reportId, stamp: r.withdrawn, verb: 'was withdrawn' }];
    return [];
  });
  const last = stops.reduce<(typeof stops)[number] | null>(
    (a, b) => (a && Date.parse(a.stamp.effectiveAt) > Date.parse(b.stamp.effectiveAt) ? a : b),
    null,
  );
  const pending = pendingReports(state).map((p) => p.reportId);
  // Accepted, but about a period that has not ended on the day assessed.
  const early = reportsInOrder(state)
    .filter((r) => isAccepted(r) && r.coverageEnd > day)
    .map((r) => `${r.reportId} (coverage ends ${r.coverageEnd})`);
  const message = [
    last ? `No accepted report: ${last.id} ${last.verb} on ${stampDay(last.stamp)}.` : 'No accepted report.',
    pending.length > 0 ? ` Awaiting review: ${pending.join(', ')}.` : '',
    early.length > 0 ? ` Not relied on yet: ${early.join(', ')}.` : '',
  ].join('');
  const stamp = last?.stamp ?? state.registered;
  return finding('NO_ACCEPTED_REPORT', 'NO_ASSURANCE', message, [stamp], stamp ? stampDay(stamp) : null);
}

/** The reliance date F: covered by an audited period, bridged, or a gap. */
function fiscalYearEnd(ctx: AssessContext): Finding[] {
  const { state, relianceDate: f, policy } = ctx;
  const coverage = dateCoverage(state, ctx.accepted, f);
  if (coverage.kind === 'BRIDGED') {
    const { report, letter } = coverage;
    const message =
      `Fiscal year end ${f} is reached only through bridge letter ${letter.letterId} extending ` +
      `${describe(report)} to ${letter.coversTo}; a bridge letter is a management assertion, not an audit opinion.`;
    const since = maxDate(f, stampDay(letter));
    return [finding('FISCAL_YEAR_END_BRIDGED', null, message, [report.received, letter], since, { flag: 'BRIDGED' })];
  }
  if (coverage.kind !== 'GAP') return [];
  const { report, reach, letter } = coverage;
  const close =
    f <= bridgeLimit(state, report)
      ? `a bridge letter from ${state.profile?.name ?? 'the organization'} covering to ${f} would close it`
      : `it lies more than ${policy.maxBridgeMonths} months after the coverage end ${report.coverageEnd}, ` +
        'so only a new report can close it';
  const message =
    `Fiscal year end ${f} is not covered: assurance reaches ${reach} through ${describe(report)}, ` +
    `a gap of ${days(daysBetween(reach, f))} from ${addDays(reach, 1)}; ${close}.`;
  // Since F: the day this reliance date arrived uncovered (the gap itself opened at reach + 1).
  return [finding('FISCAL_YEAR_END_NOT_COVERED', 'COVERAGE_GAP', message, [report.received, letter], f)];
}

function pendingReview(ctx: AssessContext): Finding[] {
  return pendingReports(ctx.state).map((p, rank) => {
    const message = `Report ${p.reportId} received on ${stampDay(p.received)} awaits its review.`;
    return finding('REPORT_PENDING_REVIEW', null, message, [p.received], stampDay(p.received), {
      flag: 'PENDING_REVIEW',
      rank,
    });
  });
}

/** OFFBOARDED, or a state with no registration: one reason, no flags, nothing scheduled. */
function terminal(state: OrganizationState, day: IsoDate): Assessment {
  const off = state.lifecycle === 'OFFBOARDED' ? state.offboarded : null;
  const only = off
    ? offboardedFinding(off)
    : finding('ORGANIZATION_NOT_REGISTERED', 'NO_ASSURANCE', 'The organization is not registered.', [], null);
  return {
    at: day,
    status: only.reason.status ?? 'NO_ASSURANCE',
    flags: [],
    reasons: [only.reason],
    currentReportId: null,
    coverageEnd: null,
    reach: null,
    expiresAt: null,
    relianceDate: latestFiscalYearEnd(state.policy.fiscalYearEnd, day),
    nextReassessmentOn: null,
  };
}

function offboardedFinding(off: Stamp & { reason: string }): Finding {
  const on = stampDay(off);
  return finding('ORGANIZATION_OFFBOARDED', 'OFFBOARDED', `Offboarded on ${on}: ${off.reason}`, [off], on);
}

/** By status precedence, then by rule, then by rank within the rule; flag-only findings last. */
function ordered(findings: Finding[]): AssuranceReason[] {
  const statusIndex = (f: Finding) =>
    f.reason.status === null ? ASSURANCE_STATUSES.length : ASSURANCE_STATUSES.indexOf(f.reason.status);
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        statusIndex(a.f) - statusIndex(b.f) ||
        ASSURANCE_REASON_CODES.indexOf(a.f.reason.code) - ASSURANCE_REASON_CODES.indexOf(b.f.reason.code) ||
        a.f.rank - b.f.rank ||
        a.i - b.i,
    )
    .map(({ f }) => f.reason);
}

function highest(reasons: AssuranceReason[]): AssuranceStatus {
  const index = Math.min(...reasons.map((r) => (r.status ? ASSURANCE_STATUSES.indexOf(r.status) : Infinity)));
  // Unreachable with an ACTIVE state (either R exists and yields a reason, or NO_ACCEPTED_REPORT).
  return ASSURANCE_STATUSES[index] ?? 'NO_ASSURANCE';
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

function earliestAfter(day: IsoDate, candidates: IsoDate[]): IsoDate | null {
  const later = candidates.filter((c) => c > day).sort();
  return later[0] ?? null;
}
