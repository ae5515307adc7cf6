import { gql } from '../graphql';

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

/**
 * History detail: reports, validations, exceptions, policy. FORBIDDEN for a VIEWER, hence asked
 * apart from the overview (./overview), which every role may read.
 */
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
