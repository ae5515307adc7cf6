import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, RECORDERS } from '../auth/roles';
import { CurrentCaller, type Caller } from '../common/caller';
import { InputGuard } from '../common/input-guard';
import { CommandRunner } from '../oversight/commands/command-runner.service';
import { CommandResult } from '../oversight/types/portfolio.type';
import { DocumentAttachments } from './document-attachments.service';
import { AttachDocumentInput } from './documents.graphql';

/** Attaching a stored document to an organization is an oversight fact (DocumentAttached). */
@Resolver()
export class DocumentsResolver {
  constructor(
    private readonly runner: CommandRunner,
    private readonly attachments: DocumentAttachments,
  ) {}

  @Allow(RECORDERS)
  @Mutation(() => CommandResult, { description: 'Records that a stored document matters to the organization (DocumentAttached).' })
  async attachDocument(@CurrentCaller() caller: Caller, @Args('input') input: AttachDocumentInput) {
    const g = new InputGuard();
    const organizationId = g.id(input.organizationId, 'organizationId');
    const title = g.text(input.title, 'title');
    const data = await this.attachments.describe(caller, g.text(input.documentId, 'documentId', 64), input.kind, title, null);
    return this.runner.run(caller, organizationId, { type: 'AttachDocument', data: data! }, input);
  }
}
