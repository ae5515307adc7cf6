/** The kinds accepted as evidence, decided by their bytes (names and declared types are not trusted). */
export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv',
  text: 'text/plain',
} as const;
export type AcceptedMediaType = (typeof MEDIA_TYPES)[keyof typeof MEDIA_TYPES];

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1');

/**
 * The kind of a file from its first bytes and, for ZIP containers, the names in its central
 * directory (`zipNames`, read by the caller from the file's tail). Null for anything else.
 */
export function sniffMediaType(head: Buffer, zipNames?: () => string[] | null): AcceptedMediaType | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return MEDIA_TYPES.pdf;
  if (head.subarray(0, 8).equals(PNG)) return MEDIA_TYPES.png;
  if (head.subarray(0, 3).equals(JPEG)) return MEDIA_TYPES.jpeg;
  if (head.subarray(0, 4).equals(ZIP)) {
    const names = zipNames?.() ?? [];
    // An Office Open XML package declares its parts; the main part says which application.
    if (!names.includes('[Content_Types].xml')) return null;
    if (names.includes('xl/workbook.xml')) return MEDIA_TYPES.xlsx;
    if (names.includes('word/document.xml')) return MEDIA_TYPES.docx;
    return null;
  }
  return isText(head) ? (looksLikeCsv(head) ? MEDIA_TYPES.csv : MEDIA_TYPES.text) : null;
}

/** UTF-8 (a character cut at the end of the head is fine) with no control bytes but tab, CR, LF, FF. */
function isText(head: Buffer): boolean {
  for (const byte of head) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) return false;
    if (byte === 0x7f) return false;
  }
  let end = head.length;
  // Drop an incomplete trailing UTF-8 sequence (at most 3 bytes).
  for (let i = 1; i <= 3 && i <= head.length; i++) {
    const b = head[head.length - i]!;
    if ((b & 0xc0) === 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (need > i) end = head.length - i;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** At least two complete lines with the same, non-zero number of separators. */
function looksLikeCsv(head: Buffer): boolean {
  const lines = head.toString('utf8').split(/\r?\n/).slice(0, -1).filter((l) => l.trim() !== '').slice(0, 10);
  if (lines.length < 2) return false;
  return [',', ';', '\t'].some((sep) => {
    const counts = lines.map((l) => l.split(sep).length - 1);
    return counts[0]! > 0 && counts.every((c) => c === counts[0]);
  });
}

/** Entry names from a ZIP's central directory, given the file's last bytes (up to 64 KiB + 22). */
export function zipEntryNames(tail: Buffer): string[] | null {
  const eocd = tail.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
  if (eocd < 0 || eocd + 22 > tail.length) return null;
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  let at = eocd - dirSize;
  if (at < 0) return null;
  const names: string[] = [];
  for (let i = 0; i < count && at + 46 <= eocd; i++) {
    if (tail.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = tail.readUInt16LE(at + 28);
    const extra = tail.readUInt16LE(at + 30);
    const comment = tail.readUInt16LE(at + 32);
    names.push(tail.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}
