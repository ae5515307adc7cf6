import Database from 'better-sqlite3';

/**
 * Opens the event store file and makes sure its schema exists. One file holds every event;
 * `position` is the global position (AUTOINCREMENT: never reused, so a position once seen is
 * never handed to another event), and the two UNIQUE constraints are the last line of defence
 * behind the checks of store-rules.ts.
 *
 * Settings, per connection:
 * - journal_mode=WAL: readers never block the writer nor each other, across processes too;
 * - synchronous=FULL: the WAL is fsynced at every COMMIT, so an acknowledged append survives a
 *   power cut (NORMAL would only survive a process crash);
 * - busy_timeout: another process holding the write lock makes us wait, not fail at once.
 *   better-sqlite3 waits synchronously, so keep it short enough to not freeze the event loop.
 */
export function openEventsDatabase(path: string, busyTimeoutMs: number): Database.Database {
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    db.pragma('journal_mode = WAL'); // ':memory:' stays 'memory'; fine for throwaway stores
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

// No separate `streams` table: the UNIQUE(stream_id, revision) index already finds a stream's
// last revision in O(log n), and a second table would cost a write per append and could drift.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    event_id    TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream_id, revision),
    UNIQUE (event_id)
  );
`;
