import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentCaller, type Caller } from '../../common/caller';
import { AssuranceReason, Assurance } from './assurance.type';
import { viewerMessage } from './viewer-reasons';

const isViewer = (caller: Caller) => caller.actor.role === 'VIEWER';

/**
 * Reasons as each role may see them: a VIEWER gets a generic message per code, no event ids and
 * no date, since it is refused the reports and exceptions they would describe.
 */
@Resolver(() => AssuranceReason)
export class AssuranceReasonVisibilityResolver {
  @ResolveField(() => String)
  message(@Parent() reason: AssuranceReason, @CurrentCaller() caller: Caller): string {
    return isViewer(caller) ? viewerMessage(reason.code) : reason.message;
  }

  @ResolveField(() => [String])
  eventIds(@Parent() reason: AssuranceReason, @CurrentCaller() caller: Caller): string[] {
    return isViewer(caller) ? [] : reason.eventIds;
  }

  @ResolveField(() => String, { nullable: true })
  since(@Parent() reason: AssuranceReason, @CurrentCaller() caller: Caller): string | null {
    return isViewer(caller) ? null : reason.since;
  }
}

/** The current report's id is a report detail: null for a VIEWER. */
@Resolver(() => Assurance)
export class AssuranceVisibilityResolver {
  @ResolveField(() => String, { nullable: true })
  currentReportId(@Parent() assurance: Assurance, @CurrentCaller() caller: Caller): string | null {
    return isViewer(caller) ? null : assurance.currentReportId;
  }
}
