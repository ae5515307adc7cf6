import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import type { DocumentStore } from '../../../../libs/documents/src/document-store.port';
import { FsDocumentStore } from '../../../../libs/documents/src/fs/fs-document-store';
import { PostgresDocumentStore } from '../../../../libs/documents/src/postgres/postgres-document-store';
import { messageOf } from '../../../../libs/event-store/src/postgres/postgres-errors';
import type { AppConfig } from '../config/app-config';
import type { EventStoreConfig } from '../config/event-store-config';

/**
 * Where evidence bytes live follows the event store: with EVENT_STORE=postgres they go to the
 * same database and schema (table `documents`), so every replica serves every upload; otherwise
 * to this replica's DATA_DIR/documents. Called after the event store connected, so the database
 * is known to be up (the event store's start-up already waited for it).
 */
export async function createDocumentStore(config: AppConfig, store: EventStoreConfig): Promise<DocumentStore> {
  if (store.kind !== 'postgres') return new FsDocumentStore(join(config.dataDir, 'documents'));
  const logger = new Logger('DocumentStore');
  logger.log(`Evidence documents in PostgreSQL (schema "${store.schema}", table documents)`);
  return PostgresDocumentStore.connect({
    connectionString: store.connectionString,
    schema: store.schema,
    poolSize: Math.max(2, Math.ceil(store.poolSize / 4)),
    onConnectionError: (error) => logger.warn(`PostgreSQL connection of the document store lost (${messageOf(error)}); reconnecting`),
  });
}
