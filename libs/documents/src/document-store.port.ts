import type { Readable } from 'node:stream';

/** What the store keeps about a document besides its bytes. */
export interface StoredDocument {
  /** The SHA-256 of the bytes, lowercase hex: the document's id within its tenant. */
  documentId: string;
  sha256: string;
  size: number;
  /** The kind its bytes showed at the first upload (never the name's extension). */
  mediaType: string;
  /** A label only (no path parts); the first upload's label wins. */
  filename: string;
  /** Pages of a PDF; null for other kinds. */
  pages: number | null;
  /** When the bytes were first stored (ISO-8601). */
  storedAt: string;
}

/** What an inspector learns from the bytes before they are stored. */
export interface InspectedDocument {
  mediaType: string;
  pages: number | null;
}

/** The bytes of an upload, staged but not yet stored: an inspector reads them, nothing else. */
export interface StagedBytes {
  size: number;
  sha256: string;
  /** The first bytes (up to 4 KiB), for sniffing the kind. */
  head: Buffer;
  /** The last `length` bytes (a ZIP's central directory). */
  readTail(length: number): Promise<Buffer>;
  /** The whole content; only for kinds whose check needs it (a PDF's pages). */
  readAll(): Promise<Buffer>;
}

export interface PutOptions {
  /** Larger uploads are refused (DOCUMENT_TOO_LARGE) as soon as the limit is passed. */
  maxBytes?: number;
  /** Decides the kind and pages, or throws (a DocumentRefused) to store nothing. */
  inspect?: (staged: StagedBytes) => Promise<InspectedDocument>;
}

export interface DocumentMeta {
  /** A label, already sanitized by the caller (see safeFilename). */
  filename: string;
  /** Used when no inspector runs. */
  mediaType?: string;
}

/**
 * The bytes of evidence documents, content-addressed by SHA-256 within a tenant (DESIGN §6).
 *
 * Guarantees: `put` answers only once the bytes and their metadata are durable (nothing
 * acknowledged is lost by a crash); the same bytes put twice are stored once and answer the same
 * id; a refused `put` (too large, empty, failed inspection) leaves nothing behind; a tenant never
 * sees another tenant's documents, even with the same bytes.
 *
 * Hazards: metadata is the first upload's (a later upload's filename is not kept); a document's
 * bytes are never deleted here (that a document matters is a fact in the event store); `get`
 * streams from storage, so a caller must consume or destroy the stream.
 */
export interface DocumentStore {
  put(tenantId: string, bytes: AsyncIterable<Uint8Array>, meta: DocumentMeta, options?: PutOptions): Promise<StoredDocument>;
  /** The metadata, or null when this tenant has no such document. */
  head(tenantId: string, documentId: string): Promise<StoredDocument | null>;
  /** The metadata and a stream of the bytes, or null. */
  get(tenantId: string, documentId: string): Promise<{ document: StoredDocument; content: Readable } | null>;
  close(): Promise<void>;
}

export const DOCUMENT_ID_RE = /^[0-9a-f]{64}$/;
const TENANT_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Tenants and ids become storage keys (paths, rows): anything else is refused outright. */
export function checkTenant(tenantId: string): string {
  if (!TENANT_RE.test(tenantId)) throw new Error(`Invalid tenant id for the document store: ${JSON.stringify(tenantId)}`);
  return tenantId;
}

export function isDocumentId(value: string): boolean {
  return DOCUMENT_ID_RE.test(value);
}
