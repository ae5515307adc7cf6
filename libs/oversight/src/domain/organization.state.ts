import { DEFAULT_POLICY, type AssurancePolicy } from './assurance-policy';
import type {
  AssuranceReportReceivedData,
  BridgeLetterReceivedData,
  CuecMappedData,
  ExceptionFoundData,
  ExpectedControl,
  OrganizationRegisteredData,
  PhysicalValidationData,
  OperationalValidationData,
  RemediationClosedData,
  RemediationPlannedData,
  ReportReviewConcludedData,
  RiskAcceptedData,
  SiteRegisteredData,
} from './oversight.events';
import type { IsoDate, IsoDateTime } from './oversight.vocabulary';
import type { AttachedDocument } from './organization.documents';

/**
 * The folded state of one organization under oversight. Plain JSON (records and arrays, no
 * Maps or class instances) so that it can be stored as a snapshot and compared in tests.
 * Every fact keeps the id and business time of the event that established it, because
 * assessment reasons must name their events and say since when they hold.
 */
export interface OrganizationState {
  lifecycle: 'UNREGISTERED' | 'ACTIVE' | 'OFFBOARDED';
  profile: OrganizationRegisteredData | null;
  registered: Stamp | null;
  offboarded: (Stamp & { reason: string }) | null;
  sites: Record<string, SiteRegisteredData & Stamp>;
  policy: AssurancePolicy;
  policyStamp: Stamp | null;
  expectedControls: ExpectedControl[];
  expectedControlsStamp: Stamp | null;
  reports: Record<string, ReportState>;
  /** Report ids in the order received. */
  reportOrder: string[];
  bridgeLetters: Record<string, BridgeLetterReceivedData & Stamp>;
  validations: ValidationRecord[];
  exceptions: Record<string, ExceptionState>;
  exceptionOrder: string[];
  /** Documents attached, in order (absent in snapshots written before documents existed). */
  documents: AttachedDocument[];
  /** Number of events folded; the stream revision is `version - 1`. */
  version: number;
}

/** Which event established a fact, and when it happened in business time. */
export interface Stamp {
  eventId: string;
  effectiveAt: IsoDateTime;
}

export interface ReportState extends AssuranceReportReceivedData {
  /** As-of date (Type 1) or period start (Type 2). */
  coverageStart: IsoDate;
  /** As-of date (Type 1) or period end (Type 2). */
  coverageEnd: IsoDate;
  received: Stamp;
  withdrawn: (Stamp & { reason: string }) | null;
  review: (ReportReviewConcludedData & Stamp) | null;
  bridgeLetterIds: string[];
  cuecMappings: Record<string, CuecMappedData & Stamp>;
}

export type ValidationRecord =
  | ({ kind: 'PHYSICAL' } & PhysicalValidationData & Stamp)
  | ({ kind: 'OPERATIONAL' } & OperationalValidationData & Stamp);

export interface ExceptionState extends ExceptionFoundData {
  found: Stamp;
  remediation: (RemediationPlannedData & Stamp) | null;
  closed: (RemediationClosedData & Stamp) | null;
  riskAcceptance: (RiskAcceptedData & Stamp) | null;
}

export function initialState(): OrganizationState {
  return {
    lifecycle: 'UNREGISTERED',
    profile: null,
    registered: null,
    offboarded: null,
    sites: {},
    policy: { ...DEFAULT_POLICY, requiredCriteria: [] },
    policyStamp: null,
    expectedControls: [],
    expectedControlsStamp: null,
    reports: {},
    reportOrder: [],
    bridgeLetters: {},
    validations: [],
    exceptions: {},
    exceptionOrder: [],
    documents: [],
    version: 0,
  };
}
