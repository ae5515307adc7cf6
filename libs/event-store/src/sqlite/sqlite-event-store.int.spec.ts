import { eventStoreContract } from '../contract';
import { newEvents, rejectionOf, take } from '../contract/contract-fixtures';
import { WrongExpectedRevisionError } from '../event-store.errors';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
import { TemporaryDatabase } from './sqlite-test-files';

eventStoreContract('SqliteEventStore on a file', async () => {
  const file = new TemporaryDatabase();
  // No polling to lean on: the contract's subscriptions must be woken by this store's signal.
  return { store: file.open({ pollIntervalMs: 60_000 }), cleanup: () => file.dispose() };
}, { findEvent: true });

describe('SqliteEventStore specifics (group commit: group-commit.int.spec.ts)', () => {
  let file: TemporaryDatabase;
  const open = (options?: SqliteEventStoreOptions) => file.open(options);
  beforeEach(() => (file = new TemporaryDatabase()));
  afterEach(() => file.dispose());

  describe('durability', () => {
    it('runs in WAL mode with synchronous=FULL', () => {
      expect(open().pragmas()).toEqual({ journalMode: 'wal', synchronous: 2, busyTimeoutMs: 5000 });
    });

    it('keeps acknowledged events across close and reopen', async () => {
      const first = open();
      const result = await first.appendToStream('order-1', newEvents(3), { expectedRevision: 'no_stream' });
      const before = await first.readAll();
      await first.close();
      const reopened = open();
      expect(await reopened.readAll()).toEqual(before);
      expect(await reopened.headPosition()).toBe(result.position);
      await reopened.appendToStream('order-1', newEvents(1), { expectedRevision: 2n });
    });

    it("accepts ':memory:' for a private throwaway store", async () => {
      const store = new SqliteEventStore(':memory:');
      await store.appendToStream('order-1', newEvents(2), { expectedRevision: 'no_stream' });
      expect(await store.streamRevision('order-1')).toBe(1n);
      expect(store.pragmas().journalMode).toBe('memory');
      await store.close();
    });

    it('commits appends still queued when closed', async () => {
      const store = open();
      const pending = store.appendToStream('order-1', newEvents(2));
      await store.close();
      expect((await pending).nextExpectedRevision).toBe(1n);
      expect(await open().streamRevision('order-1')).toBe(1n);
    });

    it('enforces UNIQUE(stream_id, revision) and UNIQUE(event_id) in the schema itself', () => {
      open();
      const raw = file.openRaw();
      const insert = raw.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
         VALUES (?, ?, ?, 'T', '{}', '{}', '2026-01-01T00:00:00.000Z')`,
      );
      insert.run('s', 0, 'e-1');
      expect(() => insert.run('s', 0, 'e-2')).toThrow(/UNIQUE/);
      expect(() => insert.run('t', 0, 'e-1')).toThrow(/UNIQUE/);
    });
  });

  describe('two instances on one file (as two processes would be)', () => {
    it('each sees the other’s writes and expectations hold across them', async () => {
      const [first, second] = [open(), open()];
      await first.appendToStream('order-1', newEvents(2));
      expect(await second.readAll()).toEqual(await first.readAll());
      const error = await rejectionOf(
        second.appendToStream('order-1', newEvents(1), { expectedRevision: 'no_stream' }),
        WrongExpectedRevisionError,
      );
      expect(error.actual).toBe(1n);
    });

    it('a subscription on the second instance receives the first one’s appends by polling', async () => {
      const first = open();
      const second = open({ pollIntervalMs: 30 });
      await first.appendToStream('order-1', newEvents(2));
      const subscription = second.subscribeToAll();
      expect(await take(subscription, 2)).toHaveLength(2);
      await first.appendToStream('order-2', newEvents(3)); // no signal reaches `second`
      const live = await take(subscription, 3, { timeoutMs: 2000 });
      expect(live).toEqual((await first.readAll()).slice(2));
      await subscription.close();
    });
  });
});
