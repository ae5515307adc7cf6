import { dayOf, isIsoDate, isIsoDateTime } from './calendar';
import { notFound, refuse } from './domain-error';
import type { DecisionContext } from './oversight.commands';
import type { ExceptionState, OrganizationState, ReportState, Stamp } from './organization.state';
import type { IsoDate } from './oversight.vocabulary';

/**
 * The refusals the decider's command functions share. Each throws a DomainError whose message
 * starts with the rule's name and quotes the offending values, so a refusal read in a log or an
 * API answer explains itself.
 */
export function fail(rule: string, detail: string): never {
  return refuse(rule, `${rule}: ${detail}`);
}

export function failNotFound(rule: string, detail: string): never {
  return notFound(rule, `${rule}: ${detail}`);
}

/** Quotes a value for a message. */
export const q = (value: unknown): string => JSON.stringify(value);

/** The business time is a real instant, and not later than the server clock. */
export function requireSaneClock(context: DecisionContext): void {
  if (!isIsoDateTime(context.effectiveAt)) {
    fail('INVALID_EFFECTIVE_AT', `effectiveAt ${q(context.effectiveAt)} is not an ISO-8601 instant with a zone`);
  }
  if (Date.parse(context.effectiveAt) > Date.parse(context.now)) {
    fail('EFFECTIVE_AT_IN_FUTURE', `effectiveAt ${context.effectiveAt} is later than now ${context.now}`);
  }
}

/** Every command but registration needs a live organization, and comes after its registration. */
export function requireActive(state: OrganizationState, context: DecisionContext): void {
  if (state.lifecycle === 'UNREGISTERED' || !state.registered) {
    failNotFound('ORGANIZATION_NOT_FOUND', `the organization is not registered`);
  }
  if (state.lifecycle === 'OFFBOARDED') {
    fail('ORGANIZATION_OFFBOARDED', `the organization was offboarded on ${state.offboarded?.effectiveAt}`);
  }
  // An as-of fold must never meet a fact about an organization it does not know yet.
  requireNotBefore(state.registered, context, 'EFFECTIVE_BEFORE_REGISTRATION', 'the organization was registered');
}

export function requireText(value: string, field: string): void {
  if (value.trim() === '') fail('FIELD_REQUIRED', `${field} must not be empty`);
}

export function requireDate(value: string, field: string): IsoDate {
  if (!isIsoDate(value)) fail('INVALID_DATE', `${field} ${q(value)} is not a valid YYYY-MM-DD date`);
  return value;
}

export function requireUnique(values: readonly string[], rule: string, what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) fail(rule, `${what} ${q(v)} is listed more than once`);
    seen.add(v);
  }
}

/** A business date may not lie after the day the command claims to happen on. */
export function requireNotAfterEffectiveDay(
  date: IsoDate,
  context: DecisionContext,
  rule: string,
  field: string,
): void {
  const day = dayOf(context.effectiveAt);
  if (date > day) fail(rule, `${field} ${date} is after the effective day ${day}`);
}

/**
 * Nothing can happen to a thing before the event that established it: an as-of fold would
 * otherwise see a review without its report, or a closure without its exception.
 */
export function requireNotBefore(stamp: Stamp, context: DecisionContext, rule: string, what: string): void {
  if (Date.parse(context.effectiveAt) < Date.parse(stamp.effectiveAt)) {
    fail(rule, `effectiveAt ${context.effectiveAt} is before ${what} (${stamp.effectiveAt})`);
  }
}

export function requireReport(state: OrganizationState, reportId: string, context: DecisionContext): ReportState {
  const report = state.reports[reportId];
  if (!report) return failNotFound('REPORT_NOT_FOUND', `no report ${q(reportId)} was received`);
  requireNotBefore(report.received, context, 'EFFECTIVE_BEFORE_REPORT_RECEIVED', `report ${q(reportId)} was received`);
  return report;
}

/** A withdrawn report is out of the record: nothing more may be said about it. */
export function requireLiveReport(state: OrganizationState, reportId: string, context: DecisionContext): ReportState {
  const report = requireReport(state, reportId, context);
  if (report.withdrawn) {
    fail('REPORT_WITHDRAWN', `report ${q(reportId)} was withdrawn on ${report.withdrawn.effectiveAt}`);
  }
  return report;
}

/** An exception that exists and is not yet closed; closing is final. */
export function requireOpenException(
  state: OrganizationState,
  exceptionId: string,
  context: DecisionContext,
): ExceptionState {
  const exception = state.exceptions[exceptionId];
  if (!exception) return failNotFound('EXCEPTION_NOT_FOUND', `no exception ${q(exceptionId)} was recorded`);
  if (exception.closed) {
    fail('EXCEPTION_ALREADY_CLOSED', `exception ${q(exceptionId)} was closed on ${exception.closed.effectiveAt}`);
  }
  const found = `exception ${q(exceptionId)} was found`;
  requireNotBefore(exception.found, context, 'EFFECTIVE_BEFORE_EXCEPTION_FOUND', found);
  return exception;
}

export function requireSite(state: OrganizationState, siteId: string, field: string): void {
  if (!state.sites[siteId]) failNotFound('SITE_NOT_FOUND', `${field} ${q(siteId)} is not a registered site`);
}

/** Equality for profile and review values: arrays compare element by element, in order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  return a === b;
}
