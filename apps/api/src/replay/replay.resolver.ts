import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Allow, READERS_OF_DETAIL } from '../auth/roles';
import { CurrentCaller, type Caller } from '../common/caller';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';
import { CoverageTimelineType } from './coverage-timeline.type';
import { DependencyImpactType } from './dependency-impact.type';
import { requireOrdered } from './moment';
import { GetCoverageTimeline, GetDependencyImpact, GetOversightTimeline } from './replay.queries';
import { OversightTimelineType } from './timeline.type';

const ORG = { type: () => ID };
const optional = <T>(type: () => T, description: string) => ({ type, nullable: true, description });

/** The auditor's replays (DESIGN §5). Thin: arguments → CQRS query; all of it is audit material. */
@Resolver()
export class ReplayResolver {
  constructor(private readonly queryBus: QueryBus) {}

  @Allow(READERS_OF_DETAIL)
  @Query(() => OversightTimelineType, {
    description: 'Every event in business-time order with the verdict after it, and every day time alone changed it.',
  })
  oversightTimeline(
    @CurrentCaller() caller: Caller,
    @Args('organizationId', ORG) organizationId: string,
    @Args('from', optional(() => DateTimeScalar, 'Leave out entries before this instant.')) from?: string | null,
    @Args('to', optional(() => DateTimeScalar, 'Replay up to this instant (default now).')) to?: string | null,
    @Args('knownAt', optional(() => DateTimeScalar, 'Only events recorded by then (default now).')) knownAt?: string | null,
  ) {
    requireOrdered(from, to);
    return this.queryBus.execute(new GetOversightTimeline(caller.tenantId, organizationId, from ?? null, to ?? null, knownAt ?? null));
  }

  @Allow(READERS_OF_DETAIL)
  @Query(() => CoverageTimelineType, {
    description: 'Report periods, bridge letters, validations and fiscal year ends laid end to end, every gap named in days.',
  })
  coverageTimeline(
    @CurrentCaller() caller: Caller,
    @Args('organizationId', ORG) organizationId: string,
    @Args('from', optional(() => DateScalar, "Default: the first report's coverage start.")) from?: string | null,
    @Args('to', optional(() => DateScalar, 'Default: today.')) to?: string | null,
  ) {
    requireOrdered(from, to);
    return this.queryBus.execute(new GetCoverageTimeline(caller.tenantId, organizationId, from ?? null, to ?? null));
  }

  @Allow(READERS_OF_DETAIL)
  @Query(() => DependencyImpactType, {
    description: "Every vendor that carves this subservice organization out, and the exact days its lapses weakened them.",
  })
  dependencyImpact(
    @CurrentCaller() caller: Caller,
    @Args('organizationId', ORG) organizationId: string,
    @Args('asOf', optional(() => DateTimeScalar, 'Up to this moment (default now), as known now.')) asOf?: string | null,
  ) {
    return this.queryBus.execute(new GetDependencyImpact(caller.tenantId, organizationId, asOf ?? null));
  }
}
