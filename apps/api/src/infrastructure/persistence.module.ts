import { Global, Module } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../../../../libs/event-store/src/sqlite/sqlite-event-store';
import { shiftedClock, systemClock, type Clock } from '../../../../libs/oversight/src/application/clock';
import { OversightCommandHandler } from '../../../../libs/oversight/src/application/handle-command';
import { OrganizationQueries } from '../../../../libs/oversight/src/queries/organization.queries';
import { ExceptionQueries } from '../../../../libs/oversight/src/queries/exception.queries';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, EVENT_STORE, READ_MODEL_DB } from './tokens';
import { ProjectionService } from './projection.service';

/**
 * Composition of the persistence: the embedded event store (the audit trail) and the read-model
 * database (rebuildable from it), each its own SQLite file in DATA_DIR.
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): EventStore => {
        mkdirSync(config.dataDir, { recursive: true });
        return new SqliteEventStore(join(config.dataDir, 'events.db'), { pollIntervalMs: config.pollIntervalMs });
      },
    },
    {
      provide: READ_MODEL_DB,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        mkdirSync(config.dataDir, { recursive: true });
        const db = new Database(join(config.dataDir, 'read-models.db'));
        db.pragma('journal_mode = WAL');
        // Read models are rebuildable from the store; a lost last commit is replayed from the checkpoint.
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 5000');
        return db;
      },
    },
    {
      provide: CLOCK,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Clock => (config.clockStart ? shiftedClock(config.clockStart) : systemClock),
    },
    {
      provide: OversightCommandHandler,
      inject: [EVENT_STORE, CLOCK],
      useFactory: (store: EventStore, clock: Clock) => new OversightCommandHandler(store, clock),
    },
    { provide: OrganizationQueries, inject: [READ_MODEL_DB], useFactory: (db: Database.Database) => new OrganizationQueries(db) },
    { provide: ExceptionQueries, inject: [READ_MODEL_DB], useFactory: (db: Database.Database) => new ExceptionQueries(db) },
    ProjectionService,
  ],
  exports: [EVENT_STORE, READ_MODEL_DB, CLOCK, OversightCommandHandler, OrganizationQueries, ExceptionQueries, ProjectionService],
})
export class PersistenceModule {}
