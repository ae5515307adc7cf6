import { Global, Module, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { DocumentStore } from '../../../../libs/documents/src/document-store.port';
import { DraftPool } from '../../../../libs/documents/src/intake/draft-pool';
import type { AppConfig } from '../config/app-config';
import { EVENT_STORE_CONFIG, type EventStoreConfig } from '../config/event-store-config';
import { APP_CONFIG, EVENT_STORE } from '../infrastructure/tokens';
import { createDocumentStore } from './document-store.factory';
import { DocumentAccess } from './document-access';
import { DocumentAttachments } from './document-attachments.service';
import { DocumentsController } from './documents.controller';
import { DOCUMENT_STORE, DOCUMENTS_CONFIG, DRAFT_POOL, loadDocumentsConfig, type DocumentsConfig } from './documents.tokens';

/**
 * Evidence documents: the embedded store keeps them under DATA_DIR/documents; with
 * EVENT_STORE=postgres they live in the event store's database, shared by every replica.
 */
@Global()
@Module({
  controllers: [DocumentsController],
  providers: [
    { provide: DOCUMENTS_CONFIG, useFactory: () => loadDocumentsConfig() },
    {
      provide: DOCUMENT_STORE,
      // EVENT_STORE only orders start-up: the document store connects once the database answered.
      inject: [APP_CONFIG, EVENT_STORE_CONFIG, EVENT_STORE],
      useFactory: (config: AppConfig, store: EventStoreConfig): Promise<DocumentStore> => createDocumentStore(config, store),
    },
    { provide: DRAFT_POOL, inject: [DOCUMENTS_CONFIG], useFactory: (config: DocumentsConfig) => new DraftPool(config.intakeConcurrency) },
    DocumentAccess,
    DocumentAttachments,
  ],
  exports: [DOCUMENT_STORE, DOCUMENTS_CONFIG, DRAFT_POOL, DocumentAccess, DocumentAttachments],
})
export class DocumentsModule implements OnModuleDestroy {
  constructor(private readonly moduleRef: ModuleRef) {}

  async onModuleDestroy(): Promise<void> {
    await this.moduleRef.get<DraftPool>(DRAFT_POOL).close();
    await this.moduleRef.get<DocumentStore>(DOCUMENT_STORE).close();
  }
}
