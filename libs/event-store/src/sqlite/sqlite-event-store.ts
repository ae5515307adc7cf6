import type Database from 'better-sqlite3';
import { AppendSignal, CatchUpSubscription } from '../catch-up-subscription';
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
import { GroupCommit, type BatchCommitted } from './group-commit';
import { appendInTransaction, encodeEvents } from './sqlite-append';
import { EventQueries } from './sqlite-queries';
import { openEventsDatabase } from './sqlite-schema';

export interface SqliteEventStoreOptions {
  /** How often subscriptions re-read without a signal, to see other processes' writes. 250 ms. */
  pollIntervalMs?: number;
  /** How long to wait for another process's write lock. 5000 ms. */
  busyTimeoutMs?: number;
  /** Appends per transaction (group commit). 1000; 1 means one transaction per append. */
  maxBatchSize?: number;
  /** Events a subscription reads at a time. 500. */
  subscriptionPageSize?: number;
  /** Called after every COMMIT of a batch: metrics and tests. */
  onBatchCommitted?: BatchCommitted;
}

/**
 * The default EventStore: one SQLite file (WAL, synchronous=FULL). Appends are group-committed:
 * concurrent appends share one transaction and one fsync, each in its own savepoint, and each
 * promise resolves once the batch is durable. Every expectation and idempotency check runs in
 * that write transaction, so it holds against writers in other processes on the same file.
 *
 * Subscriptions re-read by position when this store commits, and poll for other processes.
 * Hazard: better-sqlite3 is synchronous, so a large read blocks the event loop while it runs.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly queries: EventQueries;
  private readonly commits: GroupCommit;
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private closed = false;

  /** Opens (creating if needed) the file at `path`; ':memory:' gives a private throwaway store. */
  constructor(
    readonly path: string,
    private readonly options: SqliteEventStoreOptions = {},
  ) {
    this.db = openEventsDatabase(path, options.busyTimeoutMs ?? 5000);
    this.queries = new EventQueries(this.db);
    this.commits = new GroupCommit(this.db, options.maxBatchSize ?? 1000, (batch) => {
      if (batch.succeeded > 0) this.signal.notify();
      options.onBatchCommitted?.(batch);
    });
  }

  async appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    const encoded = encodeEvents(events);
    return this.commits.run(() =>
      appendInTransaction(this.queries, streamId, encoded, expected, new Date().toISOString()),
    );
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.queries.readStream(streamId, options);
  }

  async findEvent(eventId: string): Promise<RecordedEvent | null> {
    this.assertOpen();
    return this.queries.readEvent(eventId);
  }

  /**
   * A synchronous read of one stream, for code that must stay synchronous (a projection building
   * a snapshot inside its read-model transaction). Same rows as `readStream`.
   */
  readStreamSync(streamId: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    this.assertOpen();
    return this.queries.readStream(streamId, options);
  }

  async streamRevision(streamId: string): Promise<bigint | null> {
    this.assertOpen();
    return this.queries.streamTail(streamId)?.revision ?? null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.queries.readAll(options);
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return this.queries.headPosition();
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const { streamPrefix } = options;
    const source = {
      readPage: (after: bigint | undefined, maxCount: number) => this.readAll({ after, maxCount, streamPrefix }),
      signal: this.signal,
      pollIntervalMs: this.options.pollIntervalMs ?? 250,
      pageSize: this.options.subscriptionPageSize ?? 500,
    };
    const subscription = new CatchUpSubscription(source, options.after, (closed) => this.subscriptions.delete(closed));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The connection's effective settings, for health checks and tests. */
  pragmas(): { journalMode: string; synchronous: number; busyTimeoutMs: number } {
    this.assertOpen();
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
    };
  }

  /**
   * Commits the appends already queued (their promises resolve), ends every subscription, then
   * closes the file. Later calls reject with EventStoreUnavailableError. Idempotent.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.commits.drain();
    } finally {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
      this.db.close();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError(`The SQLite event store ${this.path} is closed`);
  }
}
