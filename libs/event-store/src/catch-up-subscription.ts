import type { AllSubscription, RecordedEvent } from './event-store.port';

/** In-process "something was committed" signal. Carries no payload on purpose: readers re-read. */
export class AppendSignal {
  private readonly listeners = new Set<() => void>();

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

export interface CatchUpSource {
  /** Events with a position greater than `after` (undefined: from the start), in order. */
  readPage(after: bigint | undefined, maxCount: number): Promise<RecordedEvent[]>;
  signal: AppendSignal;
  /** Re-read this often even without a signal (writers in other processes); undefined: never. */
  pollIntervalMs?: number;
  pageSize: number;
}

/**
 * A pull-based catch-up subscription. Ordering and exactly-once come only from positions: it
 * remembers the last position it read and always reads "after" it, so a signal can be early,
 * late, repeated or lost (covered by the poll) without changing what is delivered. It holds at
 * most one page in memory and reads the next one only when the consumer asks (backpressure).
 *
 * Race guard: `dirty` is cleared before a read starts, and any signal during the read sets it
 * again, so an event committed between "read found nothing" and "wait" is never missed.
 *
 * Hazard: "no gap" assumes a store never makes a position visible before a smaller one (true of
 * one SQLite file, whose write transactions are serialized, and of memory). PostgreSQL commits
 * out of order; its `readPage` shows only positions below the oldest running transaction.
 */
export class CatchUpSubscription implements AllSubscription, AsyncIterator<RecordedEvent> {
  private page: RecordedEvent[] = [];
  private dirty = true;
  private closed = false;
  private wake: (() => void) | undefined;
  private turn: Promise<unknown> = Promise.resolve();
  private readonly stopListening: () => void;
  private readonly poll: NodeJS.Timeout | undefined;

  constructor(
    private readonly source: CatchUpSource,
    private last: bigint | undefined,
    private readonly onClose: (subscription: CatchUpSubscription) => void = () => undefined,
  ) {
    this.stopListening = source.signal.listen(() => this.markDirty());
    if (source.pollIntervalMs !== undefined) {
      this.poll = setInterval(() => this.markDirty(), source.pollIntervalMs);
      this.poll.unref(); // an idle subscription must not keep the process alive
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this;
  }

  /** Calls are served one at a time, so concurrent next() calls never interleave reads. */
  next(): Promise<IteratorResult<RecordedEvent>> {
    const result = this.turn.then(() => this.pull());
    this.turn = result.catch(() => undefined);
    return result;
  }

  /** Called by `break` in a for-await loop. */
  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.close();
    return { done: true, value: undefined };
  }

  /** Ends the iteration: a pending next() resolves done, and later ones too. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.page = [];
    this.stopListening();
    if (this.poll !== undefined) clearInterval(this.poll);
    this.wake?.();
    this.onClose(this);
  }

  private markDirty(): void {
    this.dirty = true;
    this.wake?.();
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.closed) {
      const event = this.page.shift();
      if (event !== undefined) return { done: false, value: event };
      if (this.dirty) {
        this.dirty = false;
        const page = await this.source.readPage(this.last, this.source.pageSize).catch((error: unknown) => {
          this.dirty = true; // the next call retries the same read
          if (this.closed) return []; // a read cut short by close() ends the iteration, not as an error
          throw error;
        });
        if (this.closed) break;
        this.page = page;
        this.last = page.at(-1)?.position ?? this.last;
        // A full page means there may be more: keep reading without waiting for a signal.
        if (page.length === this.source.pageSize) this.dirty = true;
        continue;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    return { done: true, value: undefined };
  }
}
