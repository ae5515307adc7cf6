import { Client } from 'pg';
import { eventStoreContract } from '../contract';
import { newEvents } from '../contract/contract-fixtures';
import { describeWithPostgres, TestPostgresCluster } from './postgres-cluster.fixtures';
import { connectPostgres } from './postgres-connection';
import type { PostgresEventStore } from './postgres-event-store';
import { ensureSchema, SCHEMA_VERSION } from './postgres-schema';

describeWithPostgres('PostgresEventStore on a real server', () => {
  let cluster: TestPostgresCluster;
  let admin: Client;
  let schemas = 0;
  beforeAll(async () => {
    cluster = await TestPostgresCluster.start();
    admin = new Client({ connectionString: cluster.url() });
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await cluster?.dispose();
  });

  /** A fresh store in its own schema of the one database: as isolated as a new database, faster. */
  async function freshStore(options: { pollIntervalMs?: number } = {}): Promise<{ store: PostgresEventStore; schema: string }> {
    const schema = `test_${++schemas}`;
    const store = await connectPostgres({ connectionString: cluster.url(), schema, pollIntervalMs: options.pollIntervalMs ?? 60_000 });
    return { store, schema };
  }

  // No polling to lean on: the contract's subscriptions must be woken by notifications.
  eventStoreContract('PostgresEventStore', async () => {
    const { store, schema } = await freshStore();
    return {
      store,
      cleanup: async () => {
        await store.close();
        await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      },
    };
  }, { findEvent: true });

  describe('schema', () => {
    it('is created once by concurrent starters, recorded in a version table, and is idempotent', async () => {
      const schema = `test_${++schemas}`;
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => connectPostgres({ connectionString: cluster.url(), schema })),
      );
      expect(await ensureSchema(stores[0]!.pool, schema)).toEqual([]);
      const { rows } = await admin.query(`SELECT version FROM "${schema}".schema_version`);
      expect(rows).toEqual([{ version: SCHEMA_VERSION }]);
      await Promise.all(stores.map((store) => store.close()));
    });

    it('refuses a schema newer than the code, and starts nothing', async () => {
      const { store, schema } = await freshStore();
      await store.close();
      await admin.query(`INSERT INTO "${schema}".schema_version (version) VALUES (${SCHEMA_VERSION + 1})`);
      await expect(connectPostgres({ connectionString: cluster.url(), schema })).rejects.toThrow(/version 2; this code knows up to 1/);
    });

    it('enforces UNIQUE(stream_id, revision) and UNIQUE(event_id) in the table itself', async () => {
      const { store, schema } = await freshStore();
      const insert = (position: number, stream: string, revision: number, id: string) =>
        admin.query(
          `INSERT INTO "${schema}".events (position, stream_id, revision, event_id, type, data, metadata, transaction_id)
           VALUES ($1, $2, $3, $4, 'T', '{}', '{}', pg_current_xact_id())`,
          [position, stream, revision, id],
        );
      await insert(1, 's', 0, 'e-1');
      await expect(insert(2, 's', 0, 'e-2')).rejects.toMatchObject({ code: '23505', constraint: 'events_stream_revision' });
      await expect(insert(3, 't', 0, 'e-1')).rejects.toMatchObject({ code: '23505', constraint: 'events_event_id' });
      await store.close();
    });
  });

  describe('durability', () => {
    it('keeps data and metadata text byte for byte (json, not jsonb), as a hash chain needs', async () => {
      const { store, schema } = await freshStore();
      await store.appendToStream('order-1', [{ eventId: 'e-1', type: 'T', data: { z: 1, a: 1e21 }, metadata: { b: 2, a: 1 } }]);
      const { rows } = await admin.query(`SELECT data::text AS data, metadata::text AS metadata FROM "${schema}".events`);
      expect(rows).toEqual([{ data: '{"z":1,"a":1e+21}', metadata: '{"b":2,"a":1}' }]);
      await store.close();
    });

    it('keeps acknowledged events across a crash of the server (pg_ctl stop -m immediate)', async () => {
      const own = await TestPostgresCluster.start();
      try {
        const store = await connectPostgres({ connectionString: own.url() });
        const result = await store.appendToStream('order-1', newEvents(3), { expectedRevision: 'no_stream' });
        own.crash();
        own.startServer();
        const reopened = await connectPostgres({ connectionString: own.url() });
        expect((await reopened.readStream('order-1')).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        expect(await reopened.headPosition()).toBe(result.position);
        await Promise.all([store.close(), reopened.close()]);
      } finally {
        await own.dispose();
      }
    }, 60_000);
  });
});
