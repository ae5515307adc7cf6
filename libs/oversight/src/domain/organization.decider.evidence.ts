/**
 * Decisions about the evidence we hold on an organization: its assurance reports and what hangs
 * on them (reviews, bridge letters, CUEC mappings), and our own validations of its controls.
 */
import { addDays } from './calendar';
import type { CommandOfType, DecisionContext, OversightCommandType } from './oversight.commands';
import type { AssuranceReportReceivedData, OversightEvent } from './oversight.events';
import type { OrganizationState } from './organization.state';
import type { IsoDate } from './oversight.vocabulary';
import {
  fail,
  q,
  requireDate,
  requireLiveReport,
  requireNotAfterEffectiveDay,
  requireReport,
  requireSite,
  requireText,
  requireUnique,
  sameValue,
} from './organization.decider.guards';

type DataOf<T extends OversightCommandType> = CommandOfType<T>['data'];

const SHA256 = /^[0-9a-f]{64}$/i;

export function recordReportReceived(
  d: DataOf<'RecordReportReceived'>,
  state: OrganizationState,
  context: DecisionContext,
): OversightEvent[] {
  if (state.reports[d.reportId]) fail('REPORT_ALREADY_RECEIVED', `report ${q(d.reportId)} was already received`);
  requireText(d.reportId, 'reportId');
  requireText(d.serviceAuditor, 'serviceAuditor');
  const end = coverageEnd(d);
  // A report cannot attest to days that have not happened yet.
  requireNotAfterEffectiveDay(end, context, 'COVERAGE_IN_FUTURE', 'coverage end');
  if (d.opinionDate !== null) {
    requireDate(d.opinionDate, 'opinionDate');
    if (d.opinionDate < end) {
      fail('OPINION_BEFORE_COVERAGE_END', `opinionDate ${d.opinionDate} is before the coverage end ${end}`);
    }
    requireNotAfterEffectiveDay(d.opinionDate, context, 'OPINION_DATE_IN_FUTURE', 'opinionDate');
  }
  if (d.framework === 'SOC2' && d.criteria.length === 0) {
    fail('SOC2_REQUIRES_CRITERIA', `a SOC2 report must list at least one trust services criterion`);
  }
  if (d.framework !== 'SOC2' && d.framework !== 'SOC3' && d.criteria.length > 0) {
    fail('CRITERIA_ONLY_FOR_SOC2_SOC3', `a ${d.framework} report cannot list criteria ${q(d.criteria)}`);
  }
  requireUnique(d.criteria, 'DUPLICATE_CRITERION', 'criterion');
  for (const siteId of d.sitesCovered) requireSite(state, siteId, 'sitesCovered');
  d.cuecs.forEach((c, i) => {
    requireText(c.ref, `cuecs[${i}].ref`);
    requireText(c.description, `cuecs[${i}].description`);
  });
  requireUnique(d.cuecs.map((c) => c.ref), 'DUPLICATE_CUEC_REF', 'CUEC ref');
  if (d.documentSha256 !== null) requireNewDocument(d.documentSha256, state);
  return [{ type: 'AssuranceReportReceived', data: { ...d } }];
}

/** Checks the type's dates and returns the coverage end (period end, or as-of date). */
function coverageEnd(d: AssuranceReportReceivedData): IsoDate {
  if (d.reportType === 'TYPE_1') {
    if (d.asOfDate === null) fail('TYPE_1_REQUIRES_AS_OF_DATE', `a Type 1 report needs an asOfDate`);
    if (d.periodStart !== null || d.periodEnd !== null) {
      fail('TYPE_1_CANNOT_HAVE_PERIOD', `a Type 1 report has no period (got ${d.periodStart} to ${d.periodEnd})`);
    }
    return requireDate(d.asOfDate, 'asOfDate');
  }
  if (d.periodStart === null || d.periodEnd === null) {
    const got = `${d.periodStart} to ${d.periodEnd}`;
    fail('TYPE_2_REQUIRES_PERIOD', `a Type 2 report needs periodStart and periodEnd (got ${got})`);
  }
  if (d.asOfDate !== null) fail('TYPE_2_CANNOT_HAVE_AS_OF_DATE', `a Type 2 report has no asOfDate (got ${d.asOfDate})`);
  const start = requireDate(d.periodStart, 'periodStart');
  const end = requireDate(d.periodEnd, 'periodEnd');
  // Equal ends are allowed: the policy's minimum period, not the decider, judges length.
  if (end < start) fail('PERIOD_END_BEFORE_START', `periodEnd ${end} is before periodStart ${start}`);
  return end;
}

