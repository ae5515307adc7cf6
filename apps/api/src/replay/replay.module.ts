import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetOrganizationAsOfHandler, ListOrganizationsAsOfHandler } from './as-of.queries';
import { GetCoverageTimelineHandler, GetDependencyImpactHandler, GetOversightTimelineHandler } from './replay.queries';
import { ReplayResolver } from './replay.resolver';
import { AsOfPortfolios } from './as-of-portfolios.service';
import { AsOfSnapshots } from './as-of-snapshots.service';
import { TenantStreams } from './tenant-streams.service';

const resolvers = [ReplayResolver];
const queryHandlers = [
  GetOrganizationAsOfHandler,
  ListOrganizationsAsOfHandler,
  GetOversightTimelineHandler,
  GetCoverageTimelineHandler,
  GetDependencyImpactHandler,
];

/**
 * Bitemporal replay, continuity and chain impact (DESIGN §5): answers folded from the event
 * store itself, never from the read models. `organization(asOf:)` and `organizations(asOf:)`
 * route here from the oversight resolver.
 */
@Module({
  imports: [CqrsModule],
  providers: [...resolvers, ...queryHandlers, TenantStreams, AsOfSnapshots, AsOfPortfolios],
})
export class ReplayModule {}
