import type { Pool } from 'pg';

/**
 * The store's tables, versioned. Each migration runs once, in order, in one transaction with
 * the version row that records it; an advisory lock makes concurrent starters (several API
 * replicas booting together) take turns, so the second one finds the work done.
 *
 * Positions: `position = (xid8 of the appending transaction << 20) + ordinal`, so the global
 * order is the order of transaction ids, and readers only look below the oldest transaction
 * still running (see postgres-queries.ts). An append holds at most 2^20 - 1 events.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: (schema: string) => string }> = [
  {
    version: 1,
    sql: (s) => `
      CREATE TABLE ${s}.events (
        position bigint PRIMARY KEY,
        stream_id text NOT NULL,
        revision bigint NOT NULL CHECK (revision >= 0),
        event_id text NOT NULL,
        type text NOT NULL,
        -- json, not jsonb: the text is kept byte for byte (key order, numbers), as a hash chain needs
        data json NOT NULL,
        metadata json NOT NULL,
        transaction_id xid8 NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_revision UNIQUE (stream_id, revision),
        CONSTRAINT events_event_id UNIQUE (event_id)
      );`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** Lock key (class, object) of schema migrations; the second int is the schema's hash. */
const MIGRATION_LOCK_CLASS = 0x0e5e_0001;

/** Quotes an identifier for SQL (schema names come from configuration). */
export function quoteIdentifier(name: string): string {
  if (name === '' || name.includes('\0')) throw new Error(`Invalid PostgreSQL identifier "${name}"`);
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Creates or upgrades the store's schema to SCHEMA_VERSION; returns the versions it applied.
 * Idempotent. Refuses a schema newer than this code knows (an older replica must not write).
 */
export async function ensureSchema(pool: Pool, schema: string): Promise<number[]> {
  const s = quoteIdentifier(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${s}.schema_version`);
    const current = rows[0]?.version ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new Error(`The event store schema ${schema} is at version ${current}; this code knows up to ${SCHEMA_VERSION}`);
    }
    const applied: number[] = [];
    for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
      await client.query(migration.sql(s));
      await client.query(`INSERT INTO ${s}.schema_version (version) VALUES ($1)`, [migration.version]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
