import { createHash } from 'node:crypto';
import { packDocuments, verifyPackDocuments } from './evidence-pack-documents';
import type { PackEvent } from './status-timeline';

const bytes = Buffer.from('the SOC 2 report');
const sha = createHash('sha256').update(bytes).digest('hex');
const attached = (eventId: string, kind = 'SOC_REPORT'): PackEvent => ({
  streamId: 'organization-default~org-1',
  revision: '1',
  position: '2',
  eventId,
  type: 'DocumentAttached',
  data: { documentId: sha, sha256: sha, size: bytes.length, mediaType: 'application/pdf', filename: 'r.pdf', kind, title: 'Report', subject: null },
  metadata: {},
});

describe('evidence pack documents', () => {
  it('lists each attached document once, from its first DocumentAttached event', () => {
    expect(packDocuments([attached('e1'), attached('e2', 'CONTRACT')])).toEqual([
      { documentId: sha, sha256: sha, size: bytes.length, mediaType: 'application/pdf', filename: 'r.pdf', kind: 'SOC_REPORT', title: 'Report', eventId: 'e1' },
    ]);
  });

  it('accepts the files whose bytes hash to the listed SHA-256, and rejects a changed or missing one', () => {
    const events = [attached('e1')];
    const listed = packDocuments(events);
    expect(verifyPackDocuments(events, listed, () => bytes).every((c) => c.ok)).toBe(true);
    const changed = verifyPackDocuments(events, listed, () => Buffer.from('the SOC 2 report, edited'));
    expect(changed.some((c) => !c.ok && /hash to/.test(c.message))).toBe(true);
    expect(verifyPackDocuments(events, listed, () => null).some((c) => !c.ok && /missing/.test(c.message))).toBe(true);
  });

  it('rejects a list that is not the one the events give, and warns when the files are absent', () => {
    const events = [attached('e1')];
    expect(verifyPackDocuments(events, [], null)[0]!.ok).toBe(false);
    const withoutFiles = verifyPackDocuments(events, packDocuments(events), null);
    expect(withoutFiles.every((c) => c.ok)).toBe(true);
    expect(withoutFiles.some((c) => c.warning)).toBe(true);
  });
});
