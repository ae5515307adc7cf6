import { BACKWARDS, END, FORWARDS, START } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.errors';
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
} from '../event-store.port';
import { checkExpectedRevision, checkMaxCount, emptyAppendResult, findRepeatedAppend } from '../store-rules';
import { collect, isStreamNotFound, isWrongExpectedVersion, toWrongExpectedRevision, withDeadline } from './eventstoredb-errors';
import { StreamNames, toEsdbExpectedRevision, toEventData, toRecordedEvent } from './eventstoredb-mapping';
import type { EsdbClient, EventStoreDbOptions } from './eventstoredb-options';
import { readAllPages } from './eventstoredb-reads';
import { subscribeFiltered, type ResubscribingSubscription } from './eventstoredb-subscription';

export type { EsdbClient, EventStoreDbOptions } from './eventstoredb-options';

/**
 * The EventStore port on EventStoreDB / KurrentDB (server 22.10 or later; stream reads must carry
 * positions), through @eventstore/db-client 6.x. The mapping (also in README "Scaling out"):
 *
 * | port                               | client (@eventstore/db-client)                            |
 * | ---------------------------------- | --------------------------------------------------------- |
 * | revision (0-based bigint)          | `RecordedEvent.revision` (0-based bigint)                 |
 * | `any` / `no_stream` / `stream_exists` / n | `ANY` / `NO_STREAM` / `STREAM_EXISTS` / n (bigint)  |
 * | WrongExpectedRevisionError.actual  | WrongExpectedVersionError.actualVersion (`no_stream`→null) |
 * | position (bigint)                  | `Position.commit`; resuming uses `{ commit: p, prepare: p }` |
 * | AppendResult.position              | `AppendResult.position.commit` (of the last event)        |
 * | eventId (uuid)                     | `EventData.id` (the same uuid)                            |
 * | data / metadata (JSON)             | `jsonEvent` data / metadata, `application/json`           |
 * | readStream of a missing stream: [] | StreamNotFoundError                                       |
 * | readAll streamPrefix               | client-side filter while paging $all (`$…` left out)      |
 * | subscribeToAll streamPrefix        | `streamNameFilter({ prefixes })` on the server            |
 * | EventStoreUnavailableError         | Unavailable, DeadlineExceeded, NotLeader, Cancelled errors, or our deadline |
 *
 * Idempotency: before writing, the adapter reads the stream and applies the port's rule
 * (store-rules `findRepeatedAppend`): the same ids as one run in order answer the first result,
 * overlapping ids are a DuplicateEventIdError. It reads again after a conflict, so a retry that
 * raced its first attempt also gets the first result. Differences: ids are checked per stream
 * only, not across streams (the server has no index of ids); the check and the write are two
 * calls, so two concurrent appends of the same new ids with `any` rely on the server's own
 * idempotency cache; each append costs one extra read of its stream.
 *
 * Every call has a deadline; an unreachable server is EventStoreUnavailableError, never a hang.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly names: StreamNames;
  private readonly deadlineMs: number;
  private readonly subscriptions = new Set<ResubscribingSubscription>();
  private closed = false;

  constructor(
    private readonly client: EsdbClient,
    private readonly options: EventStoreDbOptions = {},
  ) {
    this.names = new StreamNames(options.namespace ?? '');
    this.deadlineMs = options.deadlineMs ?? 5000;
  }

  async appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    const payload = events.map(toEventData); // validates ids and JSON before anything is sent
    const ids = events.map((event) => event.eventId);
    const stored = await this.readStream(streamId);
    const repeated = findRepeatedAppend(streamId, ids, ids.map(refIn(stored)));
    if (repeated !== null) return repeated;
    const tail = stored.at(-1);
    if (events.length === 0 || (typeof expected === 'bigint' && expected < 0n)) {
      checkExpectedRevision(streamId, expected, tail?.revision ?? null);
      return emptyAppendResult(tail, tail === undefined ? await this.headPosition() : 0n);
    }
    const what = `append to ${streamId}`;
    try {
      const result = await withDeadline(this.deadlineMs, what, () =>
        this.client.appendToStream(this.names.toServer(streamId), payload, {
          expectedRevision: toEsdbExpectedRevision(expected),
          deadline: this.deadlineMs,
        }),
      );
      const position = result.position?.commit ?? (await this.positionOf(streamId, result.nextExpectedRevision));
      return { nextExpectedRevision: result.nextExpectedRevision, position };
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      // Perhaps our own earlier attempt (same ids) won the race: then it is a repeat, not a conflict.
      const now = await this.readStream(streamId);
      const raced = findRepeatedAppend(streamId, ids, ids.map(refIn(now)));
      if (raced !== null) return raced;
      throw toWrongExpectedRevision(error, streamId, expected);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    checkMaxCount(options.maxCount);
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    let fromRevision = options.fromRevision;
    if (backwards && fromRevision !== undefined) {
      // A backwards read must start at an existing revision: clamp a start beyond the end.
      const last = await this.streamRevision(streamId);
      if (last === null || fromRevision < 0n) return [];
      if (fromRevision > last) fromRevision = last;
    }
    const from = fromRevision === undefined || fromRevision < 0n ? (backwards ? END : START) : fromRevision;
    try {
      const read = this.client.readStream(this.names.toServer(streamId), {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: from,
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      const resolved = await collect(read, this.deadlineMs, `read ${streamId}`);
      return resolved.flatMap(({ event }) => {
        const recorded = event === undefined ? null : toRecordedEvent(event, this.names);
        return recorded === null ? [] : [recorded];
      });
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
  }

  async streamRevision(streamId: string): Promise<bigint | null> {
    const last = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last[0]?.revision ?? null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    checkMaxCount(options.maxCount);
    return readAllPages({
      read: (readOptions) => collect(this.client.readAll(readOptions), this.deadlineMs, 'read $all'),
      names: this.names,
      pageSize: this.options.pageSize ?? 500,
      ...options,
    });
  }

  async headPosition(): Promise<bigint> {
    const [last] = await this.readAll({ direction: 'backwards', maxCount: 1 });
    return last?.position ?? 0n;
  }

  /** Succeeds when the server answers a read; for start-up waits and health checks. */
  async ping(): Promise<void> {
    this.assertOpen();
    await collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }), this.deadlineMs, 'ping');
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const subscription = subscribeFiltered(this.client, this.names, options, {
      backoff: this.options.resubscribe ?? { initialMs: 250, maxMs: 10_000 },
      onDropped: this.options.onSubscriptionDropped,
      onClosed: (closed) => this.subscriptions.delete(closed),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Ends every subscription and releases the connection; later calls are refused. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    // Shutdown must not hang on a connection to a node that no longer answers.
    await withDeadline(this.deadlineMs, 'close', () => this.client.dispose()).catch(() => undefined);
  }

  /** The position of the event at `revision`, for a server that did not return one. */
  private async positionOf(streamId: string, revision: bigint): Promise<bigint> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (event === undefined) throw new Error(`EventStoreDB acknowledged revision ${revision} of ${streamId}, which cannot be read`);
    return event.position;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The EventStoreDB event store is closed');
  }
}

/** Where each id of `ids` is stored in `stream`, for findRepeatedAppend. */
function refIn(stream: readonly RecordedEvent[]) {
  const byId = new Map(stream.map((event) => [event.eventId, event]));
  return (id: string) => byId.get(id);
}
