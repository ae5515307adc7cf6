import type { TextLine } from './pdf-text.reader';

export interface TableRow {
  page: number;
  /** Cell text per column, wrapped lines joined. */
  cells: string[];
  /** Full-width lines met before this row (e.g. a criterion heading in a grouped table). */
  heading: string | null;
}

export interface TableSpec {
  /** Matches the header line; its cells give the columns' x positions. */
  header: (line: TextLine) => boolean;
  /** A cell in column 0 that starts a new row (a control or CUEC ref). */
  rowKey: RegExp;
  /** Ends the table (the next section heading). */
  end: RegExp;
  /** The column holding the row key (0 unless the first column may be blank). */
  keyColumn?: number;
}

const FOOTER = /^(page \d+( of \d+)?|\d+)$/i;

/**
 * A table read from positioned lines: columns from the header's cells, a new row whenever
 * column 0 holds a key, wrapped lines appended to the cells above; continues across pages
 * (a repeated header is skipped) until the end pattern.
 */
export function readTable(lines: readonly TextLine[], spec: TableSpec): TableRow[] {
  const start = lines.findIndex(spec.header);
  if (start < 0) return [];
  const columns = lines[start]!.cells.map((c) => c.x);
  const rows: TableRow[] = [];
  let heading: string | null = null;
  let inHeading = false;
  // A header whose labels wrap has a second line just under it: part of the header, not a row.
  let previous = lines[start]!;
  let inHeader = true;
  for (const line of lines.slice(start + 1)) {
    if (spec.end.test(line.text)) break;
    const follows = line.page === previous.page && previous.y - line.y <= 14;
    previous = line;
    if (spec.header(line)) inHeader = true;
    if (spec.header(line) || FOOTER.test(line.text)) continue;
    inHeader &&= follows;
    const first = line.cells[0]!;
    const k = spec.keyColumn ?? 0;
    const keyed = line.cells.some((c) => columnOf(columns, c.x) === k && spec.rowKey.test(c.text));
    // A single cell running past column 0's width is a heading inside the table, not a cell.
    const spanning = line.cells.length === 1 && first.x < columns[1]! - 2 && first.end > columns[1]! + 2;
    if (inHeader && !keyed && !spanning) continue;
    inHeader = false;
    if (!keyed && spanning) {
      heading = inHeading ? `${heading} ${first.text}` : first.text;
      inHeading = true;
      continue;
    }
    inHeading = false;
    if (keyed) rows.push({ page: line.page, cells: columns.map(() => ''), heading });
    const row = rows[rows.length - 1];
    if (!row) continue;
    for (const cell of line.cells) {
      const col = columnOf(columns, cell.x);
      row.cells[col] = `${row.cells[col]} ${cell.text}`.trim();
    }
  }
  return rows;
}

/** Column labels, with the second line of a wrapped header joined to the first. */
export function headerLabels(lines: readonly TextLine[], spec: Pick<TableSpec, 'header' | 'rowKey'>): string[] {
  const start = lines.findIndex(spec.header);
  if (start < 0) return [];
  let previous = lines[start]!;
  const columns = previous.cells.map((c) => c.x);
  const labels = previous.cells.map((c) => c.text);
  for (const line of lines.slice(start + 1)) {
    if (line.page !== previous.page || previous.y - line.y > 14 || (line.cells[0]!.x < columns[1]! - 2 && spec.rowKey.test(line.cells[0]!.text))) break;
    previous = line;
    for (const cell of line.cells) labels[columnOf(columns, cell.x)] += ` ${cell.text}`;
  }
  return labels;
}

function columnOf(columns: readonly number[], x: number): number {
  let col = 0;
  columns.forEach((cx, i) => {
    if (x >= cx - 4) col = i;
  });
  return col;
}
