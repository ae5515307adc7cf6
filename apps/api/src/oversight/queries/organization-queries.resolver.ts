import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentCaller, type Caller } from '../../common/caller';
import { badInput } from '../../graphql/errors';
import { DateTimeScalar } from '../../graphql/scalars';
import { GetOrganizationAsOf, ListOrganizationsAsOf } from '../../replay/as-of.queries';
import { parseAsOfId } from '../../replay/as-of-id';
import { asksAboutThePast, requireDetailReader } from '../../replay/moment';
import { ConnectionOf } from '../types/connection.type';
import { ControlException } from '../types/control-exception.type';
import { OrganizationType } from '../types/organization.type';
import { ControlCoverage, PortfolioSummary } from '../types/portfolio.type';
import { GetControlCoverage, ListExceptions } from './exceptions-coverage.queries';
import { GetOrganization, GetPortfolioSummary, ListOrganizations } from './organization-read.queries';
import { OrganizationFilterInput, PageArgs, organizationCriteria, pageSize } from './query.args';
import { CONSISTENT_WITH, ReadYourWrites } from './read-your-writes.service';
import { Allow, EVERYONE, READERS_OF_DETAIL } from '../../auth/roles';

export const OrganizationConnection = ConnectionOf(OrganizationType, 'Organization');
export const AS_OF = { type: () => DateTimeScalar, nullable: true, description: 'Business time: the state as it was then (audit material).' };
export const KNOWN_AT = { type: () => DateTimeScalar, nullable: true, description: 'Recording time: only events recorded by then (default now).' };

/** Read-model queries about organizations, and the organization's related fields. Thin: args → query. */
@Resolver(() => OrganizationType)
export class OrganizationQueriesResolver {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Allow(EVERYONE)
  @Query(() => OrganizationType, { nullable: true })
  async organization(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', AS_OF) asOf?: string | null,
    @Args('knownAt', KNOWN_AT) knownAt?: string | null,
    @Args('consistentWith', CONSISTENT_WITH) consistentWith?: string | null,
  ) {
    await this.readYourWrites.awaitPosition(consistentWith);
    // An as-of answer's own id names its moment: asking for it again gives that answer.
    const answer = parseAsOfId(id);
    if (answer && asksAboutThePast(asOf, knownAt)) {
      throw badInput(asOf ? 'asOf' : 'knownAt', 'must not be given with the id of an as-of answer, which names its moment');
    }
    if (answer) [id, asOf, knownAt] = [answer.organizationId, answer.asOf, answer.knownAt];
    if (!asksAboutThePast(asOf, knownAt)) return this.queryBus.execute(new GetOrganization(caller.tenantId, id));
    requireDetailReader(caller);
    return this.queryBus.execute(new GetOrganizationAsOf(caller.tenantId, id, asOf ?? null, knownAt ?? null));
  }

  @Allow(EVERYONE)
  @Query(() => OrganizationConnection)
  async organizations(
    @CurrentCaller() caller: Caller,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: OrganizationFilterInput,
    @Args('asOf', AS_OF) asOf?: string | null,
    @Args('knownAt', KNOWN_AT) knownAt?: string | null,
    @Args('consistentWith', CONSISTENT_WITH) consistentWith?: string | null,
  ) {
    await this.readYourWrites.awaitPosition(consistentWith);
    const criteria = organizationCriteria(filter);
    const [first, after] = [pageSize(page.first), page.after ?? null];
    if (!asksAboutThePast(asOf, knownAt)) return this.queryBus.execute(new ListOrganizations(caller.tenantId, criteria, first, after));
    requireDetailReader(caller);
    return this.queryBus.execute(new ListOrganizationsAsOf(caller.tenantId, criteria, first, after, asOf ?? null, knownAt ?? null));
  }

  @Allow(EVERYONE)
  @Query(() => PortfolioSummary)
  portfolioSummary(
    @CurrentCaller() caller: Caller,
    @Args('expiringWithinDays', { type: () => Int, nullable: true }) days?: number,
  ) {
    const within = days ?? 60;
    if (within < 0 || within > 3650) throw badInput('expiringWithinDays', 'must be between 0 and 3650');
    return this.queryBus.execute(new GetPortfolioSummary(caller.tenantId, within));
  }

  @Allow(READERS_OF_DETAIL)
  @Query(() => ControlCoverage)
  controlCoverage(@CurrentCaller() caller: Caller, @Args('organizationId', { type: () => ID }) id: string) {
    return this.queryBus.execute(new GetControlCoverage(caller.tenantId, id));
  }

  @Allow(EVERYONE)
  @ResolveField(() => OrganizationType, { nullable: true, description: 'The vendor this subservice organization serves.' })
  parent(@Parent() org: OrganizationType) {
    if (!org.parentOrganizationId) return null;
    // An as-of answer's relations are answered as of the same moment.
    if (org.asOf) return this.queryBus.execute(new GetOrganizationAsOf(org.tenantId, org.parentOrganizationId, org.asOf, org.knownAt ?? null));
    return this.queryBus.execute(new GetOrganization(org.tenantId, org.parentOrganizationId));
  }

  @Allow(EVERYONE)
  @ResolveField(() => [OrganizationType], { description: 'Subservice organizations registered under this vendor.' })
  async subserviceOrganizations(@Parent() org: OrganizationType) {
    const page = await this.queryBus.execute(
      org.asOf
        ? new ListOrganizationsAsOf(org.tenantId, { parentOrganizationId: org.organizationId }, 100, null, org.asOf, org.knownAt ?? null)
        : new ListOrganizations(org.tenantId, { parentOrganizationId: org.organizationId }, 100, null),
    );
    return page.edges.map((e) => e.node);
  }

  @Allow(READERS_OF_DETAIL)
  @ResolveField(() => [ControlException], { nullable: true, description: 'Every exception, riskiest first. Null for roles without access to detail.' })
  async exceptions(@Parent() org: OrganizationType) {
    if (org.asOfExceptions) return org.asOfExceptions;
    const page = await this.queryBus.execute(new ListExceptions(org.tenantId, { organizationId: org.organizationId }, 500, null));
    return page.edges.map((e) => e.node);
  }
}
