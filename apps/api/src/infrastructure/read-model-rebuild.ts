import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import Database from 'better-sqlite3';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '../../../../libs/event-store/src/event-store.port';
import type { Projection } from '../../../../libs/event-store/src/projection/projection';
import { ProjectionRunner } from '../../../../libs/event-store/src/projection/projection-runner';
import { ORGANIZATION_STREAM_PREFIX } from '../../../../libs/oversight/src/application/event-envelope';
import type { AssuranceStatusChange } from '../../../../libs/oversight/src/projections/read-model.effects';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, EVENT_STORE } from './tokens';
import { ProjectionService } from './projection.service';
import { copyReadModelInto } from './read-model-copy';

export type RebuildState = 'IDLE' | 'RUNNING' | 'SWAPPING' | 'COMPLETED' | 'FAILED';

export interface RebuildProgress {
  state: RebuildState;
  /** Events applied to the new read model so far. */
  processed: number;
  /** Events to apply in all: an estimate while running (the store keeps growing), exact at the end. */
  total: number;
  eventsPerSecond: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export const REBUILD_BATCH_SIZE = 50_000;
/** Organizations a rebuild holds in memory before writing their rows (bounded memory). */
export const REBUILD_DEFER_ROWS = 20_000;

/** A projection's rebuild-mode flush, if it has one (OrganizationsProjection). */
function flushOf(p: Projection<AssuranceStatusChange>): AssuranceStatusChange[] {
  const flush = (p as { flush?: () => AssuranceStatusChange[] }).flush;
  return flush ? flush.call(p) : [];
}

const REBUILD_FILE = /^read-models\.\d+\.db(-journal|-wal|-shm)?$/;

/**
 * Rebuilds every read model from position zero into a new file (DATA_DIR/read-models.<ts>.db)
 * with its own runner, while the live runner keeps serving queries from the old one. Once the
 * new one has caught up, the swap: stop the live runner, let the rebuild pass it, copy the new
 * read model into the live file in one transaction, announce what only the rebuild applied, and
 * start the live runner again. One rebuild at a time.
 */
@Injectable()
export class ReadModelRebuilder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReadModelRebuild');
  private progress: RebuildProgress = { state: 'IDLE', processed: 0, total: 0, eventsPerSecond: 0, startedAt: null, finishedAt: null, error: null };
  private job: Promise<void> | null = null;
  private runner: ProjectionRunner<AssuranceStatusChange> | null = null;
  private cancelled = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projections: ProjectionService,
  ) {}

  /** A rebuild interrupted by a crash left its file behind: it is of no use, remove it. */
  onApplicationBootstrap(): void {
    for (const name of readdirSync(this.config.dataDir).filter((n) => REBUILD_FILE.test(n))) rmSync(join(this.config.dataDir, name), { force: true });
  }

  status(): RebuildProgress {
    const p = this.progress;
    const started = p.startedAt ? Date.parse(p.startedAt) : null;
    const end = p.finishedAt ? Date.parse(p.finishedAt) : Date.now();
    const seconds = started === null ? 0 : Math.max(0.001, (end - started) / 1000);
    return { ...p, eventsPerSecond: started === null ? 0 : Math.round(p.processed / seconds) };
  }

  /** Starts a rebuild, or reports the one already running. */
  start(): RebuildProgress {
    if (this.job) return this.status();
    this.cancelled = false;
    this.progress = { state: 'RUNNING', processed: 0, total: 0, eventsPerSecond: 0, startedAt: new Date().toISOString(), finishedAt: null, error: null };
    this.job = this.run()
      .catch((error: unknown) => {
        this.progress = { ...this.progress, state: 'FAILED', finishedAt: new Date().toISOString(), error: String(error) };
        this.logger.error(`Read-model rebuild failed; the live read model is unchanged: ${String(error)}`);
      })
      .finally(() => (this.job = null));
    return this.status();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.cancelled = true;
    await this.runner?.stop();
    await this.job;
  }

  private async run(): Promise<void> {
    const path = join(this.config.dataDir, `read-models.${Date.now()}.db`);
    const db = new Database(path);
    // A throwaway file until the swap copies it: durability would only slow the rebuild down.
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    const pending: Array<{ events: RecordedEvent[]; changes: AssuranceStatusChange[] }> = [];
    const target = await this.lastOrganizationPosition();
    // Rebuild mode: organizations' rows are written when they leave a bounded in-memory set or at
    // the flush before the swap, not once per batch (the file is thrown away on any failure).
    const projections = this.projections.createProjections({ deferRows: REBUILD_DEFER_ROWS });
    const runner = new ProjectionRunner<AssuranceStatusChange>({
      store: this.store,
      db,
      projections,
      // Every stream, as the live runner reads them. Large batches: each organization's rows are written once per batch, so a rebuild from zero
      // writes them a few times instead of once per thousand events (bench/: about 4× faster).
      batchSize: REBUILD_BATCH_SIZE,
      onCommitted: (events, changes) => {
        this.progress.processed += events.length;
        this.progress.total = Math.max(this.progress.total, this.progress.processed);
        // Keep what the live runner has not announced yet: after the swap nobody else will.
        const live = this.projections.runner.position;
        if (events[events.length - 1]!.position > live) pending.push({ events, changes });
      },
      onError: (error) => this.logger.warn(`Rebuild batch failed, will retry: ${String(error)}`),
    });
    this.runner = runner;
    try {
      this.progress.total = Number(target); // positions are dense in SQLite: a fair estimate
      runner.start();
      await this.catchUp(runner, target);
      this.progress.state = 'SWAPPING';
      const copied = await this.projections.whilePaused(async (livePosition) => {
        await this.catchUp(runner, livePosition);
        await runner.stop();
        const flushed = db.transaction(() => projections.flatMap((p) => flushOf(p)))();
        const result = copyReadModelInto(this.projections.readModel, path);
        for (const { events, changes } of pending) {
          const fresh = events.filter((e) => e.position > livePosition);
          if (fresh.length > 0) this.projections.announce(fresh, changes.filter((c) => c.position > livePosition));
        }
        const late = flushed.filter((c) => c.position > livePosition);
        if (late.length > 0) this.projections.announce([], late);
        return result;
      });
      this.progress = { ...this.progress, state: 'COMPLETED', total: this.progress.processed, finishedAt: new Date().toISOString() };
      this.logger.log(`Read models rebuilt from ${this.progress.processed} events (${this.status().eventsPerSecond}/s); ${copied.rows} rows swapped in`);
    } finally {
      await runner.stop();
      this.runner = null;
      db.close();
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
  }

  private async catchUp(runner: ProjectionRunner<AssuranceStatusChange>, position: bigint): Promise<void> {
    while (!(await runner.waitFor(position, 1000))) {
      if (this.cancelled) throw new Error('Rebuild cancelled by shutdown');
    }
  }

  private async lastOrganizationPosition(): Promise<bigint> {
    const [last] = await this.store.readAll({ direction: 'backwards', maxCount: 1, streamPrefix: ORGANIZATION_STREAM_PREFIX });
    return last?.position ?? 0n;
  }
}
