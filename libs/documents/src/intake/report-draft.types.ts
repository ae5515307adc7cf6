/**
 * The first read of a report: proposals only, never a fact. Each field names the
 * `RecordReportReceivedInput` (or `RecordExceptionInput`) field it fills, and `value` is JSON in
 * exactly that input's form so a client can copy it over.
 */
export type DraftValue = string | number | boolean | null | DraftValue[] | { [key: string]: DraftValue };

export interface DraftField {
  name: string;
  /** null when the report does not state it (then `missingReason` says why). */
  value: DraftValue;
  /** 1-based page the value was read from; null when missing. */
  page: number | null;
  /** The sentence or table row it was read from, as written. */
  quote: string | null;
  /** 0..1: how sure the reader is that this wording means this value. */
  confidence: number;
  missingReason: string | null;
}

export interface ExceptionDraft {
  page: number;
  quote: string;
  fields: DraftField[];
}

export interface ReportDraft {
  documentId: string;
  pages: number;
  fields: DraftField[];
  exceptions: ExceptionDraft[];
}

/** Every report field a draft proposes, in the input's names (version 2 included). */
export const REPORT_FIELD_NAMES = [
  'framework',
  'frameworks',
  'reportType',
  'periodStart',
  'periodEnd',
  'asOfDate',
  'opinionDate',
  'serviceAuditor',
  'opinion',
  'qualifiedAreas',
  'qualificationBasis',
  'managementAssertionIncluded',
  'criteria',
  'controlObjectives',
  'servicesCovered',
  'sitesCovered',
  'controlsTested',
  'cuecs',
  'subserviceOrganizations',
] as const;
export type ReportFieldName = (typeof REPORT_FIELD_NAMES)[number];

export function found(name: string, value: DraftValue, page: number, quote: string, confidence: number): DraftField {
  return { name, value, page, quote: quote.trim(), confidence, missingReason: null };
}

export function missing(name: string, missingReason: string): DraftField {
  return { name, value: null, page: null, quote: null, confidence: 0, missingReason };
}
