/// <reference types="jest" />
import { createHash } from 'node:crypto';
import { DocumentRefused } from '../document-refused';
import type { DocumentStore, StagedBytes } from '../document-store.port';

export interface DocumentStoreUnderTest {
  store: DocumentStore;
  /** Closes the store and removes whatever it wrote. */
  cleanup(): Promise<void>;
}
export type CreateDocumentStore = () => Promise<DocumentStoreUnderTest>;

/** Yields `bytes` in chunks, as an upload would arrive. */
export async function* chunksOf(bytes: Buffer, size = 1000): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const TEXT = Buffer.from('Bridge letter, 2026-01-01 to 2026-03-31\n'.repeat(200));

/**
 * The behaviour every DocumentStore adapter must show (the port's guarantees). Call it from an
 * adapter's spec with a factory giving a fresh empty store per test; the suite uses only the
 * port, so the PostgreSQL adapter runs it unchanged.
 */
export function documentStoreContract(name: string, create: CreateDocumentStore): void {
  describe(`${name} satisfies the DocumentStore contract`, () => {
    let sut: DocumentStoreUnderTest;
    beforeEach(async () => {
      sut = await create();
    });
    afterEach(async () => {
      await sut.cleanup();
    });

    it('stores bytes under their SHA-256 and gives them back unchanged', async () => {
      const stored = await sut.store.put('acme', chunksOf(TEXT), { filename: 'bridge.txt', mediaType: 'text/plain' });
      expect(stored).toMatchObject({ documentId: sha(TEXT), sha256: sha(TEXT), size: TEXT.length, mediaType: 'text/plain', filename: 'bridge.txt', pages: null });
      expect(await sut.store.head('acme', stored.documentId)).toEqual(stored);
      const got = await sut.store.get('acme', stored.documentId);
      expect(got!.document).toEqual(stored);
      expect((await readAll(got!.content)).equals(TEXT)).toBe(true);
    });

    it('stores the same bytes once: a second put answers the first one', async () => {
      const first = await sut.store.put('acme', chunksOf(TEXT), { filename: 'a.txt', mediaType: 'text/plain' });
      const second = await sut.store.put('acme', chunksOf(TEXT, 7), { filename: 'b.txt', mediaType: 'text/plain' });
      expect(second).toEqual(first);
    });

    it('answers the same bytes put concurrently with one id', async () => {
      const all = await Promise.all([1, 2, 3].map((i) => sut.store.put('acme', chunksOf(TEXT, 100 * i), { filename: `${i}.txt` })));
      expect(new Set(all.map((d) => d.documentId))).toEqual(new Set([sha(TEXT)]));
      expect((await readAll((await sut.store.get('acme', sha(TEXT)))!.content)).equals(TEXT)).toBe(true);
    });

    it('keeps tenants apart, even for the same bytes', async () => {
      const stored = await sut.store.put('acme', chunksOf(TEXT), { filename: 'a.txt' });
      expect(await sut.store.head('globex', stored.documentId)).toBeNull();
      expect(await sut.store.get('globex', stored.documentId)).toBeNull();
      const theirs = await sut.store.put('globex', chunksOf(TEXT), { filename: 'theirs.txt' });
      expect(theirs.filename).toBe('theirs.txt');
      expect((await sut.store.head('acme', stored.documentId))!.filename).toBe('a.txt');
    });

    it('answers null for an unknown or malformed id', async () => {
      expect(await sut.store.head('acme', sha(Buffer.from('nothing')))).toBeNull();
      expect(await sut.store.head('acme', '../../etc/passwd')).toBeNull();
      expect(await sut.store.get('acme', 'ABC')).toBeNull();
    });

    it('refuses a tenant id that is not a plain key', async () => {
      await expect(sut.store.put('../other', chunksOf(TEXT), { filename: 'x' })).rejects.toThrow(/tenant/);
    });

    it('refuses bytes over the limit and keeps nothing', async () => {
      const refusal = sut.store.put('acme', chunksOf(TEXT), { filename: 'big.txt' }, { maxBytes: TEXT.length - 1 });
      await expect(refusal).rejects.toMatchObject({ code: 'DOCUMENT_TOO_LARGE' });
      expect(await sut.store.head('acme', sha(TEXT))).toBeNull();
      const exact = await sut.store.put('acme', chunksOf(TEXT), { filename: 'fits.txt' }, { maxBytes: TEXT.length });
      expect(exact.size).toBe(TEXT.length);
    });

    it('refuses an empty document', async () => {
      await expect(sut.store.put('acme', chunksOf(Buffer.alloc(0)), { filename: 'empty' })).rejects.toMatchObject({ code: 'EMPTY_DOCUMENT' });
      expect(await sut.store.head('acme', sha(Buffer.alloc(0)))).toBeNull();
    });

    it('lets the inspector decide the kind and pages, and keeps nothing when it refuses', async () => {
      const seen: StagedBytes[] = [];
      const stored = await sut.store.put('acme', chunksOf(TEXT), { filename: 'r.pdf' }, {
        inspect: async (staged) => {
          seen.push(staged);
          expect((await staged.readAll()).equals(TEXT)).toBe(true);
          expect((await staged.readTail(10)).equals(TEXT.subarray(TEXT.length - 10))).toBe(true);
          return { mediaType: 'application/pdf', pages: 3 };
        },
      });
      expect(seen[0]).toMatchObject({ size: TEXT.length, sha256: sha(TEXT) });
      expect(seen[0]!.head.equals(TEXT.subarray(0, 4096))).toBe(true);
      expect(stored).toMatchObject({ mediaType: 'application/pdf', pages: 3 });
      const other = Buffer.from('%PDF-1.7 but broken');
      const refused = sut.store.put('acme', chunksOf(other), { filename: 'x.pdf' }, {
        inspect: async () => {
          throw new DocumentRefused('UNREADABLE_DOCUMENT', 'broken');
        },
      });
      await expect(refused).rejects.toMatchObject({ code: 'UNREADABLE_DOCUMENT' });
      expect(await sut.store.head('acme', sha(other))).toBeNull();
    });
  });
}
