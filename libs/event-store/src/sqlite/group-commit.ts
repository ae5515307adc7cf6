import type Database from 'better-sqlite3';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Called after each COMMIT, before the callers of the batch resume. */
export type BatchCommitted = (batch: { size: number; succeeded: number }) => void;

/**
 * Group commit: jobs queued in the same tick run in ONE `BEGIN IMMEDIATE … COMMIT`, so one
 * fsync acknowledges the whole batch instead of one fsync per append.
 *
 * Guarantees:
 * - jobs run in queue order inside the transaction, so a job sees the writes of earlier ones;
 * - each job runs in its own SAVEPOINT: a job that throws rolls back only its own writes and
 *   rejects only its own promise;
 * - every promise settles only after COMMIT returned, i.e. once the batch is durable;
 * - if BEGIN or COMMIT fails (another process holds the lock past busy_timeout, disk full…)
 *   the whole batch is rolled back and every promise of it rejects with that error.
 *
 * Hazard: a job must be synchronous and must not touch transactions itself.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly sql;

  constructor(
    private readonly db: Database.Database,
    private readonly maxBatchSize: number,
    private readonly onCommitted: BatchCommitted,
  ) {
    if (!(Number.isSafeInteger(maxBatchSize) && maxBatchSize >= 1)) {
      throw new RangeError(`maxBatchSize must be a positive integer, got ${maxBatchSize}`);
    }
    this.sql = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      savepoint: db.prepare('SAVEPOINT append'),
      release: db.prepare('RELEASE append'),
      rollbackTo: db.prepare('ROLLBACK TO append'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
    };
  }

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Commits everything queued, now; for close(), so no acknowledged-later append is lost. */
  drain(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    while (this.queue.length > 0) this.flush();
  }

  /** setImmediate runs after the current tick's microtasks, so same-tick appends batch up. */
  private schedule(): void {
    if (this.scheduled !== undefined) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      this.flush();
      if (this.queue.length > 0) this.schedule();
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, this.maxBatchSize);
    let outcomes: Outcome[];
    try {
      outcomes = this.runInTransaction(batch);
    } catch (error) {
      if (this.db.inTransaction) this.sql.rollback.run();
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
    // Promise callbacks run later as microtasks, so this still happens before callers resume.
    this.onCommitted({ size: batch.length, succeeded: outcomes.filter((outcome) => outcome.ok).length });
  }

  /** Throws only when the transaction as a whole failed; job errors become outcomes. */
  private runInTransaction(batch: readonly Job[]): Outcome[] {
    this.sql.begin.run();
    const outcomes = batch.map((job): Outcome => {
      this.sql.savepoint.run();
      try {
        const value = job.work();
        this.sql.release.run();
        return { ok: true, value };
      } catch (error) {
        // If SQLite already aborted the whole transaction, this throws and fails the batch.
        this.sql.rollbackTo.run();
        this.sql.release.run();
        return { ok: false, error };
      }
    });
    this.sql.commit.run();
    return outcomes;
  }
}
