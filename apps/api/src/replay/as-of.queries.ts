import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port';
import type { Clock } from '../../../../libs/oversight/src/application/clock';
import { ServiceAuditorRegistry } from '../../../../libs/oversight/src/application/service-auditors';
import type { Moment } from '../../../../libs/oversight/src/replay/replay-event';
import { tenantFactsAsOf } from '../../../../libs/oversight/src/replay/tenant-facts-as-of';
import { decodeCursor, encodeCursor } from '../../../../libs/oversight/src/queries/cursor';
import { pageAsOf, portfolioAsOf, type AsOfFilter } from '../../../../libs/oversight/src/replay';
import { apiError } from '../graphql/errors';
import { CLOCK, EVENT_STORE } from '../infrastructure/tokens';
import { pageInfoOf, type Connection } from '../oversight/types/connection.type';
import type { OrganizationType } from '../oversight/types/organization.type';
import { toAsOfOrganization } from './as-of.mapper';
import { resolveMoment } from './moment';
import { AsOfSnapshots } from './as-of-snapshots.service';
import { TenantStreams } from './tenant-streams.service';

/** One organization on `asOf` as known on `knownAt` (DESIGN §5 "Bitemporal replay"). */
export class GetOrganizationAsOf extends Query<OrganizationType | null> {
  constructor(readonly tenantId: string, readonly id: string, readonly asOf: string | null, readonly knownAt: string | null) {
    super();
  }
}

/** The portfolio on `asOf` as known on `knownAt`, filtered and paged like today's. */
export class ListOrganizationsAsOf extends Query<Connection<OrganizationType>> {
  constructor(
    readonly tenantId: string,
    readonly filter: AsOfFilter,
    readonly first: number,
    readonly after: string | null,
    readonly asOf: string | null,
    readonly knownAt: string | null,
  ) {
    super();
  }
}

/** Null, as today's query answers, for an organization unknown then (or another tenant's). */
@QueryHandler(GetOrganizationAsOf)
export class GetOrganizationAsOfHandler implements IQueryHandler<GetOrganizationAsOf> {
  constructor(
    private readonly streams: TenantStreams,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly snapshots: AsOfSnapshots,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(q: GetOrganizationAsOf): Promise<OrganizationType | null> {
    const moment = resolveMoment(this.clock.now(), q.asOf, q.knownAt);
    const streams = await this.streams.all(q.tenantId);
    if (!streams.some((s) => s.id === q.id)) return null;
    const tenant = await tenantFacts(this.store, this.clock, q.tenantId, moment);
    const answer = portfolioAsOf(streams, moment, this.snapshots.folderOf(q.tenantId), tenant).get(q.id);
    return answer ? toAsOfOrganization(q.tenantId, q.id, answer) : null;
  }
}

@QueryHandler(ListOrganizationsAsOf)
export class ListOrganizationsAsOfHandler implements IQueryHandler<ListOrganizationsAsOf> {
  constructor(
    private readonly streams: TenantStreams,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly snapshots: AsOfSnapshots,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(q: ListOrganizationsAsOf): Promise<Connection<OrganizationType>> {
    const after = q.after === null ? null : decodeCursor(q.after);
    if (after !== null && !(after.length === 2 && after.every((k) => typeof k === 'string'))) {
      throw apiError('BAD_USER_INPUT', 'The cursor is not one this API issued', { field: 'after' });
    }
    const moment = resolveMoment(this.clock.now(), q.asOf, q.knownAt);
    const tenant = await tenantFacts(this.store, this.clock, q.tenantId, moment);
    const portfolio = portfolioAsOf(await this.streams.all(q.tenantId), moment, this.snapshots.folderOf(q.tenantId), tenant);
    const page = pageAsOf(portfolio, q.filter, q.first, after as [string, string] | null);
    const edges = page.nodes.map((n, i) => ({ cursor: encodeCursor(page.keys[i]!), node: toAsOfOrganization(q.tenantId, n.id, n.answer) }));
    return { edges, pageInfo: pageInfoOf(edges.map((e) => e.cursor), page.hasNextPage, page.hasPreviousPage), totalCount: page.totalCount };
  }
}

/** The tenant's vetted service auditors as of the same moment as the answer (bitemporal). */
async function tenantFacts(store: EventStore, clock: Clock, tenantId: string, moment: Moment) {
  return tenantFactsAsOf(await new ServiceAuditorRegistry(store, clock).records(tenantId), moment);
}
