/** Injection tokens of the documents slice. */
export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');
export const DOCUMENTS_CONFIG = Symbol('DOCUMENTS_CONFIG');

export interface DocumentsConfig {
  /** DOCUMENT_MAX_BYTES: the largest upload accepted (default 50 MiB). */
  maxBytes: number;
}

export function loadDocumentsConfig(env: NodeJS.ProcessEnv = process.env): DocumentsConfig {
  const raw = env.DOCUMENT_MAX_BYTES;
  const maxBytes = raw === undefined || raw === '' ? 50 * 1024 * 1024 : Number(raw);
  if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new Error(`DOCUMENT_MAX_BYTES must be a positive integer, got "${raw}"`);
  return { maxBytes };
}
