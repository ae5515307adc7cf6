import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { describeWithPostgres, TestPostgresCluster } from '../libs/event-store/src/postgres/postgres-cluster.fixtures';
import { pdfBytes } from '../libs/documents/src/inspect/evidence.fixtures';
import type { ApiServer } from './support/api-server';
import { download, sha256, storedFiles, upload } from './support/documents-client';
import { startApi } from './support/e2e-fixtures';

/**
 * With EVENT_STORE=postgres the evidence documents live in the same database as the events, so
 * that any replica serves what another one received; nothing goes to a replica's DATA_DIR.
 */
describeWithPostgres('Evidence documents on two API replicas sharing PostgreSQL', () => {
  let cluster: TestPostgresCluster;
  let a: ApiServer;
  let b: ApiServer;
  const shared = mkdtempSync(join(tmpdir(), 'oversight-docs-replicas-'));
  const env = () => ({
    EVENT_STORE: 'postgres',
    DATABASE_URL: cluster.url(),
    POSTGRES_SCHEMA: 'ledger',
    LEDGER_SIGNING_KEY_FILE: join(shared, 'ledger-signing-key.pem'),
  });

  beforeAll(async () => {
    cluster = await TestPostgresCluster.start();
    [a, b] = await Promise.all([startApi({ clockStart: undefined, env: env() }), startApi({ clockStart: undefined, env: env() })]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    a?.removeData();
    b?.removeData();
    await cluster?.dispose();
    rmSync(shared, { recursive: true, force: true });
  });

  it('a document uploaded on A downloads, byte for byte, from B; stored once, in the database', async () => {
    const pdf = await pdfBytes(2);
    const up = await upload(a, pdf, 'bridge letter.pdf');
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({ documentId: sha256(pdf), size: pdf.length, mediaType: 'application/pdf', pages: 2 });
    const again = await upload(b, pdf, 'other name.pdf');
    expect(again.json).toEqual(up.json);

    const down = await download(b, up.json.documentId);
    expect(down.status).toBe(200);
    expect(down.bytes.equals(pdf)).toBe(true);

    const admin = new Client({ connectionString: cluster.url() });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT tenant_id, document_id, filename FROM ledger.documents');
      expect(rows).toEqual([{ tenant_id: 'default', document_id: sha256(pdf), filename: 'bridge letter.pdf' }]);
    } finally {
      await admin.end();
    }
    expect([...storedFiles(a), ...storedFiles(b)]).toEqual([]);
  }, 60_000);
});
