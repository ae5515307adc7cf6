/**
 * The closed vocabularies of oversight (DESIGN §2–3). Each is a const array so that the API can
 * register it as a GraphQL enum and validate input against it, and a union type for the domain.
 */
export const ORGANIZATION_ROLES = ['VENDOR', 'SUBSERVICE'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

export const ORGANIZATION_CATEGORIES = [
  'DATA_CENTER_COLOCATION',
  'CLOUD_HOSTING',
  'MANAGED_SERVICE',
  'SAAS',
  'PAYROLL',
  'PAYMENTS',
  'OTHER',
] as const;
export type OrganizationCategory = (typeof ORGANIZATION_CATEGORIES)[number];

export const CRITICALITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type Criticality = (typeof CRITICALITIES)[number];
/** Severity and risk ratings share the criticality scale; index 0 is the most severe. */
export type Severity = Criticality;
export const SEVERITIES = CRITICALITIES;

export const INCLUSION_METHODS = ['CARVE_OUT', 'INCLUSIVE'] as const;
export type InclusionMethod = (typeof INCLUSION_METHODS)[number];

export const FRAMEWORKS = ['SOC1', 'SOC2', 'SOC3', 'ISAE3402', 'ISAE3000'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const REPORT_TYPES = ['TYPE_1', 'TYPE_2'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const OPINIONS = ['UNMODIFIED', 'QUALIFIED', 'ADVERSE', 'DISCLAIMER'] as const;
export type Opinion = (typeof OPINIONS)[number];

export const TRUST_SERVICES_CRITERIA = [
  'SECURITY',
  'AVAILABILITY',
  'PROCESSING_INTEGRITY',
  'CONFIDENTIALITY',
  'PRIVACY',
] as const;
export type TrustServicesCriterion = (typeof TRUST_SERVICES_CRITERIA)[number];

export const REVIEW_DECISIONS = ['ACCEPTED', 'ACCEPTED_WITH_CONDITIONS', 'REJECTED'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const CUEC_STATES = ['IMPLEMENTED', 'PLANNED', 'NOT_APPLICABLE'] as const;
export type CuecState = (typeof CUEC_STATES)[number];

export const PHYSICAL_AREAS = [
  'PHYSICAL_ACCESS',
  'VISITOR_MANAGEMENT',
  'CCTV',
  'FIRE_DETECTION_SUPPRESSION',
  'POWER_UPS_GENERATOR',
  'COOLING',
  'ENVIRONMENTAL_MONITORING',
  'LEAK_DETECTION',
  'MAINTENANCE',
] as const;
export type PhysicalArea = (typeof PHYSICAL_AREAS)[number];

export const OPERATIONAL_AREAS = [
  'LOGICAL_ACCESS',
  'SECURITY_MONITORING',
  'THREAT_PREVENTION',
  'CONFIGURATION_MANAGEMENT',
  'INCIDENT_MANAGEMENT',
  'CHANGE_MANAGEMENT',
] as const;
export type OperationalArea = (typeof OPERATIONAL_AREAS)[number];

export const VALIDATION_METHODS = [
  'SITE_VISIT',
  'REPORT_TEST_REFERENCE',
  'QUESTIONNAIRE',
  'REMOTE_EVIDENCE',
] as const;
export type ValidationMethod = (typeof VALIDATION_METHODS)[number];

export const VALIDATION_RESULTS = ['EFFECTIVE', 'DEFICIENT'] as const;
export type ValidationResult = (typeof VALIDATION_RESULTS)[number];

export const EXCEPTION_SOURCES = ['REPORT', 'VALIDATION', 'INCIDENT', 'REVIEW'] as const;
export type ExceptionSource = (typeof EXCEPTION_SOURCES)[number];

export const EXCEPTION_KINDS = ['DESIGN', 'DESCRIPTION', 'OPERATING'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** Report families (DESIGN §3 v2): ICFR = SOC1/ISAE3402, TSC = SOC2 or ISAE3000 on the TSC, GENERAL = SOC3. */
export const REQUIREMENT_FAMILIES = ['ICFR', 'TSC', 'GENERAL'] as const;
export type RequirementFamily = (typeof REQUIREMENT_FAMILIES)[number];

/** What an exception means for our reliance on the report, once evaluated. */
export const EXCEPTION_IMPACTS = ['NONE', 'COMPENSATED', 'RELIANCE_REDUCED'] as const;
export type ExceptionImpact = (typeof EXCEPTION_IMPACTS)[number];

/** Classes of our data the organization handles; they add TSC requirements by default. */
export const DATA_CLASSES = ['PERSONAL', 'CONFIDENTIAL', 'FINANCIAL'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

/** Our conclusion on a bridge letter: a management assertion is accepted or not. */
export const BRIDGE_REVIEW_DECISIONS = ['ACCEPTED', 'REJECTED'] as const;
export type BridgeReviewDecision = (typeof BRIDGE_REVIEW_DECISIONS)[number];

/** Statuses, highest precedence first (DESIGN §3 "Assurance status"). */
export const ASSURANCE_STATUSES = [
  'OFFBOARDED',
  'NO_ASSURANCE',
  'NOT_ASSURED',
  'EXPIRED',
  'COVERAGE_GAP',
  'ASSURED_WITH_EXCEPTIONS',
  'ASSURED',
] as const;
export type AssuranceStatus = (typeof ASSURANCE_STATUSES)[number];

export const ASSURANCE_FLAGS = [
  'PENDING_REVIEW',
  'EXPIRING',
  'BRIDGED',
  'LATE_ISSUED',
  'AUDITOR_NOT_VETTED',
  'FISCAL_YEAR_END_AT_RISK',
] as const;
export type AssuranceFlag = (typeof ASSURANCE_FLAGS)[number];

/** A business date, `YYYY-MM-DD`, read as a UTC calendar day. */
export type IsoDate = string;
/** An instant, ISO-8601 with zone. */
export type IsoDateTime = string;
