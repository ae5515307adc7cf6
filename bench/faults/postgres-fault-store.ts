import { Pool } from 'pg';
import { TestPostgresCluster } from '../../libs/event-store/src/postgres/throwaway-cluster';
import { connectPostgres } from '../../libs/event-store/src/postgres/postgres-connection';
import type { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import type { StorePositions } from '../harness/server-process';
import type { StreamCommands } from './conflicts';
import type { StoreVerdict } from './verify-store';

const SCHEMA = 'faults';
const TABLE = `${SCHEMA}.events`;

/**
 * The fault harness's PostgreSQL: a throwaway cluster (fsync on) that the API uses as its store,
 * crashed with `pg_ctl stop -m immediate` and started again by the server-fault cycles, and read
 * directly with SQL (not through the adapter under test) by the checks.
 */
export class PostgresFaultStore {
  private constructor(
    readonly cluster: TestPostgresCluster,
    private readonly pool: Pool,
  ) {
    pool.on('error', () => undefined); // idle connections die with each crash
  }

  static async start(): Promise<PostgresFaultStore> {
    const cluster = await TestPostgresCluster.start();
    return new PostgresFaultStore(cluster, new Pool({ connectionString: cluster.url(), max: 2 }));
  }

  get serverEnv(): Record<string, string> {
    return { EVENT_STORE: 'postgres', DATABASE_URL: this.cluster.url(), POSTGRES_SCHEMA: SCHEMA };
  }

  /** An adapter on the same schema, for the read-model rebuild. */
  open(): Promise<PostgresEventStore> {
    return connectPostgres({ connectionString: this.cluster.url(), schema: SCHEMA });
  }

  readonly positions: StorePositions = {
    head: () => this.position(`SELECT max(position) AS p FROM ${TABLE}`),
    lastOrganization: () => this.position(`SELECT max(position) AS p FROM ${TABLE} WHERE starts_with(stream_id, 'organization-')`),
  };

  readonly streamCommands: StreamCommands = async (streamId) => {
    const { rows } = await this.pool.query<{ revision: string; command_id: string }>(
      `SELECT revision, metadata->>'commandId' AS command_id FROM ${TABLE} WHERE stream_id = $1 ORDER BY revision`,
      [streamId],
    );
    return rows.map((row) => ({ revision: Number(row.revision), commandId: row.command_id }));
  };

  /** As verifyStore for SQLite: every acknowledged command exactly `expected` times, no revision gap. */
  async verify(acknowledged: ReadonlyMap<string, number>): Promise<StoreVerdict> {
    const counts = new Map<string, number>();
    const byCommand = await this.pool.query<{ id: string; n: string }>(`SELECT metadata->>'commandId' AS id, count(*) AS n FROM ${TABLE} GROUP BY 1`);
    for (const row of byCommand.rows) counts.set(row.id, Number(row.n));
    const lost = [...acknowledged.keys()].filter((id) => (counts.get(id) ?? 0) === 0);
    const duplicated = [...acknowledged].filter(([id, expected]) => (counts.get(id) ?? 0) > expected).map(([id]) => id);
    const streams = await this.pool.query<{ s: string }>(
      `SELECT stream_id AS s FROM ${TABLE} GROUP BY stream_id HAVING min(revision) <> 0 OR max(revision) <> count(*) - 1`,
    );
    return { lost, duplicated, gaps: streams.rows.map((row) => row.s) };
  }

  async dispose(): Promise<void> {
    await this.pool.end().catch(() => undefined);
    await this.cluster.dispose();
  }

  private async position(sql: string): Promise<bigint> {
    try {
      const { rows } = await this.pool.query<{ p: string | null }>(sql);
      return BigInt(rows[0]?.p ?? 0);
    } catch {
      return 0n; // not created yet, or the server is down: the caller polls again
    }
  }
}
