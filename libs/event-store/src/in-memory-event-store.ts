import { AppendSignal, CatchUpSubscription } from './catch-up-subscription';
import { EventStoreUnavailableError } from './event-store.errors';
import type {
  AllSubscription,
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from './event-store.port';
import { checkExpectedRevision, checkMaxCount, emptyAppendResult, findRepeatedAppend, toJsonText } from './store-rules';

/**
 * An EventStore held in memory, for fast tests. Same semantics as the SQLite store, proven by
 * the same contract suite: data and metadata go through JSON exactly as they would on disk, so a
 * test cannot pass here and fail there because of an undefined field or a shared reference.
 * Positions are 1, 2, 3…; nothing survives the process.
 */
export class InMemoryEventStore implements EventStore {
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private closed = false;

  /** Atomic because it runs to completion without awaiting; durable as far as memory goes. */
  async appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const ids = events.map((event) => event.eventId);
    const repeated = findRepeatedAppend(streamId, ids, ids.map((id) => this.byId.get(id)));
    if (repeated !== null) return repeated;
    const stream = this.streams.get(streamId);
    const tail = stream?.at(-1);
    checkExpectedRevision(streamId, options.expectedRevision ?? 'any', tail?.revision ?? null);
    if (events.length === 0) return emptyAppendResult(tail, BigInt(this.all.length));
    // Serialize everything before touching state, so a non-JSON value fails the whole append.
    const copies = events.map((event) => ({
      ...event,
      data: JSON.parse(toJsonText(event.data, 'data')) as unknown,
      metadata: JSON.parse(toJsonText(event.metadata, 'metadata')) as RecordedEvent['metadata'],
    }));
    const target = stream ?? [];
    let revision = tail?.revision ?? -1n;
    for (const event of copies) {
      revision += 1n;
      const recorded: RecordedEvent = {
        streamId,
        revision,
        position: BigInt(this.all.length + 1),
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      };
      this.all.push(recorded);
      target.push(recorded);
      this.byId.set(recorded.eventId, recorded);
    }
    this.streams.set(streamId, target);
    this.signal.notify();
    return { nextExpectedRevision: revision, position: BigInt(this.all.length) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    checkMaxCount(options.maxCount);
    const stream = this.streams.get(streamId) ?? [];
    const limit = options.maxCount ?? Infinity;
    const from = options.fromRevision;
    const picked =
      options.direction === 'backwards'
        ? stream.filter((event) => from === undefined || event.revision <= from).reverse()
        : stream.filter((event) => from === undefined || event.revision >= from);
    return picked.slice(0, limit).map(copyRecorded);
  }

  async findEvent(eventId: string): Promise<RecordedEvent | null> {
    this.assertOpen();
    const event = this.byId.get(eventId);
    return event === undefined ? null : copyRecorded(event);
  }

  async streamRevision(streamId: string): Promise<bigint | null> {
    this.assertOpen();
    return this.streams.get(streamId)?.at(-1)?.revision ?? null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    checkMaxCount(options.maxCount);
    const { after, streamPrefix } = options;
    const limit = options.maxCount ?? Infinity;
    const backwards = options.direction === 'backwards';
    // Position p sits at index p - 1, so `after` converts directly into a start index.
    const start = backwards
      ? Math.min(this.all.length, after === undefined ? Infinity : Number(after) - 1) - 1
      : Math.max(0, after === undefined ? 0 : Number(after));
    const step = backwards ? -1 : 1;
    const picked: RecordedEvent[] = [];
    for (let i = start; picked.length < limit && i >= 0 && i < this.all.length; i += step) {
      const event = this.all[i];
      if (event !== undefined && (streamPrefix === undefined || event.streamId.startsWith(streamPrefix))) {
        picked.push(copyRecorded(event));
      }
    }
    return picked;
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return BigInt(this.all.length);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const { streamPrefix } = options;
    const source = {
      readPage: (after: bigint | undefined, maxCount: number) => this.readAll({ after, maxCount, streamPrefix }),
      signal: this.signal,
      pageSize: 500,
    };
    const subscription = new CatchUpSubscription(source, options.after, (closed) => this.subscriptions.delete(closed));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Ends every subscription; later calls reject with EventStoreUnavailableError. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The in-memory event store is closed');
  }
}

function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Readers get their own copies, so mutating a read event cannot rewrite history. */
function copyRecorded(event: RecordedEvent): RecordedEvent {
  return { ...event, data: jsonCopy(event.data), metadata: jsonCopy(event.metadata) };
}
