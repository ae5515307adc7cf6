import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import { checkExpectedRevision, emptyAppendResult, findRepeatedAppend, toJsonText } from '../store-rules';
import type { EventQueries } from './sqlite-queries';

/** An event as it will be stored: JSON already serialized. */
export interface EncodedEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

/**
 * Serializes at call time, outside the write lock: the transaction stays short, a non-JSON value
 * fails only its own append, and a caller mutating its objects before the flush changes nothing.
 */
export function encodeEvents(events: readonly EventToAppend[]): EncodedEvent[] {
  return events.map((event) => ({
    eventId: event.eventId,
    type: event.type,
    data: toJsonText(event.data, 'data'),
    metadata: toJsonText(event.metadata, 'metadata'),
  }));
}

/**
 * One append, run inside the caller's write transaction (and savepoint), so that the
 * idempotency lookup, the expectation check and the inserts see one state of the file and no
 * other writer, in this process or another, can slip in between. Throws WrongExpectedRevisionError
 * or DuplicateEventIdError having written nothing itself; the caller rolls back its savepoint.
 */
export function appendInTransaction(
  queries: EventQueries,
  streamId: string,
  events: readonly EncodedEvent[],
  expected: ExpectedRevision,
  recordedAt: string,
): AppendResult {
  const ids = events.map((event) => event.eventId);
  const repeated = findRepeatedAppend(streamId, ids, ids.map((id) => queries.findEvent(id)));
  if (repeated !== null) return repeated;
  const tail = queries.streamTail(streamId);
  checkExpectedRevision(streamId, expected, tail?.revision ?? null);
  if (events.length === 0) return emptyAppendResult(tail, queries.headPosition());
  let revision = tail?.revision ?? -1n;
  let position = 0n;
  for (const event of events) {
    revision += 1n;
    position = queries.insert(streamId, revision, event, recordedAt);
  }
  return { nextExpectedRevision: revision, position };
}
