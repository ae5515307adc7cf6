import { Client } from 'pg';
import { describeWithPostgres, TestPostgresCluster } from '../../../event-store/src/postgres/postgres-cluster.fixtures';
import { chunksOf, documentStoreContract, readAll } from '../contract';
import { DOCUMENT_SCHEMA_VERSION, ensureDocumentSchema } from './postgres-document-schema';
import { PostgresDocumentStore } from './postgres-document-store';

describeWithPostgres('PostgresDocumentStore on a real server', () => {
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

  /** Each store in its own schema of the one database: as isolated as a new database, faster. */
  async function freshStore(): Promise<{ store: PostgresDocumentStore; schema: string }> {
    const schema = `docs_${++schemas}`;
    return { store: await PostgresDocumentStore.connect({ connectionString: cluster.url(), schema }), schema };
  }

  documentStoreContract('PostgresDocumentStore', async () => {
    const { store, schema } = await freshStore();
    return {
      store,
      cleanup: async () => {
        await store.close();
        await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      },
    };
  });

  it('creates its table once for concurrent starters, records the version, and is idempotent', async () => {
    const schema = `docs_${++schemas}`;
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresDocumentStore.connect({ connectionString: cluster.url(), schema })));
    const { rows } = await admin.query(`SELECT version FROM "${schema}".document_schema_version`);
    expect(rows).toEqual([{ version: DOCUMENT_SCHEMA_VERSION }]);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('refuses a document schema newer than the code', async () => {
    const { store, schema } = await freshStore();
    await store.close();
    await admin.query(`INSERT INTO "${schema}".document_schema_version (version) VALUES (${DOCUMENT_SCHEMA_VERSION + 1})`);
    await expect(PostgresDocumentStore.connect({ connectionString: cluster.url(), schema })).rejects.toThrow(/this code knows up to 1/);
  });

  it('answers put only once the row is committed, one row per tenant and bytes, seen by another replica', async () => {
    const { store, schema } = await freshStore();
    const other = await PostgresDocumentStore.connect({ connectionString: cluster.url(), schema });
    const bytes = Buffer.from('%PDF-1.7 evidence '.repeat(500));
    const stored = await store.put('acme', chunksOf(bytes), { filename: 'a.pdf', mediaType: 'application/pdf' });
    await store.put('acme', chunksOf(bytes), { filename: 'b.pdf' });
    // A separate session sees it: the transaction committed before put answered.
    const { rows } = await admin.query(`SELECT tenant_id, octet_length(content) AS n FROM "${schema}".documents`);
    expect(rows).toEqual([{ tenant_id: 'acme', n: bytes.length }]);
    const got = await other.get('acme', stored.documentId);
    expect(got!.document).toEqual(stored);
    expect((await readAll(got!.content)).equals(bytes)).toBe(true);
    await Promise.all([store.close(), other.close()]);
  });

  it('writes no row when a put is refused', async () => {
    const { store, schema } = await freshStore();
    await expect(store.put('acme', chunksOf(Buffer.alloc(5000, 1)), { filename: 'x' }, { maxBytes: 4000 })).rejects.toMatchObject({ code: 'DOCUMENT_TOO_LARGE' });
    expect((await admin.query(`SELECT count(*)::int AS n FROM "${schema}".documents`)).rows).toEqual([{ n: 0 }]);
    await store.close();
  });
});
