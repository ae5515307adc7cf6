import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ADMINS, Allow, READERS_OF_DETAIL } from '../auth/roles';
import { CurrentCaller, type Caller } from '../common/caller';
import { DateTimeScalar, JsonScalar } from '../graphql/scalars';
import { GetEvidencePack, VerifyAuditTrail, VerifyLedger } from './audit.queries';
import { RebuildStatusType, VerificationResultType } from './audit.types';
import { GetReadModelRebuild, RebuildReadModels } from './rebuild.commands';

/** What an auditor asks of the record itself: does it verify, and give me the evidence. */
@Resolver()
export class AuditResolver {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
  ) {}

  @Allow(READERS_OF_DETAIL)
  @Query(() => VerificationResultType, {
    description: "Verifies one organization's hash chain and the signed checkpoints that seal it, in the event store itself.",
  })
  verifyAuditTrail(@CurrentCaller() caller: Caller, @Args('organizationId', { type: () => ID }) organizationId: string) {
    return this.queryBus.execute(new VerifyAuditTrail(caller.tenantId, organizationId));
  }

  @Allow(READERS_OF_DETAIL)
  @Query(() => VerificationResultType, {
    description:
      "Verifies every stream's chain and every signed checkpoint of the whole ledger; counts only your tenant's events and reports other tenants' breaks without details.",
  })
  verifyLedger(@CurrentCaller() caller: Caller) {
    return this.queryBus.execute(new VerifyLedger(caller.tenantId));
  }

  @Allow(READERS_OF_DETAIL)
  @Query(() => JsonScalar, {
    description:
      'A self-contained evidence pack, sealed and signed at export: the full stream, statuses after each event, a CSV timeline, the signed tree head with an inclusion proof per event, and a signed statement naming the revision count and head hash; events with effectiveAt in [from, to] are in range. Verify it offline with `npm run verify-pack`.',
  })
  evidencePack(
    @CurrentCaller() caller: Caller,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('from', { type: () => DateTimeScalar, nullable: true }) from?: string | null,
    @Args('to', { type: () => DateTimeScalar, nullable: true }) to?: string | null,
    @Args('sinceTreeSize', {
      type: () => Int,
      nullable: true,
      description: 'The size of a signed tree head you kept: the pack then carries a consistency proof from it.',
    })
    sinceTreeSize?: number | null,
  ) {
    return this.queryBus.execute(new GetEvidencePack(caller.tenantId, organizationId, from ?? null, to ?? null, sinceTreeSize ?? null));
  }

  @Allow(ADMINS)
  @Mutation(() => RebuildStatusType, {
    description:
      "Rebuilds every read model (every tenant's) from position zero into a new file while queries keep using the current one, then swaps. An operator action: FORBIDDEN for a tenant ADMIN's token unless the server allows it (ALLOW_TENANT_REBUILD).",
  })
  rebuildReadModels(@CurrentCaller() caller: Caller) {
    return this.commandBus.execute(new RebuildReadModels(caller));
  }

  @Allow(READERS_OF_DETAIL)
  @Query(() => RebuildStatusType, { description: 'Progress of the latest read-model rebuild (event counts for operators only).' })
  readModelRebuild(@CurrentCaller() caller: Caller) {
    return this.queryBus.execute(new GetReadModelRebuild(caller));
  }
}
