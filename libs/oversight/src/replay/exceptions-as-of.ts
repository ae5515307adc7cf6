import { isOutstanding } from '../domain/assess';
import { dayOf } from '../domain/calendar';
import type { OrganizationState } from '../domain/organization.state';
import { SEVERITIES, type IsoDate } from '../domain/oversight.vocabulary';
import type { ExceptionView } from '../queries/exception.queries';

/** One exception as it stood on a day: the same shape as the exceptions read model's rows. */
export type ExceptionAsOf = ExceptionView;

/**
 * The exceptions of an as-of state, open and overdue judged on `day` with the same rule as
 * `assess`; riskiest first, then by the day found, as the read model orders them.
 */
export function exceptionsAsOf(state: OrganizationState, organizationId: string, day: IsoDate): ExceptionAsOf[] {
  const name = state.profile?.name ?? organizationId;
  return state.exceptionOrder
    .flatMap((id) => {
      const x = state.exceptions[id];
      if (!x) return [];
      const open = isOutstanding(x, day);
      const due = x.remediation?.dueDate ?? null;
      const stamps = [x.found, x.remediation, x.riskAcceptance, x.closed];
      return [{
        organizationId, organizationName: name, exceptionId: id, severity: x.severity, source: x.source,
        reportId: x.reportId, controlRef: x.controlRef, criteriaRef: x.criteriaRef, kind: x.kind,
        description: x.description, managementResponse: x.managementResponse, foundOn: dayOf(x.found.effectiveAt),
        remediationOwner: x.remediation?.owner ?? null, remediationPlan: x.remediation?.plan ?? null, dueDate: due,
        closedOn: x.closed ? dayOf(x.closed.effectiveAt) : null, resolution: x.closed?.resolution ?? null,
        riskAcceptedBy: x.riskAcceptance?.acceptedBy ?? null,
        riskAcceptedOn: x.riskAcceptance ? dayOf(x.riskAcceptance.effectiveAt) : null,
        riskAcceptedUntil: x.riskAcceptance?.expiresAt ?? null,
        open, overdue: open && due !== null && due < day,
        eventIds: stamps.flatMap((s) => (s ? [s.eventId] : [])),
      }];
    })
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        a.foundOn.localeCompare(b.foundOn) ||
        a.exceptionId.localeCompare(b.exceptionId),
    );
}
