import type {
  DataClass,
  Framework,
  IsoDate,
  PhysicalArea,
  ReportType,
  RequirementFamily,
  TrustServicesCriterion,
  ValidationMethod,
} from './oversight.vocabulary';

/** One kind of report the policy requires; `family: null` accepts any family. */
export interface AssuranceRequirement {
  family: RequirementFamily | null;
  reportType: ReportType | null;
  criteria: TrustServicesCriterion[];
}

/**
 * Policy parameters per organization (DESIGN §2, §3 v2): conventions, not constants in code.
 * Events recorded under version 1 lack the v2 fields; `resolvePolicy` gives them their defaults.
 */
export interface AssurancePolicy {
  /** v1 shorthand for one requirement; ignored when `requirements` is not empty. */
  requiredFramework: Framework | null;
  requiredReportType: ReportType | null;
  requiredCriteria: TrustServicesCriterion[];
  requirements: AssuranceRequirement[];
  /** Reliance profile: adds an ICFR Type 2 requirement. */
  icfrRelevant: boolean;
  /** Reliance profile: PERSONAL adds TSC SECURITY + PRIVACY, CONFIDENTIAL adds SECURITY + CONFIDENTIALITY. */
  dataClasses: DataClass[];
  /** `MM-DD`: the reliance date F is the latest such day on or before the assessed moment. */
  fiscalYearEnd: string;
  maxReportAgeMonths: number;
  maxBridgeMonths: number;
  minPeriodMonths: number;
  minFiscalYearOverlapMonths: number;
  /** A Type 1 report is relied on (with exceptions) before this day; null for never. */
  acceptType1Until: IsoDate | null;
  criticalPlanningGraceDays: number;
  exceptionEvaluationDays: number;
  cuecTestMonths: number;
  /** The validation interval, physical and operational. */
  physicalValidationMonths: number;
  requiredPhysicalAreas: PhysicalArea[];
  acceptedValidationMethods: ValidationMethod[];
  reviewWindowDays: number;
  expiryWarningDays: number;
}

const DEFAULTS: AssurancePolicy = {
  requiredFramework: null,
  requiredReportType: null,
  requiredCriteria: [],
  requirements: [],
  icfrRelevant: false,
  dataClasses: [],
  fiscalYearEnd: '12-31',
  maxReportAgeMonths: 12,
  maxBridgeMonths: 3,
  minPeriodMonths: 6,
  minFiscalYearOverlapMonths: 6,
  acceptType1Until: null,
  criticalPlanningGraceDays: 30,
  exceptionEvaluationDays: 30,
  cuecTestMonths: 12,
  physicalValidationMonths: 12,
  requiredPhysicalAreas: [
    'PHYSICAL_ACCESS',
    'VISITOR_MANAGEMENT',
    'CCTV',
    'FIRE_DETECTION_SUPPRESSION',
    'POWER_UPS_GENERATOR',
    'COOLING',
    'ENVIRONMENTAL_MONITORING',
  ],
  acceptedValidationMethods: ['SITE_VISIT', 'REPORT_TEST_REFERENCE', 'REMOTE_EVIDENCE'],
  reviewWindowDays: 14,
  expiryWarningDays: 60,
};
export const DEFAULT_POLICY: Readonly<AssurancePolicy> = Object.freeze(DEFAULTS);

/** Limits on the numeric parameters; beyond them a policy makes no sense. */
export const POLICY_LIMITS = {
  maxReportAgeMonths: [1, 60],
  maxBridgeMonths: [0, 12],
  minPeriodMonths: [0, 24],
  minFiscalYearOverlapMonths: [0, 12],
  criticalPlanningGraceDays: [0, 365],
  exceptionEvaluationDays: [0, 365],
  cuecTestMonths: [1, 60],
  physicalValidationMonths: [1, 60],
  reviewWindowDays: [0, 365],
  expiryWarningDays: [0, 365],
} as const satisfies Partial<Record<keyof AssurancePolicy, readonly [number, number]>>;

const LIST_FIELDS = ['requiredCriteria', 'requirements', 'dataClasses', 'requiredPhysicalAreas', 'acceptedValidationMethods'] as const;

export function resolvePolicy(partial: Partial<AssurancePolicy>): AssurancePolicy {
  const defined = Object.fromEntries(
    Object.entries(partial).filter(([, v]) => v !== undefined),
  ) as Partial<AssurancePolicy>;
  const policy = { ...DEFAULT_POLICY, ...defined } as AssurancePolicy;
  // Fresh arrays, so that no state ever shares the frozen defaults.
  for (const field of LIST_FIELDS) (policy as unknown as Record<string, unknown[]>)[field] = [...policy[field]];
  policy.requirements = policy.requirements.map((r) => ({ ...r, criteria: [...r.criteria] }));
  return policy;
}

export type { IsoDate };
