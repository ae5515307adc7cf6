import { crc32 } from 'node:zlib';
import PDFDocument from 'pdfkit';

/** A ZIP with stored (uncompressed) entries: enough for an Office Open XML package's shape. */
export function zipOf(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
export const xlsxBytes = () => zipOf({ '[Content_Types].xml': TYPES, '_rels/.rels': '<Relationships/>', 'xl/workbook.xml': '<workbook/>' });
export const docxBytes = () => zipOf({ '[Content_Types].xml': TYPES, '_rels/.rels': '<Relationships/>', 'word/document.xml': '<document/>' });
export const plainZipBytes = () => zipOf({ 'notes.txt': 'not an office file' });
export const pngBytes = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
export const jpegBytes = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 9)]);
export const gifBytes = () => Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1');

/** A real PDF of `pages` pages (pdfkit), optionally encrypted with a user password. */
export function pdfBytes(pages: number, options: { userPassword?: string; text?: string } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ autoFirstPage: false, ...(options.userPassword ? { userPassword: options.userPassword, pdfVersion: '1.7' } : {}) });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    for (let i = 1; i <= pages; i++) doc.addPage().text(`${options.text ?? 'SOC 2 Type 2 report'} — page ${i}`);
    doc.end();
  });
}
