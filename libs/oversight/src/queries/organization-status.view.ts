import type { AssuranceReason } from '../domain/assessment.types';
import type {
  AssuranceFlag,
  AssuranceStatus,
  Criticality,
  InclusionMethod,
  OrganizationCategory,
  OrganizationRole,
} from '../domain/oversight.vocabulary';

/** One row of the status read model, as queries return it. */
export interface OrganizationStatusView {
  tenantId: string;
  organizationId: string;
  name: string;
  role: OrganizationRole;
  category: OrganizationCategory;
  criticality: Criticality;
  parentOrganizationId: string | null;
  inclusionMethod: InclusionMethod | null;
  status: AssuranceStatus;
  flags: AssuranceFlag[];
  reasons: AssuranceReason[];
  statusSince: string | null;
  coverageEnd: string | null;
  reach: string | null;
  expiresAt: string | null;
  currentReportId: string | null;
  nextReassessmentOn: string | null;
  assessedOn: string;
  revision: bigint;
  position: bigint;
}

export interface StatusRow {
  tenant_id: string;
  organization_id: string;
  name: string;
  name_key: string;
  role: string;
  category: string;
  criticality: string;
  parent_id: string | null;
  inclusion_method: string | null;
  status: string;
  flags: string;
  reasons: string;
  status_since: string | null;
  coverage_end: string | null;
  reach: string | null;
  expires_at: string | null;
  current_report_id: string | null;
  next_reassessment_on: string | null;
  assessed_on: string;
  revision: number | bigint;
  position: number | bigint;
}

export function toStatusView(r: StatusRow): OrganizationStatusView {
  return {
    tenantId: r.tenant_id,
    organizationId: r.organization_id,
    name: r.name,
    role: r.role as OrganizationRole,
    category: r.category as OrganizationCategory,
    criticality: r.criticality as Criticality,
    parentOrganizationId: r.parent_id,
    inclusionMethod: r.inclusion_method as InclusionMethod | null,
    status: r.status as AssuranceStatus,
    flags: JSON.parse(r.flags),
    reasons: JSON.parse(r.reasons),
    statusSince: r.status_since,
    coverageEnd: r.coverage_end,
    reach: r.reach,
    expiresAt: r.expires_at,
    currentReportId: r.current_report_id,
    nextReassessmentOn: r.next_reassessment_on,
    assessedOn: r.assessed_on,
    revision: BigInt(r.revision),
    position: BigInt(r.position),
  };
}
