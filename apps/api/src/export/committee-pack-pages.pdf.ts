import { expiringWithin, notAssuredCriticalOrHigh, overdueRemediation, type CommitteePackData } from './committee-pack.model';

const M = 48;
const KIND_COLOUR = { AUDITED: '#2e7d32', BRIDGED: '#f2b134', GAP: '#c62828' } as const;

/** Text rows with fixed columns; a new page (with the header again) when the page is full. */
function table(doc: PDFKit.PDFDocument, title: string, header: string[], widths: number[], rows: string[][]): void {
  doc.moveDown(1).font('Helvetica-Bold').fontSize(13).fillColor('black').text(title, M);
  const line = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - 90) doc.addPage();
    const y = doc.y + 3;
    let x = M;
    let bottom = y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: widths[i]! - 6 });
      bottom = Math.max(bottom, doc.y);
      x += widths[i]!;
    });
    doc.x = M;
    doc.y = bottom;
  };
  line(header, true);
  if (rows.length === 0) doc.font('Helvetica-Oblique').fontSize(9).text('None.', M, doc.y + 3);
  rows.forEach((r) => line(r, false));
}

/** Critical and high not assured, what expires within 60 days, overdue remediation. */
export function exceptionsPages(doc: PDFKit.PDFDocument, data: CommitteePackData): void {
  doc.addPage();
  table(doc, 'Critical and high organizations not assured', ['Organization', 'Criticality', 'Status', 'Since', 'Why'], [130, 60, 85, 65, 159],
    notAssuredCriticalOrHigh(data.organizations).map((o) => [
      o.name, o.criticality, o.assurance.status, o.assurance.statusSince ?? '', o.assurance.reasons.map((r) => r.message).join('; '),
    ]));
  table(doc, 'Expiring in the next 60 days', ['Organization', 'Criticality', 'Status', 'Expires', 'Coverage end'], [170, 70, 110, 70, 79],
    expiringWithin(data.organizations, data.asOf, 60).map((o) => [
      o.name, o.criticality, o.assurance.status, o.assurance.expiresAt ?? '', o.assurance.coverageEnd ?? '',
    ]));
  table(doc, 'Overdue remediation', ['Organization', 'Exception', 'Control', 'Severity', 'Due'], [150, 130, 70, 70, 79],
    overdueRemediation(data.organizations).map(({ organization: o, exception: x }) => [o.name, x.exceptionId, x.controlRef, x.severity, x.dueDate ?? '']));
}

/** One bar per critical organization: its coverage over the window, drawn to scale by day. */
export function timelinePages(doc: PDFKit.PDFDocument, data: CommitteePackData): void {
  doc.addPage().font('Helvetica-Bold').fontSize(13).fillColor('black').text('Coverage of critical organizations', M);
  const width = doc.page.width - 2 * M;
  const barW = width - 150;
  legend(doc, doc.y + 4);
  let y = doc.y + 14;
  for (const t of data.timelines) {
    if (y > doc.page.height - 90) {
      doc.addPage();
      y = M;
    }
    const start = Date.parse(t.from);
    const span = Math.max(1, Date.parse(t.to) - start + 86_400_000);
    doc.font('Helvetica').fontSize(8.5).fillColor('black').text(t.organization.name, M, y + 3, { width: 144 });
    const x0 = M + 150;
    doc.rect(x0, y, barW, 14).fillAndStroke('#eeeeee', '#888888');
    for (const s of t.segments) {
      const x = x0 + ((Date.parse(s.from) - start) / span) * barW;
      const w = Math.max(0.5, ((Date.parse(s.to) + 86_400_000 - Date.parse(s.from)) / span) * barW);
      doc.rect(x, y, w, 14).fill(KIND_COLOUR[s.kind]);
    }
    doc.fillColor('#333333').fontSize(7).text(t.from, x0, y + 16).text(t.to, x0 + barW - 50, y + 16, { width: 50, align: 'right' });
    y += 36;
  }
  if (data.timelines.length === 0) doc.font('Helvetica-Oblique').fontSize(9).text('No critical organizations.', M, y);
}

function legend(doc: PDFKit.PDFDocument, y: number): void {
  let x = M;
  for (const [kind, colour] of Object.entries(KIND_COLOUR)) {
    doc.rect(x, y, 10, 10).fill(colour);
    doc.fillColor('black').font('Helvetica').fontSize(8.5).text(kind.toLowerCase(), x + 14, y + 1, { lineBreak: false });
    x += 80;
  }
  doc.x = M;
  doc.y = y + 12;
}
