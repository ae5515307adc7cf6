import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, RECORDERS } from '../auth/roles';
import { CurrentCaller, type Caller } from '../common/caller';
import { InputGuard } from '../common/input-guard';
import { CommandRunner } from '../oversight/commands/command-runner.service';
import { apiError } from '../graphql/errors';
import { OrganizationReader } from '../oversight/queries/organization.reader';
import { CommandResult } from '../oversight/types/portfolio.type';
import { DocumentAttachments } from './document-attachments.service';
import { AttachDocumentInput } from './documents.graphql';

/** Attaching a stored document to an organization is an oversight fact (DocumentAttached). */
@Resolver()
export class DocumentsResolver {
  constructor(
    private readonly runner: CommandRunner,
    private readonly attachments: DocumentAttachments,
    private readonly reader: OrganizationReader,
  ) {}

  @Allow(RECORDERS)
  @Mutation(() => CommandResult, { description: 'Records that a stored document matters to the organization (DocumentAttached).' })
  async attachDocument(@CurrentCaller() caller: Caller, @Args('input') input: AttachDocumentInput) {
    const g = new InputGuard();
    const organizationId = g.id(input.organizationId, 'organizationId');
    const title = g.text(input.title, 'title');
    const documentId = g.text(input.documentId, 'documentId', 64);
    const data = await this.attachments.describe(caller, documentId, input.kind, title, null).catch((error: unknown) => {
      // An organization this tenant does not have is NOT_FOUND first, as for every other mutation.
      if (!this.reader.organization(caller.tenantId, organizationId)) {
        throw apiError('NOT_FOUND', 'ORGANIZATION_NOT_FOUND: the organization is not registered', { rule: 'ORGANIZATION_NOT_FOUND' });
      }
      throw error;
    });
    return this.runner.run(caller, organizationId, { type: 'AttachDocument', data: data! }, input);
  }
}
