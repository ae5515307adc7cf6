import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadModelRebuilder } from '../infrastructure/read-model-rebuild';
import { GetEvidencePackHandler, VerifyAuditTrailHandler, VerifyLedgerHandler } from './audit.queries';
import { AuditResolver } from './audit.resolver';
import { LedgerScans } from './ledger-scans.service';
import { LedgerService } from './ledger.service';
import { GetReadModelRebuildHandler, RebuildReadModelsHandler } from './rebuild.commands';
import { GetConsistencyProofHandler, GetSignedTreeHeadHandler, ResealLedgerHandler } from './transparency.queries';
import { TransparencyResolver } from './transparency.resolver';

const resolvers = [AuditResolver, TransparencyResolver];
const commandHandlers = [RebuildReadModelsHandler, ResealLedgerHandler];
const queryHandlers = [VerifyAuditTrailHandler, VerifyLedgerHandler, GetEvidencePackHandler, GetReadModelRebuildHandler, GetSignedTreeHeadHandler, GetConsistencyProofHandler];
const services = [LedgerService, LedgerScans, ReadModelRebuilder];

/**
 * Tamper evidence and the auditor's tools (DESIGN §5): the signed ledger checkpoints, chain
 * verification, evidence packs, and read-model rebuilds behind the live read model.
 */
@Module({
  imports: [CqrsModule],
  providers: [...resolvers, ...commandHandlers, ...queryHandlers, ...services],
  exports: [LedgerService],
})
export class AuditModule {}
