import PDFDocument from 'pdfkit';

/** What a corpus PDF is made of, top to bottom. */
export type Block =
  | { t: 'title'; lines: string[] }
  | { t: 'h'; text: string }
  | { t: 'p'; text: string }
  | { t: 'list'; items: string[]; marker: 'bullet' | 'number' }
  | { t: 'lines'; lines: string[] }
  | { t: 'toc'; entries: Array<[string, number]>; style: 'dots' | 'columns' }
  | { t: 'table'; header: string[]; widths: number[]; rows: string[][]; groups?: Map<number, string> }
  | { t: 'page' }
  | { t: 'scan' };

const LEFT = 72;
const BOTTOM = 792 - 72;

/**
 * Writes the blocks as a Letter-size PDF with pdfkit (standard Helvetica; fixed dates, so stable).
 * `running`: a running head on every page after the title page, and "Page n of m" at the foot.
 */
export function writePdf(blocks: readonly Block[], running?: string): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 72, bufferPages: true, info: { CreationDate: new Date(Date.UTC(2025, 0, 1)), Producer: 'corpus' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  doc.font('Helvetica').fontSize(10);
  for (const b of blocks) render(doc, b);
  if (running) runningLines(doc, running);
  doc.end();
  return done;
}

function render(doc: PDFKit.PDFDocument, b: Block): void {
  switch (b.t) {
    case 'title':
      doc.moveDown(4);
      for (const line of b.lines) doc.font('Helvetica-Bold').fontSize(16).text(line, { align: 'center' }).moveDown(0.5);
      doc.font('Helvetica').fontSize(10).addPage();
      return;
    case 'h':
      ensure(doc, 40);
      doc.moveDown(0.5).font('Helvetica-Bold').fontSize(12).text(b.text, LEFT).font('Helvetica').fontSize(10).moveDown(0.3);
      return;
    case 'p':
      doc.text(b.text, LEFT).moveDown(0.5);
      return;
    case 'lines':
      for (const line of b.lines) doc.text(line, LEFT);
      doc.moveDown(0.5);
      return;
    case 'list':
      b.items.forEach((item, i) => doc.text(`${b.marker === 'bullet' ? '•' : `${i + 1}.`} ${item}`, LEFT + 12, undefined, { indent: 0 }));
      doc.moveDown(0.5);
      return;
    case 'table':
      return table(doc, b.header, b.widths, b.rows, b.groups);
    case 'toc':
      doc.font('Helvetica-Bold').fontSize(12).text('Table of Contents', LEFT).font('Helvetica').fontSize(10).moveDown(0.5);
      for (const [title, page] of b.entries) {
        const y = doc.y;
        if (b.style === 'dots') doc.text(`${title} ${'.'.repeat(30)} ${page}`, LEFT, y);
        else doc.text(title, LEFT, y).text(String(page), 520, y);
        doc.x = LEFT;
        doc.moveDown(0.3);
      }
      doc.addPage();
      return;
    case 'page':
      doc.addPage();
      return;
    case 'scan':
      // What a scan leaves: marks where text was, no text objects.
      for (let y = 90; y < 700; y += 14) doc.rect(LEFT, y, 300 + ((y * 7) % 160), 6).fill('#444444');
      return;
  }
}

function runningLines(doc: PDFKit.PDFDocument, running: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start + 1; i < start + count; i++) {
    doc.switchToPage(i);
    // Inside the margins: without this pdfkit would open a new page for the footer.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8);
    doc.text(running, LEFT, 40, { lineBreak: false });
    doc.text(`Page ${i + 1} of ${count}`, LEFT, 750, { lineBreak: false });
    doc.page.margins.bottom = 72;
  }
}

function ensure(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > BOTTOM) doc.addPage();
}

/** Rows never split; a row that does not fit starts a new page, which repeats the header. */
function table(doc: PDFKit.PDFDocument, header: string[], widths: number[], rows: string[][], groups?: Map<number, string>): void {
  const xs = widths.map((_, i) => LEFT + widths.slice(0, i).reduce((a, w) => a + w, 0));
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 8 })));
    if (doc.y + h > BOTTOM) {
      doc.addPage();
      if (!bold) drawRow(header, true);
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    }
    const y = doc.y;
    cells.forEach((c, i) => doc.text(c, xs[i]!, y, { width: widths[i]! - 8 }));
    doc.x = LEFT;
    doc.y = y + h + 6;
  };
  ensure(doc, 60);
  drawRow(header, true);
  rows.forEach((row, i) => {
    const group = groups?.get(i);
    if (group) {
      ensure(doc, 40);
      doc.font('Helvetica-Bold').text(group, LEFT, doc.y, { width: widths.reduce((a, w) => a + w, 0) }).moveDown(0.3);
    }
    drawRow(row, false);
  });
  doc.font('Helvetica').moveDown(0.5);
}
