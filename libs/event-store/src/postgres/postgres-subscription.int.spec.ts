import { Client } from 'pg';
import { eventually, newEvents, take, within } from '../contract/contract-fixtures';
import { describeWithPostgres, TestPostgresCluster } from './postgres-cluster.fixtures';
import { connectPostgres } from './postgres-connection';
import type { PostgresEventStore } from './postgres-event-store';

const ids = (events: ReadonlyArray<{ eventId: string }>) => events.map((event) => event.eventId);

describeWithPostgres('PostgreSQL live subscriptions across dropped connections', () => {
  let cluster: TestPostgresCluster;
  let schemas = 0;
  const opened: PostgresEventStore[] = [];
  beforeAll(async () => {
    cluster = await TestPostgresCluster.start();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await cluster?.dispose();
  });

  /** A reader and a writer as two processes would hold them; the reader never polls. */
  async function readerAndWriter() {
    const schema = `sub_${++schemas}`;
    const errors: unknown[] = [];
    const open = (pollIntervalMs: number) =>
      connectPostgres({ connectionString: cluster.url(), schema, pollIntervalMs, onConnectionError: (e) => errors.push(e) });
    const [reader, writer] = await Promise.all([open(60_000), open(60_000)]);
    opened.push(reader, writer);
    return { reader, writer, errors };
  }

  async function eventuallyAsync(condition: () => Promise<boolean>, what: string): Promise<void> {
    for (const deadline = Date.now() + 10_000; !(await condition()); ) {
      if (Date.now() > deadline) throw new Error(`Timed out: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function listenerCount(): Promise<number> {
    const admin = new Client({ connectionString: cluster.url() });
    await admin.connect();
    try {
      const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN %'`);
      return (rows[0] as { n: number }).n;
    } finally {
      await admin.end();
    }
  }

  it('is woken by NOTIFY from another store instance, with no polling', async () => {
    const { reader, writer } = await readerAndWriter();
    const subscription = reader.subscribeToAll();
    const first = newEvents(2);
    await writer.appendToStream('order-1', first);
    expect(ids(await take(subscription, 2, { timeoutMs: 10_000 }))).toEqual(ids(first));
    await eventuallyAsync(async () => (await listenerCount()) >= 1, 'the reader to LISTEN');
    const second = newEvents(1);
    await writer.appendToStream('order-2', second);
    expect(ids(await take(subscription, 1, { timeoutMs: 10_000 }))).toEqual(ids(second));
    await subscription.close();
  });

  it('survives pg_terminate_backend of every connection and resumes from its position', async () => {
    const { reader, writer, errors } = await readerAndWriter();
    const subscription = reader.subscribeToAll();
    const before = newEvents(3);
    await writer.appendToStream('order-1', before);
    expect(ids(await take(subscription, 3, { timeoutMs: 10_000 }))).toEqual(ids(before));
    const admin = new Client({ connectionString: cluster.url() });
    await admin.connect();
    const { rows } = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'oversight-ledger' AND pid <> pg_backend_pid()`,
    );
    await admin.end();
    expect(rows.length).toBeGreaterThanOrEqual(2); // at least the reader's listener and a pooled connection
    await eventually(() => errors.length > 0, 10_000, 'the reader to notice the dropped connection');
    // The writer's pooled connections are dead too: the append retries once on a fresh one.
    const after = newEvents(2);
    await writer.appendToStream('order-2', after);
    // Woken by the re-established LISTEN (or its catch-up on reconnect), never by a poll.
    expect(ids(await take(subscription, 2, { timeoutMs: 15_000 }))).toEqual(ids(after));
    const again = newEvents(1);
    await writer.appendToStream('order-1', again);
    expect(ids(await take(subscription, 1, { timeoutMs: 10_000 }))).toEqual(ids(again));
    expect(await listenerCount()).toBeGreaterThanOrEqual(1);
    expect((await reader.readAll()).map((event) => event.eventId)).toEqual(ids([...before, ...after, ...again]));
    await subscription.close();
  }, 30_000);

  it('close() ends a subscription whose read is retrying while the server is down', async () => {
    const own = await TestPostgresCluster.start();
    const errors: unknown[] = [];
    const store = await connectPostgres({ connectionString: own.url(), pollIntervalMs: 50, onConnectionError: (e) => errors.push(e) });
    try {
      const subscription = store.subscribeToAll();
      const loop = (async () => {
        for await (const _ of subscription) void _;
      })();
      own.crash(); // the next poll fails and retries until the server is back, or the subscription closes
      await eventually(() => errors.length >= 2, 10_000, 'the subscription to be retrying its read');
      await subscription.close();
      await within(loop, 5000, 'the loop to end after close() while the server is down');
    } finally {
      await store.close();
      await own.dispose();
    }
  }, 30_000);

  it('survives a crash and restart of the server, then delivers what was written after it', async () => {
    const { reader, writer } = await readerAndWriter();
    const subscription = reader.subscribeToAll();
    const before = newEvents(2);
    await writer.appendToStream('order-1', before);
    expect(ids(await take(subscription, 2, { timeoutMs: 10_000 }))).toEqual(ids(before));
    cluster.crash();
    await expect(writer.appendToStream('order-1', newEvents(1))).rejects.toThrow(/PostgreSQL is unavailable/);
    cluster.startServer();
    const after = newEvents(2);
    await writer.appendToStream('order-1', after, { expectedRevision: 1n });
    expect(ids(await take(subscription, 2, { timeoutMs: 20_000 }))).toEqual(ids(after));
    await subscription.close();
  }, 60_000);
});