/** The same document under a second live report id is a double entry, not a second report. */
function requireNewDocument(sha256: string, state: OrganizationState): void {
  if (!SHA256.test(sha256)) fail('INVALID_SHA256', `documentSha256 ${q(sha256)} is not 64 hexadecimal characters`);
  const twin = Object.values(state.reports).find(
    (r) => r.withdrawn === null && r.documentSha256?.toLowerCase() === sha256.toLowerCase(),
  );
  if (twin) {
    fail('REPORT_DOCUMENT_ALREADY_RECEIVED', `document ${sha256} is already recorded as report ${q(twin.reportId)}`);
  }
}

export function withdrawReport(
  d: DataOf<'WithdrawReport'>,
  state: OrganizationState,
  context: DecisionContext,
): OversightEvent[] {
  const report = requireReport(state, d.reportId, context);
  if (report.withdrawn) {
    fail('REPORT_ALREADY_WITHDRAWN', `report ${q(d.reportId)} was withdrawn on ${report.withdrawn.effectiveAt}`);
  }
  requireText(d.reason, 'reason');
  return [{ type: 'AssuranceReportWithdrawn', data: { ...d } }];
}

export function concludeReportReview(
  d: DataOf<'ConcludeReportReview'>,
  state: OrganizationState,
  context: DecisionContext,
): OversightEvent[] {
  const report = requireLiveReport(state, d.reportId, context);
  requireText(d.reviewer, 'reviewer');
  d.conditions.forEach((c, i) => requireText(c, `conditions[${i}]`));
  if (d.decision === 'ACCEPTED_WITH_CONDITIONS' && d.conditions.length === 0) {
    fail('CONDITIONS_REQUIRED', `ACCEPTED_WITH_CONDITIONS needs at least one condition`);
  }
  // Conditions on a plain ACCEPTED would be silently ignored by the assessment.
  if (d.decision !== 'ACCEPTED_WITH_CONDITIONS' && d.conditions.length > 0) {
    fail('CONDITIONS_NOT_ALLOWED', `a ${d.decision} review cannot carry conditions ${q(d.conditions)}`);
  }
  const { supersedesReview, supersessionReason, ...data } = d;
  const current = report.review;
  if (
    current &&
    current.decision === d.decision &&
    current.reviewer === d.reviewer &&
    sameValue(current.conditions, d.conditions)
  ) {
    const same = `${d.decision} by ${q(d.reviewer)} with these conditions`;
    fail('REVIEW_UNCHANGED', `report ${q(d.reportId)} is already ${same}`);
  }
  if (!supersedesReview) {
    if (!current) return [{ type: 'ReportReviewConcluded', data }];
    // A changed decision is legitimate, but never silent: it must say so, and why.
    const was = `${current.decision} by ${q(current.reviewer)} on ${current.effectiveAt.slice(0, 10)}`;
    fail('REVIEW_ALREADY_CONCLUDED', `report ${q(d.reportId)} was already reviewed (${was}); to change the decision, send supersedesReview: true with a supersessionReason`);
  }
  if (!current) fail('NO_REVIEW_TO_SUPERSEDE', `report ${q(d.reportId)} has no review to supersede`);
  const reason = supersessionReason?.trim() ?? '';
  if (reason === '') fail('SUPERSESSION_REASON_REQUIRED', `superseding the review of report ${q(d.reportId)} needs a supersessionReason`);
  const supersedes = { eventId: current.eventId, decision: current.decision, reviewer: current.reviewer, concludedAt: current.effectiveAt, reason };
  return [{ type: 'ReportReviewConcluded', data: { ...data, supersedes } }];
}

