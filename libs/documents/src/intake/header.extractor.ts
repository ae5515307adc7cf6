import { DATE, parseDate } from './dates.parser';
import { found, missing, type DraftField } from './report-draft.types';
import type { ReportText } from './report-text';

const FRAMEWORK_WORDS: Array<[RegExp, string]> = [
  [/\bSOC\s?1\b/, 'SOC1'],
  [/\bSOC\s?2\b/, 'SOC2'],
  [/\bSOC\s?3\b/, 'SOC3'],
  [/\bISAE\s?3402\b/, 'ISAE3402'],
  [/\bISAE\s?3000\b/, 'ISAE3000'],
];

/** Frameworks named on the title page (a report names its own there), in the order written. */
export function frameworksOf(text: ReportText): { names: string[]; page: number; quote: string } | null {
  for (let page = 1; page <= Math.min(2, text.pageTexts.length); page++) {
    const t = text.pageTexts[page - 1]!;
    const at = FRAMEWORK_WORDS.map(([re, name]) => ({ name, index: t.search(re) })).filter((f) => f.index >= 0);
    if (at.length === 0) continue;
    at.sort((a, b) => a.index - b.index);
    const first = text.find(FRAMEWORK_WORDS.find(([, n]) => n === at[0]!.name)![0], page)!;
    return { names: at.map((f) => f.name), page, quote: first.quote };
  }
  return null;
}

export function headerFields(text: ReportText): DraftField[] {
  const fw = frameworksOf(text);
  const fields: DraftField[] = fw
    ? [found('framework', fw.names[0]!, fw.page, fw.quote, 0.95), found('frameworks', fw.names, fw.page, fw.quote, 0.9)]
    : [missing('framework', 'no SOC 1/2/3 or ISAE 3402/3000 named on the title page'), missing('frameworks', 'no framework named on the title page')];
  const type = text.find(/\bType\s+(1|2|I|II)\b/);
  const reportType = type ? (['1', 'I'].includes(type.match[1]!) ? 'TYPE_1' : 'TYPE_2') : null;
  fields.push(
    type && reportType
      ? found('reportType', reportType, type.page, type.quote, 0.95)
      : missing('reportType', fw?.names[0] === 'SOC3' ? 'a SOC 3 report states no type (Type 1 or 2); the analyst decides' : 'the report states no Type 1 or Type 2'),
  );
  fields.push(...coverage(text, reportType));
  const assertion = text.lines.find((l) => isHeading(l.text) && /^(section\s+[\dIVX]+\s*[:.\-–—]?\s*)?(.{0,60}management['’]s assertion|assertion (of|by) .{0,60}management)\b/i.test(l.text));
  fields.push(
    assertion
      ? found('managementAssertionIncluded', true, assertion.page, assertion.text, 0.9)
      : missing('managementAssertionIncluded', "no section headed as management's assertion was found; check whether the report includes it"),
  );
  return fields;
}

/** A heading, not a wrapped line of prose that names the assertion ("In our opinion, management's assertion …"). */
function isHeading(line: string): boolean {
  const words = line.replace(/^section\s+[\dIVX]+\s*[:.\-–—]?\s*/i, '').split(/\s+/);
  return line.length <= 100 && !/[.:;,]$/.test(line) && words.every((w) => w.length < 4 || /^[^a-z]/.test(w));
}

const PERIOD = new RegExp(`(?:for|throughout|during|covering)\\s+the\\s+period\\s+(?:from\\s+|of\\s+)?(${DATE})\\s*(?:to|through|until|and ending|-|–)\\s*(${DATE})`, 'i');
const AS_OF = new RegExp(`\\bas\\s+of\\s+(${DATE})`, 'i');

function coverage(text: ReportText, reportType: string | null): DraftField[] {
  const period = text.find(PERIOD);
  const asOf = text.find(AS_OF);
  const start = period && parseDate(period.match[1]!);
  const end = period && parseDate(period.match[2]!);
  const fields: DraftField[] = [];
  if (reportType !== 'TYPE_1' && period && start && end) {
    fields.push(found('periodStart', start, period.page, period.quote, 0.95), found('periodEnd', end, period.page, period.quote, 0.95));
    fields.push(missing('asOfDate', 'the report covers a period, not a single date'));
    return fields;
  }
  const why = reportType === 'TYPE_1' ? 'a Type 1 report is as of a date, not for a period' : 'no period ("for the period … to …", "throughout the period …") is stated';
  fields.push(missing('periodStart', why), missing('periodEnd', why));
  const date = asOf && parseDate(asOf.match[1]!);
  fields.push(asOf && date ? found('asOfDate', date, asOf.page, asOf.quote, 0.9) : missing('asOfDate', 'no "as of" date is stated'));
  return fields;
}
