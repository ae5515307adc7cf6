import type { OrganizationState, ReportState } from '../../../../../libs/oversight/src/domain/organization.state';
import type { OrganizationStatusView } from '../../../../../libs/oversight/src/queries/organization-status.view';
import type { OrganizationType } from './organization.type';
import type { AssuranceReport } from './report.type';

/**
 * Builds the GraphQL organization from its status row and its folded state. Everything a status
 * row answers (name, criticality, assurance…) comes from it; the rest is a getter over the state,
 * and `state` may be a thunk: a query that selects only status fields never parses the state
 * (most of a query's cost for a large organization, see bench/).
 */
export function toOrganizationType(view: OrganizationStatusView, state: OrganizationState | (() => OrganizationState)): OrganizationType {
  const folded = typeof state === 'function' ? once(state) : () => state;
  const organization = {
    tenantId: view.tenantId,
    id: view.organizationId,
    organizationId: view.organizationId,
    name: view.name,
    role: view.role,
    category: view.category,
    criticality: view.criticality,
    parentOrganizationId: view.parentOrganizationId,
    inclusionMethod: view.inclusionMethod,
    assurance: {
      status: view.status,
      flags: view.flags,
      reasons: view.reasons,
      statusSince: view.statusSince,
      coverageEnd: view.coverageEnd,
      reach: view.reach,
      expiresAt: view.expiresAt,
      currentReportId: view.currentReportId,
      nextReassessmentOn: view.nextReassessmentOn,
      assessedOn: view.assessedOn,
    },
  } as OrganizationType;
  return Object.defineProperties(organization, {
    services: lazy(() => folded().profile!.services),
    owner: lazy(() => folded().profile!.owner),
    sites: lazy(() => Object.values(folded().sites).map((s) => ({ ...s, registeredAt: s.effectiveAt }))),
    policy: lazy(() => ({ ...folded().policy, isSet: folded().policyStamp !== null })),
    expectedControls: lazy(() => folded().expectedControls),
    currentReport: lazy(() => {
      const st = folded();
      return view.currentReportId && st.reports[view.currentReportId] ? toReport(st, st.reports[view.currentReportId]!) : null;
    }),
    reports: lazy(() => {
      const st = folded();
      return st.reportOrder.map((id) => st.reports[id]).filter((r): r is ReportState => !!r).map((r) => toReport(st, r));
    }),
    validations: lazy(() => folded().validations.map((x) => ({ ...x, areas: [...x.areas] }))),
    // Snapshots written before documents existed have no list.
    documents: lazy(() =>
      (folded().documents ?? []).map((d) => ({
        ...d,
        subjectType: d.subject?.type ?? null,
        subjectId: d.subject?.id ?? null,
        attachedAt: d.effectiveAt,
      })),
    ),
    revision: lazy(() => String(folded().version - 1)),
    registeredAt: lazy(() => folded().registered?.effectiveAt ?? null),
    offboardedAt: lazy(() => folded().offboarded?.effectiveAt ?? null),
    offboardReason: lazy(() => folded().offboarded?.reason ?? null),
  });
}

function once<T>(compute: () => T): () => T {
  let value: { v: T } | null = null;
  return () => (value ??= { v: compute() }).v;
}

/** An enumerable getter that computes once, then keeps the value (also when overwritten by a spread). */
function lazy<T>(compute: () => T): PropertyDescriptor {
  let value: { v: T } | null = null;
  return {
    enumerable: true,
    configurable: true,
    get: () => (value ??= { v: compute() }).v,
    set(v: T) {
      value = { v };
    },
  };
}

function toReport(state: OrganizationState, r: ReportState): AssuranceReport {
  return {
    ...r,
    cuecs: r.cuecs.map((c) => {
      const m = r.cuecMappings[c.ref];
      return {
        ...c,
        mapping: m ? { internalControlRef: m.internalControlRef, state: m.state, mappedAt: m.effectiveAt } : null,
      };
    }),
    receivedAt: r.received.effectiveAt,
    review: r.review ? { ...r.review, concludedAt: r.review.effectiveAt } : null,
    withdrawal: r.withdrawn ? { reason: r.withdrawn.reason, withdrawnAt: r.withdrawn.effectiveAt } : null,
    bridgeLetters: r.bridgeLetterIds
      .map((id) => state.bridgeLetters[id])
      .filter((b) => b !== undefined)
      .map((b) => ({ ...b, receivedAt: b.effectiveAt })),
  };
}
