import { createHash } from 'node:crypto';
import { controlFields } from './controls.extractor';
import { cuecFields, subserviceFields } from './cuecs.extractor';
import { headerFields } from './header.extractor';
import { IntakeError } from './intake.errors';
import { AUDITOR_REPORT, opinionFields } from './opinion.extractor';
import { readPdfText, type PdfText } from './pdf-text.reader';
import { REPORT_FIELD_NAMES, type DraftField, type ReportDraft } from './report-draft.types';
import { ReportText } from './report-text';
import { scopeFields } from './scope.extractor';
import { mapSiteIds, type KnownSite } from './site-ids.mapper';

export interface DraftOptions {
  /** The document's id in the store; defaults to the SHA-256 of the bytes (content addressing). */
  documentId?: string;
  /** The organization's registered sites: facilities the report names are proposed as their ids. */
  sites?: readonly KnownSite[];
}

/**
 * The first read of a SOC / ISAE report: proposes each `recordReportReceived` field with the page
 * and sentence it came from, and an exception draft per test result noting one. Reads only; the
 * same bytes always give the same draft. Throws `IntakeError` (NO_TEXT_LAYER,
 * NOT_A_SERVICE_AUDITOR_REPORT, UNREADABLE_DOCUMENT) instead of guessing.
 */
export async function draftReport(pdfBytes: Uint8Array, options: DraftOptions = {}): Promise<ReportDraft> {
  const documentId = options.documentId ?? createHash('sha256').update(pdfBytes).digest('hex');
  return draftFromText(await readPdfText(pdfBytes), documentId, options.sites);
}

export function draftFromText(pdf: PdfText, documentId: string, sites?: readonly KnownSite[]): ReportDraft {
  const text = new ReportText(pdf);
  refuseOtherDocuments(text);
  const header = headerFields(text);
  const value = (name: string) => header.find((f) => f.name === name)?.value as string | null;
  const controls = controlFields(text, value('reportType'));
  const fields: DraftField[] = [
    ...header,
    ...opinionFields(text),
    ...scopeFields(text, value('framework')),
    ...controls.fields,
    cuecFields(text),
    subserviceFields(text),
  ];
  const order = new Map<string, number>(REPORT_FIELD_NAMES.map((n, i) => [n, i]));
  fields.sort((a, b) => (order.get(a.name) ?? 99) - (order.get(b.name) ?? 99));
  const mapped = fields.map((f) => (f.name === 'sitesCovered' ? mapSiteIds(f, sites) : f));
  return { documentId, pages: pdf.pages, fields: mapped, exceptions: controls.exceptions };
}

/** A service auditor's report has the auditor's report heading and names its framework up front. */
function refuseOtherDocuments(text: ReportText): void {
  const firstPages = text.pageTexts.slice(0, 2).join(' ');
  if (/\b(bridge|gap) letter\b/i.test(firstPages) && !text.lines.some((l) => AUDITOR_REPORT.test(l.text))) {
    throw new IntakeError('NOT_A_SERVICE_AUDITOR_REPORT', "this is a bridge letter (management's statement), not a service auditor's report; record it with recordBridgeLetter");
  }
  const framework = /\b(SOC\s?[123]|ISAE\s?3402|ISAE\s?3000)\b/.test(firstPages);
  if (!framework || !text.lines.some((l) => AUDITOR_REPORT.test(l.text))) {
    throw new IntakeError('NOT_A_SERVICE_AUDITOR_REPORT', "no service auditor's report found: the title pages name no SOC 1/2/3 or ISAE 3402/3000 report, or there is no independent service auditor's report");
  }
}
