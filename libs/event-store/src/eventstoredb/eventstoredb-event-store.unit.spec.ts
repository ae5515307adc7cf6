import { WrongExpectedVersionError, type AppendResult } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { eventStoreContract } from '../contract';
import { newEvent, newEvents, rejectionOf, take } from '../contract/contract-fixtures';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import { EventStoreDbEventStore, type EsdbClient, type EventStoreDbOptions } from './eventstoredb-event-store';
import type { SubscriptionDropped } from './eventstoredb-subscription';
import { ESDB_KNOWN_DIFFERENCES, withKnownDifferences } from './known-differences.fixtures';
import { SimulatedEsdb } from './simulated-esdb.fixtures';

// The adapter's own logic (idempotency, paging, filtering, resubscription) against a simulated
// server. The same contract against a real server: eventstoredb-event-store.int.spec.ts.
withKnownDifferences(ESDB_KNOWN_DIFFERENCES, () =>
  eventStoreContract('EventStoreDbEventStore over a simulated server', async () => {
    const store = new EventStoreDbEventStore(new SimulatedEsdb().client, { pageSize: 50 });
    return { store, cleanup: () => store.close() };
  }),
);

describe('EventStoreDbEventStore specifics (simulated server)', () => {
  let server: SimulatedEsdb;
  const open = (options: EventStoreDbOptions = {}) => new EventStoreDbEventStore(server.client, options);
  beforeEach(() => (server = new SimulatedEsdb()));

  /** A client whose append first lets an earlier attempt with the same ids land, then answers `then`. */
  function racing(then: 'forward' | 'conflict'): EsdbClient {
    const append = server.client.appendToStream.bind(server.client) as (...args: unknown[]) => Promise<AppendResult>;
    const appendToStream = async (...args: unknown[]) => {
      const landed = await append(...args);
      if (then === 'forward') return append(...args);
      throw new WrongExpectedVersionError(undefined, { streamName: String(args[0]), expected: 0n, current: landed.nextExpectedRevision });
    };
    return { ...server.client, appendToStream } as unknown as EsdbClient;
  }

  it.each(['forward', 'conflict'] as const)(
    'a retry that raced its own first attempt gets that attempt’s result (server answers: %s)',
    async (then) => {
      await open().appendToStream('order-1', newEvents(1));
      const events = newEvents(2);
      const again = await new EventStoreDbEventStore(racing(then)).appendToStream('order-1', events, { expectedRevision: 0n });
      const stored = await open().readStream('order-1');
      expect(stored.map((event) => event.eventId)).toEqual([stored[0]!.eventId, ...events.map((event) => event.eventId)]);
      expect(again).toEqual({ nextExpectedRevision: 2n, position: stored[2]!.position });
    },
  );

  it('keeps namespaces apart on one server', async () => {
    const [a, b] = [open({ namespace: 'a/' }), open({ namespace: 'b/' })];
    await a.appendToStream('order-1', newEvents(2));
    await b.appendToStream('order-1', newEvents(1));
    expect((await a.readAll()).map((event) => event.streamId)).toEqual(['order-1', 'order-1']);
    expect(await b.streamRevision('order-1')).toBe(0n);
    expect(await b.headPosition()).toBeGreaterThan(await a.headPosition());
  });

  it('refuses ids that are not lowercase UUIDs and $-streams, before sending anything', async () => {
    const store = open();
    await expect(store.appendToStream('order-1', [{ ...newEvent(), eventId: 'not-a-uuid' }])).rejects.toThrow(TypeError);
    const upper = randomUUID().toUpperCase();
    await expect(store.appendToStream('order-1', [{ ...newEvent(), eventId: upper }])).rejects.toThrow(TypeError);
    await expect(store.appendToStream('$settings', newEvents(1))).rejects.toThrow(RangeError);
    expect(await store.headPosition()).toBe(0n);
  });

  it('a conflict reports the actual revision (null when the stream is gone)', async () => {
    const store = open();
    await store.appendToStream('order-1', newEvents(3));
    const error = await rejectionOf(store.appendToStream('order-1', newEvents(1), { expectedRevision: 5n }), WrongExpectedRevisionError);
    expect([error.expected, error.actual]).toEqual([5n, 2n]);
    const missing = await rejectionOf(store.appendToStream('order-2', newEvents(1), { expectedRevision: 0n }), WrongExpectedRevisionError);
    expect(missing.actual).toBeNull();
  });

  describe('outages', () => {
    it('an unreachable server fails every call with EventStoreUnavailableError', async () => {
      const store = open();
      server.down = true;
      await rejectionOf(store.appendToStream('order-1', newEvents(1)), EventStoreUnavailableError);
      await rejectionOf(store.readStream('order-1'), EventStoreUnavailableError);
      await rejectionOf(store.headPosition(), EventStoreUnavailableError);
      await rejectionOf(store.ping(), EventStoreUnavailableError);
      server.down = false;
      expect((await store.appendToStream('order-1', newEvents(1))).nextExpectedRevision).toBe(0n);
    });

    it('a server that never answers fails a command at the deadline instead of hanging', async () => {
      const store = open({ deadlineMs: 100 });
      await store.appendToStream('order-1', newEvents(1));
      server.hang = true;
      // A hang would fail this test by its timeout; the message names the deadline that fired.
      const error = await rejectionOf(store.appendToStream('order-1', newEvents(1)), EventStoreUnavailableError);
      expect(error.message).toMatch(/within 100 ms/);
      await rejectionOf(store.readAll(), EventStoreUnavailableError);
    });

    it('a subscription resubscribes after the server drops it and delivers each event once', async () => {
      const dropped: SubscriptionDropped[] = [];
      let droppedTwice = () => {};
      const twoDrops = new Promise<void>((resolve) => (droppedTwice = resolve));
      const onSubscriptionDropped = (d: SubscriptionDropped) => {
        if (dropped.push(d) === 2) droppedTwice();
      };
      const store = open({ resubscribe: { initialMs: 5, maxMs: 20 }, onSubscriptionDropped });
      await store.appendToStream('order-1', newEvents(3));
      const subscription = store.subscribeToAll({ streamPrefix: 'order-' });
      const before = await take(subscription, 3);
      server.dropSubscriptions();
      server.down = true; // still down at the first resubscriptions: it backs off and tries again
      const taking = take(subscription, 2);
      await twoDrops; // it tried again while the server was still down
      server.down = false;
      await store.appendToStream('order-2', newEvents(2));
      const after = await taking;
      expect([...before, ...after]).toEqual(await store.readAll());
      expect(dropped.length).toBeGreaterThanOrEqual(2);
      expect(dropped[0]?.resumeAfter).toBe(before[2]?.position);
      expect(server.subscriptionsOpened).toBeGreaterThanOrEqual(3);
      await subscription.close();
    });

    it('close() ends a subscription that is waiting to resubscribe', async () => {
      let waiting = () => {};
      const backingOff = new Promise<void>((resolve) => (waiting = resolve));
      const store = open({ resubscribe: { initialMs: 60_000, maxMs: 60_000 }, onSubscriptionDropped: () => waiting() });
      server.down = true;
      const subscription = store.subscribeToAll();
      const next = subscription[Symbol.asyncIterator]().next();
      await backingOff; // dropped, and now waiting a minute to resubscribe
      await store.close();
      expect(await next).toEqual({ done: true, value: undefined });
    });
  });
});
