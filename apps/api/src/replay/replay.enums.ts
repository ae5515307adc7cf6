import { registerEnumType } from '@nestjs/graphql';

/** GraphQL enums of the replay answers; the values are the replay library's own. */
function enumOf<T extends string>(values: readonly T[], name: string, description: string): Record<T, T> {
  const e = Object.fromEntries(values.map((x) => [x, x])) as Record<T, T>;
  registerEnumType(e, { name, description });
  return e;
}

export const TimelineEntryKindEnum = enumOf(
  ['EVENT', 'TIME'] as const,
  'TimelineEntryKind',
  'EVENT: a recorded fact. TIME: no fact, but the passing of a day changed the verdict.',
);
export const CoverageKindEnum = enumOf(
  ['AUDITED', 'BRIDGED', 'GAP'] as const,
  'CoverageKind',
  "AUDITED: inside an accepted report's period. BRIDGED: only a valid bridge letter. GAP: neither.",
);
export const FiscalYearEndCoverageEnum = enumOf(
  ['AUDITED', 'BRIDGED', 'GAP', 'BEFORE_FIRST_REPORT', 'NO_REPORT'] as const,
  'FiscalYearEndCoverage',
  'How the evidence held covers a fiscal year end.',
);
export const ReportPeriodStateEnum = enumOf(
  ['ACCEPTED', 'ACCEPTED_WITH_CONDITIONS', 'PENDING_REVIEW', 'REJECTED', 'WITHDRAWN'] as const,
  'ReportPeriodState',
  'Where a report stands in our review.',
);
export const CoverageGapCodeEnum = enumOf(
  ['NO_ACCEPTED_REPORT', 'BEFORE_FIRST_REPORT', 'BETWEEN_REPORTS', 'AFTER_LAST_REPORT'] as const,
  'CoverageGapCode',
  'Where an uncovered run of days lies.',
);
export const CarveOutLinkKindEnum = enumOf(
  ['PARENT', 'REPORT_LISTING'] as const,
  'CarveOutLinkKind',
  "PARENT: registered under the vendor with CARVE_OUT. REPORT_LISTING: carved out by name in the vendor's current report.",
);
