import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';

/**
 * Ties a read-model file to the event store it was built from. Projection checkpoints are
 * positions of one store: SQLite counts 1, 2, 3…, EventStoreDB gives log offsets. A replica that
 * switches stores (after `npm run migrate`) must not resume the new store from the old store's
 * checkpoint, or it would skip or misplace events. When the recorded source differs, the file is
 * deleted, so the projections rebuild from the new store's first event by themselves (read models
 * are derived data: nothing is lost). A file from before this marker existed, with checkpoints,
 * was built from SQLite, the only store there was.
 *
 * Returns what it did, for the start-up log. Call it before opening the read-model database.
 */
export function ensureReadModelSource(path: string, source: string): 'new' | 'same' | 'rebuilt' {
  if (!existsSync(path)) {
    record(path, source);
    return 'new';
  }
  const recorded = recordedSource(path);
  if (recorded === source) return 'same';
  if (recorded === null) {
    record(path, source);
    return 'new';
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  record(path, source);
  return 'rebuilt';
}

/** The store a read-model file follows, or null for a file that never had a checkpoint. */
export function recordedSource(path: string): string | null {
  const db = new Database(path);
  try {
    const table = (name: string) =>
      db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
    if (table('read_model_source')) {
      const row = db.prepare('SELECT source FROM read_model_source WHERE id = 1').get() as { source: string } | undefined;
      if (row !== undefined) return row.source;
    }
    const checkpoints = table('projection_checkpoints')
      ? (db.prepare('SELECT COUNT(*) AS n FROM projection_checkpoints').get() as { n: number }).n
      : 0;
    return checkpoints > 0 ? 'sqlite' : null;
  } finally {
    db.close();
  }
}

function record(path: string, source: string): void {
  const db = new Database(path);
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS read_model_source (
      id INTEGER PRIMARY KEY CHECK (id = 1), source TEXT NOT NULL, recorded_at TEXT NOT NULL)`);
    db.prepare(
      `INSERT INTO read_model_source (id, source, recorded_at) VALUES (1, ?, ?)
       ON CONFLICT(id) DO UPDATE SET source = excluded.source, recorded_at = excluded.recorded_at`,
    ).run(source, new Date().toISOString());
  } finally {
    db.close();
  }
}
