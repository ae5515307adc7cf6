import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import { hashEvent, storedHash } from './event-hash';
import { shortHash, type VerificationResult } from './verification';

/** One event that does not verify, and why. */
export interface ChainBreak {
  eventId: string;
  streamId: string;
  revision: bigint;
  position: bigint;
  /** The tenant the event names (null for the checkpoint stream), to keep reports in scope. */
  tenantId: string | null;
  reason: string;
}

type ChainEvent = Pick<RecordedEvent, 'streamId' | 'revision' | 'position' | 'eventId' | 'type' | 'data' | 'metadata'>;

/**
 * The per-stream hash chains, checked one event at a time. Events of one stream must come in
 * the order they are stored (revision order from readStream; position order from readAll, in
 * which a reordering shows up as a revision going backwards). Remembers only each stream's last
 * revision and hash, so the whole store can stream through it.
 */
export class StreamChains {
  private readonly tails = new Map<string, { revision: bigint; hash: string | null }>();

  /** Starts a stream's chain mid-way: the next event checked must be `revision`, linked to `previousHash`. */
  startAt(streamId: string, revision: bigint, previousHash: unknown): void {
    this.tails.set(streamId, { revision: revision - 1n, hash: typeof previousHash === 'string' ? previousHash : null });
  }

  check(event: ChainEvent): ChainBreak | null {
    const tail = this.tails.get(event.streamId);
    const expected = tail ? tail.revision + 1n : 0n;
    const stored = storedHash(event);
    this.tails.set(event.streamId, { revision: event.revision, hash: stored });
    const reason = this.reasonFor(event, expected, stored, tail?.hash ?? null);
    return reason === null
      ? null
      : {
          eventId: event.eventId,
          streamId: event.streamId,
          revision: event.revision,
          position: event.position,
          tenantId: typeof event.metadata.tenantId === 'string' ? event.metadata.tenantId : null,
          reason,
        };
  }

  private reasonFor(event: ChainEvent, expected: bigint, stored: string | null, previous: string | null): string | null {
    const at = `${event.streamId}@${event.revision}`;
    if (event.revision > expected) {
      return `Revision gap in ${event.streamId}: expected revision ${expected}, found ${event.revision}; an event was deleted (or moved later in the order).`;
    }
    if (event.revision < expected) {
      return `Out of order in ${event.streamId}: revision ${event.revision} comes after revision ${expected - 1n}; events were reordered.`;
    }
    if (stored === null) return `Event ${at} carries no hash: it was recorded before the hash chain, or its hash was removed.`;
    const actual = hashEvent(event);
    if (actual !== stored) {
      return `Event ${at} was altered: its stored hash is ${shortHash(stored)} but its content hashes to ${shortHash(actual)} (id, type, data or metadata changed).`;
    }
    const linked = event.metadata.previousHash ?? null;
    if (linked !== previous) {
      return expected === 0n
        ? `Event ${at} is the first of its stream but names a previous hash; the events before it were deleted.`
        : `Chain broken at ${at}: its previousHash does not match the hash of revision ${expected - 1n}; an event was replaced, deleted or reordered.`;
    }
    return null;
  }
}

/** Verifies one stream's chain; `events` as readStream returns them (revision order). */
export function verifyStream(events: readonly ChainEvent[]): VerificationResult {
  const chains = new StreamChains();
  let first: ChainBreak | null = null;
  for (const event of events) {
    const broken = chains.check(event);
    first ??= broken;
  }
  return {
    valid: first === null,
    checkedEvents: events.length,
    firstBrokenEventId: first?.eventId ?? null,
    reason: first?.reason ?? null,
  };
}
