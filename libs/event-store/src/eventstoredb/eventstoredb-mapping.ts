import {
  ANY,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  jsonEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type JSONType,
  type Position,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, EventToAppend, ExpectedRevision, RecordedEvent } from '../event-store.port';
import { toJsonText } from '../store-rules';

/**
 * Pure conversions between the port and @eventstore/db-client 6.x (see README "Scaling out").
 *
 * Positions: the port's bigint position is the event's commit position. Every event appended
 * over gRPC is its own implicit transaction, so its commit and prepare positions are equal and
 * `{ commit: p, prepare: p }` is the exact full Position of port position p. Events written in
 * explicit transactions (legacy TCP API) share a commit position; `PositionGuard` refuses them
 * loudly rather than dropping one as a "repeat".
 */

/** The port's expectation as the client's; a negative exact revision is caught before this. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/** The client's "current revision" of a WrongExpectedVersionError as the port's actual revision. */
export function toActualRevision(current: CurrentRevision | undefined): bigint | null {
  return typeof current === 'bigint' && current >= 0n ? current : null;
}

/** Where a read or subscription "after p" starts; 0n and undefined mean the very start. */
export function toReadPosition(after: bigint | undefined): ReadPosition {
  return after === undefined || after <= 0n ? START : { commit: after, prepare: after };
}

export function toPortPosition(position: Position | undefined, what: string): bigint {
  if (position === undefined) {
    // Stream reads carry positions only from server 22.6 on; older servers cannot back this port.
    throw new Error(`EventStoreDB returned no position for ${what}; the adapter needs server 22.10 or later`);
  }
  return position.commit;
}

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The client's event for a port event. Data and metadata are checked here, before anything is
 * sent, so that a value JSON cannot hold fails the whole append with a TypeError; the client then
 * stores exactly `JSON.stringify`'s text, and reads it back with `JSON.parse`.
 * Event ids must be lowercase canonical UUIDs: the server stores a UUID and answers it lowercase,
 * so any other spelling would not round-trip (and could not be matched on a retry).
 */
export function toEventData(event: EventToAppend) {
  if (!CANONICAL_UUID.test(event.eventId)) {
    throw new TypeError(`Event id "${event.eventId}" is not a lowercase UUID, which EventStoreDB requires`);
  }
  toJsonText(event.data, 'data');
  toJsonText(event.metadata, 'metadata');
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    // Any JSON value is sent as JSON.stringify(data); the client's type only names the common ones.
    data: event.data as JSONType,
    metadata: event.metadata,
  });
}

/** Maps port stream ids to server stream names under an optional namespace prefix, and back. */
export class StreamNames {
  constructor(readonly namespace = '') {}

  toServer(streamId: string): string {
    if (this.namespace === '' && streamId.startsWith('$')) {
      throw new RangeError(`Stream id "${streamId}": names starting with $ are EventStoreDB system streams`);
    }
    return this.namespace + streamId;
  }

  /** The port id of a server stream, or null for a system stream or one outside the namespace. */
  fromServer(streamName: string): string | null {
    if (streamName.startsWith('$') || !streamName.startsWith(this.namespace)) return null;
    return streamName.slice(this.namespace.length);
  }

  /** The server-side prefix for a port prefix: the namespace plus it. */
  prefix(streamPrefix = ''): string {
    return this.namespace + streamPrefix;
  }
}

/** A recorded event of the client as the port's; null when it is not in `names`' namespace. */
export function toRecordedEvent(record: EsdbRecordedEvent, names: StreamNames): RecordedEvent | null {
  const streamId = names.fromServer(record.streamId);
  if (streamId === null) return null;
  if (!record.isJson) throw new TypeError(`Event ${record.id} of ${record.streamId} is not JSON; it was not written by this store`);
  return {
    streamId,
    revision: record.revision,
    position: toPortPosition(record.position, `event ${record.id}`),
    eventId: record.id,
    type: record.type,
    data: record.data,
    metadata: toMetadata(record.metadata, record.id),
  };
}

function toMetadata(metadata: unknown, eventId: string): EventMetadata {
  if (metadata === undefined) return {}; // no metadata bytes at all
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata) || metadata instanceof Uint8Array) {
    throw new TypeError(`Event ${eventId} has metadata that is not a JSON object`);
  }
  return metadata as EventMetadata;
}

/**
 * Delivers each position once, in increasing order. A repeat of the last event (same position and
 * id: a page boundary or a resubscription) is skipped; another event at a position already passed
 * means the store holds data this adapter cannot order, and is refused loudly.
 */
export class PositionGuard {
  private lastId: string | undefined;

  constructor(
    private last: bigint | undefined,
    private readonly direction: 'forwards' | 'backwards' = 'forwards',
  ) {}

  get position(): bigint | undefined {
    return this.last;
  }

  admit(event: { position: bigint; eventId: string }): boolean {
    const last = this.last;
    const fresh = last === undefined || (this.direction === 'forwards' ? event.position > last : event.position < last);
    if (fresh) {
      this.last = event.position;
      this.lastId = event.eventId;
      return true;
    }
    if (event.position === last && this.lastId !== undefined && event.eventId !== this.lastId) {
      throw new Error(
        `Events ${this.lastId} and ${event.eventId} share position ${last}: explicit transactions are not supported`,
      );
    }
    return false;
  }
}
