import type { OrganizationState, ReportState } from '../../../../../libs/oversight/src/domain/organization.state';
import type { OrganizationStatusView } from '../../../../../libs/oversight/src/queries/organization-status.view';
import type { OrganizationType } from './organization.type';
import type { AssuranceReportType } from './report.type';

/** Builds the GraphQL organization from its status row and its folded state. */
export function toOrganizationType(view: OrganizationStatusView, state: OrganizationState): OrganizationType {
  const p = state.profile!;
  const reports = state.reportOrder.map((id) => state.reports[id]).filter((r): r is ReportState => !!r);
  return {
    tenantId: view.tenantId,
    id: view.organizationId,
    name: p.name,
    role: p.role,
    category: p.category,
    criticality: p.criticality,
    services: p.services,
    owner: p.owner,
    parentOrganizationId: p.parentOrganizationId,
    inclusionMethod: p.inclusionMethod,
    sites: Object.values(state.sites).map((s) => ({ ...s, registeredAt: s.effectiveAt })),
    policy: { ...state.policy, isSet: state.policyStamp !== null },
    expectedControls: state.expectedControls,
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
    currentReport: view.currentReportId && state.reports[view.currentReportId] ? toReport(state, state.reports[view.currentReportId]!) : null,
    reports: reports.map((r) => toReport(state, r)),
    validations: state.validations.map((x) => ({ ...x, areas: [...x.areas] })),
    revision: String(state.version - 1),
    registeredAt: state.registered?.effectiveAt ?? null,
    offboardedAt: state.offboarded?.effectiveAt ?? null,
    offboardReason: state.offboarded?.reason ?? null,
  };
}

function toReport(state: OrganizationState, r: ReportState): AssuranceReportType {
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
