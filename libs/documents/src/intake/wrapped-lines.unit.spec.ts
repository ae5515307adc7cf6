import { controlFields } from './controls.extractor';
import { cuecFields } from './cuecs.extractor';
import type { PdfText, TextLine } from './pdf-text.reader';
import { ReportText } from './report-text';

/** Lines as pdf.js would give them: cells at x positions, top to bottom. */
function pdf(rows: Array<Array<[number, string]>>): ReportText {
  const lines: TextLine[] = rows.map((cells, i) => ({
    page: 1,
    y: 700 - i * 12,
    cells: cells.map(([x, text]) => ({ x, end: x + text.length * 5, text })),
    text: cells.map(([, t]) => t).join(' '),
  }));
  return new ReportText({ pages: 1, lines } satisfies PdfText);
}

describe('wrapped lines that start like something else', () => {
  it('a CUEC whose wrapped line starts with a number stays one CUEC', () => {
    const text = pdf([
      [[72, 'Complementary User Entity Controls']],
      [[72, '1. User entities remove access of terminated employees within']],
      [[72, '30 days of their termination.']],
      [[72, '2. User entities review access reports quarterly.']],
    ]);
    expect(cuecFields(text).value).toEqual([
      { ref: '1', description: 'User entities remove access of terminated employees within 30 days of their termination.' },
      { ref: '2', description: 'User entities review access reports quarterly.' },
    ]);
  });

  it('a table cell line starting "Complementary user entity controls …" does not end the table', () => {
    const text = pdf([
      [[72, 'Control #'], [130, 'Control Activity'], [300, 'Tests Performed'], [420, 'Results of Tests']],
      [[72, 'CC1.1'], [130, 'Access is reviewed and'], [300, 'Inspected reviews.'], [420, 'No exceptions noted.']],
      [[130, 'complementary user entity controls are considered in each review.']],
      [[72, 'CC1.2'], [130, 'Changes are approved.'], [300, 'Inspected changes.'], [420, 'No exceptions noted.']],
    ]);
    expect(controlFields(text, 'TYPE_2').fields[0]!.value).toEqual(['CC1.1', 'CC1.2']);
  });
});
