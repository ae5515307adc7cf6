import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { assignedId } from '../../../../../libs/oversight/src/application/ids';
import { CurrentCaller, type Caller } from '../../common/caller';
import { InputGuard, LIMITS } from '../../common/input-guard';
import { CommandResult } from '../types/portfolio.type';
import { CommandRunner } from './command-runner.service';
import {
  ConcludeReportReviewInput,
  MapCuecInput,
  RecordBridgeLetterInput,
  RecordReportReceivedInput,
  WithdrawReportInput,
} from './reports.inputs';
import { Allow, RECORDERS } from '../../auth/roles';

/** Mutations on assurance reports: receipt, review, withdrawal, bridge letters, CUECs. */
@Resolver()
export class ReportsResolver {
  constructor(private readonly runner: CommandRunner) {}

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  recordReportReceived(@CurrentCaller() caller: Caller, @Args('input') input: RecordReportReceivedInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'RecordReportReceived',
      data: {
        reportId: g.optionalId(input.reportId, 'reportId') ?? assignedId(input.commandId, 'report'),
        framework: input.framework,
        reportType: input.reportType,
        asOfDate: input.asOfDate ?? null,
        periodStart: input.periodStart ?? null,
        periodEnd: input.periodEnd ?? null,
        opinionDate: input.opinionDate ?? null,
        serviceAuditor: g.text(input.serviceAuditor, 'serviceAuditor'),
        opinion: input.opinion,
        criteria: input.criteria ?? [],
        controlObjectives: g.texts(input.controlObjectives, 'controlObjectives', LIMITS.text),
        servicesCovered: g.texts(input.servicesCovered, 'servicesCovered'),
        sitesCovered: g.list(input.sitesCovered, 'sitesCovered', (s, p) => g.id(s, p)),
        controlsTested: g.texts(input.controlsTested, 'controlsTested', LIMITS.id),
        cuecs: g.list(input.cuecs, 'cuecs', (c, p) => ({
          ref: g.text(c.ref, `${p}.ref`, LIMITS.id),
          description: g.text(c.description, `${p}.description`, LIMITS.text),
        })),
        subserviceOrganizations: g.list(input.subserviceOrganizations, 'subserviceOrganizations', (s, p) => ({
          name: g.text(s.name, `${p}.name`),
          method: s.method,
        })),
        documentSha256: g.optionalText(input.documentSha256, 'documentSha256', 64)?.toLowerCase() ?? null,
      },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  withdrawReport(@CurrentCaller() caller: Caller, @Args('input') input: WithdrawReportInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'WithdrawReport',
      data: { reportId: g.id(input.reportId, 'reportId'), reason: g.text(input.reason, 'reason', LIMITS.text) },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  concludeReportReview(@CurrentCaller() caller: Caller, @Args('input') input: ConcludeReportReviewInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'ConcludeReportReview',
      data: {
        reportId: g.id(input.reportId, 'reportId'),
        decision: input.decision,
        reviewer: g.text(input.reviewer, 'reviewer'),
        conditions: g.texts(input.conditions, 'conditions', LIMITS.text),
        notes: g.optionalText(input.notes, 'notes'),
      },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  recordBridgeLetter(@CurrentCaller() caller: Caller, @Args('input') input: RecordBridgeLetterInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'RecordBridgeLetter',
      data: {
        letterId: g.optionalId(input.letterId, 'letterId') ?? assignedId(input.commandId, 'letter'),
        reportId: g.id(input.reportId, 'reportId'),
        coversFrom: input.coversFrom,
        coversTo: input.coversTo,
        materialChanges: g.optionalText(input.materialChanges, 'materialChanges'),
      },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  mapCuec(@CurrentCaller() caller: Caller, @Args('input') input: MapCuecInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'MapCuec',
      data: {
        reportId: g.id(input.reportId, 'reportId'),
        cuecRef: g.text(input.cuecRef, 'cuecRef', LIMITS.id),
        internalControlRef: g.optionalText(input.internalControlRef, 'internalControlRef', LIMITS.id),
        state: input.state,
      },
    }, input);
  }
}
