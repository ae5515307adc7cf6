import { gql } from './graphql';
import type { Assurance, Connection, OrgSummary } from './types';

/**
 * Every GraphQL document the console sends. Fields a VIEWER may read (status, summaries) are
 * asked apart from history detail, so that a FORBIDDEN on detail never hides the status.
 */
const ASSURANCE = `status statusSince flags expiresAt coverageEnd reach assessedOn currentReportId nextReassessmentOn
  reasons { code message since eventIds status flag }`;
const ORG_SUMMARY = `id name role category criticality parentOrganizationId assurance { ${ASSURANCE} }`;

export interface OrganizationFilter {
  search?: string;
  criticality?: string[];
  category?: string[];
  status?: string[];
  notAssured?: boolean;
}

/** Every organization matching the filter, 100 a page. */
export async function fetchOrganizations(filter: OrganizationFilter = {}): Promise<OrgSummary[]> {
  const all: OrgSummary[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const { organizations }: { organizations: Connection<OrgSummary> } = await gql(
      `query Organizations($filter: OrganizationFilterInput, $after: String) {
        organizations(filter: $filter, first: 100, after: $after) {
          totalCount edges { node { ${ORG_SUMMARY} } } pageInfo { hasNextPage endCursor }
        }
      }`,
      { filter, after },
    );
    all.push(...organizations.edges.map((e) => e.node));
    if (!organizations.pageInfo.hasNextPage) break;
    after = organizations.pageInfo.endCursor;
  }
  return all;
}

export interface PortfolioSummary {
  total: number;
  expiringWithinDays: number;
  byStatus: Array<{ status: string; count: number }>;
  byCriticality: Array<{ criticality: string; count: number }>;
  expiringSoon: OrgSummary[];
}

export async function fetchPortfolioSummary(days = 60): Promise<PortfolioSummary> {
  const { portfolioSummary } = await gql<{ portfolioSummary: PortfolioSummary }>(
    `query Summary($days: Int) { portfolioSummary(expiringWithinDays: $days) {
      total expiringWithinDays byStatus { status count } byCriticality { criticality count }
      expiringSoon { ${ORG_SUMMARY} } } }`,
    { days },
  );
  return portfolioSummary;
}

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

/** What every role may see of one organization. Null when it does not exist (NOT_FOUND). */
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

export interface Report {
  reportId: string;
  framework: string;
  reportType: string;
  coverageStart: string;
  coverageEnd: string;
  periodStart: string | null;
  periodEnd: string | null;
  asOfDate: string | null;
  opinion: string;
  serviceAuditor: string;
  receivedAt: string;
  review: { decision: string; reviewer: string; conditions: string[]; concludedAt: string } | null;
  withdrawal: { reason: string; withdrawnAt: string } | null;
  bridgeLetters: Array<{ letterId: string; coversFrom: string; coversTo: string; receivedAt: string }>;
  subserviceOrganizations: Array<{ name: string; method: string }>;
}

export interface ExceptionItem {
  exceptionId: string;
  controlRef: string;
  criteriaRef: string | null;
  description: string;
  severity: string;
  kind: string;
  source: string;
  foundOn: string;
  dueDate: string | null;
  open: boolean;
  overdue: boolean;
  closedOn: string | null;
  remediationOwner: string | null;
  remediationPlan: string | null;
  resolution: string | null;
  riskAcceptedBy: string | null;
  riskAcceptedUntil: string | null;
  eventIds: string[];
}

export interface Validation {
  validationId: string;
  kind: string;
  siteId: string | null;
  validatedOn: string;
  method: string;
  result: string;
  areas: string[];
}

export interface Policy {
  fiscalYearEnd: string;
  maxBridgeMonths: number;
  maxReportAgeMonths: number;
  minPeriodMonths: number;
  physicalValidationMonths: number;
  expiryWarningDays: number;
  requiredFramework: string | null;
  requiredReportType: string | null;
  requiredCriteria: string[];
  isSet: boolean;
}

export interface OrganizationDetail {
  policy: Policy;
  reports: Report[];
  validations: Validation[];
  exceptions: ExceptionItem[];
}

/** History detail: reports, validations, exceptions, policy. FORBIDDEN for a VIEWER. */
export async function fetchDetail(id: string): Promise<OrganizationDetail | null> {
  const { organization } = await gql<{ organization: OrganizationDetail | null }>(
    `query Detail($id: ID!) { organization(id: $id) {
      policy { fiscalYearEnd maxBridgeMonths maxReportAgeMonths minPeriodMonths physicalValidationMonths expiryWarningDays
               requiredFramework requiredReportType requiredCriteria isSet }
      reports { reportId framework reportType coverageStart coverageEnd periodStart periodEnd asOfDate opinion serviceAuditor receivedAt
        review { decision reviewer conditions concludedAt } withdrawal { reason withdrawnAt }
        bridgeLetters { letterId coversFrom coversTo receivedAt } subserviceOrganizations { name method } }
      validations { validationId kind siteId validatedOn method result areas }
      exceptions { exceptionId controlRef criteriaRef description severity kind source foundOn dueDate open overdue closedOn
        remediationOwner remediationPlan resolution riskAcceptedBy riskAcceptedUntil eventIds }
    } }`,
    { id },
  );
  return organization;
}

