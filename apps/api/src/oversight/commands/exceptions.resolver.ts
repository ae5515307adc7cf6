import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { assignedId } from '../../../../../libs/oversight/src/application/ids';
import { CurrentCaller, type Caller } from '../../common/caller';
import { InputGuard, LIMITS } from '../../common/input-guard';
import { CommandResult } from '../types/portfolio.type';
import { CommandRunner } from './command-runner.service';
import {
  AcceptRiskInput,
  CloseRemediationInput,
  PlanRemediationInput,
  RecordExceptionInput,
  RecordOperationalControlsValidationInput,
  RecordPhysicalEnvironmentalValidationInput,
} from './exceptions.inputs';
import { Allow, RECORDERS } from '../../auth/roles';
import { DocumentAttachments } from '../../documents/document-attachments.service';

/** Mutations on validations, exceptions and their remediation. */
@Resolver()
export class ExceptionsResolver {
  constructor(
    private readonly runner: CommandRunner,
    private readonly documents: DocumentAttachments,
  ) {}

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  async recordPhysicalEnvironmentalValidation(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RecordPhysicalEnvironmentalValidationInput,
  ) {
    const g = new InputGuard();
    const organizationId = g.id(input.organizationId, 'organizationId');
    const validation = this.validation(g, input);
    const subject = { type: 'VALIDATION' as const, id: validation.validationId };
    const attach = await this.documents.describe(caller, input.documentId, 'SITE_VISIT', `Site visit ${input.validatedOn}`, subject);
    return this.runner.run(caller, organizationId, {
      type: 'RecordPhysicalEnvironmentalValidation',
      data: { ...validation, areas: input.areas, ...(attach ? { attach } : {}) },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  recordOperationalControlsValidation(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RecordOperationalControlsValidationInput,
  ) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'RecordOperationalControlsValidation',
      data: { ...this.validation(g, input), areas: input.areas },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  recordException(@CurrentCaller() caller: Caller, @Args('input') input: RecordExceptionInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'RecordException',
      data: {
        exceptionId: g.optionalId(input.exceptionId, 'exceptionId') ?? assignedId(input.commandId, 'exception'),
        source: input.source,
        reportId: g.optionalId(input.reportId, 'reportId'),
        controlRef: g.text(input.controlRef, 'controlRef', LIMITS.id),
        criteriaRef: g.optionalText(input.criteriaRef, 'criteriaRef', LIMITS.id),
        kind: input.kind,
        severity: input.severity,
        description: g.text(input.description, 'description', LIMITS.text),
        managementResponse: g.optionalText(input.managementResponse, 'managementResponse'),
        sampleSize: input.sampleSize ?? null,
        deviations: input.deviations ?? null,
      },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  planRemediation(@CurrentCaller() caller: Caller, @Args('input') input: PlanRemediationInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'PlanRemediation',
      data: {
        exceptionId: g.id(input.exceptionId, 'exceptionId'),
        owner: g.text(input.owner, 'owner'),
        plan: g.text(input.plan, 'plan', LIMITS.text),
        dueDate: input.dueDate,
      },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  async closeRemediation(@CurrentCaller() caller: Caller, @Args('input') input: CloseRemediationInput) {
    const g = new InputGuard();
    const organizationId = g.id(input.organizationId, 'organizationId');
    const exceptionId = g.id(input.exceptionId, 'exceptionId');
    const subject = { type: 'EXCEPTION' as const, id: exceptionId };
    const attach = await this.documents.describe(caller, input.documentId, 'REMEDIATION_EVIDENCE', `Remediation evidence for ${exceptionId}`, subject);
    return this.runner.run(caller, organizationId, {
      type: 'CloseRemediation',
      data: {
        ...(attach ? { attach } : {}),
        exceptionId,
        resolution: g.text(input.resolution, 'resolution', LIMITS.text),
        evidence: g.optionalText(input.evidence, 'evidence'),
        verifiedBy: g.optionalText(input.verifiedBy, 'verifiedBy', LIMITS.name),
      },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  acceptRisk(@CurrentCaller() caller: Caller, @Args('input') input: AcceptRiskInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'AcceptRisk',
      data: {
        exceptionId: g.id(input.exceptionId, 'exceptionId'),
        acceptedBy: g.text(input.acceptedBy, 'acceptedBy'),
        rationale: g.text(input.rationale, 'rationale', LIMITS.text),
        expiresAt: input.expiresAt ?? null,
      },
    }, input);
  }

  private validation(g: InputGuard, input: RecordPhysicalEnvironmentalValidationInput | RecordOperationalControlsValidationInput) {
    return {
      validationId: g.optionalId(input.validationId, 'validationId') ?? assignedId(input.commandId, 'validation'),
      siteId: g.optionalId(input.siteId, 'siteId'),
      method: input.method,
      result: input.result,
      validatedOn: input.validatedOn,
      notes: g.optionalText(input.notes, 'notes'),
    };
  }
}
