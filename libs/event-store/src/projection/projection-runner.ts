import type { Database } from 'better-sqlite3';
import type { AllSubscription, EventStore, RecordedEvent } from '../event-store.port';
import { advanceCheckpoint, CHECKPOINTS_DDL, readCheckpoint, type Projection } from './projection';
import { PositionWaiters } from './position-waiters';

export interface ProjectionRunnerOptions<Effect> {
  store: EventStore;
  /** The read-model database; the runner owns its transactions while running. */
  db: Database;
  projections: Projection<Effect>[];
  streamPrefix?: string;
  /** Most events applied in one transaction. */
  batchSize?: number;
  /** Called after each commit with the events applied and the projections' effects. */
  onCommitted?: (events: RecordedEvent[], effects: Effect[]) => void;
  onError?: (error: unknown) => void;
  /** Delay before retrying a batch that failed. */
  retryDelayMs?: number;
}

/**
 * Feeds projections from a checkpointed catch-up subscription (never from an event bus).
 * Each batch commits every projection's rows and checkpoint in one SQLite transaction, so a
 * runner killed between two batches resumes from the last commit: nothing lost, nothing twice.
 */
export class ProjectionRunner<Effect = unknown> {
  private subscription: AllSubscription | null = null;
  private loop: Promise<void> | null = null;
  private queue: RecordedEvent[] = [];
  /** The one drain in progress: batches commit strictly one after another, in order. */
  private drain: Promise<void> | null = null;
  private readonly waiters = new PositionWaiters();
  private applied = 0n;
  private stopped = false;
  lastError: unknown = null;

  constructor(private readonly options: ProjectionRunnerOptions<Effect>) {
    const { db, projections } = options;
    db.exec(CHECKPOINTS_DDL);
    for (const p of projections) p.setup(db);
  }

  /** The position every projection has passed: reads consistent with it are safe. */
  get position(): bigint {
    return this.applied;
  }

  checkpoints(): Record<string, bigint> {
    return Object.fromEntries(this.options.projections.map((p) => [p.name, readCheckpoint(this.options.db, p.name)]));
  }

  start(): void {
    if (this.loop) return;
    this.stopped = false;
    // The subscription re-reads from the checkpoint: anything left queued is stale.
    this.queue = [];
    const from = this.minCheckpoint();
    this.applied = from;
    this.subscription = this.options.store.subscribeToAll({ after: from, streamPrefix: this.options.streamPrefix });
    const sub = this.subscription;
    this.loop = (async () => {
      for await (const event of sub) {
        this.queue.push(event);
        if (this.queue.length >= this.batchSize) await this.flushNow();
        else this.scheduleFlush();
      }
      await this.flushNow();
    })().catch((error) => this.fail(error));
  }

  /** Resolves true once every projection has passed `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.applied >= position) return Promise.resolve(true);
    return this.waiters.wait(position, timeoutMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
    await this.drain;
    this.loop = null;
    this.subscription = null;
    this.waiters.rejectAll();
  }

  /** Deletes its projections' rows and checkpoints, to replay from position zero. The runner must be stopped. */
  resetAll(): void {
    const { db, projections } = this.options;
    db.transaction(() => {
      // Only this runner's checkpoints: another runner's projections in the same file keep their
      // rows, so their checkpoints must stay with them.
      const forget = db.prepare('DELETE FROM projection_checkpoints WHERE name = ?');
      for (const p of projections) {
        p.reset(db);
        forget.run(p.name);
      }
    })();
    this.applied = 0n;
  }

  private minCheckpoint(): bigint {
    const all = Object.values(this.checkpoints());
    return all.length === 0 ? 0n : all.reduce((a, b) => (b < a ? b : a));
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 500;
  }

  /** Lets events that arrive in the same turn gather into one transaction. */
  private scheduleFlush(): void {
    if (this.drain) return;
    this.startDrain(new Promise<void>((resolve) => setImmediate(resolve)));
  }

  private async flushNow(): Promise<void> {
    while (this.drain) await this.drain;
    if (this.queue.length > 0) {
      this.startDrain(Promise.resolve());
      await this.drain;
    }
  }

  private startDrain(after: Promise<void>): void {
    this.drain = after
      .then(async () => {
        while (this.queue.length > 0) await this.commitWithRetry(this.queue.splice(0, this.batchSize));
      })
      .catch((error) => this.fail(error))
      .finally(() => {
        this.drain = null;
        if (this.queue.length > 0 && !this.stopped) this.scheduleFlush();
      });
  }

  private async commitWithRetry(batch: RecordedEvent[]): Promise<void> {
    let effects: Effect[];
    for (;;) {
      try {
        effects = this.commit(batch);
        break;
      } catch (error) {
        this.lastError = error;
        this.options.onError?.(error);
        if (this.stopped) {
          // Nothing after a batch that did not commit may commit, or the checkpoint would jump
          // over it and lose it; the next start() re-reads from the checkpoint.
          this.queue = [];
          throw error;
        }
        await new Promise((r) => setTimeout(r, this.options.retryDelayMs ?? 1000));
      }
    }
    this.applied = batch[batch.length - 1]!.position;
    this.waiters.release(this.applied);
    this.lastError = null;
    // The batch is committed: a failing listener is reported, never a reason to re-run it
    // (a re-run would find nothing fresh and announce the batch again with no effects).
    try {
      this.options.onCommitted?.(batch, effects);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private commit(batch: RecordedEvent[]): Effect[] {
    const { db, projections } = this.options;
    return db.transaction(() => {
      const effects: Effect[] = [];
      for (const p of projections) {
        const from = readCheckpoint(db, p.name);
        const fresh = batch.filter((e) => e.position > from);
        if (fresh.length === 0) continue;
        effects.push(...p.apply(db, fresh));
        advanceCheckpoint(db, p.name, from, fresh[fresh.length - 1]!.position);
      }
      return effects;
    })();
  }

  private fail(error: unknown): void {
    this.lastError = error;
    this.options.onError?.(error);
  }
}
