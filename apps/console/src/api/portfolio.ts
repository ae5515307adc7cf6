import { gql } from '../graphql';
import type { Connection, OrgSummary } from '../types';
import { ORG_SUMMARY } from './fragments';
import { fetchAllPages } from './pages';

export interface OrganizationFilter {
  search?: string;
  criticality?: string[];
  category?: string[];
  status?: string[];
  notAssured?: boolean;
}

/** Every organization matching the filter, 100 a page. */
export async function fetchOrganizations(filter: OrganizationFilter = {}): Promise<OrgSummary[]> {
  return fetchAllPages(async (after) => {
    const { organizations } = await gql<{ organizations: Connection<OrgSummary> }>(
      `query Organizations($filter: OrganizationFilterInput, $after: String) {
        organizations(filter: $filter, first: 100, after: $after) {
          totalCount edges { node { ${ORG_SUMMARY} } } pageInfo { hasNextPage endCursor }
        }
      }`,
      { filter, after },
    );
    return organizations;
  });
}

export interface PortfolioSummary {
  total: number;
  expiringWithinDays: number;
  byStatus: Array<{ status: string; count: number }>;
  byCriticality: Array<{ criticality: string; count: number }>;
  expiringSoon: OrgSummary[];
  /** The server's clock when it answered: the moment these counts are as at. */
  asAt: string;
}

export async function fetchPortfolioSummary(days = 60): Promise<PortfolioSummary> {
  const { portfolioSummary, serverTime } = await gql<{ portfolioSummary: Omit<PortfolioSummary, 'asAt'>; serverTime: string }>(
    `query Summary($days: Int) { portfolioSummary(expiringWithinDays: $days) {
      total expiringWithinDays byStatus { status count } byCriticality { criticality count }
      expiringSoon { ${ORG_SUMMARY} } } serverTime }`,
    { days },
  );
  return { ...portfolioSummary, asAt: serverTime };
}
