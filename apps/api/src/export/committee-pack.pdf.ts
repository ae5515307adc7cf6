import PDFDocument from 'pdfkit';
import { CRITICALITIES, STATUSES, heatMap, type CommitteePackData } from './committee-pack.model';
import { exceptionsPages, timelinePages } from './committee-pack-pages.pdf';

export const MARGIN = 48;
/** Readable in grey on paper: colour and a count in every cell. */
const HEAT = ['#ffffff', '#fde2c8', '#f9b27a', '#ef7d3c', '#c9461b'];

/**
 * The committee pack as PDF bytes. Metadata dates are knownAt, never the wall clock, so the same
 * inputs give the same file; `command` is printed on the cover to reproduce it.
 */
export function committeePackPdf(data: CommitteePackData, command: string): Promise<Buffer> {
  const at = new Date(data.knownAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Risk committee pack as of ${data.asOf.slice(0, 10)}`, Author: 'Oversight Ledger', Producer: 'Oversight Ledger', Creator: 'committee-pack', CreationDate: at, ModDate: at },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  cover(doc, data, command);
  exceptionsPages(doc, data);
  timelinePages(doc, data);
  doc.end();
  return done;
}

function cover(doc: PDFKit.PDFDocument, data: CommitteePackData, command: string): void {
  doc.font('Helvetica-Bold').fontSize(22).text('Risk committee pack');
  doc.font('Helvetica').fontSize(12).moveDown(0.3);
  doc.text(`As of ${data.asOf}`);
  doc.text(`Known at ${data.knownAt} (only events recorded by then)`);
  doc.moveDown(0.5).fontSize(9).fillColor('#333333');
  if (data.head) {
    doc.text(`Ledger head: signed tree head #${data.head.sequence}, position ${data.head.treeSize} (events in the log)`);
    doc.text(`Root hash ${data.head.rootHash}`);
  } else doc.text('Ledger head: nothing sealed yet (no signed tree head)');
  doc.text(`Reproduce: ${command}`);
  doc.fillColor('black').moveDown(1).fontSize(14).font('Helvetica-Bold').text('Status by criticality');
  drawHeatMap(doc, data, doc.y + 8);
}

function drawHeatMap(doc: PDFKit.PDFDocument, data: CommitteePackData, top: number): void {
  const counts = heatMap(data.organizations);
  const [labelW, cellW, cellH] = [170, 80, 26];
  const max = Math.max(1, ...counts.flat());
  doc.font('Helvetica-Bold').fontSize(9);
  CRITICALITIES.forEach((c, j) => doc.text(c, MARGIN + labelW + j * cellW, top, { width: cellW, align: 'center' }));
  STATUSES.forEach((s, i) => {
    const y = top + 14 + i * cellH;
    doc.font('Helvetica').fillColor('black').text(s.replace(/_/g, ' '), MARGIN, y + 9, { width: labelW - 6 });
    counts[i]!.forEach((n, j) => {
      const x = MARGIN + labelW + j * cellW;
      const shade = n === 0 ? HEAT[0]! : HEAT[1 + Math.min(3, Math.floor(((n - 1) / max) * 4))]!;
      doc.rect(x, y, cellW, cellH).fillAndStroke(shade, '#888888');
      doc.fillColor('black').font('Helvetica-Bold').text(String(n), x, y + 9, { width: cellW, align: 'center' });
    });
  });
  const total = data.organizations.length;
  doc.font('Helvetica').fontSize(9).fillColor('#333333')
    .text(`${total} organizations. Darker cells hold more of them.`, MARGIN, top + 22 + STATUSES.length * cellH);
  doc.fillColor('black');
}
