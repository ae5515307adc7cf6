import type { Pool } from 'pg';
import type { AppendSignal, CatchUpSource } from '../catch-up-subscription';
import { EventStoreUnavailableError } from '../event-store.errors';
import type { RecordedEvent } from '../event-store.port';
import { isUnavailable, pause } from './postgres-errors';
import { subscriptionPageQuery, toRecordedEvent, type EventRow } from './postgres-queries';

export interface SubscriptionSourceOptions {
  prefix: string | undefined;
  pollIntervalMs: number;
  pageSize: number;
  /** Aborted when the store closes: a read waiting to retry gives up. */
  stop: AbortSignal;
  onError?: (error: unknown) => void;
}

/** How soon to look again while committed events wait behind a running transaction. */
const HIDDEN_RECHECK_MS = 5;

/**
 * Pages for a CatchUpSubscription. A page read that fails because the server is unreachable
 * (a dropped connection, a restart) is retried with backoff from the same position, so the
 * subscription survives the outage and resumes where it was: nothing skipped, nothing twice.
 */
export class PostgresSubscriptionSource implements CatchUpSource {
  readonly pollIntervalMs: number;
  readonly pageSize: number;
  private recheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly table: string,
    readonly signal: AppendSignal,
    private readonly options: SubscriptionSourceOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs;
    this.pageSize = options.pageSize;
  }

  async readPage(after: bigint | undefined, maxCount: number): Promise<RecordedEvent[]> {
    for (let attempt = 0; ; attempt++) {
      if (this.options.stop.aborted) throw new EventStoreUnavailableError('The PostgreSQL event store is closed');
      try {
        return await this.readOnce(after, maxCount);
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        this.options.onError?.(error);
        await pause(Math.min(50 * 2 ** Math.min(attempt, 7), 5000), this.options.stop);
      }
    }
  }

  private async readOnce(after: bigint | undefined, maxCount: number): Promise<RecordedEvent[]> {
    const query = subscriptionPageQuery(this.table, after, maxCount, this.options.prefix);
    const { rows } = await this.pool.query<Partial<EventRow> & { hidden: boolean }>(query.text, query.values);
    const events = rows.filter((row): row is EventRow & { hidden: boolean } => row.position != null).map(toRecordedEvent);
    if (rows[0]?.hidden === true && events.length < maxCount) this.recheckSoon();
    return events;
  }

  /** Wakes the subscriptions shortly, once, to see events held back by an older transaction. */
  private recheckSoon(): void {
    if (this.recheck !== undefined) return;
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      if (!this.options.stop.aborted) this.signal.notify();
    }, HIDDEN_RECHECK_MS);
    this.recheck.unref();
  }
}
