import { finding, stampDay, type AssessContext, type Finding } from './assess-report-rules';
import { describeException } from './report-labels';
import { addDays, addMonths, maxDate } from './calendar';
import type { ExceptionState, OrganizationState } from './organization.state';
import { SEVERITIES, type IsoDate } from './oversight.vocabulary';

/**
 * Rules about what happened after the report: exceptions of any source, their remediation and
 * risk acceptance, and our own validations of physical and operational controls.
 */

/**
 * Not closed, and not covered by a risk acceptance on `day`. An acceptance covers through its
 * `expiresAt` (the last day); from the day after, the exception is open again.
 */
export function isOutstanding(exception: ExceptionState, day: IsoDate): boolean {
  if (exception.closed) return false;
  const acceptance = exception.riskAcceptance;
  return !(acceptance && (acceptance.expiresAt === null || acceptance.expiresAt >= day));
}

/** Outstanding exceptions on `day`, most severe first, then in the order found. */
export function outstandingExceptions(state: OrganizationState, day: IsoDate): ExceptionState[] {
  return state.exceptionOrder
    .flatMap((id) => {
      const x = state.exceptions[id];
      return x && isOutstanding(x, day) ? [x] : [];
    })
    .map((x, i) => ({ x, i }))
    .sort((a, b) => SEVERITIES.indexOf(a.x.severity) - SEVERITIES.indexOf(b.x.severity) || a.i - b.i)
    .map(({ x }) => x);
}

/** Evaluated NONE or COMPENSATED: we concluded the exception does not touch our reliance. */
export function isNeutralised(x: ExceptionState): boolean {
  return x.evaluation?.impact === 'NONE' || x.evaluation?.impact === 'COMPENSATED';
}

export function exceptionFindings(ctx: AssessContext): Finding[] {
  const { day, policy } = ctx;
  const out: Finding[] = [];
  outstandingExceptions(ctx.state, day).forEach((x, rank) => {
    // Outstanding while a risk acceptance is on record means that acceptance has lapsed.
    const lapsed = x.riskAcceptance;
    const foundOn = stampDay(x.found);
    const openSince = lapsed?.expiresAt ? maxDate(foundOn, addDays(lapsed.expiresAt, 1)) : foundOn;
    const due = x.remediation?.dueDate ?? null;
    const overdue = due !== null && due < day;
    const evaluation = x.evaluation ?? null;
    const stamps = [x.found, x.remediation, lapsed, evaluation];
    const subject = `${cap(describeException(x))}, found ${foundOn},`;
    const lapse = lapsed?.expiresAt ? `; its risk acceptance lapsed after ${lapsed.expiresAt}` : '';
    if (evaluation?.impact === 'RELIANCE_REDUCED') {
      const message = `${subject} was evaluated as reducing our reliance on the report: ${evaluation.rationale}${lapse}.`;
      out.push(finding('RELIANCE_REDUCED', 'COVERAGE_GAP', message, stamps, maxDate(openSince, stampDay(evaluation)), { rank }));
    }
    if (isNeutralised(x)) return;
    // One reason per exception at its most severe level: an overdue CRITICAL is not repeated as open.
    if (overdue && x.severity === 'CRITICAL') {
      const message = `${subject} is open past its remediation due date ${due}${lapse}.`;
      const since = maxDate(addDays(due, 1), openSince);
      out.push(finding('CRITICAL_EXCEPTION_OVERDUE', 'NOT_ASSURED', message, stamps, since, { rank }));
      return;
    }
    const graceEnd = addDays(foundOn, policy.criticalPlanningGraceDays);
    if (due === null && x.severity === 'CRITICAL' && day > graceEnd) {
      const message =
        `${subject} has had no remediation plan for more than ${policy.criticalPlanningGraceDays} days ` +
        `(the planning grace ended on ${graceEnd})${lapse}.`;
      const since = maxDate(addDays(graceEnd, 1), openSince);
      out.push(finding('CRITICAL_EXCEPTION_UNPLANNED', 'NOT_ASSURED', message, stamps, since, { rank }));
      return;
    }
    if (evaluation?.impact === 'RELIANCE_REDUCED') return;
    const plan =
      due === null
        ? 'no remediation planned'
        : overdue
          ? `remediation overdue since ${addDays(due, 1)}`
          : `remediation due ${due}`;
    const message = `${subject} is open: ${plan}${lapse}.`;
    out.push(finding('EXCEPTION_OPEN', 'ASSURED_WITH_EXCEPTIONS', message, stamps, openSince, { rank }));
  });
  return [...out, ...notEvaluated(ctx)];
}

/** Exceptions from a current report, found more than the evaluation window ago, never evaluated. */
function notEvaluated(ctx: AssessContext): Finding[] {
  const { state, day, policy } = ctx;
  const current = new Set(ctx.currents.map((r) => r.reportId));
  const out: Finding[] = [];
  state.exceptionOrder.forEach((id) => {
    const x = state.exceptions[id];
    if (!x || x.reportId === null || !current.has(x.reportId) || x.evaluation) return;
    const windowEnd = addDays(stampDay(x.found), policy.exceptionEvaluationDays);
    if (day <= windowEnd) return;
    const message =
      `${cap(describeException(x))}, reported by the service auditor, has not been evaluated for its effect ` +
      `on our reliance within ${policy.exceptionEvaluationDays} days of being found.`;
    out.push(finding('EXCEPTION_NOT_EVALUATED', 'ASSURED_WITH_EXCEPTIONS', message, [x.found], addDays(windowEnd, 1), { rank: out.length }));
  });
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Days on which these rules may change their verdict with no new event. */
export function exceptionCandidates(ctx: AssessContext): IsoDate[] {
  const { state, policy } = ctx;
  const out: IsoDate[] = [];
  for (const x of Object.values(state.exceptions)) {
    if (x.closed) continue;
    if (x.remediation) out.push(addDays(x.remediation.dueDate, 1));
    if (x.riskAcceptance?.expiresAt) out.push(addDays(x.riskAcceptance.expiresAt, 1));
  }
  for (const x of Object.values(state.exceptions)) {
    const found = stampDay(x.found);
    out.push(addDays(found, policy.criticalPlanningGraceDays + 1), addDays(found, policy.exceptionEvaluationDays + 1));
  }
  for (const v of state.validations) {
    out.push(v.validatedOn); // a future-dated validation starts to count on its day
    if (v.result === 'EFFECTIVE') out.push(addDays(addMonths(v.validatedOn, policy.physicalValidationMonths), 1));
  }
  return out;
}
