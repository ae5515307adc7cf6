import { DATE, parseDate } from './dates.parser';
import { found, missing, type DraftField } from './report-draft.types';
import { headingLike, type ReportText } from './report-text';
import type { TextLine } from './pdf-text.reader';

/** The auditor's own report: from its heading to the next section (management's assertion, the description). */
export const AUDITOR_REPORT = /^(section\s+[\dIVX]+\s*[:.\-–—]?\s*)?independent (service )?(auditor|accountant|assurance practitioner)['’]?s( independent)?( assurance| service)? report\b/i;
const NEXT_HEADING = /^(section\s+[\dIVX]+\b|.{0,60}management['’]s assertion|assertion (of|by)\b|description of\b)/i;
const NEXT_SECTION = headingLike(NEXT_HEADING);
const FIRM = /^(\/s\/\s*)?([A-Z][\w&'’.,-]*(?:\s+[\w&'’.,-]+){0,6}?,?\s+(?:LLP|L\.L\.P\.|LLC|PLLC|P\.C\.|Ltd\.?|Limited|GmbH|AG|S\.A\.|Inc\.?|& Co\.?|Partners|Chartered Accountants))$/;
const AREA = /\b(CC\d{1,2}\.\d{1,2}|A1\.\d|C1\.\d|PI1\.\d|P\d\.\d|Control Objective \d+)\b/g;

export function opinionFields(text: ReportText): DraftField[] {
  const report = text.section(AUDITOR_REPORT, NEXT_SECTION);
  return [...opinionOf(text), ...qualification(text), ...signature(report)];
}

function opinionOf(text: ReportText): DraftField[] {
  const rules: Array<[RegExp, string, number]> = [
    [/\bwe do not express an opinion\b|\bdisclaimer of opinion\b/i, 'DISCLAIMER', 0.95],
    [/\bbasis for adverse opinion\b|\badverse opinion\b/i, 'ADVERSE', 0.95],
    [/\bexcept for the (?:matters?|effects?|possible effects?)\b[^.]{0,120}\bbasis for qualified opinion\b|\bbasis for qualified opinion\b/i, 'QUALIFIED', 0.95],
    [/\bin our opinion,? in all material respects\b/i, 'UNMODIFIED', 0.9],
    [/\bin our opinion\b.{0,300}?\bfairly stated\b/i, 'UNMODIFIED', 0.85],
  ];
  for (const [re, opinion, confidence] of rules) {
    const hit = text.find(re);
    if (hit) return [found('opinion', opinion, hit.page, hit.quote, confidence)];
  }
  return [missing('opinion', "no opinion paragraph recognised in the auditor's report")];
}

function qualification(text: ReportText): DraftField[] {
  const basis = text.section(/^basis for qualified opinion$/i, /opinion$/i);
  if (basis.length === 0) {
    const why = 'only a qualified opinion has qualified areas and a basis';
    return [missing('qualifiedAreas', why), missing('qualificationBasis', why)];
  }
  const paragraph = basis.map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim();
  const areas = [...new Set([...paragraph.matchAll(AREA)].map((m) => m[1]!))];
  const page = basis[0]!.page;
  return [
    areas.length > 0 ? found('qualifiedAreas', areas, page, paragraph, 0.85) : missing('qualifiedAreas', 'the basis for the qualified opinion names no criterion or control objective'),
    found('qualificationBasis', paragraph, page, paragraph, 0.9),
  ];
}

/** The firm's signature and the date under it: the last firm-like line and the last date-only line of the auditor's report. */
function signature(report: readonly TextLine[]): DraftField[] {
  const firm = [...report].reverse().find((l) => FIRM.test(l.text));
  const dateOnly = new RegExp(`^(?:date[d]?:?\\s*)?(${DATE})$`, 'i');
  const dated = [...report].reverse().find((l) => dateOnly.test(l.text));
  const date = dated && parseDate(dateOnly.exec(dated.text)![1]!);
  return [
    firm ? found('serviceAuditor', FIRM.exec(firm.text)![2]!, firm.page, firm.text, 0.85) : missing('serviceAuditor', "no firm signature found at the end of the auditor's report"),
    dated && date ? found('opinionDate', date, dated.page, dated.text, 0.85) : missing('opinionDate', "no date found under the auditor's signature"),
  ];
}
