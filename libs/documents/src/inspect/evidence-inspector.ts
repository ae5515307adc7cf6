import { DocumentRefused } from '../document-refused';
import type { InspectedDocument, StagedBytes } from '../document-store.port';
import { inspectPdf } from './pdf-inspect';
import { MEDIA_TYPES, sniffMediaType, zipEntryNames } from './sniff-media-type';

const ZIP_TAIL = 65_536 + 22;

/** Accepts the evidence kinds by their bytes and counts a PDF's pages; refuses anything else. */
export async function inspectEvidence(staged: StagedBytes): Promise<InspectedDocument> {
  const tail = staged.head.subarray(0, 4).toString('latin1') === 'PK\x03\x04' ? await staged.readTail(ZIP_TAIL) : null;
  const mediaType = sniffMediaType(staged.head, () => (tail ? zipEntryNames(tail) : null));
  if (!mediaType) {
    throw new DocumentRefused('UNSUPPORTED_MEDIA_TYPE', 'Accepted kinds: PDF, PNG, JPEG, XLSX, DOCX, CSV or plain text');
  }
  if (mediaType !== MEDIA_TYPES.pdf) return { mediaType, pages: null };
  const { pages } = await inspectPdf(await staged.readAll());
  return { mediaType, pages };
}
