import type { Framework, IsoDate, ReportType, TrustServicesCriterion } from './oversight.vocabulary';

/** Policy parameters per organization (DESIGN §2): conventions, not constants in code. */
export interface AssurancePolicy {
  requiredFramework: Framework | null;
  requiredReportType: ReportType | null;
  requiredCriteria: TrustServicesCriterion[];
  /** `MM-DD`: the reliance date F is the latest such day on or before the assessed moment. */
  fiscalYearEnd: string;
  maxReportAgeMonths: number;
  maxBridgeMonths: number;
  minPeriodMonths: number;
  physicalValidationMonths: number;
  expiryWarningDays: number;
}

export const DEFAULT_POLICY: Readonly<AssurancePolicy> = Object.freeze({
  requiredFramework: null,
  requiredReportType: null,
  requiredCriteria: [],
  fiscalYearEnd: '12-31',
  maxReportAgeMonths: 12,
  maxBridgeMonths: 3,
  minPeriodMonths: 6,
  physicalValidationMonths: 12,
  expiryWarningDays: 60,
});

/** Limits on the numeric parameters; beyond them a policy makes no sense. */
export const POLICY_LIMITS = {
  maxReportAgeMonths: [1, 60],
  maxBridgeMonths: [0, 12],
  minPeriodMonths: [0, 24],
  physicalValidationMonths: [1, 60],
  expiryWarningDays: [0, 365],
} as const satisfies Partial<Record<keyof AssurancePolicy, readonly [number, number]>>;

export function resolvePolicy(partial: Partial<AssurancePolicy>): AssurancePolicy {
  const defined = Object.fromEntries(
    Object.entries(partial).filter(([, v]) => v !== undefined),
  ) as Partial<AssurancePolicy>;
  return { ...DEFAULT_POLICY, requiredCriteria: [], ...defined };
}

export type { IsoDate };
