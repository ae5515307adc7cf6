import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { isDocumentId, type DocumentStore } from '../../../../libs/documents/src/document-store.port';
import type { DraftPool } from '../../../../libs/documents/src/intake/draft-pool';
import { IntakeError } from '../../../../libs/documents/src/intake/intake.errors';
import type { KnownSite } from '../../../../libs/documents/src/intake/site-ids.mapper';
import { OrganizationQueries } from '../../../../libs/oversight/src/queries/organization.queries';
import { Allow, RECORDERS } from '../auth/roles';
import { CurrentCaller, type Caller } from '../common/caller';
import { apiError, badInput } from '../graphql/errors';
import { DOCUMENT_STORE, DRAFT_POOL } from './documents.tokens';
import { ReportDraftModel } from './report-draft.graphql';

const PDF = 'application/pdf';

/**
 * The first read of a stored report, for whoever may upload and record it. Tenant-checked
 * through the DocumentStore (another tenant's document is simply not there); reads only.
 */
@Resolver()
export class ReportDraftResolver {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(DRAFT_POOL) private readonly pool: DraftPool,
    private readonly queries: OrganizationQueries,
  ) {}

  @Allow(RECORDERS)
  @Query(() => ReportDraftModel, {
    description: 'Reads a stored SOC 1/2/3 or ISAE 3402/3000 report PDF and proposes every recordReportReceived field (with page, quote and confidence) and a recordException draft per noted exception. Refuses with NO_TEXT_LAYER, NOT_A_SERVICE_AUDITOR_REPORT, UNREADABLE_DOCUMENT (not a readable PDF) or NOT_FOUND.',
  })
  async reportDraft(
    @CurrentCaller() caller: Caller,
    @Args('documentId', { type: () => ID, description: 'The documentId POST /documents answered.' }) documentId: string,
    @Args('organizationId', { type: () => ID, nullable: true, description: 'The organization the report is about: facilities the report names are then proposed as its registered site ids (when every one maps).' })
    organizationId?: string | null,
  ): Promise<ReportDraftModel> {
    const id = documentId.trim().toLowerCase();
    if (!isDocumentId(id)) throw badInput('documentId', 'must be the 64 hex digit documentId that POST /documents answered');
    const sites = organizationId ? this.sitesOf(caller, organizationId) : undefined;
    const stored = await this.store.head(caller.tenantId, id);
    if (!stored) throw apiError('NOT_FOUND', 'DOCUMENT_NOT_FOUND: no such document; upload it first (POST /documents)', { rule: 'DOCUMENT_NOT_FOUND' });
    if (stored.mediaType !== PDF) throw apiError('UNREADABLE_DOCUMENT', `the document is ${stored.mediaType}, not a PDF: only a report PDF can be drafted`);
    try {
      return await this.pool.draft(() => this.bytes(caller.tenantId, id), { documentId: stored.documentId, sites });
    } catch (error) {
      if (error instanceof IntakeError) throw apiError(error.code, error.message);
      throw error;
    }
  }

  private sitesOf(caller: Caller, organizationId: string): KnownSite[] {
    const state = this.queries.state(caller.tenantId, organizationId);
    if (!state) throw apiError('NOT_FOUND', 'ORGANIZATION_NOT_FOUND: the organization is not registered', { rule: 'ORGANIZATION_NOT_FOUND' });
    return Object.values(state.sites).map((s) => ({ id: s.siteId, name: s.name }));
  }

  private async bytes(tenantId: string, id: string): Promise<Uint8Array> {
    const found = await this.store.get(tenantId, id);
    if (!found) throw apiError('NOT_FOUND', 'DOCUMENT_NOT_FOUND: no such document', { rule: 'DOCUMENT_NOT_FOUND' });
    const chunks: Buffer[] = [];
    for await (const chunk of found.content) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}
