import { newEvents } from '../contract/contract-fixtures';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { SqliteEventStoreOptions } from './sqlite-event-store';
import { TemporaryDatabase } from './sqlite-test-files';

/** Group commit as SqliteEventStore uses it, observed through its onBatchCommitted hook. */
describe('SqliteEventStore group commit', () => {
  let file: TemporaryDatabase;
  beforeEach(() => (file = new TemporaryDatabase()));
  afterEach(() => file.dispose());

  function recordingBatches(options: SqliteEventStoreOptions = {}) {
    const batches: Array<{ size: number; succeeded: number }> = [];
    const store = file.open({ ...options, onBatchCommitted: (batch) => batches.push(batch) });
    return { store, batches };
  }

  it('commits 50 concurrent appends to different streams in one transaction', async () => {
    const { store, batches } = recordingBatches();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.appendToStream(`order-${i}`, newEvents(1), { expectedRevision: 'no_stream' })),
    );
    expect(results).toHaveLength(50);
    expect(batches).toEqual([{ size: 50, succeeded: 50 }]);
  });

  it('rolls back only the refused append of a batch; the others commit', async () => {
    const { store, batches } = recordingBatches();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        store.appendToStream(`order-${i}`, newEvents(2), { expectedRevision: i === 4 ? 0n : 'no_stream' }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(9);
    expect(outcomes[4]).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedRevisionError) });
    expect(batches).toEqual([{ size: 10, succeeded: 9 }]);
    expect(await store.readAll()).toHaveLength(18);
    expect(await store.streamRevision('order-4')).toBeNull();
  });

  it('undoes the part of an append already inserted when a later insert of it fails', async () => {
    const { store, batches } = recordingBatches();
    const raw = file.openRaw();
    raw.exec(`CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.type = 'Poison'
              BEGIN SELECT RAISE(ABORT, 'poisoned'); END`);
    const poisoned = [...newEvents(2), { ...newEvents(1)[0]!, type: 'Poison' }];
    const outcomes = await Promise.allSettled([
      store.appendToStream('order-1', newEvents(1)),
      store.appendToStream('order-2', poisoned),
      store.appendToStream('order-3', newEvents(1)),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([{ size: 3, succeeded: 2 }]);
    expect((await store.readAll()).map((event) => event.streamId)).toEqual(['order-1', 'order-3']);
  });

  it('runs appends of one batch in order, each seeing the ones before it', async () => {
    const { store, batches } = recordingBatches();
    const results = await Promise.all([
      store.appendToStream('order-1', newEvents(1), { expectedRevision: 'no_stream' }),
      store.appendToStream('order-1', newEvents(2), { expectedRevision: 0n }),
      store.appendToStream('order-1', newEvents(1), { expectedRevision: 2n }),
    ]);
    expect(results.map((result) => result.nextExpectedRevision)).toEqual([0n, 2n, 3n]);
    expect(batches).toEqual([{ size: 3, succeeded: 3 }]);
  });

  it('caps a batch at maxBatchSize', async () => {
    const { store, batches } = recordingBatches({ maxBatchSize: 4 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.appendToStream(`order-${i}`, newEvents(1))));
    expect(batches.map((batch) => batch.size)).toEqual([4, 4, 2]);
  });

  it('rejects the whole batch when its transaction cannot start, then recovers', async () => {
    const { store, batches } = recordingBatches({ busyTimeoutMs: 20 });
    const rival = file.openRaw();
    rival.exec('BEGIN IMMEDIATE'); // another process holding the write lock
    const outcomes = await Promise.allSettled([1, 2, 3].map((i) => store.appendToStream(`order-${i}`, newEvents(1))));
    rival.exec('ROLLBACK');
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/locked|busy/i);
    expect(batches).toEqual([]);
    expect(await store.headPosition()).toBe(0n);
    await store.appendToStream('order-1', newEvents(1), { expectedRevision: 'no_stream' });
  });
});

