import { gql } from '../graphql';
import type { OrgSummary } from '../types';
import { ORG_SUMMARY } from './fragments';

/**
 * What every role may see of one organization. It is asked apart from the history detail
 * (./detail), so that a FORBIDDEN on the detail never hides the status.
 */
export interface OrganizationOverview extends OrgSummary {
  services: string[];
  owner: string | null;
  inclusionMethod: string | null;
  revision: string;
  registeredAt: string | null;
  offboardedAt: string | null;
  offboardReason: string | null;
  parent: { id: string; name: string; criticality: string; assurance: { status: string; flags: string[] } } | null;
  subserviceOrganizations: Array<{ id: string; name: string; criticality: string; inclusionMethod: string | null; assurance: { status: string; flags: string[]; statusSince: string | null } }>;
}

/** Null when the organization does not exist (NOT_FOUND). */
export async function fetchOverview(id: string): Promise<OrganizationOverview | null> {
  const { organization } = await gql<{ organization: OrganizationOverview | null }>(
    `query Overview($id: ID!) { organization(id: $id) {
      ${ORG_SUMMARY} services owner inclusionMethod revision registeredAt offboardedAt offboardReason
      parent { id name criticality assurance { status flags } }
      subserviceOrganizations { id name criticality inclusionMethod assurance { status flags statusSince } }
    } }`,
    { id },
  );
  return organization;
}
