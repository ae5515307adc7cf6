import {
  ANY,
  DeadlineExceededError,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import { collect, isStreamNotFound, toStoreError, toWrongExpectedRevision, withDeadline } from './eventstoredb-errors';
import {
  PositionGuard,
  StreamNames,
  toActualRevision,
  toEsdbExpectedRevision,
  toEventData,
  toPortPosition,
  toReadPosition,
  toRecordedEvent,
} from './eventstoredb-mapping';

describe('EventStoreDB mapping', () => {
  it('maps the four expected revisions one to one', () => {
    expect(['any', 'no_stream', 'stream_exists', 7n].map((e) => toEsdbExpectedRevision(e as never))).toEqual([
      ANY,
      NO_STREAM,
      STREAM_EXISTS,
      7n,
    ]);
  });

  it('maps WrongExpectedVersionError to WrongExpectedRevisionError with the actual revision', () => {
    const existing = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 1n, current: 4n });
    const missing = new WrongExpectedVersionError(undefined, { streamName: 's', expected: STREAM_EXISTS, current: NO_STREAM });
    const mapped = toWrongExpectedRevision(existing, 'order-1', 1n);
    expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
    expect([mapped.streamId, mapped.expected, mapped.actual]).toEqual(['order-1', 1n, 4n]);
    expect(toWrongExpectedRevision(missing, 'order-1', 'stream_exists').actual).toBeNull();
    expect([toActualRevision(-1n), toActualRevision(undefined), toActualRevision(0n)]).toEqual([null, null, 0n]);
  });

  it('maps unavailability to EventStoreUnavailableError and leaves refusals alone', () => {
    for (const error of [
      new UnavailableError(),
      new DeadlineExceededError(),
      { type: 'not-leader', message: 'not leader' },
      new Error('Failed to discover after 10 attempts.'),
    ]) {
      expect(toStoreError(error, 'append to s')).toBeInstanceOf(EventStoreUnavailableError);
    }
    const notFound = new StreamNotFoundError(undefined, 's');
    expect(isStreamNotFound(notFound)).toBe(true);
    const wrong = new WrongExpectedVersionError(undefined, { streamName: 's', expected: ANY, current: 1n });
    for (const error of [notFound, wrong, new TypeError('x')]) expect(toStoreError(error, 'x')).toBe(error);
  });

  it('converts positions: the port position is the commit position; resuming resolves the full one', () => {
    expect(toPortPosition({ commit: 1234n, prepare: 1234n }, 'e')).toBe(1234n);
    expect(() => toPortPosition(undefined, 'e')).toThrow(/22\.10/);
    expect(toReadPosition(undefined)).toBe(START);
    expect(toReadPosition(0n)).toBe(START);
    expect(toReadPosition(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
  });

  it('sends JSON events with the port’s id, and checks them before anything is sent', () => {
    const eventId = randomUUID();
    const data = toEventData({ eventId, type: 'T', data: { a: 1 }, metadata: { tenantId: 't' } });
    expect(data).toEqual({ id: eventId, type: 'T', contentType: 'application/json', data: { a: 1 }, metadata: { tenantId: 't' } });
    expect(() => toEventData({ eventId, type: 'T', data: undefined, metadata: {} })).toThrow(TypeError);
    expect(() => toEventData({ eventId: 'e-1', type: 'T', data: {}, metadata: {} })).toThrow(/lowercase UUID/);
  });

  describe('recorded events', () => {
    const record = (streamId: string, extra: Partial<EsdbRecordedEvent> = {}) =>
      ({
        streamId,
        id: 'e-1',
        revision: 3n,
        type: 'T',
        isJson: true,
        created: new Date(),
        data: { a: [1] },
        metadata: { actor: { id: 'u' } },
        position: { commit: 90n, prepare: 90n },
        ...extra,
      }) as EsdbRecordedEvent;

    it('strips the namespace and keeps every field', () => {
      expect(toRecordedEvent(record('ns/order-1'), new StreamNames('ns/'))).toEqual({
        streamId: 'order-1',
        revision: 3n,
        position: 90n,
        eventId: 'e-1',
        type: 'T',
        data: { a: [1] },
        metadata: { actor: { id: 'u' } },
      });
    });

    it('leaves out system streams and other namespaces; refuses what it cannot represent', () => {
      const names = new StreamNames('ns/');
      expect(toRecordedEvent(record('$ce-order'), names)).toBeNull();
      expect(toRecordedEvent(record('other/order-1'), names)).toBeNull();
      expect(toRecordedEvent(record('ns/o', { metadata: undefined }), names)?.metadata).toEqual({});
      expect(() => toRecordedEvent(record('ns/o', { isJson: false } as never), names)).toThrow(/not JSON/);
      expect(() => toRecordedEvent(record('ns/o', { metadata: [1] } as never), names)).toThrow(/metadata/);
      expect(() => new StreamNames().toServer('$all')).toThrow(RangeError);
    });
  });

  describe('PositionGuard', () => {
    it('admits increasing positions once, skips a repeat, refuses a shared position', () => {
      const guard = new PositionGuard(10n);
      expect([10n, 20n, 20n, 15n, 30n].map((position) => guard.admit({ position, eventId: `e${position}` }))).toEqual([
        false,
        true,
        false,
        false,
        true,
      ]);
      expect(() => guard.admit({ position: 30n, eventId: 'another' })).toThrow(/explicit transactions/);
      const backwards = new PositionGuard(undefined, 'backwards');
      expect([50n, 40n, 45n].map((position) => backwards.admit({ position, eventId: 'e' }))).toEqual([true, true, false]);
    });
  });

  describe('deadlines', () => {
    it('fails a call that does not answer in time with EventStoreUnavailableError, and cancels it', async () => {
      const onTimeout = jest.fn();
      const error = await withDeadline(20, 'read x', () => new Promise(() => undefined), onTimeout).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect(onTimeout).toHaveBeenCalledTimes(1);
    });

    it('maps a failing call and passes a result through', async () => {
      await expect(withDeadline(1000, 'x', () => Promise.reject(new UnavailableError()))).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
      expect(await withDeadline(1000, 'x', async () => 42)).toBe(42);
    });

    it('collects a read, or cancels it at the deadline', async () => {
      const items = async function* () {
        yield 1;
        yield 2;
      };
      expect(await collect(Object.assign(items(), { cancel: async () => undefined }), 1000, 'x')).toEqual([1, 2]);
      const cancel = jest.fn(async () => undefined);
      const never = { [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => undefined) }), cancel };
      await expect(collect(never, 20, 'x')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      expect(cancel).toHaveBeenCalled();
    });
  });
});
