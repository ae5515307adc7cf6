import { Global, Logger, Module } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port';
import { connectEventStoreDb, describeConnection } from '../../../../libs/event-store/src/eventstoredb/eventstoredb-connection';
import { describeError } from '../../../../libs/event-store/src/eventstoredb/eventstoredb-errors';
import { connectPostgres } from '../../../../libs/event-store/src/postgres/postgres-connection';
import { messageOf } from '../../../../libs/event-store/src/postgres/postgres-errors';
import { ensureReadModelSource } from '../../../../libs/event-store/src/migration/read-model-source';
import { SqliteEventStore } from '../../../../libs/event-store/src/sqlite/sqlite-event-store';
import { shiftedClock, systemClock, type Clock } from '../../../../libs/oversight/src/application/clock';
import { OversightCommandHandler } from '../../../../libs/oversight/src/application/handle-command';
import { OrganizationQueries } from '../../../../libs/oversight/src/queries/organization.queries';
import { ExceptionQueries } from '../../../../libs/oversight/src/queries/exception.queries';
import { ReadModelStreamSnapshots } from '../../../../libs/oversight/src/snapshots/read-model-stream-snapshots';
import { StreamSnapshotCache } from '../../../../libs/oversight/src/snapshots/stream-snapshot-cache';
import type { AppConfig } from '../config/app-config';
import {
  EVENT_STORE_CONFIG,
  eventStoreConfigWarnings,
  loadEventStoreConfig,
  readModelSourceOf,
  type EventStoreConfig,
} from '../config/event-store-config';
import { APP_CONFIG, CLOCK, EVENT_STORE, READ_MODEL_DB } from './tokens';
import { ProjectionService } from './projection.service';

/**
 * Composition of the persistence: the event store (the audit trail) — the embedded SQLite file
 * DATA_DIR/events.db, PostgreSQL when EVENT_STORE=postgres, or EventStoreDB when
 * EVENT_STORE=eventstoredb — and the read-model database (rebuildable from it), always a SQLite
 * file of this replica, DATA_DIR/read-models.db. With a shared store every replica keeps its own
 * read models, fed by its own subscription: a replica started with an empty DATA_DIR catches up
 * by itself.
 */
@Global()
@Module({
  providers: [
    { provide: EVENT_STORE_CONFIG, useFactory: (): EventStoreConfig => loadEventStoreConfig() },
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG, EVENT_STORE_CONFIG],
      useFactory: async (config: AppConfig, store: EventStoreConfig): Promise<EventStore> => {
        const logger = new Logger('EventStore');
        for (const warning of eventStoreConfigWarnings(store)) logger.warn(warning);
        if (store.kind === 'sqlite') {
          mkdirSync(config.dataDir, { recursive: true });
          return new SqliteEventStore(join(config.dataDir, 'events.db'), { pollIntervalMs: config.pollIntervalMs });
        }
        // Start-up waits (bounded) for the store, logging each attempt; a dead store fails the start.
        const where = describeConnection(store.connectionString);
        if (store.kind === 'postgres') {
          logger.log(`Using PostgreSQL at ${where} (schema "${store.schema}")`);
          return connectPostgres({
            connectionString: store.connectionString,
            schema: store.schema,
            poolSize: store.poolSize,
            startup: store.startup,
            pollIntervalMs: config.pollIntervalMs,
            log: (line) => logger.warn(line),
            onConnectionError: (error) => logger.warn(`PostgreSQL connection lost (${messageOf(error)}); reconnecting`),
          });
        }
        logger.log(`Using EventStoreDB at ${where}${store.namespace ? ` (namespace "${store.namespace}")` : ''}`);
        return connectEventStoreDb({
          connectionString: store.connectionString,
          namespace: store.namespace,
          deadlineMs: store.deadlineMs,
          startup: store.startup,
          log: (line) => logger.warn(line),
          onSubscriptionDropped: ({ error, attempt, delayMs, resumeAfter }) =>
            logger.warn(
              `Subscription to EventStoreDB dropped (${describeError(error)}); ` +
                `resubscribing after position ${resumeAfter ?? 'start'} in ${delayMs} ms (attempt ${attempt})`,
            ),
        });
      },
    },
    {
      provide: READ_MODEL_DB,
      inject: [APP_CONFIG, EVENT_STORE_CONFIG],
      useFactory: (config: AppConfig, store: EventStoreConfig) => {
        mkdirSync(config.dataDir, { recursive: true });
        const path = join(config.dataDir, 'read-models.db');
        // Checkpoints are positions of one store: after a switch of store the read models rebuild.
        if (ensureReadModelSource(path, readModelSourceOf(store)) === 'rebuilt') {
          new Logger('Projections').warn(`Read models were built from another event store; rebuilding them from ${store.kind}`);
        }
        const db = new Database(path);
        db.pragma('journal_mode = WAL');
        // Read models are rebuildable from the store; a lost last commit is replayed from the checkpoint.
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 5000');
        // 16 MB of page cache (the default is 2 MB): at a million events the read model is hundreds
        // of MB and a projection batch touches rows all over it (see bench/); more costs memory.
        db.pragma('cache_size = -16384');
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
      inject: [EVENT_STORE, CLOCK, READ_MODEL_DB],
      // The command path starts from the latest state it knows (its own last commands, else the
      // read model's) and reads only the stream's tail: its cost does not grow with the stream.
      useFactory: (store: EventStore, clock: Clock, db: Database.Database) =>
        new OversightCommandHandler(store, clock, 8, new StreamSnapshotCache(10_000, new ReadModelStreamSnapshots(db))),
    },
    { provide: OrganizationQueries, inject: [READ_MODEL_DB], useFactory: (db: Database.Database) => new OrganizationQueries(db) },
    { provide: ExceptionQueries, inject: [READ_MODEL_DB], useFactory: (db: Database.Database) => new ExceptionQueries(db) },
    ProjectionService,
  ],
  exports: [EVENT_STORE_CONFIG, EVENT_STORE, READ_MODEL_DB, CLOCK, OversightCommandHandler, OrganizationQueries, ExceptionQueries, ProjectionService],
})
export class PersistenceModule {}
