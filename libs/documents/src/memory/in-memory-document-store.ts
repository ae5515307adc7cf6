import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DocumentRefused } from '../document-refused';
import {
  checkTenant,
  isDocumentId,
  type DocumentMeta,
  type DocumentStore,
  type PutOptions,
  type StoredDocument,
} from '../document-store.port';
import { DEFAULT_MAX_BYTES } from '../fs/fs-document-store';

/** For tests and tools: the same contract, in memory (and so neither durable nor for large files). */
export class InMemoryDocumentStore implements DocumentStore {
  private readonly documents = new Map<string, { document: StoredDocument; bytes: Buffer }>();

  async put(tenantId: string, bytes: AsyncIterable<Uint8Array>, meta: DocumentMeta, options: PutOptions = {}): Promise<StoredDocument> {
    checkTenant(tenantId);
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of bytes) {
      size += chunk.length;
      if (size > maxBytes) throw new DocumentRefused('DOCUMENT_TOO_LARGE', `The document is larger than ${maxBytes} bytes`);
      chunks.push(Buffer.from(chunk));
    }
    if (size === 0) throw new DocumentRefused('EMPTY_DOCUMENT', 'The document is empty');
    const all = Buffer.concat(chunks);
    const sha256 = createHash('sha256').update(all).digest('hex');
    const inspected = options.inspect
      ? await options.inspect({ size, sha256, head: all.subarray(0, 4096), readTail: async (n) => all.subarray(Math.max(0, size - n)), readAll: async () => all })
      : { mediaType: meta.mediaType ?? 'application/octet-stream', pages: null };
    const key = `${tenantId}/${sha256}`;
    const existing = this.documents.get(key);
    if (existing) return { ...existing.document };
    const document: StoredDocument = {
      documentId: sha256,
      sha256,
      size,
      mediaType: inspected.mediaType,
      filename: meta.filename,
      pages: inspected.pages,
      storedAt: new Date().toISOString(),
    };
    this.documents.set(key, { document, bytes: all });
    return { ...document };
  }

  async head(tenantId: string, documentId: string): Promise<StoredDocument | null> {
    if (!isDocumentId(documentId)) return null;
    const found = this.documents.get(`${checkTenant(tenantId)}/${documentId}`);
    return found ? { ...found.document } : null;
  }

  async get(tenantId: string, documentId: string) {
    if (!isDocumentId(documentId)) return null;
    const found = this.documents.get(`${checkTenant(tenantId)}/${documentId}`);
    return found ? { document: { ...found.document }, content: Readable.from([found.bytes]) } : null;
  }

  async close(): Promise<void> {}
}
