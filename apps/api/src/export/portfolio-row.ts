import type { ControlException } from '../oversight/types/control-exception.type';
import type { OrganizationType } from '../oversight/types/organization.type';

/** One organization of the portfolio export: plain strings and counts, ready for a sheet. */
export interface PortfolioRow {
  organizationId: string;
  name: string;
  role: string;
  category: string;
  criticality: string;
  status: string;
  statusSince: string;
  reasonCodes: string;
  reasons: string;
  currentReportId: string;
  framework: string;
  reportType: string;
  coverageEnd: string;
  reach: string;
  expiresAt: string;
  openExceptions: number;
  overdueRemediation: number;
  oldestOverdueDueDate: string;
}

/** Column order and header of both formats (the header is the property name, stable for scripts). */
export const PORTFOLIO_COLUMNS: ReadonlyArray<keyof PortfolioRow> = [
  'organizationId', 'name', 'role', 'category', 'criticality', 'status', 'statusSince', 'reasonCodes', 'reasons',
  'currentReportId', 'framework', 'reportType', 'coverageEnd', 'reach', 'expiresAt',
  'openExceptions', 'overdueRemediation', 'oldestOverdueDueDate',
];

/** The row of an organization and its exceptions (already as of the same moment as the organization). */
export function toPortfolioRow(org: OrganizationType, exceptions: readonly ControlException[]): PortfolioRow {
  const a = org.assurance;
  const report = org.currentReport;
  const open = exceptions.filter((x) => x.open);
  const overdue = open.filter((x) => x.overdue);
  const dueDates = overdue.map((x) => x.dueDate).filter((d): d is string => !!d).sort();
  return {
    organizationId: org.organizationId,
    name: org.name,
    role: org.role,
    category: org.category,
    criticality: org.criticality,
    status: a.status,
    statusSince: a.statusSince ?? '',
    reasonCodes: a.reasons.map((r) => r.code).join(' '),
    reasons: a.reasons.map((r) => `${r.code}: ${r.message}`).join(' | '),
    currentReportId: a.currentReportId ?? '',
    framework: report?.framework ?? '',
    reportType: report?.reportType ?? '',
    coverageEnd: a.coverageEnd ?? '',
    reach: a.reach ?? '',
    expiresAt: a.expiresAt ?? '',
    openExceptions: open.length,
    overdueRemediation: overdue.length,
    oldestOverdueDueDate: dueDates[0] ?? '',
  };
}
