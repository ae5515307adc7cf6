/**
 * Decisions on the facts added by reliance rules version 2 (DESIGN §3 v2): evaluating an
 * exception's impact, testing a CUEC we operate, reviewing a bridge letter, and the vendor's
 * announced next report.
 */
import type { CommandOfType, DecisionContext, OversightCommandType } from './oversight.commands';
import type { OversightEvent } from './oversight.events';
import type { OrganizationState } from './organization.state';
import {
  fail,
  failNotFound,
  q,
  requireDate,
  requireLiveReport,
  requireNotAfterEffectiveDay,
  requireNotBefore,
  requireText,
} from './organization.decider.guards';

type DataOf<T extends OversightCommandType> = CommandOfType<T>['data'];

/** Closed exceptions may still be evaluated: a deviation in a report's period matters after its fix. */
export function evaluateException(
  d: DataOf<'EvaluateException'>,
  state: OrganizationState,
  context: DecisionContext,
): OversightEvent[] {
  const x = state.exceptions[d.exceptionId];
  if (!x) return failNotFound('EXCEPTION_NOT_FOUND', `no exception ${q(d.exceptionId)} was recorded`);
  requireNotBefore(x.found, context, 'EFFECTIVE_BEFORE_EXCEPTION_FOUND', `exception ${q(d.exceptionId)} was found`);
  requireText(d.rationale, 'rationale');
  const ref = d.compensatingControlRef;
  if (d.impact === 'COMPENSATED' && (ref === null || ref.trim() === '')) {
    fail('COMPENSATING_CONTROL_REQUIRED', `a COMPENSATED evaluation must name our compensatingControlRef`);
  }
  if (d.impact !== 'COMPENSATED' && ref !== null) {
    fail('COMPENSATING_CONTROL_NOT_ALLOWED', `a ${d.impact} evaluation names no compensating control (got ${q(ref)})`);
  }
  return [{ type: 'ExceptionEvaluated', data: { ...d } }];
}

export function recordCuecTest(
  d: DataOf<'RecordCuecTest'>,
  state: OrganizationState,
  context: DecisionContext,
): OversightEvent[] {
  const report = requireLiveReport(state, d.reportId, context);
  if (!report.cuecs.some((c) => c.ref === d.cuecRef)) {
    fail('CUEC_NOT_IN_REPORT', `report ${q(d.reportId)} lists no CUEC ${q(d.cuecRef)}`);
  }
  requireDate(d.testedOn, 'testedOn');
  requireNotAfterEffectiveDay(d.testedOn, context, 'TESTED_ON_IN_FUTURE', 'testedOn');
  return [{ type: 'CuecTested', data: { ...d } }];
}

export function concludeBridgeLetterReview(
  d: DataOf<'ConcludeBridgeLetterReview'>,
  state: OrganizationState,
  context: DecisionContext,
): OversightEvent[] {
  const letter = state.bridgeLetters[d.letterId];
  if (!letter) return failNotFound('BRIDGE_LETTER_NOT_FOUND', `no bridge letter ${q(d.letterId)} was recorded`);
  requireNotBefore(letter, context, 'EFFECTIVE_BEFORE_BRIDGE_LETTER', `bridge letter ${q(d.letterId)} was received`);
  requireLiveReport(state, letter.reportId, context);
  requireText(d.reviewer, 'reviewer');
  const current = letter.review;
  if (current && current.decision === d.decision && current.reviewer === d.reviewer) {
    fail('REVIEW_UNCHANGED', `bridge letter ${q(d.letterId)} is already ${d.decision} by ${q(d.reviewer)}`);
  }
  return [{ type: 'BridgeLetterReviewConcluded', data: { ...d } }];
}

export function recordNextReportExpected(d: DataOf<'RecordNextReportExpected'>): OversightEvent[] {
  const periodEnd = requireDate(d.periodEnd, 'periodEnd');
  const deliveryBy = requireDate(d.deliveryBy, 'deliveryBy');
  if (deliveryBy < periodEnd) {
    fail('DELIVERY_BEFORE_PERIOD_END', `deliveryBy ${deliveryBy} is before the period end ${periodEnd}`);
  }
  return [{ type: 'NextReportExpected', data: { ...d } }];
}
