/// <reference types="jest" />
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, EventStore, ExpectedRevision } from '../event-store.port';
import { expectStrictlyIncreasing, newEvents } from './contract-fixtures';

/** Concurrent appends issued together, as concurrent requests would issue them. */
export function concurrencyContract(store: () => EventStore): void {
  describe('concurrent appends', () => {
    async function race(expected: ExpectedRevision, writers: number) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: writers }, () =>
          store().appendToStream('order-1', newEvents(2), { expectedRevision: expected }),
        ),
      );
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      return { won, lost };
    }

    it('with the same exact revision: exactly one wins, the others get the new revision', async () => {
      await store().appendToStream('order-1', newEvents(1), { expectedRevision: 'no_stream' });
      const { won, lost } = await race(0n, 20);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const error of lost) {
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect((error as WrongExpectedRevisionError).actual).toBe(2n);
      }
      expect(await store().streamRevision('order-1')).toBe(2n);
    });

    it('with no_stream: exactly one creates the stream', async () => {
      const { won, lost } = await race('no_stream', 10);
      expect(won).toHaveLength(1);
      expect(lost.map((error) => (error as WrongExpectedRevisionError).actual)).toEqual(Array(9).fill(1n));
      expect(await store().readStream('order-1')).toHaveLength(2);
    });

    it('with any to one stream: all succeed with distinct contiguous revisions', async () => {
      const { won } = await race('any', 10);
      const revisions = won.map((outcome) => (outcome as PromiseFulfilledResult<AppendResult>).value.nextExpectedRevision);
      expect([...revisions].sort((a, b) => Number(a - b))).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(2 * i + 1)));
      expect((await store().readStream('order-1')).map((event) => event.revision)).toEqual(
        Array.from({ length: 20 }, (_, i) => BigInt(i)),
      );
    });

    it('to different streams: all succeed, each at revision 0 with its own position', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store().appendToStream(`order-${i}`, newEvents(1), { expectedRevision: 'no_stream' }),
        ),
      );
      expect(results.map((result) => result.nextExpectedRevision)).toEqual(Array(50).fill(0n));
      expect(new Set(results.map((result) => result.position)).size).toBe(50);
      const all = await store().readAll();
      expect(all).toHaveLength(50);
      expectStrictlyIncreasing(all.map((event) => event.position));
    });

    it('a refused append among concurrent ones fails alone', async () => {
      await store().appendToStream('order-0', newEvents(1));
      const outcomes = await Promise.allSettled([
        store().appendToStream('order-1', newEvents(1), { expectedRevision: 'no_stream' }),
        store().appendToStream('order-0', newEvents(1), { expectedRevision: 'no_stream' }),
        store().appendToStream('order-2', newEvents(2), { expectedRevision: 'no_stream' }),
        store().appendToStream('order-1', newEvents(1), { expectedRevision: 0n }),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(await store().streamRevision('order-0')).toBe(0n);
      expect(await store().streamRevision('order-1')).toBe(1n);
      expect(await store().streamRevision('order-2')).toBe(1n);
    });
  });
}
