import type { AssurancePolicy } from './assurance-policy';
import type {
  Criticality,
  CuecState,
  ExceptionKind,
  ExceptionSource,
  Framework,
  InclusionMethod,
  IsoDate,
  IsoDateTime,
  OperationalArea,
  Opinion,
  OrganizationCategory,
  OrganizationRole,
  PhysicalArea,
  ReportType,
  ReviewDecision,
  Severity,
  TrustServicesCriterion,
  ValidationMethod,
  ValidationResult,
} from './oversight.vocabulary';
import type { DocumentAttachedData } from './organization.documents';

export type { DocumentAttachedData } from './organization.documents';

/** Events of the organization-under-oversight aggregate (DESIGN §3), past tense, data only. */
export type OversightEvent =
  | Ev<'OrganizationRegistered', OrganizationRegisteredData>
  | Ev<'OrganizationProfileUpdated', OrganizationProfileUpdatedData>
  | Ev<'SiteRegistered', SiteRegisteredData>
  | Ev<'AssurancePolicySet', AssurancePolicySetData>
  | Ev<'ExpectedControlsDefined', ExpectedControlsDefinedData>
  | Ev<'AssuranceReportReceived', AssuranceReportReceivedData>
  | Ev<'AssuranceReportWithdrawn', AssuranceReportWithdrawnData>
  | Ev<'ReportReviewConcluded', ReportReviewConcludedData>
  | Ev<'BridgeLetterReceived', BridgeLetterReceivedData>
  | Ev<'CuecMapped', CuecMappedData>
  | Ev<'PhysicalEnvironmentalControlsValidated', PhysicalValidationData>
  | Ev<'OperationalControlsValidated', OperationalValidationData>
  | Ev<'ExceptionFound', ExceptionFoundData>
  | Ev<'RemediationPlanned', RemediationPlannedData>
  | Ev<'RemediationClosed', RemediationClosedData>
  | Ev<'RiskAccepted', RiskAcceptedData>
  | Ev<'OrganizationOffboarded', OrganizationOffboardedData>
  | Ev<'DocumentAttached', DocumentAttachedData>;

type Ev<T extends string, D> = { type: T; data: D };
export type OversightEventType = OversightEvent['type'];
export type EventOfType<T extends OversightEventType> = Extract<OversightEvent, { type: T }>;

export const OVERSIGHT_EVENT_TYPES: readonly OversightEventType[] = [
  'OrganizationRegistered',
  'OrganizationProfileUpdated',
  'SiteRegistered',
  'AssurancePolicySet',
  'ExpectedControlsDefined',
  'AssuranceReportReceived',
  'AssuranceReportWithdrawn',
  'ReportReviewConcluded',
  'BridgeLetterReceived',
  'CuecMapped',
  'PhysicalEnvironmentalControlsValidated',
  'OperationalControlsValidated',
  'ExceptionFound',
  'RemediationPlanned',
  'RemediationClosed',
  'RiskAccepted',
  'OrganizationOffboarded',
  'DocumentAttached',
];

/** The facts the store adds to an event: which one, and the two clocks (DESIGN §4). */
export interface EventFacts {
  eventId: string;
  /** Business time: when it happened. */
  effectiveAt: IsoDateTime;
  /** Recording time: when we learned it. */
  recordedAt: IsoDateTime;
}
export type RecordedOversightEvent = OversightEvent & EventFacts;

export interface OrganizationRegisteredData {
  organizationId: string;
  name: string;
  role: OrganizationRole;
  category: OrganizationCategory;
  criticality: Criticality;
  services: string[];
  owner: string | null;
  parentOrganizationId: string | null;
  inclusionMethod: InclusionMethod | null;
}

export interface OrganizationProfileUpdatedData {
  name?: string;
  category?: OrganizationCategory;
  criticality?: Criticality;
  services?: string[];
  owner?: string | null;
}

export interface SiteRegisteredData {
  siteId: string;
  name: string;
  country: string;
  city: string | null;
}

/** Carries the whole policy in force from now on, defaults resolved. */
export type AssurancePolicySetData = AssurancePolicy;

export interface ExpectedControl {
  ref: string;
  description: string;
  domain: string;
  risk: Criticality;
}
/** Replaces the whole set of expected controls. */
export interface ExpectedControlsDefinedData {
  controls: ExpectedControl[];
}

export interface Cuec {
  ref: string;
  description: string;
}
export interface SubserviceInReport {
  name: string;
  method: InclusionMethod;
}

export interface AssuranceReportReceivedData {
  reportId: string;
  framework: Framework;
  reportType: ReportType;
  /** Type 1 only. */
  asOfDate: IsoDate | null;
  /** Type 2 only. */
  periodStart: IsoDate | null;
  periodEnd: IsoDate | null;
  opinionDate: IsoDate | null;
  serviceAuditor: string;
  opinion: Opinion;
  criteria: TrustServicesCriterion[];
  controlObjectives: string[];
  servicesCovered: string[];
  sitesCovered: string[];
  controlsTested: string[];
  cuecs: Cuec[];
  subserviceOrganizations: SubserviceInReport[];
  documentSha256: string | null;
}

export interface AssuranceReportWithdrawnData {
  reportId: string;
  reason: string;
}

export interface ReportReviewConcludedData {
  reportId: string;
  decision: ReviewDecision;
  reviewer: string;
  conditions: string[];
  notes: string | null;
  /** Present only on a review that deliberately replaces an earlier one: what it replaced and why. */
  supersedes?: SupersededReview;
}

/** The review a later one replaced, copied into the later event so the history reads on its own. */
export interface SupersededReview {
  eventId: string;
  decision: ReviewDecision;
  reviewer: string;
  concludedAt: IsoDateTime;
  /** Why the decision changed. */
  reason: string;
}

export interface BridgeLetterReceivedData {
  letterId: string;
  reportId: string;
  coversFrom: IsoDate;
  coversTo: IsoDate;
  materialChanges: string | null;
}

export interface CuecMappedData {
  reportId: string;
  cuecRef: string;
  cuecText: string;
  internalControlRef: string | null;
  state: CuecState;
}

interface ValidationData<A> {
  validationId: string;
  siteId: string | null;
  areas: A[];
  method: ValidationMethod;
  result: ValidationResult;
  validatedOn: IsoDate;
  notes: string | null;
}
export type PhysicalValidationData = ValidationData<PhysicalArea>;
export type OperationalValidationData = ValidationData<OperationalArea>;

export interface ExceptionFoundData {
  exceptionId: string;
  source: ExceptionSource;
  reportId: string | null;
  controlRef: string;
  criteriaRef: string | null;
  kind: ExceptionKind;
  severity: Severity;
  description: string;
  managementResponse: string | null;
}

export interface RemediationPlannedData {
  exceptionId: string;
  owner: string;
  plan: string;
  dueDate: IsoDate;
}

export interface RemediationClosedData {
  exceptionId: string;
  resolution: string;
  evidence: string | null;
  verifiedBy: string | null;
}

export interface RiskAcceptedData {
  exceptionId: string;
  acceptedBy: string;
  rationale: string;
  /** The last day the acceptance covers; null for no end. */
  expiresAt: IsoDate | null;
}

export interface OrganizationOffboardedData {
  reason: string;
}
