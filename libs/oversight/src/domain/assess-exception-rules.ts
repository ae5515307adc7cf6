import { finding, stampDay, type AssessContext, type Finding } from './assess-report-rules';
import { addDays, addMonths, maxDate } from './calendar';
import type { ExceptionState, OrganizationState, ValidationRecord } from './organization.state';
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

export function exceptionFindings(ctx: AssessContext): Finding[] {
  const { day } = ctx;
  return outstandingExceptions(ctx.state, day).map((x, rank) => {
    // Outstanding while a risk acceptance is on record means that acceptance has lapsed.
    const lapsed = x.riskAcceptance;
    const foundOn = stampDay(x.found);
    const openSince = lapsed?.expiresAt ? maxDate(foundOn, addDays(lapsed.expiresAt, 1)) : foundOn;
    const due = x.remediation?.dueDate ?? null;
    const overdue = due !== null && due < day;
    const stamps = [x.found, x.remediation, lapsed];
    const criteria = x.criteriaRef ? ` (${x.criteriaRef})` : '';
    const subject = `${x.severity} exception ${x.exceptionId} on control ${x.controlRef}${criteria}, found ${foundOn}`;
    const lapse = lapsed?.expiresAt ? `; its risk acceptance lapsed after ${lapsed.expiresAt}` : '';
    // One reason per exception, at its most severe level: an overdue CRITICAL exception is not
    // repeated as EXCEPTION_OPEN.
    if (overdue && x.severity === 'CRITICAL') {
      const message = `${subject}, is open past its remediation due date ${due}${lapse}.`;
      const since = maxDate(addDays(due, 1), openSince);
      return finding('CRITICAL_EXCEPTION_OVERDUE', 'NOT_ASSURED', message, stamps, since, { rank });
    }
    const plan =
      due === null
        ? 'no remediation planned'
        : overdue
          ? `remediation overdue since ${addDays(due, 1)}`
          : `remediation due ${due}`;
    const message = `${subject}, is open: ${plan}${lapse}.`;
    return finding('EXCEPTION_OPEN', 'ASSURED_WITH_EXCEPTIONS', message, stamps, openSince, { rank });
  });
}

/** Validations that exist on `day`: one dated later is not known to have happened yet. */
function validationsOn(ctx: AssessContext): ValidationRecord[] {
  return ctx.state.validations
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => v.validatedOn <= ctx.day)
    .sort(
      (a, b) =>
        a.v.validatedOn.localeCompare(b.v.validatedOn) ||
        Date.parse(a.v.effectiveAt) - Date.parse(b.v.effectiveAt) ||
        a.i - b.i,
    )
    .map(({ v }) => v);
}

export function validationFindings(ctx: AssessContext): Finding[] {
  const { state, day, policy } = ctx;
  const validations = validationsOn(ctx);
  // The latest validation of each (kind, site, area) speaks for that area.
  const latest = new Map<string, { v: ValidationRecord; area: string }>();
  for (const v of validations) {
    for (const area of v.areas) latest.set(JSON.stringify([v.kind, v.siteId, area]), { v, area });
  }
  const deficient = new Map<ValidationRecord, string[]>();
  for (const { v, area } of latest.values()) {
    if (v.result === 'DEFICIENT') deficient.set(v, [...(deficient.get(v) ?? []), area]);
  }
  const inOrder = [...deficient].sort(([a], [b]) => validations.indexOf(a) - validations.indexOf(b));
  const out = inOrder.map(([v, areas], rank) =>
    finding(
      'VALIDATION_DEFICIENT',
      'ASSURED_WITH_EXCEPTIONS',
      `${v.kind === 'PHYSICAL' ? 'Physical and environmental' : 'Operational'} validation ${v.validationId}` +
        `${v.siteId ? ` of site ${v.siteId}` : ''} on ${v.validatedOn} found ${areas.join(', ')} deficient.`,
      [v],
      v.validatedOn,
      { rank },
    ),
  );

  if (state.profile?.category !== 'DATA_CENTER_COLOCATION') return out;
  const effective = validations.filter((v) => v.kind === 'PHYSICAL' && v.result === 'EFFECTIVE');
  if (effective.some((v) => day <= addMonths(v.validatedOn, policy.physicalValidationMonths))) return out;
  const last = effective.at(-1);
  const staleFrom = last && addDays(addMonths(last.validatedOn, policy.physicalValidationMonths), 1);
  const what = last
    ? `The last effective physical and environmental validation (${last.validationId}, ${last.validatedOn}) ` +
      `went stale on ${staleFrom}`
    : 'No effective physical and environmental validation of this data center has been recorded';
  const message = `${what}; the policy asks for one every ${policy.physicalValidationMonths} months.`;
  const since = staleFrom ?? (state.registered ? stampDay(state.registered) : null);
  const stamps = [last ?? state.registered];
  out.push(finding('PHYSICAL_VALIDATION_MISSING', 'ASSURED_WITH_EXCEPTIONS', message, stamps, since));
  return out;
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
  for (const v of state.validations) {
    out.push(v.validatedOn); // a future-dated validation starts to count on its day
    if (v.kind === 'PHYSICAL' && v.result === 'EFFECTIVE') {
      out.push(addDays(addMonths(v.validatedOn, policy.physicalValidationMonths), 1));
    }
  }
  return out;
}
