import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadModelRebuilder } from '../infrastructure/read-model-rebuild';
import { GetEvidencePackHandler, VerifyAuditTrailHandler, VerifyLedgerHandler } from './audit.queries';
import { AuditResolver } from './audit.resolver';
import { LedgerScans } from './ledger-scans.service';
import { LedgerService } from './ledger.service';
import { GetReadModelRebuildHandler, RebuildReadModelsHandler } from './rebuild.commands';

const resolvers = [AuditResolver];
const commandHandlers = [RebuildReadModelsHandler];
const queryHandlers = [VerifyAuditTrailHandler, VerifyLedgerHandler, GetEvidencePackHandler, GetReadModelRebuildHandler];
const services = [LedgerService, LedgerScans, ReadModelRebuilder];

/**
 * Tamper evidence and the auditor's tools (DESIGN §5): the signed ledger checkpoints, chain
 * verification, evidence packs, and read-model rebuilds behind the live read model.
 */
@Module({
  imports: [CqrsModule],
  providers: [...resolvers, ...commandHandlers, ...queryHandlers, ...services],
})
export class AuditModule {}
