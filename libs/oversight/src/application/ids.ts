import { createHash, randomUUID } from 'node:crypto';

/** A namespace of our own for name-based ids (RFC 9562 UUIDv5). */
const NAMESPACE = Buffer.from('6f9a3c1e4b2d5a7e8c0f1d2e3a4b5c6d', 'hex');

/**
 * Deterministic UUIDv5 of a name. Used so that a retried command (same commandId) produces the
 * same event ids and organization id: the store then recognises the retry instead of duplicating.
 */
export function uuidFromName(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function newId(): string {
  return randomUUID();
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/**
 * An id the server assigns (an exception, site, report, letter or validation the client did not
 * name): derived from the commandId when the client sent one, so a retry of the command carries
 * the same id, hence the same payload (a reused commandId with another payload is refused);
 * random otherwise.
 */
export function assignedId(commandId: string | null | undefined, kind: string): string {
  return commandId ? uuidFromName(`${kind}:${commandId}`) : newId();
}
