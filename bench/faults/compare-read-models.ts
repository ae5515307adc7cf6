import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '../../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import type { Clock } from '../../libs/oversight/src/application/clock';
import { dayOf } from '../../libs/oversight/src/domain/calendar';
import { OrganizationsProjection } from '../../libs/oversight/src/projections/organizations.projection';
import { PROJECTION_TABLES } from '../../libs/oversight/src/projections/read-model.schema';
import { SNAPSHOT_TABLE } from '../../libs/oversight/src/snapshots/as-of-snapshot-table';
import { projectReadModel } from '../harness/project-read-model';

export interface ReadModelVerdict {
  consistent: boolean;
  tables: Array<{ table: string; live: number; rebuilt: number; equal: boolean }>;
}

/**
 * The live read model against a rebuild from zero into a fresh file with the same projection
 * code, both re-assessed on the same day first (status depends on the day as well as on events),
 * compared table by table as ordered dumps of every row.
 */
export async function compareWithRebuild(
  dataDir: string,
  clock: Clock,
  openStore: () => Promise<EventStore> = async () => new SqliteEventStore(join(dataDir, 'events.db')),
): Promise<ReadModelVerdict> {
  const livePath = join(dataDir, 'read-models.db');
  const rebuiltPath = join(dataDir, `read-models.rebuilt-${process.pid}.db`);
  const store = await openStore();
  try {
    await projectReadModel(store, dataDir, { path: rebuiltPath, fast: true, clock });
  } finally {
    await store.close();
  }
  const live = new Database(livePath);
  const rebuilt = new Database(rebuiltPath);
  try {
    for (const db of [live, rebuilt]) reassessAll(db, clock);
    const tables = [...PROJECTION_TABLES, SNAPSHOT_TABLE].map((table) => {
      const a = dump(live, table);
      const b = dump(rebuilt, table);
      return { table, live: a.length, rebuilt: b.length, equal: JSON.stringify(a) === JSON.stringify(b) };
    });
    return { consistent: tables.every((t) => t.equal), tables };
  } finally {
    live.close();
    rebuilt.close();
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(rebuiltPath + suffix, { force: true });
  }
}

function reassessAll(db: Database.Database, clock: Clock): void {
  const projection = new OrganizationsProjection(clock);
  projection.setup(db);
  const keys = (db.prepare('SELECT tenant_id AS tenant, organization_id AS id FROM organization_state ORDER BY 1, 2').all() as Array<{ tenant: string; id: string }>);
  db.transaction(() => projection.reassessAll(keys, dayOf(clock.now())))();
}

function dump(db: Database.Database, table: string): unknown[] {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table);
  if (!exists) return [];
  const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
  return db.prepare(`SELECT * FROM ${table} ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`).raw().all();
}
