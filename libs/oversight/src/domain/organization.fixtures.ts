import { DomainError } from './domain-error';
import type { CommandOfType, OversightCommandType } from './oversight.commands';
import type {
  AssuranceReportReceivedData,
  BridgeLetterReceivedData,
  EventOfType,
  ExceptionFoundData,
  OperationalValidationData,
  OrganizationRegisteredData,
  OversightEventType,
  PhysicalValidationData,
  ReportReviewConcludedData,
  SiteRegisteredData,
} from './oversight.events';

/**
 * Small builders for decider and projection specs: a registered data center and its vendor, a
 * SOC 2 Type 2 report, an exception… Each takes overrides so a spec states only what it tests.
 * Dates sit in 2025–2026, before SPEC_NOW (2026-06-30).
 */
export const VENDOR_ID = 'org-payroll-saas';
export const DATA_CENTER_ID = 'org-dc-frankfurt';
export const SITE_ID = 'site-fra-1';
export const REPORT_ID = 'rep-soc2-2025';
export const EXCEPTION_ID = 'exc-cc6-4';

export function event<T extends OversightEventType>(type: T, data: EventOfType<T>['data']): EventOfType<T> {
  return { type, data } as EventOfType<T>;
}

export function command<T extends OversightCommandType>(type: T, data: CommandOfType<T>['data']): CommandOfType<T> {
  return { type, data } as CommandOfType<T>;
}

/** A data center colocation provider, carved out of the payroll vendor's report. */
export function dataCenter(overrides: Partial<OrganizationRegisteredData> = {}): OrganizationRegisteredData {
  return {
    organizationId: DATA_CENTER_ID,
    name: 'Frankfurt Colo GmbH',
    role: 'SUBSERVICE',
    category: 'DATA_CENTER_COLOCATION',
    criticality: 'CRITICAL',
    services: ['colocation', 'remote hands'],
    owner: 'it-risk@example.com',
    parentOrganizationId: VENDOR_ID,
    inclusionMethod: 'CARVE_OUT',
    ...overrides,
  };
}

export function vendor(overrides: Partial<OrganizationRegisteredData> = {}): OrganizationRegisteredData {
  return {
    organizationId: VENDOR_ID,
    name: 'Payroll Cloud Ltd',
    role: 'VENDOR',
    category: 'PAYROLL',
    criticality: 'HIGH',
    services: ['payroll'],
    owner: null,
    parentOrganizationId: null,
    inclusionMethod: null,
    ...overrides,
  };
}

export function site(overrides: Partial<SiteRegisteredData> = {}): SiteRegisteredData {
  return { siteId: SITE_ID, name: 'FRA-1', country: 'DE', city: 'Frankfurt am Main', ...overrides };
}

/** SOC 2 Type 2 over calendar 2025, clean opinion, one CUEC. */
export function soc2Type2(overrides: Partial<AssuranceReportReceivedData> = {}): AssuranceReportReceivedData {
  return {
    reportId: REPORT_ID,
    framework: 'SOC2',
    reportType: 'TYPE_2',
    asOfDate: null,
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    opinionDate: '2026-01-10',
    serviceAuditor: 'Example Assurance LLP',
    opinion: 'UNMODIFIED',
    criteria: ['SECURITY', 'AVAILABILITY'],
    controlObjectives: [],
    servicesCovered: ['colocation'],
    sitesCovered: [],
    controlsTested: ['CC6.4', 'A1.2'],
    cuecs: [{ ref: 'CUEC-1', description: 'User entities review the list of persons with data center access.' }],
    subserviceOrganizations: [],
    documentSha256: 'ab'.repeat(32),
    managementAssertionIncluded: true,
    ...overrides,
  };
}

/** SOC 1 Type 1 as of 30 September 2025. */
export function soc1Type1(overrides: Partial<AssuranceReportReceivedData> = {}): AssuranceReportReceivedData {
  return soc2Type2({
    reportId: 'rep-soc1-2025',
    framework: 'SOC1',
    reportType: 'TYPE_1',
    asOfDate: '2025-09-30',
    periodStart: null,
    periodEnd: null,
    opinionDate: '2025-11-15',
    criteria: [],
    controlObjectives: ['CO-1 Physical access is restricted'],
    cuecs: [],
    documentSha256: null,
    ...overrides,
  });
}

export function review(overrides: Partial<ReportReviewConcludedData> = {}): ReportReviewConcludedData {
  return {
    reportId: REPORT_ID,
    decision: 'ACCEPTED',
    reviewer: 'grc.analyst',
    conditions: [],
    notes: null,
    ...overrides,
  };
}

export function bridgeLetter(overrides: Partial<BridgeLetterReceivedData> = {}): BridgeLetterReceivedData {
  return {
    letterId: 'bl-2026-q1',
    reportId: REPORT_ID,
    coversFrom: '2026-01-01',
    coversTo: '2026-03-31',
    materialChanges: null,
    ...overrides,
  };
}

export function physicalValidation(overrides: Partial<PhysicalValidationData> = {}): PhysicalValidationData {
  return {
    validationId: 'val-phys-2026',
    siteId: SITE_ID,
    areas: ['PHYSICAL_ACCESS', 'FIRE_DETECTION_SUPPRESSION', 'POWER_UPS_GENERATOR'],
    method: 'SITE_VISIT',
    result: 'EFFECTIVE',
    validatedOn: '2026-03-12',
    notes: null,
    ...overrides,
  };
}

export function operationalValidation(overrides: Partial<OperationalValidationData> = {}): OperationalValidationData {
  return {
    validationId: 'val-ops-2026',
    siteId: null,
    areas: ['LOGICAL_ACCESS', 'CHANGE_MANAGEMENT'],
    method: 'REMOTE_EVIDENCE',
    result: 'EFFECTIVE',
    validatedOn: '2026-04-02',
    notes: null,
    ...overrides,
  };
}

export function exception(overrides: Partial<ExceptionFoundData> = {}): ExceptionFoundData {
  return {
    exceptionId: EXCEPTION_ID,
    source: 'REPORT',
    reportId: REPORT_ID,
    controlRef: 'CC6.4',
    criteriaRef: 'CC6.4',
    kind: 'OPERATING',
    severity: 'HIGH',
    description: 'Badge access of two leavers was not revoked within 24 hours.',
    managementResponse: 'Leaver process automated in Q1 2026.',
    ...overrides,
  };
}

/** The usual given events. */
export const registeredDataCenter = (o: Partial<OrganizationRegisteredData> = {}) =>
  event('OrganizationRegistered', dataCenter(o));
export const siteRegistered = (o: Partial<SiteRegisteredData> = {}) => event('SiteRegistered', site(o));
export const reportReceived = (o: Partial<AssuranceReportReceivedData> = {}) =>
  event('AssuranceReportReceived', soc2Type2(o));
export const reportWithdrawn = (reportId = REPORT_ID) =>
  event('AssuranceReportWithdrawn', { reportId, reason: 'Entered in error' });
export const reviewConcluded = (o: Partial<ReportReviewConcludedData> = {}) =>
  event('ReportReviewConcluded', review(o));
export const exceptionFound = (o: Partial<ExceptionFoundData> = {}) => event('ExceptionFound', exception(o));
export const remediationClosed = (exceptionId = EXCEPTION_ID) =>
  event('RemediationClosed', { exceptionId, resolution: 'Fixed', evidence: null, verifiedBy: 'internal.audit' });
export const offboarded = () => event('OrganizationOffboarded', { reason: 'Contract ended' });

/** Runs a decision expected to be refused and returns the DomainError, for checks beyond the rule. */
export function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but the command was accepted');
}
