import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentCaller, type Caller } from '../../common/caller';
import { InputGuard, LIMITS } from '../../common/input-guard';
import { Allow, RECORDERS } from '../../auth/roles';
import { CommandResult } from '../types/portfolio.type';
import { CommandRunner } from './command-runner.service';
import { EvaluateExceptionInput } from './exceptions.inputs';
import { ConcludeBridgeLetterReviewInput, RecordCuecTestInput, RecordNextReportExpectedInput } from './reports.inputs';

/** Mutations for the facts of reliance rules version 2 (DESIGN §3 v2, GraphQL names). */
@Resolver()
export class RelianceResolver {
  constructor(private readonly runner: CommandRunner) {}

  @Allow(RECORDERS)
  @Mutation(() => CommandResult, { description: "Records what an exception means for our reliance: NONE, COMPENSATED (by our control) or RELIANCE_REDUCED." })
  evaluateException(@CurrentCaller() caller: Caller, @Args('input') input: EvaluateExceptionInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'EvaluateException',
      data: {
        exceptionId: g.id(input.exceptionId, 'exceptionId'),
        impact: input.impact,
        rationale: g.text(input.rationale, 'rationale', LIMITS.text),
        compensatingControlRef: g.optionalText(input.compensatingControlRef, 'compensatingControlRef', LIMITS.id),
      },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult, { description: 'Records a test of a CUEC we operate (ISA 402.17(b)).' })
  recordCuecTest(@CurrentCaller() caller: Caller, @Args('input') input: RecordCuecTestInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'RecordCuecTest',
      data: {
        reportId: g.id(input.reportId, 'reportId'),
        cuecRef: g.text(input.cuecRef, 'cuecRef', LIMITS.id),
        testedOn: input.testedOn,
        result: input.result,
      },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult, { description: 'Concludes our review of a bridge letter; a REJECTED letter does not extend its report.' })
  concludeBridgeLetterReview(@CurrentCaller() caller: Caller, @Args('input') input: ConcludeBridgeLetterReviewInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'ConcludeBridgeLetterReview',
      data: {
        letterId: g.id(input.letterId, 'letterId'),
        decision: input.decision,
        reviewer: g.text(input.reviewer, 'reviewer'),
        notes: g.optionalText(input.notes, 'notes'),
      },
    }, input);
  }

  @Allow(RECORDERS)
  @Mutation(() => CommandResult, { description: "Records the vendor's announced next report: the period end it covers and its delivery date." })
  recordNextReportExpected(@CurrentCaller() caller: Caller, @Args('input') input: RecordNextReportExpectedInput) {
    const g = new InputGuard();
    return this.runner.run(caller, g.id(input.organizationId, 'organizationId'), {
      type: 'RecordNextReportExpected',
      data: { periodEnd: input.periodEnd, deliveryBy: input.deliveryBy },
    }, input);
  }
}
