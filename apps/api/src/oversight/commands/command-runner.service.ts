import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { newId } from '../../../../../libs/oversight/src/application/ids';
import type { OversightCommand } from '../../../../../libs/oversight/src/domain/oversight.commands';
import type { Caller } from '../../common/caller';
import { InputGuard } from '../../common/input-guard';
import { ProjectionService } from '../../infrastructure/projection.service';
import { OrganizationReader } from '../queries/organization.reader';
import type { CommandResult } from '../types/portfolio.type';
import { ExecuteOversightCommand } from './execute-oversight-command';
import type { CommandMetaInput } from './command-meta.input';

/**
 * What every mutation does after building its domain command: wrap it in the envelope, send it
 * on the CommandBus, wait (bounded) until the read model has it, and answer with the result.
 */
@Injectable()
export class CommandRunner {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly projections: ProjectionService,
    private readonly reader: OrganizationReader,
  ) {}

  async run(caller: Caller, organizationId: string, command: OversightCommand, meta: CommandMetaInput): Promise<CommandResult> {
    const guard = new InputGuard();
    const outcome = await this.commandBus.execute(
      new ExecuteOversightCommand({
        tenantId: caller.tenantId,
        actor: caller.actor,
        organizationId,
        command,
        commandId: guard.optionalId(meta.commandId, 'commandId') ?? newId(),
        expectedRevision: guard.revision(meta.expectedRevision),
        effectiveAt: meta.effectiveAt ?? undefined,
        correlationId: caller.requestId,
      }),
    );
    const consistent = await this.projections.consistentWith(outcome.position);
    return {
      organizationId: outcome.organizationId,
      revision: String(outcome.revision),
      position: String(outcome.position),
      eventIds: outcome.eventIds,
      replayed: outcome.replayed,
      organization: consistent ? this.reader.organization(caller.tenantId, outcome.organizationId) : null,
    };
  }
}
