/// <reference types="jest" />
import type { EventStore, RecordedEvent } from '../event-store.port';
import { expectStrictlyIncreasing, newEvent, newEvents } from './contract-fixtures';

const ids = (events: readonly RecordedEvent[]) => events.map((event) => event.eventId);

/** Global order, `after`, prefixes, paging both ways, missing streams, the head, round-trips. */
export function readsContract(store: () => EventStore): void {
  describe('reading', () => {
    /** Appends one event at a time to interleaved streams; returns them in append order. */
    async function interleave(streams: readonly string[], rounds: number): Promise<RecordedEvent[]> {
      const positions: bigint[] = [];
      for (let round = 0; round < rounds; round++) {
        for (const streamId of streams) {
          positions.push((await store().appendToStream(streamId, [newEvent({ round })])).position);
        }
      }
      expectStrictlyIncreasing(positions);
      const all = await store().readAll();
      expect(all.map((event) => event.position)).toEqual(positions);
      return all;
    }

    it('orders events across streams by strictly increasing position, forwards and backwards', async () => {
      const all = await interleave(['order-1', 'invoice-1', 'order-2'], 3);
      expect(all.map((event) => event.streamId)).toEqual(Array(3).fill(['order-1', 'invoice-1', 'order-2']).flat());
      expect(await store().readAll({ direction: 'backwards' })).toEqual([...all].reverse());
    });

    it('treats `after` as exclusive in both directions', async () => {
      const all = await interleave(['order-1', 'invoice-1'], 3);
      const pivot = all[2]!.position;
      expect(ids(await store().readAll({ after: pivot }))).toEqual(ids(all.slice(3)));
      expect(ids(await store().readAll({ after: pivot, direction: 'backwards' }))).toEqual(ids(all.slice(0, 2).reverse()));
      expect(await store().readAll({ after: all.at(-1)!.position })).toEqual([]);
    });

    it('filters by stream prefix, in order, with paging', async () => {
      const all = await interleave(['order-1', 'invoice-1', 'order-2', 'orders'], 2);
      const orders = all.filter((event) => event.streamId.startsWith('order-'));
      expect(await store().readAll({ streamPrefix: 'order-' })).toEqual(orders);
      expect(await store().readAll({ streamPrefix: 'order-', direction: 'backwards' })).toEqual([...orders].reverse());
      const firstPage = await store().readAll({ streamPrefix: 'order-', maxCount: 2 });
      expect(firstPage).toEqual(orders.slice(0, 2));
      expect(await store().readAll({ streamPrefix: 'order-', after: firstPage[1]!.position })).toEqual(orders.slice(2));
      expect(await store().readAll({ streamPrefix: 'nothing-' })).toEqual([]);
    });

    it('pages readAll forwards and backwards with no gap and no repeat', async () => {
      const all = await interleave(['a-1', 'b-1', 'c-1'], 4);
      for (const direction of ['forwards', 'backwards'] as const) {
        const pages: RecordedEvent[][] = [];
        let after: bigint | undefined;
        for (let guard = 0; guard < 20; guard++) { // a broken adapter must fail, not spin
          const page = await store().readAll({ direction, after, maxCount: 5 });
          if (page.length === 0) break;
          pages.push(page);
          after = page.at(-1)!.position;
        }
        expect(pages.map((page) => page.length)).toEqual([5, 5, 2]);
        expect(pages.flat()).toEqual(direction === 'forwards' ? all : [...all].reverse());
      }
    });

    it('pages readStream forwards and backwards with fromRevision (inclusive) and maxCount', async () => {
      await store().appendToStream('order-1', newEvents(4));
      await store().appendToStream('other-1', newEvents(2));
      await store().appendToStream('order-1', newEvents(6));
      const stream = await store().readStream('order-1');
      expect(stream.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
      for (const direction of ['forwards', 'backwards'] as const) {
        const pages: RecordedEvent[][] = [];
        let fromRevision: bigint | undefined;
        for (let guard = 0; guard < 20; guard++) { // a broken adapter must fail, not spin
          const page = await store().readStream('order-1', { direction, fromRevision, maxCount: 3 });
          if (page.length === 0) break;
          pages.push(page);
          fromRevision = page.at(-1)!.revision + (direction === 'forwards' ? 1n : -1n);
        }
        expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
        expect(pages.flat()).toEqual(direction === 'forwards' ? stream : [...stream].reverse());
      }
      expect(await store().readStream('order-1', { fromRevision: 10n })).toEqual([]);
      expect(ids(await store().readStream('order-1', { direction: 'backwards', fromRevision: 99n, maxCount: 1 }))).toEqual(
        ids(stream.slice(9)),
      );
      expect(await store().readStream('order-1', { maxCount: 0 })).toEqual([]);
    });

    it('rejects a negative or fractional maxCount', async () => {
      await expect(store().readAll({ maxCount: -1 })).rejects.toThrow(RangeError);
      await expect(store().readStream('order-1', { maxCount: 1.5 })).rejects.toThrow(RangeError);
    });

    it('reads a missing stream as empty, with no revision', async () => {
      await store().appendToStream('order-10', newEvents(1));
      expect(await store().readStream('order-1')).toEqual([]);
      expect(await store().readStream('order-1', { direction: 'backwards' })).toEqual([]);
      expect(await store().streamRevision('order-1')).toBeNull();
      await store().appendToStream('order-1', newEvents(3));
      expect(await store().streamRevision('order-1')).toBe(2n);
    });

    it('reports the head position: 0n when empty, then the last appended position', async () => {
      expect(await store().headPosition()).toBe(0n);
      expect(await store().readAll()).toEqual([]);
      await store().appendToStream('order-1', newEvents(2));
      const last = await store().appendToStream('order-2', newEvents(3));
      expect(await store().headPosition()).toBe(last.position);
      expect((await store().readAll({ direction: 'backwards', maxCount: 1 }))[0]?.position).toBe(last.position);
    });

    it('round-trips data and metadata exactly, with every field of the recorded event', async () => {
      const data = {
        text: 'Zürich — 東京 — مرحبا — 👩🏽‍💻 — e\u0301',
        nested: { list: [1, -2.5, 1e21, 0, true, false, null, 'x', [], {}], deep: { deeper: { empty: '' } } },
        nothing: null,
        max: Number.MAX_SAFE_INTEGER,
      };
      const metadata = { tenantId: 't-1', actor: { id: 'u-1', role: 'auditor' }, causationId: null, tags: ['é', '"q"'] };
      const event = newEvent(data, 'ExceptionFound', metadata);
      const result = await store().appendToStream('order-ü-1', [event]);
      const expected: RecordedEvent = {
        streamId: 'order-ü-1',
        revision: 0n,
        position: result.position,
        eventId: event.eventId,
        type: 'ExceptionFound',
        data,
        metadata,
      };
      expect(await store().readStream('order-ü-1')).toStrictEqual([expected]);
      expect(await store().readAll()).toStrictEqual([expected]);
    });

    it('keeps history apart from callers’ objects: mutating what was appended or read changes nothing', async () => {
      const event = newEvent({ list: [1], nested: { a: 'a' } }, 'Tested', { actor: { id: 'u-1' } });
      await store().appendToStream('order-1', [event]);
      (event.data as { list: number[] }).list.push(2);
      event.metadata['actor'] = 'someone else';
      for (const [read] of [await store().readStream('order-1'), await store().readAll()]) {
        (read!.data as { nested: { a: string } }).nested.a = 'changed';
        read!.metadata['actor'] = 'changed';
      }
      for (const [again] of [await store().readStream('order-1'), await store().readAll()]) {
        expect([again?.data, again?.metadata]).toEqual([{ list: [1], nested: { a: 'a' } }, { actor: { id: 'u-1' } }]);
      }
    });
  });
}
