import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Pool } from 'pg';
import { quoteIdentifier } from '../../../event-store/src/postgres/postgres-schema';
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
import { HEAD_BYTES } from '../fs/durable-file';
import { ensureDocumentSchema } from './postgres-document-schema';

export interface PostgresDocumentStoreOptions {
  connectionString: string;
  /** The schema holding the `documents` table (the event store's, so one database holds a ledger). */
  schema?: string;
  poolSize?: number;
  onConnectionError?: (error: Error) => void;
}

interface DocumentRow {
  document_id: string;
  size: string;
  media_type: string;
  filename: string;
  pages: number | null;
  stored_at: Date;
}
const COLUMNS = 'document_id, size, media_type, filename, pages, stored_at';

/**
 * The DocumentStore of replicas sharing PostgreSQL: one row per (tenant, SHA-256), bytes in a
 * bytea column. `put` is one INSERT … ON CONFLICT DO NOTHING, so it answers after its transaction
 * committed (durable with the server's default synchronous_commit), the same bytes put at once by
 * two replicas make one row, and a refused put never reaches the database.
 *
 * Hazard: bytea travels whole, so an upload is held in memory (up to maxBytes, default 50 MiB)
 * while it is hashed, inspected and sent; `get` reads the whole value before streaming it.
 */
export class PostgresDocumentStore implements DocumentStore {
  private readonly table: string;

  private constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    this.table = `${quoteIdentifier(schema)}.documents`;
  }

  /** Opens a pool and brings the document table to this code's version. */
  static async connect(options: PostgresDocumentStoreOptions): Promise<PostgresDocumentStore> {
    const schema = options.schema ?? 'public';
    const pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 4 });
    pool.on('error', (error) => options.onConnectionError?.(error)); // an idle client lost must not crash the process
    try {
      await ensureDocumentSchema(pool, schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresDocumentStore(pool, schema);
  }

  async put(tenantId: string, bytes: AsyncIterable<Uint8Array>, meta: DocumentMeta, options: PutOptions = {}): Promise<StoredDocument> {
    checkTenant(tenantId);
    const all = await readLimited(bytes, options.maxBytes ?? DEFAULT_MAX_BYTES);
    if (all.length === 0) throw new DocumentRefused('EMPTY_DOCUMENT', 'The document is empty');
    const sha256 = createHash('sha256').update(all).digest('hex');
    const inspected = options.inspect
      ? await options.inspect({
          size: all.length,
          sha256,
          head: all.subarray(0, HEAD_BYTES),
          readTail: async (n) => all.subarray(Math.max(0, all.length - n)),
          readAll: async () => all,
        })
      : { mediaType: meta.mediaType ?? 'application/octet-stream', pages: null };
    const inserted = await this.pool.query<DocumentRow>(
      `INSERT INTO ${this.table} (tenant_id, document_id, size, media_type, filename, pages, stored_at, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id, document_id) DO NOTHING RETURNING ${COLUMNS}`,
      [tenantId, sha256, all.length, inspected.mediaType, meta.filename, inspected.pages, new Date(), all],
    );
    if (inserted.rows[0]) return toDocument(inserted.rows[0]);
    // Stored before (ON CONFLICT waited for a concurrent insert to commit): the first upload's answer.
    const existing = await this.head(tenantId, sha256);
    if (!existing) throw new Error(`Document ${sha256} of ${tenantId} conflicted but is absent`);
    return existing;
  }

  async head(tenantId: string, documentId: string): Promise<StoredDocument | null> {
    checkTenant(tenantId);
    if (!isDocumentId(documentId)) return null;
    const { rows } = await this.pool.query<DocumentRow>(`SELECT ${COLUMNS} FROM ${this.table} WHERE tenant_id = $1 AND document_id = $2`, [
      tenantId,
      documentId,
    ]);
    return rows[0] ? toDocument(rows[0]) : null;
  }

  async get(tenantId: string, documentId: string) {
    checkTenant(tenantId);
    if (!isDocumentId(documentId)) return null;
    const { rows } = await this.pool.query<DocumentRow & { content: Buffer }>(
      `SELECT ${COLUMNS}, content FROM ${this.table} WHERE tenant_id = $1 AND document_id = $2`,
      [tenantId, documentId],
    );
    return rows[0] ? { document: toDocument(rows[0]), content: Readable.from([rows[0].content]) } : null;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Collects the upload, refusing it as soon as it passes `maxBytes`. */
async function readLimited(bytes: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of bytes) {
    size += chunk.length;
    if (size > maxBytes) throw new DocumentRefused('DOCUMENT_TOO_LARGE', `The document is larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, size);
}

function toDocument(row: DocumentRow): StoredDocument {
  return {
    documentId: row.document_id,
    sha256: row.document_id,
    size: Number(row.size),
    mediaType: row.media_type,
    filename: row.filename,
    pages: row.pages,
    storedAt: row.stored_at.toISOString(),
  };
}
