import { DuplicateEventIdError, WrongExpectedRevisionError } from './event-store.errors';
import type { AppendResult, ExpectedRevision } from './event-store.port';

/**
 * The rules every adapter applies, so that they cannot drift apart: the expectation check, the
 * idempotency decision, the result of an empty append, and read-option validation. Pure
 * functions; each adapter calls them inside whatever makes its append atomic.
 */

/** Where an event id already lives, as an adapter found it. */
export interface StoredEventRef {
  streamId: string;
  revision: bigint;
  position: bigint;
}

/** Throws WrongExpectedRevisionError unless `current` (null: no stream) meets `expected`. */
export function checkExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  current: bigint | null,
): void {
  const met =
    expected === 'any' ||
    (expected === 'no_stream' && current === null) ||
    (expected === 'stream_exists' && current !== null) ||
    (typeof expected === 'bigint' && current === expected);
  if (!met) throw new WrongExpectedRevisionError(streamId, expected, current);
}

/**
 * Decides whether an append repeats an earlier one. Returns the earlier append's result when
 * every id is already stored in this stream as one contiguous run in the same order (whatever
 * the expected revision: a retried command must get its first answer back). Returns null when
 * no id is stored yet: the append is new. Anything in between throws DuplicateEventIdError,
 * because writing it would either fail on UNIQUE(event_id) or silently change history.
 *
 * `found[i]` is where `eventIds[i]` is stored, or undefined.
 */
export function findRepeatedAppend(
  streamId: string,
  eventIds: readonly string[],
  found: ReadonlyArray<StoredEventRef | undefined>,
): AppendResult | null {
  assertDistinct(eventIds);
  const stored = found.filter((ref): ref is StoredEventRef => ref !== undefined);
  const first = stored[0];
  if (first === undefined) return null;
  const isRun =
    stored.length === eventIds.length &&
    stored.every((ref, i) => ref.streamId === streamId && ref.revision === first.revision + BigInt(i));
  if (!isRun) {
    throw new DuplicateEventIdError(eventIds.filter((_, i) => found[i] !== undefined));
  }
  const last = stored[stored.length - 1] as StoredEventRef;
  return { nextExpectedRevision: last.revision, position: last.position };
}

/**
 * The result of an append with no events, once its expectation held. For an existing stream:
 * its last revision and that event's position. For a missing stream there is no event to point
 * at: nextExpectedRevision is -1n (the stream is still absent) and position is the store's head,
 * so "read your writes" waits for everything already written and nothing more.
 */
export function emptyAppendResult(tail: StoredEventRef | undefined, headPosition: bigint): AppendResult {
  return tail === undefined
    ? { nextExpectedRevision: -1n, position: headPosition }
    : { nextExpectedRevision: tail.revision, position: tail.position };
}

/** The same id twice in one append can never be stored (UNIQUE(event_id)). */
function assertDistinct(eventIds: readonly string[]): void {
  const seen = new Set<string>();
  const repeated = eventIds.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  if (repeated.length > 0) throw new DuplicateEventIdError([...new Set(repeated)]);
}

/** maxCount must be a non-negative safe integer; undefined means "every event". */
export function checkMaxCount(maxCount: number | undefined): void {
  if (maxCount !== undefined && !(Number.isSafeInteger(maxCount) && maxCount >= 0)) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
}

/** JSON text of `value`; throws TypeError for what JSON cannot hold (undefined, a function). */
export function toJsonText(value: unknown, field: string): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError(`Event ${field} must be JSON-serializable`);
  return text;
}
