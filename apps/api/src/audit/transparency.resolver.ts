import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { ADMINS, Allow } from '../auth/roles';
import { CurrentCaller, type Caller } from '../common/caller';
import { GetConsistencyProof, GetSignedTreeHead, ResealLedger } from './transparency.queries';
import { LedgerService, type SealingAnnouncement } from './ledger.service';
import { ConsistencyProof, LedgerSealing, SignedTreeHead, TREE_READERS } from './transparency.types';

/** The transparency log (RFC 6962): signed tree heads, consistency proofs, and the ADMIN's re-seal. */
@Resolver()
export class TransparencyResolver {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
    private readonly ledger: LedgerService,
  ) {}

  @Allow(TREE_READERS)
  @Subscription(() => LedgerSealing, {
    description: 'The sealing state now, then every halt and every re-seal (who, why, old and new head), as they happen.',
    resolve: (p: SealingAnnouncement) => p,
  })
  ledgerSealing() {
    return this.ledger.announcements();
  }

  @Allow(TREE_READERS)
  @Query(() => SignedTreeHead, { description: 'The latest signed tree head. Keep it: a later consistencyProof shows the log still extends it.' })
  signedTreeHead() {
    return this.queryBus.execute(new GetSignedTreeHead());
  }

  @Allow(TREE_READERS)
  @Query(() => ConsistencyProof, { description: 'Proof that the signed head of toSize (the latest by default) extends the tree of fromSize events you kept.' })
  consistencyProof(
    @Args('fromSize', { type: () => Int, description: 'The treeSize of the signed head you kept (0 to toSize).' }) fromSize: number,
    @Args('toSize', { type: () => Int, nullable: true, description: 'The treeSize of a signed head; the latest when left out.' }) toSize?: number | null,
  ) {
    return this.queryBus.execute(new GetConsistencyProof(fromSize, toSize ?? null));
  }

  @Allow(ADMINS)
  @Mutation(() => SignedTreeHead, {
    description:
      'After sealing halted (the store did not match the latest signed head): signs the log as it now stands. Recorded in the checkpoint stream with who, why, the problem and the old head, and logged as a warning. Refused when the ledger is not halted or a hash chain is broken.',
  })
  resealLedger(
    @CurrentCaller() caller: Caller,
    @Args('reason', { description: 'Why the log as it stands may be signed (at least 10 characters); recorded in the re-seal and logged.' }) reason: string,
  ) {
    return this.commandBus.execute(new ResealLedger(caller.actor, reason));
  }
}
