import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port';
import type { Clock } from '../../../../libs/oversight/src/application/clock';
import { metadataOf, organizationStream } from '../../../../libs/oversight/src/application/event-envelope';
import type { EvidencePack } from '../../../../libs/oversight/src/ledger/evidence-pack';
import { LedgerHaltedError } from '../../../../libs/oversight/src/ledger/ledger-checkpointer';
import { collectEvidencePack } from '../../../../libs/oversight/src/ledger/ledger-scan';
import { explainLedger, explainTrail, ledgerVerdict, streamVerdict, type ExplainedVerdict } from '../../../../libs/oversight/src/ledger/ledger-verdict';
import type { VerificationResult } from '../../../../libs/oversight/src/ledger/verification';
import { LedgerService } from './ledger.service';
import { apiError, badInput } from '../graphql/errors';
import { CLOCK, EVENT_STORE } from '../infrastructure/tokens';
import { LedgerScans } from './ledger-scans.service';

export class VerifyAuditTrail extends Query<VerificationResult> {
  constructor(readonly tenantId: string, readonly organizationId: string) {
    super();
  }
}

export class VerifyLedger extends Query<VerificationResult> {
  constructor(readonly tenantId: string) {
    super();
  }
}

export class GetEvidencePack extends Query<EvidencePack> {
  constructor(
    readonly tenantId: string,
    readonly organizationId: string,
    readonly from: string | null,
    readonly to: string | null,
    readonly sinceTreeSize: number | null = null,
  ) {
    super();
  }
}

/** The organization's stream, or NOT_FOUND when it does not exist for this tenant. */
async function ownStream(store: EventStore, tenantId: string, organizationId: string) {
  const events = await store.readStream(organizationStream(tenantId, organizationId));
  if (events.length === 0 || metadataOf(events[0]!).tenantId !== tenantId) {
    throw apiError('NOT_FOUND', `Organization ${organizationId} is not registered`);
  }
  return events;
}

/**
 * One organization's audit trail: its own chain, plus the signed checkpoints that sealed its
 * events or came after its last one. Finding those windows takes one pass over the global order.
 */
@QueryHandler(VerifyAuditTrail)
export class VerifyAuditTrailHandler implements IQueryHandler<VerifyAuditTrail> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly ledger: LedgerService,
    private readonly scans: LedgerScans,
  ) {}

  async execute(q: VerifyAuditTrail): Promise<ExplainedVerdict> {
    const events = await ownStream(this.store, q.tenantId, q.organizationId);
    const stream = organizationStream(q.tenantId, q.organizationId);
    const { report, verifier } = await this.scans.latest();
    const verdict = streamVerdict(report, stream, verifier.lastWindowOf(stream), events.length);
    return explainTrail(verdict, verifier.sealCovering(stream), haltReason(this.ledger));
  }
}

/** Why sealing is halted, or null; verifications are red while it is. */
function haltReason(ledger: LedgerService): string | null {
  const status = ledger.status();
  return status.state === 'HALTED' ? status.reason : null;
}

/**
 * The whole ledger is verified (checkpoints seal every tenant's events together), but the answer
 * is the tenant's own: it counts the tenant's events only, and a break elsewhere is reported
 * without details, so that no tenant learns another's volume or ids.
 */
@QueryHandler(VerifyLedger)
export class VerifyLedgerHandler implements IQueryHandler<VerifyLedger> {
  constructor(
    private readonly ledger: LedgerService,
    private readonly scans: LedgerScans,
  ) {}

  async execute(q: VerifyLedger): Promise<ExplainedVerdict> {
    const [{ report, verifier }, checkedEvents] = await Promise.all([this.scans.latest(), this.scans.tenantEventCount(q.tenantId)]);
    const explained = explainLedger(ledgerVerdict(report, q.tenantId), verifier.latestSeal(), haltReason(this.ledger));
    return { ...explained, checkedEvents };
  }
}

@QueryHandler(GetEvidencePack)
export class GetEvidencePackHandler implements IQueryHandler<GetEvidencePack> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ledger: LedgerService,
  ) {}

  async execute(q: GetEvidencePack): Promise<EvidencePack> {
    if (q.from && q.to && Date.parse(q.from) > Date.parse(q.to)) throw badInput('to', 'must not be before from');
    if (q.sinceTreeSize !== null && q.sinceTreeSize < 0) throw badInput('sinceTreeSize', 'must not be negative');
    await ownStream(this.store, q.tenantId, q.organizationId);
    const sealer = this.ledger.prover!;
    const request = { tenantId: q.tenantId, organizationId: q.organizationId, range: { from: q.from, to: q.to }, generatedAt: this.clock.now().toISOString(), sinceTreeSize: q.sinceTreeSize };
    try {
      const pack = await collectEvidencePack(this.store, sealer, request);
      if (!pack) throw apiError('NOT_FOUND', `Organization ${q.organizationId} is not registered`);
      return pack;
    } catch (error) {
      if (error instanceof LedgerHaltedError) throw apiError('SERVICE_UNAVAILABLE', `Sealing is halted, so no pack can be signed: ${error.message}`, { reason: 'LEDGER_HALTED' });
      if (error instanceof RangeError) throw badInput('sinceTreeSize', `must not exceed the signed tree size (${error.message})`);
      throw error;
    }
  }
}
