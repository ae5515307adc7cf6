import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { Database } from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '../../../../libs/event-store/src/event-store.port';
import { ProjectionRunner } from '../../../../libs/event-store/src/projection/projection-runner';
import type { Clock } from '../../../../libs/oversight/src/application/clock';
import { ORGANIZATION_STREAM_PREFIX } from '../../../../libs/oversight/src/application/event-envelope';
import { OrganizationsProjection } from '../../../../libs/oversight/src/projections/organizations.projection';
import type { AssuranceStatusChange } from '../../../../libs/oversight/src/projections/read-model.effects';
import { StatusClock } from '../../../../libs/oversight/src/projections/status-clock';
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

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database,
    @Inject(CLOCK) clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly eventBus: EventBus,
  ) {
    this.projection = new OrganizationsProjection(clock);
    this.runner = new ProjectionRunner<AssuranceStatusChange>({
      store,
      db,
      projections: [this.projection],
      streamPrefix: ORGANIZATION_STREAM_PREFIX,
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

  /** Waits until the read models reflect `position`; false after the configured bound. */
  consistentWith(position: bigint): Promise<boolean> {
    return this.runner.waitFor(position, this.config.consistencyTimeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.statusClock.stop();
    await this.runner.stop();
    await this.store.close();
    this.db.close();
    this.logger.log('Projections stopped; stores closed');
  }

  private announce(events: RecordedEvent[], changes: AssuranceStatusChange[]): void {
    this.eventBus.publish(new ProjectionCommitted(events, changes));
  }
}
