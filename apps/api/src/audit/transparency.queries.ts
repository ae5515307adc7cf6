import { Inject } from '@nestjs/common';
import { Command, CommandHandler, Query, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port';
import type { Actor } from '../../../../libs/oversight/src/application/event-envelope';
import { LEDGER_CHECKPOINT_STREAM, parseCheckpoint, type CheckpointData } from '../../../../libs/oversight/src/ledger/checkpoint';
import { consistencyProof } from '../../../../libs/oversight/src/ledger/merkle-tree';
import { apiError, badInput } from '../graphql/errors';
import { EVENT_STORE } from '../infrastructure/tokens';
import { LedgerService } from './ledger.service';
import { treeHeadOf } from './tree-head';
import type { ConsistencyProof, SignedTreeHead } from './transparency.types';

export class GetSignedTreeHead extends Query<SignedTreeHead> {}
export class GetConsistencyProof extends Query<ConsistencyProof> {
  constructor(readonly fromSize: number, readonly toSize: number | null) {
    super();
  }
}
export class ResealLedger extends Command<SignedTreeHead> {
  constructor(readonly actor: Actor, readonly reason: string) {
    super();
  }
}


/** The running session, or why there is none: heads and proofs come only from a verified log. */
function sealing(ledger: LedgerService) {
  const c = ledger.checkpointer;
  if (!c || c.state !== 'SEALING' || !c.session) {
    const { state, reason } = ledger.status();
    throw apiError('SERVICE_UNAVAILABLE', state === 'HALTED' ? `Sealing is halted: ${reason}` : 'The ledger is still verifying the store; try again shortly.', { reason: `LEDGER_${state}` });
  }
  return c.session;
}

@QueryHandler(GetSignedTreeHead)
export class GetSignedTreeHeadHandler implements IQueryHandler<GetSignedTreeHead> {
  constructor(private readonly ledger: LedgerService) {}
  async execute(): Promise<SignedTreeHead> {
    const last = sealing(this.ledger).last?.data;
    if (!last?.treeSize) throw apiError('NOT_FOUND', 'No signed tree head yet: nothing has been recorded.');
    return treeHeadOf(last);
  }
}

@QueryHandler(GetConsistencyProof)
export class GetConsistencyProofHandler implements IQueryHandler<GetConsistencyProof> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly ledger: LedgerService,
  ) {}

  async execute(q: GetConsistencyProof): Promise<ConsistencyProof> {
    const session = sealing(this.ledger);
    const latest = session.last?.data;
    if (!latest?.treeSize) throw apiError('NOT_FOUND', 'No signed tree head yet: nothing has been recorded.');
    let head = latest;
    if (q.toSize !== null && q.toSize !== latest.treeSize) {
      const heads = (await this.store.readStream(LEDGER_CHECKPOINT_STREAM)).map((e) => parseCheckpoint(e));
      const found = heads.find((d): d is CheckpointData => typeof d !== 'string' && d.treeSize === q.toSize);
      if (!found || q.toSize > latest.treeSize) throw badInput('toSize', `is not the size of a signed tree head (the latest has ${latest.treeSize})`);
      head = found;
    }
    const toSize = head.treeSize!;
    if (!Number.isInteger(q.fromSize) || q.fromSize < 0 || q.fromSize > toSize) throw badInput('fromSize', `must be between 0 and ${toSize}`);
    return { fromSize: q.fromSize, toSize, path: consistencyProof(session.leaves.leaf, q.fromSize, toSize), toHead: treeHeadOf(head) };
  }
}

@CommandHandler(ResealLedger)
export class ResealLedgerHandler implements ICommandHandler<ResealLedger> {
  constructor(private readonly ledger: LedgerService) {}
  async execute(c: ResealLedger): Promise<SignedTreeHead> {
    const reason = c.reason.trim();
    if (reason.length < 10) throw badInput('reason', 'say why, in at least 10 characters (it is recorded and announced)');
    if (this.ledger.status().state !== 'HALTED') throw apiError('DOMAIN_RULE_VIOLATION', 'The ledger is not halted: there is nothing to re-seal.');
    try {
      return treeHeadOf(await this.ledger.reseal({ id: c.actor.id, role: c.actor.role }, reason));
    } catch (error) {
      throw apiError('DOMAIN_RULE_VIOLATION', error instanceof Error ? error.message : String(error));
    }
  }
}