export interface CoverageTimeline {
  from: string;
  to: string;
  fiscalYearEnd: string;
  reports: Array<{ reportId: string; coverageStart: string; coverageEnd: string; days: number; state: string; counts: boolean; framework: string; reportType: string; opinion: string; eventIds: string[] }>;
  bridgeLetters: Array<{ letterId: string; reportId: string; coversFrom: string; coversTo: string; days: number; valid: boolean; counts: boolean; problem: string | null; eventIds: string[] }>;
  validations: Array<{ validationId: string; kind: string; result: string; validatedOn: string; validUntil: string | null; siteId: string | null; eventIds: string[] }>;
  fiscalYearEnds: Array<{ date: string; coverage: string; reportId: string | null; letterId: string | null }>;
  gaps: Array<{ from: string; to: string; days: number; code: string; reason: string }>;
  totals: { days: number; coveredDays: number; uncoveredDays: number; coverageRatio: number } | null;
  /** True when the server computed it (coverageTimeline); false when derived here. */
  fromServer: boolean;
}

export async function fetchCoverageTimeline(id: string): Promise<CoverageTimeline> {
  const { coverageTimeline } = await gql<{ coverageTimeline: Omit<CoverageTimeline, 'fromServer'> }>(
    `query Coverage($id: ID!) { coverageTimeline(organizationId: $id) {
      from to fiscalYearEnd
      reports { reportId coverageStart coverageEnd days state counts framework reportType opinion eventIds }
      bridgeLetters { letterId reportId coversFrom coversTo days valid counts problem eventIds }
      validations { validationId kind result validatedOn validUntil siteId eventIds }
      fiscalYearEnds { date coverage reportId letterId }
      gaps { from to days code reason }
      totals { days coveredDays uncoveredDays coverageRatio }
    } }`,
    { id },
  );
  return { ...coverageTimeline, fromServer: true };
}

export interface HistoryEvent {
  eventId: string;
  revision: string;
  type: string;
  effectiveAt: string;
  recordedAt: string;
  actor: { id: string; role: string };
  data: unknown;
}

/** The audit trail, oldest first, every page. */
export async function fetchHistory(id: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const { oversightHistory }: { oversightHistory: Connection<HistoryEvent> } = await gql(
      `query History($id: ID!, $after: String) { oversightHistory(organizationId: $id, oldestFirst: true, first: 100, after: $after) {
        totalCount edges { node { eventId revision type effectiveAt recordedAt actor { id role } data } }
        pageInfo { hasNextPage endCursor } } }`,
      { id, after },
    );
    events.push(...oversightHistory.edges.map((e) => e.node));
    if (!oversightHistory.pageInfo.hasNextPage) break;
    after = oversightHistory.pageInfo.endCursor;
  }
  return events;
}

export interface DependencyImpact {
  status: string;
  vendors: Array<{
    vendorId: string;
    vendorName: string;
    vendorStatus: string;
    impactedDays: number;
    inherited: boolean;
    intervals: Array<{ from: string; to: string; days: number; causes: string[]; subserviceStatus: string; inherited: boolean; ongoing: boolean }>;
  }>;
}

export async function fetchDependencyImpact(id: string): Promise<DependencyImpact> {
  const { dependencyImpact } = await gql<{ dependencyImpact: DependencyImpact }>(
    `query Impact($id: ID!) { dependencyImpact(organizationId: $id) { status
      vendors { vendorId vendorName vendorStatus impactedDays inherited
        intervals { from to days causes subserviceStatus inherited ongoing } } } }`,
    { id },
  );
  return dependencyImpact;
}

export interface ReplayStep {
  kind: 'EVENT' | 'TIME';
  at: string;
  day: string;
  type: string | null;
  eventId: string | null;
  revision: string | null;
  recordedAt: string | null;
  status: string;
  previousStatus: string | null;
  statusChanged: boolean;
  flags: string[];
  reasons: Assurance['reasons'];
  data: unknown;
}

export async function fetchOversightTimeline(id: string, knownAt: string | null): Promise<ReplayStep[]> {
  const { oversightTimeline } = await gql<{ oversightTimeline: { entries: ReplayStep[] } }>(
    `query Timeline($id: ID!, $knownAt: DateTime) { oversightTimeline(organizationId: $id, knownAt: $knownAt) {
      entries { kind at day type eventId revision recordedAt status previousStatus statusChanged flags
        reasons { code message since eventIds } data } } }`,
    { id, knownAt },
  );
  return oversightTimeline.entries;
}

export interface AsOfAnswer {
  asOf: string | null;
  knownAt: string | null;
  assurance: Assurance;
  basedOnEventIds: string[] | null;
}

/** The organization as it stood at `asOf`, as known at `knownAt` (either may be null: now). */
export async function fetchAsOf(id: string, asOf: string | null, knownAt: string | null): Promise<AsOfAnswer | null> {
  const { organization } = await gql<{ organization: AsOfAnswer | null }>(
    `query AsOf($id: ID!, $asOf: DateTime, $knownAt: DateTime) { organization(id: $id, asOf: $asOf, knownAt: $knownAt) {
      asOf knownAt basedOnEventIds assurance { ${ASSURANCE} } } }`,
    { id, asOf, knownAt },
  );
  return organization;
}

export interface Verification {
  valid: boolean;
  checkedEvents: number;
  firstBrokenEventId: string | null;
  reason: string | null;
}

export async function verifyAuditTrail(id: string): Promise<Verification> {
  const { verifyAuditTrail } = await gql<{ verifyAuditTrail: Verification }>(
    `query Verify($id: ID!) { verifyAuditTrail(organizationId: $id) { valid checkedEvents firstBrokenEventId reason } }`,
    { id },
  );
  return verifyAuditTrail;
}

export async function fetchEvidencePack(id: string): Promise<unknown> {
  const { evidencePack } = await gql<{ evidencePack: unknown }>(`query Pack($id: ID!) { evidencePack(organizationId: $id) }`, { id });
  return evidencePack;
}

export async function fetchServerTime(token?: string): Promise<string> {
  const { serverTime } = await gql<{ serverTime: string }>('{ serverTime }', undefined, token);
  return serverTime;
}
