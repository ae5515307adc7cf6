import { Pool, type PoolConfig } from 'pg';
import { AppendSignal, CatchUpSubscription } from '../catch-up-subscription';
import { DuplicateEventIdError, EventStoreUnavailableError } from '../event-store.errors';
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
import { appendInTransaction, encodeEvents } from './postgres-append';
import { inTransaction, isUnavailable, sqlStateOf, toStoreError, UNIQUE_VIOLATION } from './postgres-errors';
import { KeyedTurns } from './keyed-turns';
import { PostgresNotifier } from './postgres-notifier';
import { headPositionQuery, readAllQuery, readStreamQuery, toRecordedEvent, type EventRow, type SqlQuery } from './postgres-queries';
import { quoteIdentifier } from './postgres-schema';
import { PostgresSubscriptionSource } from './postgres-subscription-source';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** The PostgreSQL schema holding the store's tables; several stores can share a database. 'public'. */
  schema?: string;
  /** Pooled connections of this process. 10. */
  poolSize?: number;
  /** Longest wait for a connection before a call fails as unavailable. 5000 ms. */
  connectTimeoutMs?: number;
  /** Longest a statement may run before a call fails. 10000 ms. */
  statementTimeoutMs?: number;
  /** Subscriptions re-read this often without a notification. 1000 ms. */
  pollIntervalMs?: number;
  /** Events a subscription reads at a time. 500. */
  subscriptionPageSize?: number;
  /** Called when the LISTEN connection or a subscription read fails (they retry by themselves). */
  onConnectionError?: (error: unknown) => void;
}

/**
 * The EventStore on PostgreSQL (node-postgres), for several API processes sharing one server.
 * Every expectation and idempotency check runs in the append's transaction under the stream's
 * advisory lock; UNIQUE(stream_id, revision) and UNIQUE(event_id) back them in the schema.
 * Durable when the promise resolves: COMMIT returns after the WAL flush (synchronous_commit on).
 *
 * Global order: a position is the appending transaction's id and the event's ordinal in it, and
 * readers see only positions below the oldest running transaction, so a reader never meets an
 * event that commits later with a smaller position (postgres-queries.ts). Hazard: a session that
 * holds a transaction id open (idle in transaction) holds every subscriber back until it ends.
 * Create it with `connectPostgres` (which also creates the schema).
 */
export class PostgresEventStore implements EventStore {
  /** The connection pool: for schema set-up and tools (migration checks, benchmarks). */
  readonly pool: Pool;
  private readonly table: string;
  private readonly signal = new AppendSignal();
  private readonly notifier: PostgresNotifier;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly closing = new AbortController();
  /** Appends of this process to one stream run in call order, as with the embedded store. */
  private readonly streamTurns = new KeyedTurns();

  constructor(private readonly options: PostgresEventStoreOptions) {
    const schema = options.schema ?? 'public';
    this.table = `${quoteIdentifier(schema)}.events`;
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      statement_timeout: options.statementTimeoutMs ?? 10_000,
      application_name: 'oversight-ledger',
    };
    this.pool = new Pool(config);
    // An idle pooled connection that the server drops emits here; the pool discards it.
    this.pool.on('error', (error) => options.onConnectionError?.(error));
    this.notifier = new PostgresNotifier(config, this.pool, `events:${schema}`, this.signal, options.onConnectionError);
  }

  /** The schema-qualified events table, for tools (migration checks, benchmarks). */
  get eventsTable(): string {
    return this.table;
  }

  async appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const encoded = encodeEvents(events);
    const expected = options.expectedRevision ?? 'any';
    const append = () => inTransaction(this.pool, (client) => appendInTransaction(client, this.table, streamId, encoded, expected));
    const result = await this.streamTurns.run(streamId, () => this.appendWithRetry(streamId, append, events));
    if (events.length > 0) this.notifier.announce();
    return result;
  }

  private async appendWithRetry(streamId: string, append: () => Promise<AppendResult>, events: EventToAppend[]): Promise<AppendResult> {
    let result: AppendResult;
    try {
      result = await append().catch(async (error: unknown) => {
        // A pooled connection the server dropped (restart, pg_terminate_backend): try once more on
        // a fresh one. Safe even if the first COMMIT went through: the ids make it a repeat.
        if (isUnavailable(error) && !this.closing.signal.aborted) return append();
        // An id raced in by another stream's concurrent append: decide again, now that it is visible.
        if (sqlStateOf(error) !== UNIQUE_VIOLATION) throw error;
        return append().catch((again: unknown) => {
          throw sqlStateOf(again) === UNIQUE_VIOLATION ? new DuplicateEventIdError(events.map((e) => e.eventId)) : again;
        });
      });
    } catch (error) {
      throw toStoreError(error, `append to ${streamId}`);
    }
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.readEvents(readStreamQuery(this.table, streamId, options), `read ${streamId}`);
  }

  async streamRevision(streamId: string): Promise<bigint | null> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last?.revision ?? null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readEvents(readAllQuery(this.table, options), 'read all');
  }

  async findEvent(eventId: string): Promise<RecordedEvent | null> {
    const text = `SELECT position, stream_id, revision, event_id, type, data, metadata FROM ${this.table} WHERE event_id = $1`;
    const [event] = await this.readEvents({ text, values: [eventId] }, 'find event');
    return event ?? null;
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ position: string }>(headPositionQuery(this.table)).catch((error: unknown) => {
      throw toStoreError(error, 'head position');
    });
    return BigInt(rows[0]?.position ?? 0);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    void this.notifier.listen();
    // Closing the subscription (or the store) also ends a read that is retrying through an outage.
    const ended = new AbortController();
    const source = new PostgresSubscriptionSource(this.pool, this.table, this.signal, {
      prefix: options.streamPrefix,
      pollIntervalMs: this.options.pollIntervalMs ?? 1000,
      pageSize: this.options.subscriptionPageSize ?? 500,
      stop: AbortSignal.any([this.closing.signal, ended.signal]),
      onError: this.options.onConnectionError,
    });
    const subscription = new CatchUpSubscription(source, options.after, (closed) => {
      ended.abort();
      this.subscriptions.delete(closed);
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Ends every subscription, stops listening and closes the pool. Later calls are refused. Idempotent. */
  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.notifier.close();
    await this.pool.end().catch(() => undefined);
  }

  private async readEvents(query: SqlQuery, what: string): Promise<RecordedEvent[]> {
    this.assertOpen();
    try {
      const { rows } = await this.pool.query<EventRow>(query.text, query.values);
      return rows.map(toRecordedEvent);
    } catch (error) {
      throw toStoreError(error, what);
    }
  }

  private assertOpen(): void {
    if (this.closing.signal.aborted) throw new EventStoreUnavailableError('The PostgreSQL event store is closed');
  }
}
