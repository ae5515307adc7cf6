import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithPostgres, TestPostgresCluster } from '../libs/event-store/src/postgres/postgres-cluster.fixtures';
import { connectPostgres } from '../libs/event-store/src/postgres/postgres-connection';
import type { PostgresEventStore } from '../libs/event-store/src/postgres/postgres-event-store';
import { organizationStream } from '../libs/oversight/src/application/event-envelope';
import type { ApiServer } from './support/api-server';
import { exceptionInput, historyCount, LiveSubscription, mutate, registerOrg, startApi } from './support/e2e-fixtures';

const EVENTS = `subscription($id: ID) { oversightEventRecorded(organizationId: $id) { eventId type organizationId commandId } }`;

/** How one command ended for its writer: acknowledged, or not known (the replica died under it). */
type Outcome = { commandId: string; organizationId: string; acknowledged: boolean };

/**
 * Records an exception, retrying with the same commandId while the answer says "retry"
 * (a conflict the server's own retries did not settle, or an unavailable store): the id makes a
 * retry record at most once. A transport error (the replica is gone) leaves the outcome unknown.
 */
async function recordOnce(api: ApiServer, organizationId: string): Promise<Outcome> {
  const commandId = randomUUID();
  for (let attempt = 0; attempt < 50; attempt++) {
    let r;
    try {
      r = await mutate(api, 'recordException', exceptionInput(organizationId, { commandId }), 'organizationId revision');
    } catch {
      return { commandId, organizationId, acknowledged: false };
    }
    if (!r.errors) return { commandId, organizationId, acknowledged: true };
    const code = r.errors[0]?.extensions?.code;
    if (code !== 'CONCURRENCY_CONFLICT' && code !== 'SERVICE_UNAVAILABLE') throw new Error(JSON.stringify(r.errors));
  }
  throw new Error(`command ${commandId} kept being refused`);
}

/**
 * Two API replicas on one PostgreSQL: what one writes, the other pushes to its subscribers;
 * concurrent writers on both never lose an update; a replica killed mid-write loses nothing
 * acknowledged, the other keeps serving, and the killed one catches up when restarted.
 */
describeWithPostgres('Two API replicas on one PostgreSQL', () => {
  let cluster: TestPostgresCluster;
  let store: PostgresEventStore;
  let a: ApiServer;
  let b: ApiServer;
  const shared = mkdtempSync(join(tmpdir(), 'oversight-replicas-'));
  const env = () => ({
    EVENT_STORE: 'postgres',
    DATABASE_URL: cluster.url(),
    POSTGRES_SCHEMA: 'ledger',
    LEDGER_SIGNING_KEY_FILE: join(shared, 'ledger-signing-key.pem'),
  });

  beforeAll(async () => {
    cluster = await TestPostgresCluster.start();
    // The real clock: a shifted test clock starts anew in each process, so two replicas would disagree.
    [a, b] = await Promise.all([startApi({ clockStart: undefined, env: env() }), startApi({ clockStart: undefined, env: env() })]);
    store = await connectPostgres({ connectionString: cluster.url(), schema: 'ledger' });
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), store?.close()]);
    a?.removeData();
    b?.removeData();
    await cluster?.dispose();
    rmSync(shared, { recursive: true, force: true });
  });

  /** The commandIds recorded in an organization's stream, from PostgreSQL itself. */
  async function storedCommands(organizationId: string): Promise<string[]> {
    const events = await store.readStream(organizationStream('default', organizationId));
    return events.map((event) => String(event.metadata['commandId']));
  }

  /** Each acknowledged command is stored exactly once; unknown ones at most once. */
  async function expectRecordedOnce(outcomes: readonly Outcome[]): Promise<void> {
    for (const organizationId of new Set(outcomes.map((o) => o.organizationId))) {
      const stored = await storedCommands(organizationId);
      expect(new Set(stored).size).toBe(stored.length);
      const mine = outcomes.filter((o) => o.organizationId === organizationId);
      const missing = mine.filter((o) => o.acknowledged && !stored.includes(o.commandId));
      expect(missing).toEqual([]);
    }
  }

  /** Waits until a replica's read model shows every stored event of the organization. */
  async function caughtUp(api: ApiServer, organizationId: string): Promise<number> {
    const expected = (await storedCommands(organizationId)).length;
    for (const deadline = Date.now() + 30_000; ; ) {
      const seen = await historyCount(api, organizationId);
      if (seen === expected) return seen;
      if (Date.now() > deadline) throw new Error(`replica shows ${seen} of ${expected} events of ${organizationId}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('a mutation on A is pushed to a subscriber on B', async () => {
    const id = await registerOrg(a);
    const subscription = new LiveSubscription(b.wsUrl, EVENTS, { id });
    try {
      await subscription.becomeLive(async () => void (await recordOnce(a, id)), 20_000);
      const marker = await recordOnce(a, id);
      for (const deadline = Date.now() + 20_000; !subscription.received.some((d: any) => d.oversightEventRecorded.commandId === marker.commandId); ) {
        if (Date.now() > deadline) throw new Error('B never pushed the event written on A');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await subscription.close();
    }
  }, 60_000);

  it('16 concurrent writers split across A and B on the same organizations never lose an update', async () => {
    const orgs = await Promise.all([registerOrg(a), registerOrg(b), registerOrg(a), registerOrg(b)]);
    const writers = Array.from({ length: 16 }, async (_, w) => {
      const outcomes: Outcome[] = [];
      for (let i = 0; i < 6; i++) outcomes.push(await recordOnce(w % 2 === 0 ? a : b, orgs[(w + i) % 4]!));
      return outcomes;
    });
    const outcomes = (await Promise.all(writers)).flat();
    expect(outcomes.every((o) => o.acknowledged)).toBe(true);
    await expectRecordedOnce(outcomes);
    for (const id of orgs) {
      const expected = 1 + outcomes.filter((o) => o.organizationId === id).length;
      expect(await storedCommands(id)).toHaveLength(expected);
      expect([await caughtUp(a, id), await caughtUp(b, id)]).toEqual([expected, expected]);
    }
  }, 120_000);

  it('SIGKILL of A during writes: nothing acknowledged is lost or doubled, B serves, A catches up', async () => {
    const orgs = await Promise.all([registerOrg(b), registerOrg(b)]);
    let killed = false;
    const writer = async (api: ApiServer, w: number) => {
      const outcomes: Outcome[] = [];
      for (let i = 0; i < 12; i++) {
        const outcome = await recordOnce(api, orgs[(w + i) % 2]!);
        outcomes.push(outcome);
        if (api === a && !outcome.acknowledged) break; // A is gone
        if (api === a && i === 3 && w === 0 && !killed) {
          killed = true;
          a.process.kill('SIGKILL');
        }
      }
      return outcomes;
    };
    const outcomes = (await Promise.all([0, 1, 2, 3].map((w) => writer(a, w)).concat([0, 1, 2, 3].map((w) => writer(b, w))))).flat();
    expect(killed).toBe(true);
    expect(outcomes.filter((o) => o.acknowledged).length).toBeGreaterThan(48); // all of B's, some of A's
    await expectRecordedOnce(outcomes);
    for (const id of orgs) await caughtUp(b, id);
    a = await startApi({ clockStart: undefined, dataDir: a.dataDir, env: env() });
    for (const id of orgs) expect(await caughtUp(a, id)).toBe((await storedCommands(id)).length);
  }, 120_000);
});
