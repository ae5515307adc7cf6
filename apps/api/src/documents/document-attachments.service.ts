import { Inject, Injectable } from '@nestjs/common';
import type { DocumentStore } from '../../../../libs/documents/src/document-store.port';
import type { DocumentAttachedData, DocumentKind, DocumentSubject } from '../../../../libs/oversight/src/domain/organization.documents';
import type { Caller } from '../common/caller';
import { apiError } from '../graphql/errors';
import { DOCUMENT_STORE } from './documents.tokens';

/**
 * Turns a client's documentId into the facts an attachment records, from the caller's tenant's
 * DocumentStore: a document that is not stored there (never uploaded, or another tenant's) is
 * refused, and nothing is written.
 */
@Injectable()
export class DocumentAttachments {
  constructor(@Inject(DOCUMENT_STORE) private readonly store: DocumentStore) {}

  async describe(
    caller: Caller,
    documentId: string | null | undefined,
    kind: DocumentKind,
    title: string,
    subject: DocumentSubject | null,
  ): Promise<DocumentAttachedData | null> {
    if (documentId === null || documentId === undefined) return null;
    const id = typeof documentId === 'string' ? documentId.trim().toLowerCase() : '';
    const stored = await this.store.head(caller.tenantId, id);
    if (!stored) {
      throw apiError('BAD_USER_INPUT', `input.documentId: unknown document ${JSON.stringify(documentId)}; upload it first (POST /documents)`, {
        field: 'input.documentId',
        reason: 'UNKNOWN_DOCUMENT',
      });
    }
    return {
      documentId: stored.documentId,
      sha256: stored.sha256,
      kind,
      title,
      filename: stored.filename,
      mediaType: stored.mediaType,
      size: stored.size,
      subject,
    };
  }
}
