import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { FsDocumentStore } from '../../../../libs/documents/src/fs/fs-document-store';
import type { DocumentStore } from '../../../../libs/documents/src/document-store.port';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { DocumentAccess } from './document-access';
import { DocumentAttachments } from './document-attachments.service';
import { DocumentsController } from './documents.controller';
import { DOCUMENT_STORE, DOCUMENTS_CONFIG, loadDocumentsConfig } from './documents.tokens';

/**
 * Evidence documents: the embedded store keeps them under DATA_DIR/documents (the PostgreSQL
 * store, for several replicas, comes with the PostgreSQL event store).
 */
@Global()
@Module({
  controllers: [DocumentsController],
  providers: [
    { provide: DOCUMENTS_CONFIG, useFactory: () => loadDocumentsConfig() },
    {
      provide: DOCUMENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): DocumentStore => new FsDocumentStore(join(config.dataDir, 'documents')),
    },
    DocumentAccess,
    DocumentAttachments,
  ],
  exports: [DOCUMENT_STORE, DOCUMENTS_CONFIG, DocumentAccess, DocumentAttachments],
})
export class DocumentsModule {}
