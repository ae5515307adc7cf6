import { createHash } from 'node:crypto';
import type { PackEvent } from './status-timeline';

/** A document an organization's history attaches, as the pack lists it (from its DocumentAttached event). */
export interface PackDocument {
  documentId: string;
  sha256: string;
  size: number;
  mediaType: string;
  filename: string;
  kind: string;
  title: string;
  eventId: string;
}

/**
 * Every document the events attach, once per SHA-256, in the order first attached. Derived from
 * the events only, so their hash chain covers the list, and a verifier re-derives it.
 */
export function packDocuments(events: readonly PackEvent[]): PackDocument[] {
  const seen = new Map<string, PackDocument>();
  for (const e of events) {
    if (e.type !== 'DocumentAttached') continue;
    const d = e.data as Omit<PackDocument, 'eventId'>;
    if (seen.has(d.sha256)) continue;
    seen.set(d.sha256, {
      documentId: d.documentId,
      sha256: d.sha256,
      size: d.size,
      mediaType: d.mediaType,
      filename: d.filename,
      kind: d.kind,
      title: d.title,
      eventId: e.eventId,
    });
  }
  return [...seen.values()];
}

/** The file name of a document in a pack's documents folder: its hash, never a client's name. */
export const packDocumentFile = (d: PackDocument): string => d.sha256;

/**
 * Checks the documents of a pack: the list is the one its events give, and each file present
 * (`read` answers null when the pack came without files) has the listed size and SHA-256.
 */
export function verifyPackDocuments(
  events: readonly PackEvent[],
  listed: readonly PackDocument[] | undefined,
  read: ((d: PackDocument) => Buffer | null) | null,
): Array<{ ok: boolean; warning?: boolean; message: string }> {
  const expected = packDocuments(events);
  const sameList = JSON.stringify(expected) === JSON.stringify(listed ?? []);
  const checks: Array<{ ok: boolean; warning?: boolean; message: string }> = [
    {
      ok: sameList,
      message: sameList
        ? `${expected.length} attached documents listed, as the events attach them.`
        : 'The documents listed differ from those the events attach.',
    },
  ];
  if (expected.length === 0) return checks;
  if (!read) {
    checks.push({ ok: true, warning: true, message: 'The document files are not included (export with --with-documents): only their hashes are checked.' });
    return checks;
  }
  for (const d of expected) {
    const bytes = read(d);
    if (!bytes) {
      checks.push({ ok: false, message: `Document ${d.sha256} (${d.filename}) is missing from the pack's documents.` });
      continue;
    }
    const sha = createHash('sha256').update(bytes).digest('hex');
    const ok = sha === d.sha256 && bytes.length === d.size;
    checks.push({ ok, message: ok ? `Document ${d.filename}: SHA-256 ${sha} matches.` : `Document ${d.filename}: its bytes hash to ${sha}, not ${d.sha256}.` });
  }
  return checks;
}
