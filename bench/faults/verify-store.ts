import Database from 'better-sqlite3';

export interface StoreVerdict {
  lost: string[];
  duplicated: string[];
  /** Streams whose revisions are not exactly 0..n-1. */
  gaps: string[];
}

/**
 * Reads the SQLite event store file directly (not through the code under test): every
 * acknowledged command's events must be there exactly `expected` times (by metadata.commandId),
 * and every stream's revisions must be contiguous from 0.
 */
export function verifyStore(path: string, acknowledged: ReadonlyMap<string, number>): StoreVerdict {
  const db = new Database(path, { readonly: true });
  try {
    const counts = new Map<string, number>();
    for (const row of db.prepare(`SELECT json_extract(metadata, '$.commandId') AS id, COUNT(*) AS n FROM events GROUP BY id`).iterate() as Iterable<{ id: string; n: number }>) {
      counts.set(row.id, row.n);
    }
    const lost: string[] = [];
    const duplicated: string[] = [];
    for (const [commandId, expected] of acknowledged) {
      const n = counts.get(commandId) ?? 0;
      if (n === 0) lost.push(commandId);
      else if (n > expected) duplicated.push(commandId);
    }
    const gaps = (db.prepare(`SELECT stream_id AS s, COUNT(*) AS n, MIN(revision) AS lo, MAX(revision) AS hi FROM events GROUP BY stream_id`).all() as Array<{ s: string; n: number; lo: number; hi: number }>)
      .filter((r) => r.lo !== 0 || r.hi !== r.n - 1)
      .map((r) => r.s);
    return { lost, duplicated, gaps };
  } finally {
    db.close();
  }
}

/** Events recorded for each of these commandIds, and the revisions of one stream. */
export function eventsOf(path: string, streamId: string): Array<{ revision: number; commandId: string }> {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(`SELECT revision, json_extract(metadata, '$.commandId') AS commandId FROM events WHERE stream_id = ? ORDER BY revision`)
      .all(streamId) as Array<{ revision: number; commandId: string }>;
  } finally {
    db.close();
  }
}
