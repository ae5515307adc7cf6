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
import { badInput } from '../../graphql/errors';
import { DocumentAttachments } from '../../documents/document-attachments.service';

/** Mutations on assurance reports: receipt, review, withdrawal, bridge letters, CUECs. */
@Resolver()
export class ReportsResolver {
  constructor(
    private readonly runner: CommandRunner,
    private readonly documents: DocumentAttachments,
  ) {}

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  async recordReportReceived(@CurrentCaller() caller: Caller, @Args('input') input: RecordReportReceivedInput) {
    const g = new InputGuard();
    const organizationId = g.id(input.organizationId, 'organizationId');
    const reportId = g.optionalId(input.reportId, 'reportId') ?? assignedId(input.commandId, 'report');
    const title = `${input.framework} ${input.reportType} report`;
    const attach = await this.documents.describe(caller, input.documentId, 'SOC_REPORT', title, { type: 'REPORT', id: reportId });
    const declared = g.optionalText(input.documentSha256, 'documentSha256', 64)?.toLowerCase() ?? null;
    if (attach && declared !== null && declared !== attach.sha256) throw badInput('input.documentSha256', 'differs from the SHA-256 of documentId');
    return this.runner.run(caller, organizationId, {
      type: 'RecordReportReceived',
      data: {
        reportId,
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
          ...(s.csocs ? { csocs: g.list(s.csocs, `${p}.csocs`, (c, cp) => ({
            ref: g.text(c.ref, `${cp}.ref`, LIMITS.id),
            text: g.text(c.text, `${cp}.text`, LIMITS.text),
          })) } : {}),
        })),
        documentSha256: attach?.sha256 ?? declared,
        ...(input.frameworks ? { frameworks: input.frameworks } : {}),
        managementAssertionIncluded: input.managementAssertionIncluded ?? null,
        qualifiedAreas: g.texts(input.qualifiedAreas, 'qualifiedAreas', LIMITS.id),
        qualificationBasis: g.optionalText(input.qualificationBasis, 'qualificationBasis'),
        ...(attach ? { attach } : {}),
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
        supersedesReview: input.supersedesReview === true,
        supersessionReason: g.optionalText(input.supersessionReason, 'supersessionReason'),
      },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult)
  async recordBridgeLetter(@CurrentCaller() caller: Caller, @Args('input') input: RecordBridgeLetterInput) {
    const g = new InputGuard();
    const organizationId = g.id(input.organizationId, 'organizationId');
    const letterId = g.optionalId(input.letterId, 'letterId') ?? assignedId(input.commandId, 'letter');
    const title = `Bridge letter ${input.coversFrom} to ${input.coversTo}`;
    const attach = await this.documents.describe(caller, input.documentId, 'BRIDGE_LETTER', title, { type: 'BRIDGE_LETTER', id: letterId });
    return this.runner.run(caller, organizationId, {
      type: 'RecordBridgeLetter',
      data: {
        ...(attach ? { attach } : {}),
        letterId,
        reportId: g.id(input.reportId, 'reportId'),
        coversFrom: input.coversFrom,
        coversTo: input.coversTo,
        materialChanges: g.optionalText(input.materialChanges, 'materialChanges'),
        signedBy: g.optionalText(input.signedBy, 'signedBy', LIMITS.name),
        issuedOn: input.issuedOn ?? null,
        noOtherChangesStated: input.noOtherChangesStated ?? null,
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
