import { exceptionsAsOf, type AsOfAnswer } from '../../../../libs/oversight/src/replay';
import type { OrganizationStatusView } from '../../../../libs/oversight/src/queries/organization-status.view';
import { toOrganizationType } from '../oversight/types/organization.mapper';
import { asOfId } from './as-of-id';
import type { OrganizationType } from '../oversight/types/organization.type';

/**
 * An as-of answer in the shape of today's organization, so a client reads both alike; it echoes
 * the two clocks and lists the events it rests on. `revision` is the highest stream revision
 * among those events (-1 when none): what the answer saw, not what to append after.
 */
export function toAsOfOrganization(tenantId: string, id: string, a: AsOfAnswer): OrganizationType {
  const s = a.assessment;
  const p = a.state.profile!;
  const revision = a.revision ?? -1n;
  const view: OrganizationStatusView = {
    tenantId,
    organizationId: id,
    name: p.name,
    role: p.role,
    category: p.category,
    criticality: p.criticality,
    parentOrganizationId: p.parentOrganizationId,
    inclusionMethod: p.inclusionMethod,
    status: s.status,
    flags: s.flags,
    reasons: s.reasons,
    statusSince: null, // below, read lazily: a replay of the timeline
    coverageEnd: s.coverageEnd,
    reach: s.reach,
    expiresAt: s.expiresAt,
    currentReportId: s.currentReportId,
    nextReassessmentOn: s.nextReassessmentOn,
    assessedOn: s.at,
    revision,
    position: 0n,
  };
  const organization = toOrganizationType(view, a.state);
  Object.defineProperty(organization.assurance, 'statusSince', { enumerable: true, get: () => a.statusSince });
  return {
    ...organization,
    id: asOfId(id, a.moment),
    revision: String(revision),
    asOf: a.moment.asOf,
    knownAt: a.moment.knownAt,
    basedOnEventIds: a.basedOnEventIds,
    asOfExceptions: exceptionsAsOf(a.state, id, s.at),
  };
}