export function recordBridgeLetter(
  d: DataOf<'RecordBridgeLetter'>,
  state: OrganizationState,
  context: DecisionContext,
): OversightEvent[] {
  if (state.bridgeLetters[d.letterId]) {
    fail('BRIDGE_LETTER_ALREADY_RECORDED', `bridge letter ${q(d.letterId)} was already recorded`);
  }
  requireText(d.letterId, 'letterId');
  const report = requireLiveReport(state, d.reportId, context);
  const from = requireDate(d.coversFrom, 'coversFrom');
  const to = requireDate(d.coversTo, 'coversTo');
  const end = report.coverageEnd;
  if (from !== end && from !== addDays(end, 1)) {
    fail(
      'BRIDGE_MUST_START_AT_COVERAGE_END',
      `coversFrom ${from} must be report ${q(d.reportId)}'s coverage end ${end} or the day after`,
    );
  }
  // A span beyond the policy's maximum is recorded all the same; the assessment ignores it.
  if (to <= from) fail('BRIDGE_END_BEFORE_START', `coversTo ${to} must be after coversFrom ${from}`);
  return [{ type: 'BridgeLetterReceived', data: { ...d } }];
}

export function mapCuec(d: DataOf<'MapCuec'>, state: OrganizationState, context: DecisionContext): OversightEvent[] {
  const report = requireLiveReport(state, d.reportId, context);
  const cuec = report.cuecs.find((c) => c.ref === d.cuecRef);
  if (!cuec) fail('CUEC_NOT_IN_REPORT', `report ${q(d.reportId)} lists no CUEC ${q(d.cuecRef)}`);
  const controlRef = d.internalControlRef;
  if (d.state !== 'NOT_APPLICABLE' && (controlRef === null || controlRef.trim() === '')) {
    fail('CONTROL_REF_REQUIRED', `a ${d.state} mapping of CUEC ${q(d.cuecRef)} needs an internalControlRef`);
  }
  const current = report.cuecMappings[d.cuecRef];
  if (current && current.state === d.state && current.internalControlRef === controlRef) {
    fail('CUEC_MAPPING_UNCHANGED', `CUEC ${q(d.cuecRef)} is already ${d.state} to ${q(controlRef)}`);
  }
  // The text is copied so that the event alone shows what we committed to operate.
  const { reportId, cuecRef, state: mappingState } = d;
  const data = { reportId, cuecRef, cuecText: cuec.description, internalControlRef: controlRef, state: mappingState };
  return [{ type: 'CuecMapped', data }];
}

/** Physical and operational validations share their ids and their rules, not their areas. */
export function checkValidation(
  allowed: readonly string[],
  d: DataOf<'RecordPhysicalEnvironmentalValidation'> | DataOf<'RecordOperationalControlsValidation'>,
  state: OrganizationState,
  context: DecisionContext,
): void {
  if (state.validations.some((v) => v.validationId === d.validationId)) {
    fail('VALIDATION_ALREADY_RECORDED', `validation ${q(d.validationId)} was already recorded`);
  }
  requireText(d.validationId, 'validationId');
  if (d.areas.length === 0) fail('AREAS_REQUIRED', `a validation must name at least one area`);
  const foreign = d.areas.find((a) => !allowed.includes(a));
  if (foreign !== undefined) fail('INVALID_AREA', `area ${q(foreign)} is not one of ${allowed.join(', ')}`);
  requireUnique(d.areas, 'DUPLICATE_AREA', 'area');
  if (d.siteId !== null) requireSite(state, d.siteId, 'siteId');
  requireDate(d.validatedOn, 'validatedOn');
  requireNotAfterEffectiveDay(d.validatedOn, context, 'VALIDATED_ON_IN_FUTURE', 'validatedOn');
}
