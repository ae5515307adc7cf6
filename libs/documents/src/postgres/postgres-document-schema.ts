import type { Pool } from 'pg';
import { quoteIdentifier } from '../../../event-store/src/postgres/postgres-schema';

/**
 * The document table, versioned like the event store's schema but on its own version table, so
 * that the event store (and its migration tool) stays free of documents. Each migration runs once,
 * in one transaction with its version row, under an advisory lock: replicas booting together take
 * turns and the later ones find the work done.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: (schema: string) => string }> = [
  {
    version: 1,
    sql: (s) => `
      CREATE TABLE ${s}.documents (
        tenant_id text NOT NULL,
        document_id text NOT NULL CHECK (document_id ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size > 0),
        media_type text NOT NULL,
        filename text NOT NULL,
        pages integer,
        stored_at timestamptz NOT NULL,
        content bytea NOT NULL CHECK (octet_length(content) = size),
        PRIMARY KEY (tenant_id, document_id)
      );
      -- Evidence is mostly PDF/ZIP, already compressed: store it out of line without trying again.
      ALTER TABLE ${s}.documents ALTER COLUMN content SET STORAGE EXTERNAL;`,
  },
];

export const DOCUMENT_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** Lock key (class, object) of document migrations; the second int is the schema's hash. */
const MIGRATION_LOCK_CLASS = 0x0e5e_0002;

/** Creates or upgrades the document table; returns the versions applied. Idempotent. */
export async function ensureDocumentSchema(pool: Pool, schema: string): Promise<number[]> {
  const s = quoteIdentifier(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.document_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${s}.document_schema_version`);
    const current = rows[0]?.version ?? 0;
    if (current > DOCUMENT_SCHEMA_VERSION) {
      throw new Error(`The document schema ${schema} is at version ${current}; this code knows up to ${DOCUMENT_SCHEMA_VERSION}`);
    }
    const applied: number[] = [];
    for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
      await client.query(migration.sql(s));
      await client.query(`INSERT INTO ${s}.document_schema_version (version) VALUES ($1)`, [migration.version]);
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
