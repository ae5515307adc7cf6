import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Clock } from '../../../../libs/oversight/src/application/clock';
import { decodeCursor, encodeCursor } from '../../../../libs/oversight/src/queries/cursor';
import { pageAsOf, type AsOfFilter } from '../../../../libs/oversight/src/replay';
import { apiError } from '../graphql/errors';
import { CLOCK } from '../infrastructure/tokens';
import { pageInfoOf, type Connection } from '../oversight/types/connection.type';
import type { OrganizationType } from '../oversight/types/organization.type';
import { toAsOfOrganization } from './as-of.mapper';
import { resolveMoment } from './moment';
import { AsOfPortfolios } from './as-of-portfolios.service';

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
    private readonly portfolios: AsOfPortfolios,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(q: GetOrganizationAsOf): Promise<OrganizationType | null> {
    const moment = resolveMoment(this.clock.now(), q.asOf, q.knownAt);
    const answer = (await this.portfolios.portfolio(q.tenantId, moment)).get(q.id);
    return answer ? toAsOfOrganization(q.tenantId, q.id, answer) : null;
  }
}

@QueryHandler(ListOrganizationsAsOf)
export class ListOrganizationsAsOfHandler implements IQueryHandler<ListOrganizationsAsOf> {
  constructor(
    private readonly portfolios: AsOfPortfolios,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(q: ListOrganizationsAsOf): Promise<Connection<OrganizationType>> {
    const after = q.after === null ? null : decodeCursor(q.after);
    if (after !== null && !(after.length === 2 && after.every((k) => typeof k === 'string'))) {
      throw apiError('BAD_USER_INPUT', 'The cursor is not one this API issued', { field: 'after' });
    }
    const moment = resolveMoment(this.clock.now(), q.asOf, q.knownAt);
    // Shared with the other lists and relations asked on the same moment (AsOfPortfolios).
    const portfolio = await this.portfolios.portfolio(q.tenantId, moment);
    const page = pageAsOf(portfolio, q.filter, q.first, after as [string, string] | null);
    const edges = page.nodes.map((n, i) => ({ cursor: encodeCursor(page.keys[i]!), node: toAsOfOrganization(q.tenantId, n.id, n.answer) }));
    return { edges, pageInfo: pageInfoOf(edges.map((e) => e.cursor), page.hasNextPage, page.hasPreviousPage), totalCount: page.totalCount };
  }
}
