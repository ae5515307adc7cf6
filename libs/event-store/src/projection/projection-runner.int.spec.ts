import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { newEvents, nextMacrotask } from '../contract/contract-fixtures';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { advanceCheckpoint, readCheckpoint, type Projection } from './projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';

/**
 * The runner against real SQLite files (an event store file and a read-model file), with a
 * projection that is deliberately NOT idempotent: one row per (stream, revision) under a PRIMARY
 * KEY, so an event applied twice makes the transaction throw (and shows up in onError).
 */

type Db = Database.Database;

/** Counts every application; `failWhen` makes `apply` throw (the transaction rolls back). */
class CountingProjection implements Projection<bigint> {
  readonly name: string;
  applyCalls = 0;
  failWhen: ((event: RecordedEvent, attempt: number) => boolean) | null = null;
  private attempts = new Map<bigint, number>();

  constructor(name = 'counting') {
    this.name = name;
  }

  setup(db: Db): void {
    db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (
      stream TEXT NOT NULL, revision INTEGER NOT NULL, position INTEGER NOT NULL,
      PRIMARY KEY (stream, revision))`);
  }

  reset(db: Db): void {
    db.prepare(`DELETE FROM ${this.table}`).run();
  }

  apply(db: Db, events: RecordedEvent[]): bigint[] {
    this.applyCalls++;
    const insert = db.prepare(`INSERT INTO ${this.table} (stream, revision, position) VALUES (?, ?, ?)`);
    for (const e of events) {
      const attempt = (this.attempts.get(e.position) ?? 0) + 1;
      this.attempts.set(e.position, attempt);
      if (this.failWhen?.(e, attempt)) throw new Error(`poisoned at position ${e.position} (attempt ${attempt})`);
      insert.run(e.streamId, e.revision, e.position);
    }
    return events.map((e) => e.position);
  }

  get table(): string {
    return `seen_${this.name}`;
  }
}

function openReadModel(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  return db;
}

function positionsIn(db: Db, projection: CountingProjection): bigint[] {
  return (
    db.prepare(`SELECT position FROM ${projection.table} ORDER BY position`).safeIntegers(true).all() as Array<{
      position: bigint;
    }>
  ).map((r) => r.position);
}

async function storePositions(store: EventStore): Promise<bigint[]> {
  return (await store.readAll()).map((e) => e.position);
}

/** Appends `total` events over `streams` streams, a few per append, yielding between appends. */
async function writeConcurrently(store: EventStore, total: number, { streams = 7, prefix = 'order-', perAppend = 3 } = {}) {
  for (let written = 0, n = 0; written < total; n++) {
    const count = Math.min(perAppend, total - written);
    await store.appendToStream(`${prefix}${n % streams}`, newEvents(count));
    written += count;
    if (n % 2 === 0) await nextMacrotask();
  }
}

async function eventually(condition: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('ProjectionRunner on SQLite files', () => {
  let dir: string;
  let store: SqliteEventStore;
  const cleanups: Array<() => unknown> = [];

  const readModel = (name = 'read-models.db') => {
    const db = openReadModel(join(dir, name));
    cleanups.push(() => db.open && db.close());
    return db;
  };

  function runner(db: Db, projections: CountingProjection[], options: Partial<ProjectionRunnerOptions<bigint>> = {}) {
    const errors: unknown[] = [];
    const committed: RecordedEvent[][] = [];
    const r = new ProjectionRunner<bigint>({
      store,
      db,
      projections,
      retryDelayMs: 5,
      onError: (error) => errors.push(error),
      onCommitted: (events) => committed.push(events),
      ...options,
    });
    cleanups.push(() => r.stop());
    return { runner: r, errors, committed };
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projection-runner-'));
    // Polling is off: this store's own commits must wake the subscription.
    store = new SqliteEventStore(join(dir, 'events.db'), { pollIntervalMs: 60_000, subscriptionPageSize: 64 });
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every event exactly once across catch-up and live, while a writer appends concurrently', async () => {
    await writeConcurrently(store, 300);
    const db = readModel();
    const projection = new CountingProjection();
    const { runner: r, errors, committed } = runner(db, [projection], { batchSize: 25 });

    r.start();
    await writeConcurrently(store, 300);
    const head = await store.headPosition();
    expect(await r.waitFor(head, 5000)).toBe(true);

    expect(errors).toEqual([]);
    expect(positionsIn(db, projection)).toEqual(await storePositions(store));
    expect(r.checkpoints()).toEqual({ counting: head });
    expect(r.position).toBe(head);
    // Batches were committed in order, each event in exactly one of them, none bigger than asked.
    const delivered = committed.flat().map((e) => e.position);
    expect(delivered).toEqual(await storePositions(store));
    expect(Math.max(...committed.map((b) => b.length))).toBeLessThanOrEqual(25);
    expect(committed.length).toBeGreaterThan(600 / 25 - 1);
  });

  it('skips events outside its stream prefix', async () => {
    await store.appendToStream('order-1', newEvents(3));
    await store.appendToStream('audit-1', newEvents(2));
    await store.appendToStream('order-2', newEvents(1));
    const db = readModel();
    const projection = new CountingProjection();
    const { runner: r } = runner(db, [projection], { streamPrefix: 'order-' });
    r.start();
    const orderHead = (await store.readAll({ direction: 'backwards', maxCount: 1, streamPrefix: 'order-' }))[0]!.position;
    expect(await r.waitFor(orderHead, 2000)).toBe(true);
    expect(db.prepare(`SELECT DISTINCT stream FROM ${projection.table} ORDER BY stream`).pluck().all()).toEqual([
      'order-1',
      'order-2',
    ]);
    expect(positionsIn(db, projection)).toHaveLength(4);
  });

  describe('waitFor', () => {
    it('resolves true at once for a position already passed, and as soon as a later one is passed', async () => {
      await store.appendToStream('order-1', newEvents(5));
      const db = readModel();
      const { runner: r } = runner(db, [new CountingProjection()]);
      r.start();
      expect(await r.waitFor(5n, 2000)).toBe(true);
      expect(await r.waitFor(3n, 0)).toBe(true);

      const waiting = r.waitFor(8n, 2000);
      const settled = jest.fn();
      void waiting.then(settled);
      await store.appendToStream('order-2', newEvents(2)); // head 7: not yet
      await r.waitFor(7n, 2000);
      await nextMacrotask();
      expect(settled).not.toHaveBeenCalled();
      await store.appendToStream('order-2', newEvents(1)); // head 8
      expect(await waiting).toBe(true);
    });

    it('resolves false after its timeout when the position is never reached', async () => {
      await store.appendToStream('order-1', newEvents(2));
      const db = readModel();
      const { runner: r } = runner(db, [new CountingProjection()]);
      r.start();
      await r.waitFor(2n, 2000);
      const waiting = r.waitFor(3n, 40);
      let settled = false;
      void waiting.then(() => (settled = true));
      await nextMacrotask();
      expect(settled).toBe(false); // not before its timeout
      expect(await waiting).toBe(false);
    });

    it('resolves false for waiters still pending when the runner stops', async () => {
      const db = readModel();
      const { runner: r } = runner(db, [new CountingProjection()]);
      r.start();
      const waiting = r.waitFor(10n, 5000);
      await r.stop();
      expect(await waiting).toBe(false);
    });
  });

  it('stop() then start() resumes from the checkpoint with no duplicate and no loss', async () => {
    const db = readModel();
    const projection = new CountingProjection();
    const { runner: r, errors } = runner(db, [projection], { batchSize: 10 });

    r.start();
    const writing = writeConcurrently(store, 120);
    await eventually(() => positionsIn(db, projection).length >= 30, 3000, '30 events applied');
    await r.stop(); // mid-stream: the writer is still appending
    const atStop = r.checkpoints().counting!;
    expect(positionsIn(db, projection)).toEqual((await storePositions(store)).filter((p) => p <= atStop));
    await writing;
    // Nothing is applied while stopped.
    expect(r.checkpoints().counting).toBe(atStop);

    r.start();
    await writeConcurrently(store, 40, { prefix: 'late-' });
    expect(await r.waitFor(await store.headPosition(), 5000)).toBe(true);
    expect(errors).toEqual([]);
    expect(positionsIn(db, projection)).toEqual(await storePositions(store));
  });

  it('a new runner on the same read-model file resumes where a stopped one left off', async () => {
    await writeConcurrently(store, 50);
    const first = readModel();
    const { runner: r1 } = runner(first, [new CountingProjection()], { batchSize: 1 });
    r1.start();
    await r1.waitFor(20n, 2000);
    await r1.stop();
    first.close();

    const second = readModel();
    const projection = new CountingProjection();
    const { runner: r2, errors, committed } = runner(second, [projection], { batchSize: 7 });
    const resumedFrom = readCheckpoint(second, 'counting');
    expect(resumedFrom).toBeGreaterThanOrEqual(20n);
    r2.start();
    expect(await r2.waitFor(await store.headPosition(), 3000)).toBe(true);
    expect(errors).toEqual([]);
    expect(committed.flat()[0]!.position).toBe(resumedFrom + 1n);
    expect(positionsIn(second, projection)).toEqual(await storePositions(store));
  });

  it('retries a batch whose projection throws once, and then applies it without loss', async () => {
    await writeConcurrently(store, 40);
    const db = readModel();
    const projection = new CountingProjection();
    projection.failWhen = (e, attempt) => e.position === 17n && attempt === 1;
    const { runner: r, errors } = runner(db, [projection], { batchSize: 8 });
    r.start();
    expect(await r.waitFor(await store.headPosition(), 3000)).toBe(true);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('poisoned at position 17');
    expect(r.lastError).toBeNull();
    expect(positionsIn(db, projection)).toEqual(await storePositions(store));
  });

  it('does not move past a batch that keeps failing, not even when stopped during its retries', async () => {
    await store.appendToStream('order-1', newEvents(5));
    const db = readModel();
    const projection = new CountingProjection();
    let poisoned = true;
    projection.failWhen = (e) => poisoned && e.position === 3n;
    const { runner: r, errors } = runner(db, [projection], { batchSize: 100, retryDelayMs: 20 });
    r.start();
    await eventually(() => errors.length > 0, 2000, 'the first failure');
    // Live events arrive while the poisoned batch is being retried…
    await store.appendToStream('order-2', newEvents(3));
    await nextMacrotask();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // …and the runner is stopped before the poison is gone.
    await r.stop();
    expect(positionsIn(db, projection)).toEqual([]);
    expect(r.checkpoints()).toEqual({ counting: 0n });

    poisoned = false;
    r.start();
    expect(await r.waitFor(await store.headPosition(), 3000)).toBe(true);
    expect(positionsIn(db, projection)).toEqual(await storePositions(store));
  });

  it('calls onCommitted after the commit: its rows are visible, even to another connection', async () => {
    const db = readModel();
    const other = readModel();
    const projection = new CountingProjection();
    const seen: Array<{ batch: bigint[]; effects: bigint[]; inTransaction: boolean; here: number; there: number }> = [];
    const r = new ProjectionRunner<bigint>({
      store,
      db,
      projections: [projection],
      batchSize: 4,
      retryDelayMs: 5,
      onCommitted: (events, effects) => {
        const positions = events.map((e) => e.position);
        const count = (conn: Db) =>
          (conn
            .prepare(`SELECT count(*) FROM ${projection.table} WHERE position IN (${positions.map(() => '?').join(',')})`)
            .pluck()
            .get(...positions) as number);
        seen.push({ batch: positions, effects, inTransaction: db.inTransaction, here: count(db), there: count(other) });
      },
    });
    cleanups.push(() => r.stop());
    r.start();
    await writeConcurrently(store, 10);
    expect(await r.waitFor(await store.headPosition(), 2000)).toBe(true);

    expect(seen.length).toBeGreaterThan(0);
    for (const call of seen) {
      expect(call.inTransaction).toBe(false);
      expect(call.effects).toEqual(call.batch);
      expect(call.here).toBe(call.batch.length);
      expect(call.there).toBe(call.batch.length);
    }
    expect(seen.flatMap((c) => c.batch)).toEqual(await storePositions(store));
  });

  it('a throwing onCommitted neither re-applies its batch nor loses the effects of it', async () => {
    await writeConcurrently(store, 12);
    const db = readModel();
    const projection = new CountingProjection();
    const calls: Array<{ batch: bigint[]; effects: bigint[] }> = [];
    let thrown = false;
    const { runner: r, errors } = runner(db, [projection], {
      batchSize: 4,
      onCommitted: (events, effects) => {
        calls.push({ batch: events.map((e) => e.position), effects });
        if (!thrown) {
          thrown = true;
          throw new Error('listener failed');
        }
      },
    });
    r.start();
    expect(await r.waitFor(await store.headPosition(), 2000)).toBe(true);
    await eventually(() => calls.flatMap((c) => c.batch).length >= 12, 2000, 'every batch announced');

    expect(String(errors[0])).toContain('listener failed');
    expect(positionsIn(db, projection)).toEqual(await storePositions(store));
    // Each batch announced once, with its effects.
    expect(calls.flatMap((c) => c.batch)).toEqual(await storePositions(store));
    for (const call of calls) expect(call.effects).toEqual(call.batch);
    expect(r.lastError).toBeNull();
  });

  it('resetAll() deletes rows and checkpoints, and a new start replays from position zero', async () => {
    await writeConcurrently(store, 30);
    const db = readModel();
    const projection = new CountingProjection();
    const { runner: r, errors } = runner(db, [projection], { batchSize: 8 });
    r.start();
    await r.waitFor(await store.headPosition(), 2000);
    const before = positionsIn(db, projection);
    await r.stop();
    r.resetAll();
    expect(positionsIn(db, projection)).toEqual([]);
    expect(r.checkpoints()).toEqual({ counting: 0n });
    expect(r.position).toBe(0n);
    r.start();
    expect(await r.waitFor(await store.headPosition(), 2000)).toBe(true);
    expect(positionsIn(db, projection)).toEqual(before);
    expect(errors).toEqual([]);
  });

  it("resetAll() leaves the checkpoints of another runner's projections in the same file alone", async () => {
    await writeConcurrently(store, 10);
    const db = readModel();
    const mine = new CountingProjection('mine');
    const theirs = new CountingProjection('theirs');
    const { runner: other } = runner(db, [theirs]);
    const { runner: r } = runner(db, [mine]);
    other.start();
    r.start();
    const head = await store.headPosition();
    await other.waitFor(head, 2000);
    await r.waitFor(head, 2000);
    await r.stop();
    r.resetAll();
    expect(positionsIn(db, mine)).toEqual([]);
    expect(positionsIn(db, theirs)).toEqual(await storePositions(store));
    expect(readCheckpoint(db, 'mine')).toBe(0n);
    expect(readCheckpoint(db, 'theirs')).toBe(head);
  });

  it('keeps several projections with different checkpoints apart, each applying only what it lacks', async () => {
    await writeConcurrently(store, 20);
    const db = readModel();
    const ahead = new CountingProjection('ahead');
    const behind = new CountingProjection('behind');
    // `ahead` ran alone up to position 12 before `behind` was added.
    const { runner: alone } = runner(db, [ahead], { batchSize: 1 });
    alone.start();
    await alone.waitFor(12n, 2000);
    await alone.stop();
    const aheadAt = readCheckpoint(db, 'ahead');

    const { runner: both, errors } = runner(db, [ahead, behind], { batchSize: 6 });
    expect(both.checkpoints()).toEqual({ ahead: aheadAt, behind: 0n });
    both.start();
    expect(await both.waitFor(await store.headPosition(), 2000)).toBe(true);
    expect(errors).toEqual([]);
    expect(positionsIn(db, ahead)).toEqual(await storePositions(store));
    expect(positionsIn(db, behind)).toEqual(await storePositions(store));
  });

  describe('the checkpoint compare-and-set', () => {
    it('advanceCheckpoint moves only from the position it was given', () => {
      const db = readModel();
      const { runner: r } = runner(db, [new CountingProjection()]);
      expect(r.checkpoints()).toEqual({ counting: 0n });
      db.transaction(() => advanceCheckpoint(db, 'counting', 0n, 5n))();
      expect(readCheckpoint(db, 'counting')).toBe(5n);
      // A second runner that also read 0, or a stale 3, loses.
      expect(() => advanceCheckpoint(db, 'counting', 0n, 7n)).toThrow(/moved under us/);
      expect(() => advanceCheckpoint(db, 'counting', 3n, 7n)).toThrow(/moved under us/);
      expect(readCheckpoint(db, 'counting')).toBe(5n);
      advanceCheckpoint(db, 'counting', 5n, 9n);
      expect(readCheckpoint(db, 'counting')).toBe(9n);
    });

    it('a runner whose read went stale (another connection committed the same events) retries and skips them', async () => {
      await writeConcurrently(store, 12);
      const dbA = readModel();
      const dbB = readModel();
      const projectionA = new CountingProjection();
      const projectionB = new CountingProjection();
      // Runner B, on its own connection, is about to apply its first batch: B's transaction has
      // read the checkpoint (0) when runner A, on another connection, commits the same events.
      let raced = false;
      const all = await store.readAll();
      const original = projectionB.apply.bind(projectionB);
      projectionB.apply = (db, events) => {
        if (!raced) {
          raced = true;
          dbA.transaction(() => {
            const from = readCheckpoint(dbA, 'counting');
            projectionA.apply(dbA, all.slice(0, 8));
            advanceCheckpoint(dbA, 'counting', from, all[7]!.position);
          })();
        }
        return original(db, events);
      };
      const { runner: b, errors } = runner(dbB, [projectionB], { batchSize: 100 });
      b.start();
      expect(await b.waitFor(await store.headPosition(), 3000)).toBe(true);

      expect(raced).toBe(true);
      // B's first commit failed (its snapshot was stale, or the checkpoint had moved), was retried,
      // and the retry applied only what A had not.
      expect(errors.length).toBeGreaterThanOrEqual(1);
      for (const error of errors) {
        expect(`${(error as { code?: string }).code ?? ''} ${String(error)}`).toMatch(/SQLITE_BUSY_SNAPSHOT|moved under us/);
      }
      expect(positionsIn(dbB, projectionB)).toEqual(await storePositions(store));
      expect(readCheckpoint(dbB, 'counting')).toBe(await store.headPosition());
    });

    it('two runners on one read-model file, running at once, never apply an event twice', async () => {
      await writeConcurrently(store, 60);
      const dbA = readModel();
      const dbB = readModel();
      const projectionA = new CountingProjection();
      const projectionB = new CountingProjection();
      const a = runner(dbA, [projectionA], { batchSize: 5 });
      const b = runner(dbB, [projectionB], { batchSize: 3 });
      a.runner.start();
      b.runner.start();
      await writeConcurrently(store, 60);
      const head = await store.headPosition();
      expect(await a.runner.waitFor(head, 3000)).toBe(true);
      expect(await b.runner.waitFor(head, 3000)).toBe(true);

      expect([...a.errors, ...b.errors].map(String).join('\n')).not.toMatch(/UNIQUE|PRIMARY KEY/);
      expect(positionsIn(dbA, projectionA)).toEqual(await storePositions(store));
      expect(readCheckpoint(dbA, 'counting')).toBe(head);
      // Between them they applied each event once: what one committed, the other skipped.
      expect(projectionA.applyCalls + projectionB.applyCalls).toBeGreaterThan(0);
    });
  });
});
