/// <reference types="jest" />
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import type { EventStore, EventToAppend, ExpectedRevision } from '../event-store.port';
import { newEvents, rejectionOf } from './contract-fixtures';

/** Re-appending the same event ids, overlapping ids, and all-or-nothing appends. */
export function idempotencyContract(store: () => EventStore): void {
  describe('idempotency by event id', () => {
    /** What must not change when an append is refused or repeated. */
    async function snapshot() {
      return { all: await store().readAll(), head: await store().headPosition() };
    }

    it.each<[string, ExpectedRevision]>([
      ['any', 'any'],
      ['the stale no_stream', 'no_stream'],
      ['stream_exists', 'stream_exists'],
      ['the stale exact revision', 0n],
      ['the current revision', 2n],
    ])('re-appending the same ids with %s returns the first result and writes nothing', async (_, expected) => {
      await store().appendToStream('order-1', newEvents(1), { expectedRevision: 'no_stream' });
      const events = newEvents(2);
      const first = await store().appendToStream('order-1', events, { expectedRevision: 0n });
      const before = await snapshot();
      const again = await store().appendToStream('order-1', events, { expectedRevision: expected });
      expect(again).toEqual(first);
      expect(first.nextExpectedRevision).toBe(2n);
      expect(await snapshot()).toEqual(before);
    });

    it('a run repeated after later appends still returns its first result', async () => {
      const events = newEvents(2);
      const first = await store().appendToStream('order-1', events, { expectedRevision: 'no_stream' });
      await store().appendToStream('order-1', newEvents(3), { expectedRevision: 1n });
      const before = await snapshot();
      expect(await store().appendToStream('order-1', events, { expectedRevision: 'no_stream' })).toEqual(first);
      expect(await snapshot()).toEqual(before);
    });

    it.each<[string, (stored: EventToAppend[], fresh: EventToAppend[]) => EventToAppend[]]>([
      ['partly new', (stored, fresh) => [stored[1]!, fresh[0]!]],
      ['a superset', (stored, fresh) => [...stored, fresh[0]!]],
      ['reordered', (stored) => [stored[1]!, stored[0]!]],
      ['not contiguous', (stored) => [stored[0]!, stored[2]!]],
    ])('an append whose ids are %s fails with DuplicateEventIdError and writes nothing', async (_, build) => {
      const stored = newEvents(3);
      await store().appendToStream('order-1', stored);
      const before = await snapshot();
      const attempt = build(stored, newEvents(1));
      const error = await rejectionOf(store().appendToStream('order-1', attempt), DuplicateEventIdError);
      const storedIds = new Set(stored.map((event) => event.eventId));
      expect(error.eventIds).toEqual(attempt.map((event) => event.eventId).filter((id) => storedIds.has(id)));
      expect(await snapshot()).toEqual(before);
    });

    it('an id already used by another stream fails and creates nothing', async () => {
      const events = newEvents(2);
      await store().appendToStream('order-1', events);
      const before = await snapshot();
      await rejectionOf(store().appendToStream('order-2', events, { expectedRevision: 'no_stream' }), DuplicateEventIdError);
      await rejectionOf(store().appendToStream('order-2', [events[1]!]), DuplicateEventIdError);
      expect(await store().streamRevision('order-2')).toBeNull();
      expect(await snapshot()).toEqual(before);
    });

    it('the same id twice in one append fails and writes nothing', async () => {
      const [event, other] = newEvents(2) as [EventToAppend, EventToAppend];
      const error = await rejectionOf(store().appendToStream('order-1', [event, other, event]), DuplicateEventIdError);
      expect(error.eventIds).toEqual([event.eventId]);
      expect(await store().headPosition()).toBe(0n);
    });
  });

  describe('atomicity', () => {
    it('a refused append writes none of its events, which can then be appended normally', async () => {
      await store().appendToStream('order-1', newEvents(2), { expectedRevision: 'no_stream' });
      const head = await store().headPosition();
      const events = newEvents(3);
      await rejectionOf(store().appendToStream('order-1', events, { expectedRevision: 0n }), WrongExpectedRevisionError);
      expect(await store().headPosition()).toBe(head);
      expect(await store().readStream('order-1')).toHaveLength(2);
      // Were any of them stored, this would be a duplicate or a repeat rather than a fresh append.
      const result = await store().appendToStream('order-1', events, { expectedRevision: 1n });
      expect(result.nextExpectedRevision).toBe(4n);
      expect((await store().readStream('order-1', { fromRevision: 2n })).map((event) => event.eventId)).toEqual(
        events.map((event) => event.eventId),
      );
    });

    it('an event that cannot be serialized fails its whole append', async () => {
      const events = [...newEvents(1), { ...newEvents(1)[0]!, data: undefined }];
      await expect(store().appendToStream('order-1', events)).rejects.toThrow(TypeError);
      expect(await store().streamRevision('order-1')).toBeNull();
      expect(await store().headPosition()).toBe(0n);
    });
  });
}
