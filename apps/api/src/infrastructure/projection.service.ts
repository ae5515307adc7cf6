import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { Database } from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '../../../../libs/event-store/src/event-store.port';
import type { Projection } from '../../../../libs/event-store/src/projection/projection';
import { ProjectionRunner } from '../../../../libs/event-store/src/projection/projection-runner';
import type { Clock } from '../../../../libs/oversight/src/application/clock';
import { OrganizationsProjection, type OrganizationsProjectionOptions } from '../../../../libs/oversight/src/projections/organizations.projection';
import type { AssuranceStatusChange } from '../../../../libs/oversight/src/projections/read-model.effects';
import { StatusClock } from '../../../../libs/oversight/src/projections/status-clock';
import { SqliteEventStore } from '../../../../libs/event-store/src/sqlite/sqlite-event-store';
import { AsOfSnapshotProjection } from '../../../../libs/oversight/src/snapshots/as-of-snapshot.projection';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, EVENT_STORE, READ_MODEL_DB } from './tokens';
import { ProjectionCommitted } from './projection-committed.event';

/**
 * Runs the projections for the life of the app and announces, through the EventBus, what each
 * commit changed — the only use of the EventBus (DESIGN §4): subscriptions hear of an event only
 * after the read model that answers queries about it has committed.
 */
@Injectable()
export class ProjectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  readonly projection: OrganizationsProjection;
  readonly runner: ProjectionRunner<AssuranceStatusChange>;
  readonly statusClock: StatusClock;
  /** Set while the live runner is stopped for a read-model swap; resolves when it runs again. */
  private paused: Promise<void> | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly eventBus: EventBus,
  ) {
    this.projection = new OrganizationsProjection(clock);
    this.runner = new ProjectionRunner<AssuranceStatusChange>({
      store,
      db,
      projections: [this.projection, ...this.createProjections().slice(1)],
      // Every stream: the organizations' and the tenants' service auditors (AUDITOR_NOT_VETTED).
      onCommitted: (events, changes) => this.announce(events, changes),
      onError: (error) => this.logger.error(`Projection batch failed, will retry: ${String(error)}`),
    });
    this.statusClock = new StatusClock(db, this.projection, clock, (changes) => this.announce([], changes));
  }

  onApplicationBootstrap(): void {
    this.statusClock.catchUp();
    this.runner.start();
    this.statusClock.start(this.config.statusClockIntervalMs);
    this.logger.log(`Projections started from position ${this.runner.position}`);
  }

  /** Fresh instances of every projection the live runner feeds: a rebuild runs the same set. */
  createProjections(options: OrganizationsProjectionOptions = {}): Projection<AssuranceStatusChange>[] {
    return [new OrganizationsProjection(this.clock, options), ...this.snapshotProjections()];
  }

  /**
   * As-of snapshots (libs/oversight/src/snapshots) need a synchronous read of a stream while the
   * read-model transaction is open: the SQLite store offers one; with EventStoreDB, as-of replays
   * fold the whole stream, as before.
   */
  private snapshotProjections(): Projection<AssuranceStatusChange>[] {
    const store = this.store;
    if (!(store instanceof SqliteEventStore)) return [];
    const read = (streamId: string, from: bigint, to: bigint) => store.readStreamSync(streamId, { fromRevision: from, maxCount: Number(to - from + 1n) });
    return [new AsOfSnapshotProjection({ read, every: 100 }) as Projection<never>];
  }

  /** The live read-model database (the rebuild copies a finished read model into it). */
  get readModel(): Database {
    return this.db;
  }

  /**
   * Waits until the read models reflect `position`; false after the configured bound. A swap
   * stops the live runner (which releases its waiters with false): wait for it to run again.
   */
  async consistentWith(position: bigint): Promise<boolean> {
    const deadline = Date.now() + this.config.consistencyTimeoutMs;
    for (;;) {
      if (this.paused) await this.paused;
      const ok = await this.runner.waitFor(position, Math.max(0, deadline - Date.now()));
      if (ok || !this.paused || Date.now() >= deadline) return ok;
    }
  }

  /**
   * Runs `work` with the live runner and the status clock stopped (nothing writes the read
   * models meanwhile; queries keep reading them), then starts both again from the checkpoint
   * the read model then holds. `work` gets the position the live read model had reached.
   */
  async whilePaused<T>(work: (livePosition: bigint) => Promise<T>): Promise<T> {
    let resume = () => {};
    this.paused = new Promise<void>((resolve) => (resume = resolve));
    try {
      this.statusClock.stop();
      await this.runner.stop();
      return await work(this.runner.position);
    } finally {
      this.runner.start();
      this.statusClock.start(this.config.statusClockIntervalMs);
      this.paused = null;
      resume();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.statusClock.stop();
    await this.runner.stop();
    await this.store.close();
    this.db.close();
    this.logger.log('Projections stopped; stores closed');
  }

  /** Tells subscriptions what a commit changed (also for commits a rebuild made during a swap). */
  announce(events: RecordedEvent[], changes: AssuranceStatusChange[]): void {
    this.eventBus.publish(new ProjectionCommitted(events, changes));
  }
}
