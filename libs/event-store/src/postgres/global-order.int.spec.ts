import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { take } from '../contract/contract-fixtures';
import type { RecordedEvent } from '../event-store.port';
import { describeWithPostgres, TestPostgresCluster } from './postgres-cluster.fixtures';
import { connectPostgres } from './postgres-connection';
import type { PostgresEventStore } from './postgres-event-store';

/** Runs the append worker as a separate process; resolves with the ids it saw acknowledged. */
function runWorker(env: Record<string, string>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', join(__dirname, 'transpile-register.fixtures.cjs'), join(__dirname, 'append-worker.fixtures.ts')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const lines = out.trim().split('\n');
      if (code !== 0 || lines.at(-1) !== 'done') return reject(new Error(`worker ${env['WORKER_ID']} exited ${code}: ${err}`));
      resolve(lines.slice(0, -1).flatMap((line) => (JSON.parse(line) as { ids: string[] }).ids));
    });
  });
}

const ids = (events: readonly RecordedEvent[]) => events.map((event) => event.eventId);

describeWithPostgres('PostgreSQL global order under concurrent appends from several processes', () => {
  let cluster: TestPostgresCluster;
  const stores: PostgresEventStore[] = [];
  beforeAll(async () => {
    cluster = await TestPostgresCluster.start();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await cluster?.dispose();
  });

  it('every subscriber sees every acknowledged event exactly once, all in one shared order', async () => {
    const open = async (pollIntervalMs: number) => {
      const store = await connectPostgres({ connectionString: cluster.url(), schema: 'order_test', pollIntervalMs });
      stores.push(store);
      return store;
    };
    // Live subscribers in this process (woken by LISTEN, and polling often to read mid-commit).
    const live = await Promise.all([open(5), open(20), open(60_000)]);
    const subscriptions = live.map((store) => store.subscribeToAll());
    const workers = ['1', '2', '3', '4'].map((worker) =>
      runWorker({ DATABASE_URL: cluster.url(), PG_SCHEMA: 'order_test', WORKER_ID: worker, ROUNDS: '25', CONCURRENCY: '8' }),
    );
    // The worker's append sizes: 1 + (round + slot) % 3 events.
    let total = 0;
    for (let round = 0; round < 25; round++) for (let slot = 0; slot < 8; slot++) total += 4 * (1 + ((round + slot) % 3));
    // Subscribers read while the workers write, each taking events as they come.
    const receiving = Promise.all(subscriptions.map((subscription) => take(subscription, total, { timeoutMs: 60_000 })));
    const acknowledged = (await Promise.all(workers)).flat();
    expect(acknowledged).toHaveLength(total);
    const received = await receiving;
    const stored = await live[0]!.readAll();
    const late = await take((await open(60_000)).subscribeToAll(), total, { timeoutMs: 30_000 });

    expect(new Set(acknowledged).size).toBe(total);
    expect([...ids(stored)].sort()).toEqual([...acknowledged].sort());
    for (const events of [...received, late]) {
      expect(ids(events)).toEqual(ids(stored)); // exactly once each, in the one order
    }
    // Within each stream, the shared order is revision order.
    for (const stream of ['shared-0', 'shared-1', 'shared-2', 'shared-3']) {
      const revisions = stored.filter((event) => event.streamId === stream).map((event) => event.revision);
      expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)));
    }
    await Promise.all(subscriptions.map((subscription) => subscription.close()));
  }, 90_000);
});
