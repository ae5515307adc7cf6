/**
 * How statuses look. Never colour alone: every status has a label, a distinct icon shape and,
 * in the heat map, a pattern. Colours are the Okabe–Ito palette, safe for colour-blind readers.
 */
export type Status =
  | 'NOT_ASSURED'
  | 'NO_ASSURANCE'
  | 'EXPIRED'
  | 'COVERAGE_GAP'
  | 'ASSURED_WITH_EXCEPTIONS'
  | 'ASSURED'
  | 'OFFBOARDED';

export interface StatusMeta {
  label: string;
  /** Okabe–Ito colour. */
  color: string;
  /** A light tint of it, for backgrounds under dark text. */
  tint: string;
  description: string;
}

/** Worst first: the order of the heat map's rows and of every list sorted by status. */
export const STATUSES: Status[] = ['NOT_ASSURED', 'NO_ASSURANCE', 'EXPIRED', 'COVERAGE_GAP', 'ASSURED_WITH_EXCEPTIONS', 'ASSURED', 'OFFBOARDED'];

export const STATUS_META: Record<Status, StatusMeta> = {
  NOT_ASSURED: { label: 'Not assured', color: '#D55E00', tint: '#F9DCCB', description: 'Adverse opinion or disclaimer, or a critical exception overdue' },
  NO_ASSURANCE: { label: 'No assurance', color: '#CC79A7', tint: '#F4DEEA', description: 'No accepted report' },
  EXPIRED: { label: 'Expired', color: '#E69F00', tint: '#FBE9C2', description: 'The current report is more than its maximum age past its coverage end' },
  COVERAGE_GAP: { label: 'Coverage gap', color: '#F0E442', tint: '#FBF7C6', description: 'The fiscal year end, framework, type, criteria or controls are not covered' },
  ASSURED_WITH_EXCEPTIONS: { label: 'Assured with exceptions', color: '#56B4E9', tint: '#D6ECF9', description: 'Qualified, conditional, open exceptions or deficient validations' },
  ASSURED: { label: 'Assured', color: '#009E73', tint: '#CCEBE2', description: 'Covered by an accepted, current, complete report' },
  OFFBOARDED: { label: 'Offboarded', color: '#999999', tint: '#E8E8E8', description: 'No longer a vendor' },
};

export const NOT_ASSURED_STATUSES: Status[] = ['NO_ASSURANCE', 'NOT_ASSURED', 'EXPIRED', 'COVERAGE_GAP'];

export const CRITICALITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const CATEGORIES = ['DATA_CENTER_COLOCATION', 'CLOUD_HOSTING', 'MANAGED_SERVICE', 'SAAS', 'PAYROLL', 'PAYMENTS', 'OTHER'] as const;

export const statusMeta = (s: string): StatusMeta =>
  STATUS_META[s as Status] ?? { label: s, color: '#777777', tint: '#EEEEEE', description: s };

export const statusRank = (s: string) => {
  const i = STATUSES.indexOf(s as Status);
  return i < 0 ? STATUSES.length : i;
};

export const criticalityRank = (c: string) => {
  const i = (CRITICALITIES as readonly string[]).indexOf(c);
  return i < 0 ? CRITICALITIES.length : i;
};

/** Codes in words (./labels): the components' name for it. */
export { label as humanize } from './labels';
