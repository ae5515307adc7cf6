import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../event-store.port';
import { checkMaxCount } from '../store-rules';

/** A row of the events table as pg returns it: bigints as strings, json already parsed. */
export interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata';

/** pg parses json per row, so every read hands out fresh objects that callers may mutate. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
  };
}

/**
 * The visibility horizon: positions below it belong to transactions that have all ended, so no
 * event can appear below it later. Positions come from transaction ids (postgres-schema.ts),
 * and every transaction id below the snapshot's xmin has committed or aborted. Taken from the
 * statement's own snapshot, so "ended before the horizon" and "visible" agree.
 */
export const HORIZON = '(pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 20)';

export interface SqlQuery {
  text: string;
  values: unknown[];
}

/**
 * readAll in global order, only below the horizon: a reader paging by `after` never skips an
 * event that commits later with a smaller position, because no such event can exist.
 */
export function readAllQuery(table: string, options: ReadAllOptions): SqlQuery {
  checkMaxCount(options.maxCount);
  const backwards = options.direction === 'backwards';
  const values: unknown[] = [];
  const where = [`position < ${HORIZON}`];
  if (options.after !== undefined) {
    values.push(String(options.after));
    where.push(`position ${backwards ? '<' : '>'} $${values.length}::bigint`);
  }
  if (options.streamPrefix !== undefined && options.streamPrefix !== '') {
    values.push(options.streamPrefix);
    where.push(`starts_with(stream_id, $${values.length})`);
  }
  let text = `SELECT ${EVENT_COLUMNS} FROM ${table} WHERE ${where.join(' AND ')} ORDER BY position ${backwards ? 'DESC' : 'ASC'}`;
  if (options.maxCount !== undefined) {
    values.push(options.maxCount);
    text += ` LIMIT $${values.length}`;
  }
  return { text, values };
}

/**
 * One page for a subscription, plus whether committed events wait above the horizon (an older
 * transaction is still running). Those become visible when it ends, which may be a rollback
 * that sends no notification: the subscription then re-reads soon instead of waiting for a poll.
 */
export function subscriptionPageQuery(table: string, after: bigint | undefined, maxCount: number, prefix?: string): SqlQuery {
  const values: unknown[] = [after === undefined ? null : String(after), maxCount];
  const byPrefix = prefix !== undefined && prefix !== '' ? (values.push(prefix), `AND starts_with(e.stream_id, $3)`) : '';
  const text = `
    WITH h AS (SELECT ${HORIZON} AS horizon)
    SELECT page.*, EXISTS (SELECT 1 FROM ${table} WHERE position >= h.horizon) AS hidden
    FROM h LEFT JOIN LATERAL (
      SELECT ${EVENT_COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')} FROM ${table} e
      WHERE e.position < h.horizon AND ($1::bigint IS NULL OR e.position > $1::bigint) ${byPrefix}
      ORDER BY e.position LIMIT $2
    ) page ON true`;
  return { text, values };
}

/** A stream's events by revision (no horizon: a stream's writers are serialized by its lock). */
export function readStreamQuery(table: string, streamId: string, options: ReadStreamOptions): SqlQuery {
  checkMaxCount(options.maxCount);
  const backwards = options.direction === 'backwards';
  const values: unknown[] = [streamId];
  let text = `SELECT ${EVENT_COLUMNS} FROM ${table} WHERE stream_id = $1`;
  if (options.fromRevision !== undefined) {
    values.push(String(options.fromRevision));
    text += ` AND revision ${backwards ? '<=' : '>='} $2::bigint`;
  }
  text += ` ORDER BY revision ${backwards ? 'DESC' : 'ASC'}`;
  if (options.maxCount !== undefined) {
    values.push(options.maxCount);
    text += ` LIMIT $${values.length}`;
  }
  return { text, values };
}

export const headPositionQuery = (table: string): string =>
  `SELECT position FROM ${table} WHERE position < ${HORIZON} ORDER BY position DESC LIMIT 1`;
