/// <reference types="jest" />
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { EventStore, ExpectedRevision } from '../event-store.port';
import { newEvents, rejectionOf } from './contract-fixtures';

/** Every expected revision, 0-based contiguous revisions, and the empty append. */
export function expectationsContract(store: () => EventStore): void {
  describe('expected revision', () => {
    async function streamWith(count: number, streamId = 'order-1'): Promise<string> {
      await store().appendToStream(streamId, newEvents(count), { expectedRevision: 'no_stream' });
      return streamId;
    }

    async function expectRejected(streamId: string, expected: ExpectedRevision, actual: bigint | null) {
      const lengthBefore = (await store().readStream(streamId)).length;
      const error = await rejectionOf(
        store().appendToStream(streamId, newEvents(2), { expectedRevision: expected }),
        WrongExpectedRevisionError,
      );
      expect({ streamId: error.streamId, expected: error.expected, actual: error.actual }).toEqual({
        streamId,
        expected,
        actual,
      });
      expect(await store().readStream(streamId)).toHaveLength(lengthBefore);
    }

    it('no_stream on a new stream succeeds; revisions start at 0', async () => {
      const result = await store().appendToStream('order-1', newEvents(3), { expectedRevision: 'no_stream' });
      const events = await store().readStream('order-1');
      expect(events.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      expect(result).toEqual({ nextExpectedRevision: 2n, position: events[2]?.position });
    });

    it('no_stream on an existing stream fails with its actual revision', async () => {
      await expectRejected(await streamWith(2), 'no_stream', 1n);
    });

    it('stream_exists on a new stream fails with actual null and creates nothing', async () => {
      await expectRejected('order-new', 'stream_exists', null);
      expect(await store().streamRevision('order-new')).toBeNull();
    });

    it('stream_exists on an existing stream succeeds', async () => {
      const result = await store().appendToStream(await streamWith(1), newEvents(1), { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(1n);
    });

    it('an exact revision succeeds when it is the last revision', async () => {
      const result = await store().appendToStream(await streamWith(3), newEvents(2), { expectedRevision: 2n });
      expect(result.nextExpectedRevision).toBe(4n);
    });

    it.each([
      ['too low', 1n],
      ['too high', 3n],
      ['far too high', 1000n],
    ])('an exact revision %s fails with the actual revision', async (_, expected) => {
      await expectRejected(await streamWith(3), expected, 2n);
    });

    it('an exact revision on a missing stream fails with actual null', async () => {
      await expectRejected('order-new', 0n, null);
    });

    it('any succeeds on a new stream and on an existing one, and is the default', async () => {
      const first = await store().appendToStream('order-1', newEvents(1), { expectedRevision: 'any' });
      const second = await store().appendToStream('order-1', newEvents(2), { expectedRevision: 'any' });
      const third = await store().appendToStream('order-1', newEvents(1));
      expect([first, second, third].map((result) => result.nextExpectedRevision)).toEqual([0n, 2n, 3n]);
    });

    it('revisions stay 0-based and contiguous across appends; nextExpectedRevision chains', async () => {
      let expected: ExpectedRevision = 'no_stream';
      for (const count of [1, 3, 2]) {
        const result = await store().appendToStream('order-1', newEvents(count), { expectedRevision: expected });
        expected = result.nextExpectedRevision;
      }
      const revisions = (await store().readStream('order-1')).map((event) => event.revision);
      expect(revisions).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
      expect(expected).toBe(5n);
      expect(await store().streamRevision('order-1')).toBe(5n);
    });

    describe('an empty append', () => {
      it('on a missing stream checks the expectation, writes nothing, returns -1n and the head', async () => {
        await streamWith(2, 'other-1');
        const head = await store().headPosition();
        const result = await store().appendToStream('order-new', [], { expectedRevision: 'no_stream' });
        expect(result).toEqual({ nextExpectedRevision: -1n, position: head });
        expect(await store().streamRevision('order-new')).toBeNull();
        expect(await store().headPosition()).toBe(head);
        await expectRejected('order-new', 'stream_exists', null);
      });

      it('on an existing stream returns its last revision and position, writes nothing', async () => {
        const streamId = await streamWith(2);
        const last = (await store().readStream(streamId)).at(-1);
        const result = await store().appendToStream(streamId, [], { expectedRevision: 1n });
        expect(result).toEqual({ nextExpectedRevision: 1n, position: last?.position });
        expect(await store().readStream(streamId)).toHaveLength(2);
        await rejectionOf(store().appendToStream(streamId, [], { expectedRevision: 0n }), WrongExpectedRevisionError);
      });
    });
  });
}
