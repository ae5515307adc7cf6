import type { PoolClient } from 'pg';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import { checkExpectedRevision, emptyAppendResult, findRepeatedAppend, toJsonText, type StoredEventRef } from '../store-rules';
import { headPositionQuery } from './postgres-queries';

/** Most events in one append: positions keep 20 bits for the ordinal within a transaction. */
export const MAX_EVENTS_PER_APPEND = (1 << 20) - 1;

/** Lock class of stream locks (pg_advisory_xact_lock(class, hashtext(stream))). */
const STREAM_LOCK_CLASS = 0x0e5e_0002;

export interface EncodedEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

/** Serializes before any connection is taken: a non-JSON value fails only its own append. */
export function encodeEvents(events: readonly EventToAppend[]): EncodedEvent[] {
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new RangeError(`An append holds at most ${MAX_EVENTS_PER_APPEND} events, got ${events.length}`);
  }
  return events.map((event) => ({
    eventId: event.eventId,
    type: event.type,
    data: toJsonText(event.data, 'data'),
    metadata: toJsonText(event.metadata, 'metadata'),
  }));
}

interface RefRow {
  stream_id: string;
  revision: string;
  position: string;
}
const toRef = (row: RefRow): StoredEventRef => ({
  streamId: row.stream_id,
  revision: BigInt(row.revision),
  position: BigInt(row.position),
});

/**
 * One append inside the caller's transaction. The stream's advisory lock comes first and takes
 * no transaction id; the id is assigned by the INSERT, after the lock. So the next writer of the
 * stream gets a larger id than this one, and revision order agrees with position order. The
 * idempotency lookup and the expectation check run under that lock, against committed data
 * (READ COMMITTED takes a fresh snapshot per statement), so no writer slips in between.
 * UNIQUE(event_id) still guards ids raced from another stream (the caller maps 23505).
 */
export async function appendInTransaction(
  client: PoolClient,
  table: string,
  streamId: string,
  events: readonly EncodedEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [STREAM_LOCK_CLASS, streamId]);
  const ids = events.map((event) => event.eventId);
  if (ids.length > 0) {
    const { rows } = await client.query<RefRow & { event_id: string }>(
      `SELECT event_id, stream_id, revision, position FROM ${table} WHERE event_id = ANY($1::text[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.event_id, toRef(row)]));
    const repeated = findRepeatedAppend(streamId, ids, ids.map((id) => byId.get(id)));
    if (repeated !== null) return repeated;
  } else {
    findRepeatedAppend(streamId, ids, []);
  }
  const tailRows = await client.query<RefRow>(
    `SELECT stream_id, revision, position FROM ${table} WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1`,
    [streamId],
  );
  const tail = tailRows.rows[0] === undefined ? undefined : toRef(tailRows.rows[0]);
  checkExpectedRevision(streamId, expected, tail?.revision ?? null);
  if (events.length === 0) {
    const head = await client.query<{ position: string }>(headPositionQuery(table));
    return emptyAppendResult(tail, BigInt(head.rows[0]?.position ?? 0));
  }
  const first = (tail?.revision ?? -1n) + 1n;
  const inserted = await client.query<{ position: string; revision: string }>(
    `INSERT INTO ${table} (position, stream_id, revision, event_id, type, data, metadata, transaction_id)
     SELECT (pg_current_xact_id()::text::bigint << 20) + u.ord, $1, $2::bigint + u.ord - 1,
            u.event_id, u.type, u.data, u.metadata, pg_current_xact_id()
     FROM unnest($3::text[], $4::text[], $5::json[], $6::json[]) WITH ORDINALITY AS u(event_id, type, data, metadata, ord)
     RETURNING position, revision`,
    [streamId, String(first), ids, events.map((e) => e.type), events.map((e) => e.data), events.map((e) => e.metadata)],
  );
  const last = inserted.rows.reduce((a, b) => (BigInt(b.revision) > BigInt(a.revision) ? b : a));
  return { nextExpectedRevision: BigInt(last.revision), position: BigInt(last.position) };
}
