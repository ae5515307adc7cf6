/**
 * The event store port (DESIGN §4). Numbering follows EventStoreDB everywhere:
 * - a stream revision is the 0-based index of an event in its stream (bigint);
 * - a global position orders every event of one store; positions only grow, but need not be
 *   contiguous (gaps are allowed, as in EventStoreDB);
 * - an expected revision is `any`, `no_stream`, `stream_exists` or the exact revision of the
 *   stream's last event.
 *
 * Guarantees every adapter gives, proven by the contract suite:
 * - an append is atomic: all of its events or none;
 * - the promise of `appendToStream` resolves only once the events are durable;
 * - appending event ids that the stream already holds, as one contiguous run in the same order,
 *   is idempotent whatever the expected revision: nothing is written and the first append's
 *   result is returned. Ids that exist only in part, or in another stream, are refused.
 *
 * Hazards: appending with `any` after reading loses the race to a concurrent writer silently;
 * hand the revision you read to `expectedRevision`.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface EventToAppend<T extends string = string, D = unknown> {
  /** A uuid chosen by the writer; the key of idempotency. */
  eventId: string;
  type: T;
  data: D;
  metadata: EventMetadata;
}

/** JSON metadata; the envelope fields of DESIGN §4 live here (see oversight's envelope). */
export type EventMetadata = Record<string, unknown>;

export interface RecordedEvent<T extends string = string, D = unknown> {
  streamId: string;
  revision: bigint;
  position: bigint;
  eventId: string;
  type: T;
  data: D;
  metadata: EventMetadata;
}

export interface AppendResult {
  /** Revision of the last event now in the stream: the expected revision for the next append. */
  nextExpectedRevision: bigint;
  /** Global position of the last event of this append. */
  position: bigint;
}

export interface AppendOptions {
  /** Defaults to `any`. */
  expectedRevision?: ExpectedRevision;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: Direction;
  /** Inclusive. Defaults to the first revision forwards, the last backwards. */
  fromRevision?: bigint;
  /** Defaults to every event. */
  maxCount?: number;
}

export interface ReadAllOptions {
  direction?: Direction;
  /**
   * Exclusive: forwards, events with a position greater than this; backwards, smaller.
   * Defaults to the very start (forwards) or end (backwards).
   */
  after?: bigint;
  maxCount?: number;
  /** Only streams whose id starts with this prefix. */
  streamPrefix?: string;
}

export interface SubscribeToAllOptions {
  /** Exclusive: deliver events with a greater position. Omit to start from the beginning. */
  after?: bigint;
  streamPrefix?: string;
}

/**
 * A catch-up subscription: first every stored event after `after`, then live ones, each exactly
 * once and in position order, with no gap at the switch. Iterate it with `for await`; ending the
 * loop or calling `close()` stops it.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  appendToStream(streamId: string, events: EventToAppend[], options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Revision of the stream's last event, or null when the stream does not exist. */
  streamRevision(streamId: string): Promise<bigint | null>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the last event in the store, or 0n when it is empty. */
  headPosition(): Promise<bigint>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  close(): Promise<void>;
  /**
   * OPTIONAL: the event with this id, in whatever stream, or null. Adapters that keep an index of
   * ids (SQLite: UNIQUE(event_id); in memory: a map) offer it so that a retried command is
   * recognised without scanning its stream. Adapters without one (EventStoreDB) leave it out and
   * callers fall back to reading the stream.
   */
  findEvent?(eventId: string): Promise<RecordedEvent | null>;
}
