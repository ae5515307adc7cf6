import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { describeWithPostgres, TestPostgresCluster } from '../libs/event-store/src/postgres/postgres-cluster.fixtures';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import type { RecordedEvent } from '../libs/event-store/src/event-store.port';
import { connectPostgres } from '../libs/event-store/src/postgres/postgres-connection';
import type { ApiServer } from './support/api-server';
import { LEDGER_CHECKPOINT_STREAM } from '../libs/oversight/src/ledger/checkpoint';
import { StreamChains } from '../libs/oversight/src/ledger/stream-chain';
import { Caller, runCli, waitForCheckpoints } from './support/audit-helpers';
import { exceptionInput, mutate, onlyError, orgInput, reportInput, sleep, startApi, uid } from './support/e2e-fixtures';

/** What migration must keep of each event: everything but the position (a property of each store). */
const essence = (events: readonly RecordedEvent[]) =>
  events.map(({ streamId, revision, eventId, type, data, metadata }) => ({ streamId, revision, eventId, type, data, metadata }));

/**
 * The API on a real PostgreSQL server: `npm run migrate -- --to postgres` from an embedded store,
 * the API serving the copy (read models rebuilt locally, hash chain intact), and an outage of the
 * server itself (pg_ctl stop -m immediate) with commands failing fast and nothing lost.
 */
describeWithPostgres('The API on PostgreSQL (EVENT_STORE=postgres)', () => {
  let cluster: TestPostgresCluster;
  const dirs: string[] = [];
  const servers: ApiServer[] = [];
  let api: ApiServer;
  let signingKey = '';
  const env = () => ({
    EVENT_STORE: 'postgres',
    DATABASE_URL: cluster.url(),
    POSTGRES_SCHEMA: 'ledger',
    LEDGER_CHECKPOINT_EVERY: '3',
    LEDGER_SIGNING_KEY_FILE: signingKey,
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-pg-e2e-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    cluster = await TestPostgresCluster.start();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await cluster?.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('migrates an embedded store (ids, order, metadata, hash chain), resumably, and serves it', async () => {
    const embeddedDir = tempDir();
    const embedded = await startApi({ dataDir: embeddedDir, env: { LEDGER_CHECKPOINT_EVERY: '3' } });
    const admin = Caller.of(embedded);
    const A = uid();
    await admin.record('registerOrganization', orgInput({ id: A }));
    await admin.record('recordReportReceived', reportInput(A));
    for (let i = 0; i < 4; i++) await admin.record('recordException', exceptionInput(A));
    await waitForCheckpoints(admin, 2);
    await embedded.stop();

    const cli = { DATA_DIR: embeddedDir, DATABASE_URL: cluster.url(), POSTGRES_SCHEMA: 'ledger' };
    const first = await runCli('migrate.js', ['--to', 'postgres'], cli);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stderr).toMatch(/\[#+\] \d+\/\d+ events 100%/); // the progress bar
    const source = new SqliteEventStore(join(embeddedDir, 'events.db'));
    const target = await connectPostgres({ connectionString: cluster.url(), schema: 'ledger' });
    const sourceEvents = await source.readAll();
    expect(essence(await target.readAll())).toEqual(essence(sourceEvents));

    // An interrupted run leaves a prefix: drop the last three events, and a rerun copies just those.
    const admin2 = new Client({ connectionString: cluster.url() });
    await admin2.connect();
    await admin2.query('DELETE FROM ledger.events WHERE position IN (SELECT position FROM ledger.events ORDER BY position DESC LIMIT 3)');
    await admin2.end();
    const resumed = await runCli('migrate.js', ['--to', 'postgres'], cli);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`(3 copied, ${sourceEvents.length - 3} already there`);
    const copied = await target.readAll();
    expect(essence(copied)).toEqual(essence(sourceEvents));
    // Every stream's hash chain verifies in the copy, read in PostgreSQL's own global order.
    const chains = new StreamChains();
    expect(copied.map((event) => chains.check(event)).filter((broken) => broken !== null)).toEqual([]);
    expect(copied.filter((event) => event.streamId === LEDGER_CHECKPOINT_STREAM)).toHaveLength(2);
    await Promise.all([source.close(), target.close()]);

    // A replica with an empty data directory rebuilds its read models from PostgreSQL.
    // Every replica signs ledger checkpoints with the one key: the embedded store's, carried over.
    // (verifyLedger is not asserted here: checkpoints record the source store's positions; see the report.)
    signingKey = join(embeddedDir, 'ledger-signing-key.pem');
    api = await startApi({ dataDir: tempDir(), env: env() });
    servers.push(api);
    const health = await api.health();
    expect(health.store).toMatchObject({ kind: 'postgres', reachable: true, positionUnit: 'transaction-order' });
    const caller = Caller.of(api);
    const org = await caller.ok(`query($id: ID!) { organization(id: $id) { id revision } }`, { id: A });
    expect(org.organization).toEqual({ id: A, revision: '5' });
  }, 120_000);

  it('fails commands fast with SERVICE_UNAVAILABLE while the server is down, then resumes with nothing lost', async () => {
    const before = orgInput();
    expect((await mutate(api, 'registerOrganization', before, 'organizationId')).errors).toBeUndefined();
    cluster.crash();
    const down = onlyError(await mutate(api, 'registerOrganization', orgInput(), 'organizationId'));
    expect(down.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    const health = await fetch(`http://127.0.0.1:${api.port}/health`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { store: unknown }).store).toMatchObject({ kind: 'postgres', reachable: false });

    cluster.startServer();
    for (const deadline = Date.now() + 30_000; (await fetch(`http://127.0.0.1:${api.port}/health`)).status !== 200; ) {
      if (Date.now() > deadline) throw new Error('the health check never saw the store again');
      await sleep(50);
    }
    const after = orgInput();
    const r = await mutate(api, 'registerOrganization', after, 'organizationId');
    expect(r.errors).toBeUndefined();
    // Projections resume: both organizations are served, the one acknowledged before the crash too.
    // (A command answers once this replica's read models include it: no wait needed here.)
    const query = `query($a: ID!, $b: ID!) { a: organization(id: $a) { id } b: organization(id: $b) { id } }`;
    const both = await Caller.of(api).ok(query, { a: after.id, b: before.id });
    expect(both).toEqual({ a: { id: after.id }, b: { id: before.id } });
  }, 90_000);
});
