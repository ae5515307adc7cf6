/**
 * What a VIEWER reads for each reason code: the finding, in general terms. A VIEWER is refused
 * reports and exceptions, so the reasons must not carry their ids, opinions, conditions, owners
 * or dates either (the full messages name them).
 */
const VIEWER_MESSAGES: Record<string, string> = {
  ACCEPTED_WITH_CONDITIONS: 'The current report was accepted with conditions.',
  CRITICAL_EXCEPTION_OVERDUE: 'A critical exception is past its remediation due date.',
  CUEC_NOT_MAPPED: 'Some complementary user entity controls are not mapped to our controls.',
  CUEC_PLANNED: 'Some complementary user entity controls are only planned.',
  CURRENT_REPORT_ACCEPTED: 'A current assurance report was accepted.',
  EXCEPTION_OPEN: 'There are open exceptions.',
  FISCAL_YEAR_END_BRIDGED: 'Our fiscal year end is covered by a bridge letter.',
  FISCAL_YEAR_END_NOT_COVERED: 'Our fiscal year end is not covered by the report.',
  INHERITED: 'A carved-out subservice organization is not assured.',
  NO_ACCEPTED_REPORT: 'There is no accepted assurance report.',
  ORGANIZATION_OFFBOARDED: 'The organization was offboarded.',
  PHYSICAL_VALIDATION_MISSING: 'A physical and environmental validation is missing.',
  QUALIFIED_OPINION: 'The current report carries a modified opinion.',
  REPORT_EXPIRED: 'The current report has expired.',
  REPORT_EXPIRING: 'The current report expires soon.',
  REQUIRED_FRAMEWORK_MISSING: 'A required assurance framework is not covered.',
};

export function viewerMessage(code: string): string {
  return VIEWER_MESSAGES[code] ?? 'A finding affects this status; an analyst can show the details.';
}
