/// <reference types="jest" />
import { EventStoreUnavailableError } from '../event-store.errors';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { eventually, expectStrictlyIncreasing, newEvent, newEvents, nextMacrotask, rejectionOf, take, within } from './contract-fixtures';

const ids = (events: readonly RecordedEvent[]) => events.map((event) => event.eventId);

/** Catch-up then live, exactly once and in order, `after`, prefixes, and ending a subscription. */
export function subscriptionContract(store: () => EventStore): void {
  describe('subscribeToAll', () => {
    it('delivers N stored and M concurrently written events exactly once, in order, with no gap', async () => {
      const stored = 1200; // several pages of catch-up
      for (let i = 0; i < 12; i++) await store().appendToStream(`seed-${i % 3}`, newEvents(100));
      const subscription = store().subscribeToAll();
      const writer = (async () => {
        let written = 0;
        for (let round = 0; round < 60; round++) {
          const sizes = [2, 1, 1, 1]; // 5 events a round, to 4 streams, committed together
          await Promise.all(sizes.map((size, s) => store().appendToStream(`live-${s}`, newEvents(size))));
          written += sizes.reduce((sum, size) => sum + size, 0);
          await nextMacrotask();
        }
        return written;
      })();
      const received = await take(subscription, stored + 300, { timeoutMs: 8000, yieldEvery: 25 });
      expect(await writer).toBe(300);
      const all = await store().readAll();
      expect(all).toHaveLength(stored + 300);
      expectStrictlyIncreasing(received.map((event) => event.position));
      expect(received).toEqual(all);
      // Nothing extra is pending: the next event delivered is the next one written.
      const marker = newEvent();
      await store().appendToStream('marker-1', [marker]);
      expect(ids(await take(subscription, 1))).toEqual([marker.eventId]);
      await subscription.close();
    }, 15000);

    it('catches up over several pages with no write to wake it', async () => {
      for (let i = 0; i < 3; i++) await store().appendToStream(`order-${i}`, newEvents(400));
      const subscription = store().subscribeToAll();
      expect(await take(subscription, 1200, { timeoutMs: 3000 })).toEqual(await store().readAll());
      await subscription.close();
    });

    it('starts after the given position, then goes live', async () => {
      await store().appendToStream('order-1', newEvents(6));
      await store().appendToStream('order-2', newEvents(4));
      const all = await store().readAll();
      const subscription = store().subscribeToAll({ after: all[3]!.position });
      expect(await take(subscription, 6)).toEqual(all.slice(4));
      const live = newEvent();
      await store().appendToStream('order-3', [live]);
      expect(ids(await take(subscription, 1))).toEqual([live.eventId]);
      await subscription.close();
    });

    it('delivers only streams with the prefix, stored and live', async () => {
      await store().appendToStream('order-1', newEvents(2));
      await store().appendToStream('invoice-1', newEvents(2));
      await store().appendToStream('order-2', newEvents(1));
      const subscription = store().subscribeToAll({ streamPrefix: 'order-' });
      const caughtUp = await take(subscription, 3);
      expect(caughtUp.map((event) => event.streamId)).toEqual(['order-1', 'order-1', 'order-2']);
      const order = newEvent();
      await store().appendToStream('invoice-2', newEvents(3));
      await store().appendToStream('order-3', [order]);
      expect(ids(await take(subscription, 1))).toEqual([order.eventId]);
      await subscription.close();
    });

    it('close() ends a for-await loop waiting for live events', async () => {
      const subscription = store().subscribeToAll();
      const received: RecordedEvent[] = [];
      const loop = (async () => {
        for await (const event of subscription) received.push(event);
      })();
      await store().appendToStream('order-1', newEvents(2));
      await eventually(() => received.length === 2, 2000, 'two live events');
      await subscription.close();
      await within(loop, 2000, 'the loop to end after close()');
      await store().appendToStream('order-1', newEvents(1));
      await nextMacrotask();
      expect(received).toHaveLength(2);
    });

    it('break in for-await closes the subscription', async () => {
      await store().appendToStream('order-1', newEvents(3));
      const subscription = store().subscribeToAll();
      for await (const event of subscription) {
        expect(event.revision).toBe(0n);
        break;
      }
      expect(await subscription[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
    });

    it('closing the store ends its subscriptions, and later calls are refused', async () => {
      const subscription = store().subscribeToAll();
      const loop = (async () => {
        for await (const _ of subscription) void _;
      })();
      await nextMacrotask();
      await store().close();
      await within(loop, 2000, 'the loop to end after the store closed');
      await rejectionOf(store().appendToStream('order-1', newEvents(1)), EventStoreUnavailableError);
      await rejectionOf(store().readAll(), EventStoreUnavailableError);
      await store().close(); // idempotent
    });
  });
}
