/// <reference types="jest" />
import type { EventStore } from '../event-store.port';
import { newEvent, newEvents } from './contract-fixtures';

/**
 * `findEvent` is optional on the port: these tests run only against an adapter that has it, and
 * are registered as skipped (never as passed) for one that does not.
 */
export function findEventContract(store: () => EventStore, hasFindEvent: boolean): void {
  const test = hasFindEvent ? it : it.skip;
  describe('findEvent (optional)', () => {
    const find = (id: string) => {
      const method = store().findEvent;
      if (method === undefined) throw new Error('The adapter was declared to offer findEvent but has none');
      return method.call(store(), id);
    };

    test('returns the recorded event, with its stream, revision, position, data and metadata', async () => {
      await store().appendToStream('order-1', newEvents(2));
      const event = newEvent({ total: 42 }, 'Placed', { commandId: 'c-1' });
      const result = await store().appendToStream('order-2', [event]);
      const [recorded] = await store().readStream('order-2');
      expect(await find(event.eventId)).toEqual(recorded);
      expect(recorded).toMatchObject({ streamId: 'order-2', revision: 0n, position: result.position, type: 'Placed' });
    });

    test('returns null for an id never appended, and for the ids of a refused append', async () => {
      await store().appendToStream('order-1', newEvents(1));
      const refused = newEvents(2);
      await expect(store().appendToStream('order-1', refused, { expectedRevision: 'no_stream' })).rejects.toThrow();
      expect(await find('00000000-0000-4000-8000-000000000000')).toBeNull();
      for (const event of refused) expect(await find(event.eventId)).toBeNull();
    });

    test('finds every event of a multi-event append, in order', async () => {
      const events = newEvents(3);
      await store().appendToStream('order-1', events);
      const found = await Promise.all(events.map((event) => find(event.eventId)));
      expect(found.map((event) => event?.revision)).toEqual([0n, 1n, 2n]);
    });

    test('gives the caller a copy: mutating it does not rewrite history', async () => {
      const event = newEvent({ n: 1 });
      await store().appendToStream('order-1', [event]);
      const first = await find(event.eventId);
      (first!.data as { n: number }).n = 2;
      expect((await find(event.eventId))!.data).toEqual({ n: 1 });
    });
  });
}
