import type { AssurancePolicy } from './assurance-policy';
import type {
  AssuranceReportReceivedData,
  AssuranceReportWithdrawnData,
  BridgeLetterReceivedData,
  CuecMappedData,
  ExceptionFoundData,
  ExpectedControlsDefinedData,
  OperationalValidationData,
  OrganizationOffboardedData,
  OrganizationProfileUpdatedData,
  OrganizationRegisteredData,
  PhysicalValidationData,
  RemediationClosedData,
  RemediationPlannedData,
  ReportReviewConcludedData,
  RiskAcceptedData,
  SiteRegisteredData,
} from './oversight.events';
import type { DocumentAttachedData, WithDocument } from './organization.documents';
import type { IsoDateTime } from './oversight.vocabulary';

/** A second review of a report must say that it replaces the first, and why. */
export type ConcludeReportReviewData = Omit<ReportReviewConcludedData, 'supersedes'> & {
  supersedesReview?: boolean;
  supersessionReason?: string | null;
};

/**
 * Commands of the organization aggregate. Their data is complete: ids are generated and optional
 * fields normalised (null or []) by the application before the decider sees them, so that
 * deciding is a pure, deterministic function.
 */
export type OversightCommand =
  | Cmd<'RegisterOrganization', OrganizationRegisteredData>
  | Cmd<'UpdateOrganizationProfile', OrganizationProfileUpdatedData>
  | Cmd<'RegisterSite', SiteRegisteredData>
  | Cmd<'SetAssurancePolicy', Partial<AssurancePolicy>>
  | Cmd<'DefineExpectedControls', ExpectedControlsDefinedData>
  | Cmd<'RecordReportReceived', AssuranceReportReceivedData & WithDocument>
  | Cmd<'WithdrawReport', AssuranceReportWithdrawnData>
  | Cmd<'ConcludeReportReview', ConcludeReportReviewData>
  | Cmd<'RecordBridgeLetter', BridgeLetterReceivedData & WithDocument>
  | Cmd<'MapCuec', Omit<CuecMappedData, 'cuecText'>>
  | Cmd<'RecordPhysicalEnvironmentalValidation', PhysicalValidationData & WithDocument>
  | Cmd<'RecordOperationalControlsValidation', OperationalValidationData>
  | Cmd<'RecordException', ExceptionFoundData>
  | Cmd<'PlanRemediation', RemediationPlannedData>
  | Cmd<'CloseRemediation', RemediationClosedData & WithDocument>
  | Cmd<'AcceptRisk', RiskAcceptedData>
  | Cmd<'OffboardOrganization', OrganizationOffboardedData>
  | Cmd<'AttachDocument', DocumentAttachedData>;

type Cmd<T extends string, D> = { type: T; data: D };
export type OversightCommandType = OversightCommand['type'];
export type CommandOfType<T extends OversightCommandType> = Extract<OversightCommand, { type: T }>;

/** The two clocks a decision is taken against; passed in so the decider stays pure. */
export interface DecisionContext {
  /** The server clock at the time of the command. */
  now: IsoDateTime;
  /** The business time the command claims; defaults to `now`. Never later than `now`. */
  effectiveAt: IsoDateTime;
}
