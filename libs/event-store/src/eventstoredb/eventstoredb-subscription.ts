import { streamNameFilter, type AllStreamResolvedEvent } from '@eventstore/db-client';
import type { AllSubscription, RecordedEvent, SubscribeToAllOptions } from '../event-store.port';
import { PositionGuard, toReadPosition, toRecordedEvent, type StreamNames } from './eventstoredb-mapping';
import type { EsdbClient } from './eventstoredb-options';

/** What the subscription needs of one server subscription: events, and a way to stop it. */
export interface ServerSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
}

export interface SubscriptionDropped {
  error: unknown;
  /** Consecutive drops without an event delivered in between. */
  attempt: number;
  delayMs: number;
  /** The position it resumes after (undefined: from the start). */
  resumeAfter: bigint | undefined;
}

export interface ResubscribingOptions {
  /** Opens a server subscription delivering events after `after` (exclusive; undefined: start). */
  open(after: bigint | undefined): ServerSubscription;
  /** The port's event, or null when it is not for this subscription (system or other streams). */
  toRecorded(resolved: AllStreamResolvedEvent): RecordedEvent | null;
  /** First and largest delay before resubscribing; doubled on each consecutive drop. */
  backoff: { initialMs: number; maxMs: number };
  onDropped?: (dropped: SubscriptionDropped) => void;
  onClosed?: (subscription: ResubscribingSubscription) => void;
}

/**
 * A catch-up subscription to $all that survives the server: when the server subscription fails
 * or ends (a node restart, a leader change, a network cut), it waits with exponential backoff and
 * opens a new one after the last position it delivered. The server catches the new one up and
 * then goes live. The PositionGuard drops anything at or before that position, so each event is
 * delivered exactly once and in order across any number of resubscriptions.
 *
 * Errors that are not the server's (an event this adapter cannot map) are thrown to the
 * consumer: skipping the event would silently lose it.
 */
export class ResubscribingSubscription implements AllSubscription, AsyncIterator<RecordedEvent> {
  private current: { server: ServerSubscription; iterator: AsyncIterator<AllStreamResolvedEvent> } | null = null;
  private readonly guard: PositionGuard;
  private closed = false;
  private attempt = 0;
  private turn: Promise<unknown> = Promise.resolve();
  private readonly closing: Promise<'closed'>;
  private signalClosed!: () => void;

  constructor(
    after: bigint | undefined,
    private readonly options: ResubscribingOptions,
  ) {
    this.guard = new PositionGuard(after === undefined || after <= 0n ? undefined : after);
    this.closing = new Promise((resolve) => (this.signalClosed = () => resolve('closed')));
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this;
  }

  /** Calls are served one at a time, as the port's other subscriptions do. */
  next(): Promise<IteratorResult<RecordedEvent>> {
    const result = this.turn.then(() => this.pull());
    this.turn = result.catch(() => undefined);
    return result;
  }

  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.close();
    return { done: true, value: undefined };
  }

  /** Ends the iteration: a pending next() resolves done. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalClosed();
    await this.release();
    this.options.onClosed?.(this);
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.closed) {
      const current = this.current ?? this.open();
      let step: IteratorResult<AllStreamResolvedEvent> | 'closed';
      try {
        step = await Promise.race([current.iterator.next(), this.closing]);
      } catch (error) {
        await this.dropped(error);
        continue;
      }
      if (step === 'closed') break;
      if (step.done === true) {
        // A subscription never ends by itself: the server went away without an error.
        await this.dropped(new Error('the server ended the subscription'));
        continue;
      }
      this.attempt = 0;
      const event = this.options.toRecorded(step.value);
      if (event !== null && this.guard.admit(event)) return { done: false, value: event };
    }
    return { done: true, value: undefined };
  }

  private open() {
    const server = this.options.open(this.guard.position);
    this.current = { server, iterator: server[Symbol.asyncIterator]() };
    return this.current;
  }

  private async release(): Promise<void> {
    const current = this.current;
    this.current = null;
    await current?.server.unsubscribe().catch(() => undefined);
  }

  private async dropped(error: unknown): Promise<void> {
    await this.release();
    if (this.closed) return;
    this.attempt += 1;
    const { initialMs, maxMs } = this.options.backoff;
    const delayMs = Math.min(maxMs, initialMs * 2 ** Math.min(this.attempt - 1, 20));
    this.options.onDropped?.({ error, attempt: this.attempt, delayMs, resumeAfter: this.guard.position });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, delayMs))), this.closing]);
    clearTimeout(timer);
  }
}

/**
 * The port's subscribeToAll on the client's: filtered on the server by stream-name prefix (the
 * namespace plus the port's prefix), so a replica receives only its own streams; with no prefix
 * at all, `^[^$]` leaves out system streams. The same filter is applied again to what arrives.
 */
export function subscribeFiltered(
  client: Pick<EsdbClient, 'subscribeToAll'>,
  names: StreamNames,
  options: SubscribeToAllOptions,
  settings: Pick<ResubscribingOptions, 'backoff' | 'onDropped' | 'onClosed'>,
): ResubscribingSubscription {
  const prefix = names.prefix(options.streamPrefix);
  const filter = prefix === '' ? streamNameFilter({ regex: '^[^$]' }) : streamNameFilter({ prefixes: [prefix] });
  const wanted = options.streamPrefix ?? '';
  return new ResubscribingSubscription(options.after, {
    ...settings,
    open: (after) => client.subscribeToAll({ fromPosition: toReadPosition(after), filter }),
    toRecorded: (resolved) => {
      const event = resolved.event === undefined ? null : toRecordedEvent(resolved.event, names);
      return event !== null && event.streamId.startsWith(wanted) ? event : null;
    },
  });
}
