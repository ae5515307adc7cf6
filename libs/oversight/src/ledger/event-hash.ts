import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * The hash of one event (DESIGN §5 "Tamper evidence"):
 *
 *   hash = hex(SHA-256(canonicalJson({ streamId, revision, eventId, type, data, metadata })))
 *
 * where `revision` is the stream revision as a decimal string and `metadata` is the event's
 * metadata without its own `hash` member (it does include `previousHash`, which chains the
 * event to the one before it in its stream, null for revision 0). No global position enters the
 * hash: positions differ between stores (SQLite, EventStoreDB), stream revisions do not, so a
 * chain verified here still verifies after a migration.
 */
export interface HashableEvent {
  streamId: string;
  revision: bigint | number | string;
  eventId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export function shortHashOf(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

/** Hex of 32 zero bytes: the running root before the first event. */
export const GENESIS_ROOT = '0'.repeat(64);

const HEX64 = /^[0-9a-f]{64}$/;

export function sha256Hex(input: string | Buffer): string {
  return createHash('sha256').update(input).digest('hex');
}

export function isHash(value: unknown): value is string {
  return typeof value === 'string' && HEX64.test(value);
}

export function hashEvent(event: HashableEvent): string {
  const { hash: _ownHash, ...metadata } = event.metadata;
  return sha256Hex(
    canonicalJson({
      streamId: event.streamId,
      revision: String(event.revision),
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata,
    }),
  );
}

/** The stored hash of an event, or null when it carries none (recorded before the chain). */
export function storedHash(event: { metadata: Record<string, unknown> }): string | null {
  const h = event.metadata.hash;
  return typeof h === 'string' ? h : null;
}

/**
 * One step of the global running root: root_k = SHA-256(root_{k-1} || eventHash_k), over the
 * 32 raw bytes of each (not their hex text).
 */
export function nextRoot(root: string, eventHash: string): string {
  if (!isHash(root) || !isHash(eventHash)) throw new Error('nextRoot: both arguments must be 64 hex digits');
  return createHash('sha256').update(Buffer.from(root, 'hex')).update(Buffer.from(eventHash, 'hex')).digest('hex');
}

/** Folds event hashes into a running root, from `start`. */
export function rootOver(start: string, eventHashes: readonly string[]): string {
  return eventHashes.reduce(nextRoot, start);
}

/**
 * Seals events about to be appended to a stream: each gets `previousHash` (the stored hash of the
 * event before it, or null at revision 0) and its own `hash`, in order, so that the events of one
 * append chain to each other.
 */
export function chainEvents<E extends { eventId: string; type: string; data: unknown; metadata: Record<string, unknown> }>(
  streamId: string,
  firstRevision: bigint,
  previousHash: string | null,
  events: readonly E[],
): E[] {
  let previous = previousHash;
  return events.map((event, i) => {
    const metadata: Record<string, unknown> = { ...event.metadata, previousHash: previous };
    delete metadata.hash;
    const hash = hashEvent({ streamId, revision: firstRevision + BigInt(i), eventId: event.eventId, type: event.type, data: event.data, metadata });
    previous = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}
