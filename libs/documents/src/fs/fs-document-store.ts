import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DocumentRefused } from '../document-refused';
import {
  checkTenant,
  isDocumentId,
  type DocumentMeta,
  type DocumentStore,
  type PutOptions,
  type StoredDocument,
} from '../document-store.port';
import { stageFile, syncDir, writeDurably } from './durable-file';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * The embedded DocumentStore: DATA_DIR/documents/<tenant>/<first two hex>/<sha256> holds the bytes
 * and `<sha256>.json` their metadata. Bytes stream to a temp file in the same directory, are
 * fsynced, inspected, then renamed into place; the metadata file is written (also by rename)
 * last, and the directory fsynced, before `put` answers. A document whose metadata file is
 * missing (a crash between the two renames) counts as absent and is written again by the next put.
 */
export class FsDocumentStore implements DocumentStore {
  constructor(private readonly root: string) {}

  async put(tenantId: string, bytes: AsyncIterable<Uint8Array>, meta: DocumentMeta, options: PutOptions = {}): Promise<StoredDocument> {
    const tenantDir = join(this.root, checkTenant(tenantId));
    await mkdir(tenantDir, { recursive: true });
    const staged = await stageFile(tenantDir, bytes, options.maxBytes ?? DEFAULT_MAX_BYTES);
    try {
      if (staged.size === 0) throw new DocumentRefused('EMPTY_DOCUMENT', 'The document is empty');
      const inspected = options.inspect
        ? await options.inspect({ size: staged.size, sha256: staged.sha256, head: staged.head, readTail: (n) => readTail(staged.path, staged.size, n), readAll: () => readFile(staged.path) })
        : { mediaType: meta.mediaType ?? 'application/octet-stream', pages: null };
      const existing = await this.head(tenantId, staged.sha256);
      if (existing) return existing;
      const dir = join(tenantDir, staged.sha256.slice(0, 2));
      await mkdir(dir, { recursive: true });
      await rename(staged.path, join(dir, staged.sha256));
      const document: StoredDocument = {
        documentId: staged.sha256,
        sha256: staged.sha256,
        size: staged.size,
        mediaType: inspected.mediaType,
        filename: meta.filename,
        pages: inspected.pages,
        storedAt: new Date().toISOString(),
      };
      await writeDurably(dir, `${staged.sha256}.json`, JSON.stringify(document));
      await syncDir(dir);
      return document;
    } finally {
      await rm(staged.path, { force: true });
    }
  }

  async head(tenantId: string, documentId: string): Promise<StoredDocument | null> {
    if (!isDocumentId(documentId)) return null;
    const base = this.pathOf(tenantId, documentId);
    try {
      const document = JSON.parse(await readFile(`${base}.json`, 'utf8')) as StoredDocument;
      // The bytes must be there too, at their recorded size.
      return (await stat(base)).size === document.size ? document : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async get(tenantId: string, documentId: string) {
    const document = await this.head(tenantId, documentId);
    return document ? { document, content: createReadStream(this.pathOf(tenantId, documentId)) } : null;
  }

  async close(): Promise<void> {}

  private pathOf(tenantId: string, documentId: string): string {
    return join(this.root, checkTenant(tenantId), documentId.slice(0, 2), documentId);
  }
}

async function readTail(path: string, size: number, length: number): Promise<Buffer> {
  const n = Math.min(size, length);
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(n);
    await file.read(buffer, 0, n, size - n);
    return buffer;
  } finally {
    await file.close();
  }
}
