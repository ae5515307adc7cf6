import type Database from 'better-sqlite3';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../event-store.port';
import { checkMaxCount, type StoredEventRef } from '../store-rules';
import type { EncodedEvent } from './sqlite-append';

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata';
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -INT64_MAX - 1n;
const PREFIX_FILTER = '(@prefix IS NULL OR substr(stream_id, 1, length(@prefix)) = @prefix)';

interface EventRow {
  position: bigint;
  stream_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}

/**
 * Every SQL statement of the store, prepared once. Integers are read with safeIntegers, so
 * positions and revisions arrive as bigint and never lose precision; bounds are clamped to
 * SQLite's int64 range because binding a larger bigint throws.
 */
export class EventQueries {
  private readonly statements;

  constructor(db: Database.Database) {
    const prepare = (sql: string) => db.prepare(sql).safeIntegers(true);
    this.statements = {
      findEvent: prepare('SELECT stream_id AS streamId, revision, position FROM events WHERE event_id = ?'),
      readEvent: prepare(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`),
      streamTail: prepare(
        'SELECT stream_id AS streamId, revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      head: prepare('SELECT max(position) AS head FROM events'),
      insert: prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      streamForwards: prepare(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = @streamId AND revision >= @from ORDER BY revision LIMIT @limit`,
      ),
      streamBackwards: prepare(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = @streamId AND revision <= @from
         ORDER BY revision DESC LIMIT @limit`,
      ),
      allForwards: prepare(
        `SELECT ${COLUMNS} FROM events WHERE position > @after AND ${PREFIX_FILTER} ORDER BY position LIMIT @limit`,
      ),
      allBackwards: prepare(
        `SELECT ${COLUMNS} FROM events WHERE position < @after AND ${PREFIX_FILTER}
         ORDER BY position DESC LIMIT @limit`,
      ),
    };
  }

  findEvent(eventId: string): StoredEventRef | undefined {
    return this.statements.findEvent.get(eventId) as StoredEventRef | undefined;
  }

  /** The whole event with this id (UNIQUE(event_id) index), or null. */
  readEvent(eventId: string): RecordedEvent | null {
    const row = this.statements.readEvent.get(eventId);
    return row === undefined ? null : (this.rows([row])[0] ?? null);
  }
  streamTail(streamId: string): StoredEventRef | undefined {
    return this.statements.streamTail.get(streamId) as StoredEventRef | undefined;
  }

  headPosition(): bigint {
    const row = this.statements.head.get() as { head: bigint | null };
    return row.head ?? 0n;
  }

  /** Inserts one event and returns its position. */
  insert(streamId: string, revision: bigint, event: EncodedEvent, recordedAt: string): bigint {
    const { eventId, type, data, metadata } = event;
    const info = this.statements.insert.run(streamId, revision, eventId, type, data, metadata, recordedAt);
    return BigInt(info.lastInsertRowid);
  }

  readStream(streamId: string, options: ReadStreamOptions): RecordedEvent[] {
    checkMaxCount(options.maxCount);
    const backwards = options.direction === 'backwards';
    const statement = backwards ? this.statements.streamBackwards : this.statements.streamForwards;
    const from = clamp(options.fromRevision ?? (backwards ? INT64_MAX : INT64_MIN));
    return this.rows(statement.all({ streamId, from, limit: options.maxCount ?? -1 }));
  }

  readAll(options: ReadAllOptions): RecordedEvent[] {
    checkMaxCount(options.maxCount);
    const backwards = options.direction === 'backwards';
    const statement = backwards ? this.statements.allBackwards : this.statements.allForwards;
    const after = clamp(options.after ?? (backwards ? INT64_MAX : INT64_MIN));
    const prefix = options.streamPrefix ?? null;
    return this.rows(statement.all({ after, prefix, limit: options.maxCount ?? -1 }));
  }

  private rows(rows: unknown[]): RecordedEvent[] {
    return (rows as EventRow[]).map((row) => ({
      streamId: row.stream_id,
      revision: row.revision,
      position: row.position,
      eventId: row.event_id,
      type: row.type,
      data: JSON.parse(row.data) as unknown,
      metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    }));
  }
}

function clamp(value: bigint): bigint {
  return value > INT64_MAX ? INT64_MAX : value < INT64_MIN ? INT64_MIN : value;
}
