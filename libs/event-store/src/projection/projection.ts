import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '../event-store.port';

/**
 * A read model fed by the runner. `apply` runs inside the runner's SQLite transaction together
 * with the checkpoint update, so its rows and its checkpoint commit or roll back as one.
 * Hazard: `apply` must be synchronous and must not open its own transaction or touch any other
 * resource; anything to announce (e.g. a status change) is returned as an effect and published
 * by the runner only after the commit.
 */
export interface Projection<Effect = unknown> {
  readonly name: string;
  /** Creates the projection's tables if they are missing. */
  setup(db: Database): void;
  /** Deletes every row of the projection, for a rebuild from position zero. */
  reset(db: Database): void;
  /**
   * Applies events in position order. Must be idempotent per event: an event it has already
   * applied (by stream revision) changes nothing.
   */
  apply(db: Database, events: RecordedEvent[]): Effect[];
}

export const CHECKPOINTS_DDL = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  updated_at TEXT NOT NULL
)`;

export function readCheckpoint(db: Database, name: string): bigint {
  const row = db
    .prepare('SELECT position FROM projection_checkpoints WHERE name = ?')
    .safeIntegers(true)
    .get(name) as { position: bigint } | undefined;
  return row?.position ?? 0n;
}

/**
 * Compare-and-set: moves the checkpoint from `from` to `to` or throws, so two runners on one
 * read-model file can never both apply the same events.
 */
export function advanceCheckpoint(db: Database, name: string, from: bigint, to: bigint): void {
  const now = new Date().toISOString();
  const changed =
    from === 0n
      ? db
          .prepare(
            `INSERT INTO projection_checkpoints (name, position, updated_at) VALUES (?, ?, ?)
             ON CONFLICT(name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
             WHERE projection_checkpoints.position = 0`,
          )
          .run(name, to, now).changes
      : db
          .prepare('UPDATE projection_checkpoints SET position = ?, updated_at = ? WHERE name = ? AND position = ?')
          .run(to, now, name, from).changes;
  if (changed !== 1) {
    throw new Error(`Checkpoint of projection ${name} moved under us (expected ${from})`);
  }
}
