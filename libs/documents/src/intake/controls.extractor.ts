import { found, missing, type DraftField, type ExceptionDraft } from './report-draft.types';
import { headingLike, type ReportText } from './report-text';
import { headerLabels, readTable, type TableRow } from './table.reader';

const CONTROL_REF = /^[A-Z]{0,5}[-.]?\d+(?:[.-]\d+)*[a-z]?$/;
const CRITERION = /^((?:CC|A|C|PI|P)\d{1,2}\.\d{1,2})\b/;
const END = headingLike(/^(section\s+[\dIVX]+\b|complementary (user|subservice)|other information|appendix)/i);
const EXCEPTION = /\b(exceptions?|deviations?) (?:was |were )?noted\b/i;
const NONE = /\bno (?:relevant )?(exceptions?|deviations?) (?:was |were )?noted\b/i;

/** The tests-of-controls table: columns include a control ref, the activity and the results of tests. */
export function controlsTable(text: ReportText): { rows: TableRow[]; result: number; criteria: number } {
  const header = (l: { text: string; cells: unknown[] }) => l.cells.length >= 3 && /\bresults?\b/i.test(l.text) && /\bcontrol\b/i.test(l.text);
  const names = headerLabels(text.lines, { header, rowKey: CONTROL_REF });
  if (names.length === 0) return { rows: [], result: -1, criteria: -1 };
  return {
    rows: readTable(text.lines, { header, rowKey: CONTROL_REF, end: END }),
    result: names.findIndex((n) => /\bresults?\b/i.test(n)),
    criteria: names.findIndex((n) => /\b(criteria|criterion|tsc)\b/i.test(n)),
  };
}

export function controlFields(text: ReportText, reportType: string | null): { fields: DraftField[]; exceptions: ExceptionDraft[] } {
  const table = controlsTable(text);
  if (table.rows.length === 0) return { fields: [missing('controlsTested', 'no table of controls with results of tests was found')], exceptions: [] };
  const refs = table.rows.map((r) => r.cells[0]!);
  const first = table.rows[0]!;
  const fields = [found('controlsTested', refs, first.page, first.cells.join(' | '), 0.9)];
  const operating = text.find(/\boperating effectiveness\b/i) !== null && reportType === 'TYPE_2';
  const exceptions = table.rows
    .filter((r) => table.result >= 0 && EXCEPTION.test(r.cells[table.result]!) && !NONE.test(r.cells[table.result]!))
    .map((r) => exceptionDraft(r, table.result, table.criteria, operating));
  return { fields, exceptions };
}

function exceptionDraft(row: TableRow, result: number, criteriaCol: number, operating: boolean): ExceptionDraft {
  const quote = row.cells.join(' | ');
  const written = row.cells[result]!;
  const [description, response] = written.split(/\bmanagement['’]s response:?\s*/i).map((s) => s.trim());
  const criterion = (criteriaCol >= 0 ? CRITERION.exec(row.cells[criteriaCol]!) : null) ?? (row.heading ? CRITERION.exec(row.heading) : null);
  const sample = /\b(\d+) of (?:the )?(\d+)\b/.exec(description!);
  const at = (name: string, value: string | number, confidence: number) => found(name, value, row.page, quote, confidence);
  return {
    page: row.page,
    quote,
    fields: [
      at('source', 'REPORT', 1),
      missing('reportId', 'the report id is known once the report is recorded'),
      at('controlRef', row.cells[0]!, 0.95),
      criterion ? at('criteriaRef', criterion[1]!, 0.85) : missing('criteriaRef', 'no trust services criterion is stated for this control'),
      operating ? at('kind', 'OPERATING', 0.8) : missing('kind', 'the report does not say whether the exception is of design or operation'),
      missing('severity', 'reports do not rate exceptions; the analyst rates severity'),
      at('description', description!, 0.95),
      response ? at('managementResponse', response, 0.9) : missing('managementResponse', 'no management response is written with this result'),
      sample ? at('deviations', Number(sample[1]), 0.85) : missing('deviations', 'no "n of m" count is written'),
      sample ? at('sampleSize', Number(sample[2]), 0.85) : missing('sampleSize', 'no "n of m" count is written'),
    ],
  };
}
