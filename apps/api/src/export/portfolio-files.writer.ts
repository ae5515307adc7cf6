import { stringify } from 'csv-stringify/sync';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import { PORTFOLIO_COLUMNS, type PortfolioRow } from './portfolio-row';

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading quote, as in status-timeline.ts. */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180 CSV (CRLF), header first, every text cell guarded against formula injection. */
export function portfolioCsv(rows: readonly PortfolioRow[]): string {
  return stringify(
    rows.map((r) => PORTFOLIO_COLUMNS.map((c) => r[c])),
    { header: true, columns: [...PORTFOLIO_COLUMNS], record_delimiter: 'windows', cast: { string: guardFormula } },
  );
}

/**
 * An .xlsx workbook: sheet "Portfolio" (one row per organization, header frozen) and sheet "About"
 * (the two clocks). The workbook's dates are the recording moment, so the same question gives the
 * same file content.
 */
export async function portfolioXlsx(rows: readonly PortfolioRow[], moment: { asOf: string; knownAt: string }): Promise<Buffer> {
  const book = new Workbook();
  book.creator = 'Oversight Ledger';
  book.created = new Date(moment.knownAt);
  book.modified = new Date(moment.knownAt);
  const sheet = book.addWorksheet('Portfolio', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = PORTFOLIO_COLUMNS.map((c) => ({ header: c, key: c, width: Math.max(12, c.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  // exceljs writes strings as text, never as formulas; the quote guard is for CSV readers only.
  for (const r of rows) sheet.addRow(PORTFOLIO_COLUMNS.map((c) => r[c]));
  const about = book.addWorksheet('About');
  about.addRows([
    ['asOf', moment.asOf],
    ['knownAt', moment.knownAt],
    ['organizations', rows.length],
  ]);
  return datedZip(Buffer.from(await book.xlsx.writeBuffer()), new Date(moment.knownAt));
}

/** exceljs dates every zip entry with the wall clock; re-dating them makes the bytes depend on the question only. */
async function datedZip(bytes: Buffer, date: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  for (const file of Object.values(zip.files)) file.date = date;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
