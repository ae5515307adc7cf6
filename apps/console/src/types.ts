/** The shapes the console reads from the GraphQL API (only the fields it asks for). */
export interface Reason {
  code: string;
  message: string;
  since: string | null;
  eventIds?: string[];
  status?: string | null;
  flag?: string | null;
}

export interface Assurance {
  status: string;
  statusSince: string | null;
  flags: string[];
  reasons: Reason[];
  expiresAt?: string | null;
  coverageEnd?: string | null;
  reach?: string | null;
  assessedOn?: string;
  currentReportId?: string | null;
  nextReassessmentOn?: string | null;
}

export interface OrgSummary {
  id: string;
  name: string;
  role: string;
  category: string;
  criticality: string;
  parentOrganizationId: string | null;
  assurance: Assurance;
}

export interface Connection<T> {
  totalCount: number;
  edges: Array<{ node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
