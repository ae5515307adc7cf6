import type { Database, Statement } from 'better-sqlite3';
import type { OrganizationState } from '../domain/organization.state';
import type { AsOfSnapshot, AsOfSnapshotKey } from './snapshot.types';

export const SNAPSHOT_TABLE = 'organization_snapshots';

/**
 * As-of snapshots live in the READ-MODEL database: derived data, rebuilt with it. `state` is the
 * business-order fold of the snapshot's members (see snapshot.types.ts), `event_ids` their ids in
 * that order (an as-of answer lists its basis).
 */
export const SNAPSHOT_DDL = `
CREATE TABLE IF NOT EXISTS ${SNAPSHOT_TABLE} (
  tenant_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  cut_at TEXT NOT NULL,
  held_from INTEGER NOT NULL,
  member_revision_max INTEGER,
  max_effective_at TEXT NOT NULL,
  max_recorded_at TEXT NOT NULL,
  state TEXT NOT NULL,
  event_ids TEXT NOT NULL,
  PRIMARY KEY (tenant_id, organization_id, revision)
);`;

/** Parsed snapshots kept per table object (a few large organizations' latest ones). */
const PARSED_ENTRIES = 32;

interface KeyRow {
  revision: bigint;
  max_effective_at: string;
  max_recorded_at: string;
}

/** Reads and writes `organization_snapshots`; creates the table if it is missing. */
export class AsOfSnapshotTable {
  private readonly parsed = new Map<string, AsOfSnapshot>();
  private readonly sql: { keys: Statement; load: Statement; save: Statement; clear: Statement };

  constructor(db: Database) {
    db.exec(SNAPSHOT_DDL);
    this.sql = {
      keys: db
        .prepare(
          `SELECT revision, max_effective_at, max_recorded_at FROM ${SNAPSHOT_TABLE}
           WHERE tenant_id = ? AND organization_id = ? ORDER BY revision DESC`,
        )
        .safeIntegers(true),
      load: db
        .prepare(
          `SELECT revision, cut_at, held_from, member_revision_max, max_effective_at, max_recorded_at, state, event_ids FROM ${SNAPSHOT_TABLE}
           WHERE tenant_id = ? AND organization_id = ? AND revision = ?`,
        )
        .safeIntegers(true),
      save: db.prepare(
        `INSERT OR REPLACE INTO ${SNAPSHOT_TABLE}
         (tenant_id, organization_id, revision, cut_at, held_from, member_revision_max, max_effective_at, max_recorded_at, state, event_ids)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      clear: db.prepare(`DELETE FROM ${SNAPSHOT_TABLE}`),
    };
  }

  /** Every snapshot of an organization without its state, latest first. */
  keys(tenantId: string, organizationId: string): AsOfSnapshotKey[] {
    return (this.sql.keys.all(tenantId, organizationId) as KeyRow[]).map((r) => ({
      revision: r.revision,
      maxEffectiveAt: r.max_effective_at,
      maxRecordedAt: r.max_recorded_at,
    }));
  }

  /**
   * A snapshot, parsed once: one at a revision never changes (a rebuild writes the same), and
   * parsing a large organization's state is most of a seeded replay's cost. Callers must not
   * mutate it (folds copy).
   */
  load(tenantId: string, organizationId: string, revision: bigint): AsOfSnapshot | null {
    const key = `${tenantId}\u0000${organizationId}\u0000${revision}`;
    const hit = this.parsed.get(key);
    if (hit) return hit;
    const loaded = this.read(tenantId, organizationId, revision);
    if (loaded) {
      this.parsed.set(key, loaded);
      if (this.parsed.size > PARSED_ENTRIES) this.parsed.delete(this.parsed.keys().next().value as string);
    }
    return loaded;
  }

  private read(tenantId: string, organizationId: string, revision: bigint): AsOfSnapshot | null {
    const row = this.sql.load.get(tenantId, organizationId, revision) as
      | (KeyRow & { cut_at: string; held_from: bigint; member_revision_max: bigint | null; state: string; event_ids: string })
      | undefined;
    if (!row) return null;
    return {
      revision: row.revision,
      cutAt: row.cut_at,
      heldFrom: row.held_from,
      memberRevisionMax: row.member_revision_max,
      maxEffectiveAt: row.max_effective_at,
      maxRecordedAt: row.max_recorded_at,
      state: JSON.parse(row.state) as OrganizationState,
      eventIds: JSON.parse(row.event_ids) as string[],
    };
  }

  save(tenantId: string, organizationId: string, s: AsOfSnapshot): void {
    this.sql.save.run(
      tenantId, organizationId, s.revision, s.cutAt, s.heldFrom, s.memberRevisionMax,
      s.maxEffectiveAt, s.maxRecordedAt, JSON.stringify(s.state), JSON.stringify(s.eventIds),
    );
  }

  /** For a rebuild from zero. */
  clear(): void {
    this.sql.clear.run();
    this.parsed.clear();
  }
}
