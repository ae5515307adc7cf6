import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Clock } from '../../../../libs/oversight/src/application/clock';
import type { Moment } from '../../../../libs/oversight/src/replay';
import { CLOCK } from '../infrastructure/tokens';
import { ListExceptions } from '../oversight/queries/exceptions-coverage.queries';
import type { OrganizationFilter } from '../../../../libs/oversight/src/queries/organization.queries';
import { ListOrganizations } from '../oversight/queries/organization-read.queries';
import type { Connection } from '../oversight/types/connection.type';
import type { ControlException } from '../oversight/types/control-exception.type';
import type { OrganizationType } from '../oversight/types/organization.type';
import { ListOrganizationsAsOf } from '../replay/as-of.queries';
import { asksAboutThePast, resolveMoment } from '../replay/moment';
import { toPortfolioRow, type PortfolioRow } from './portfolio-row';

const PAGE = 100;

/**
 * Every organization matching the filter, as the `organizations` query answers it: today's read
 * models, or the as-of fold when a clock is given (the same queries, paged to the end).
 */
@Injectable()
export class PortfolioRows {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async rows(tenantId: string, filter: OrganizationFilter, asOf: string | null, knownAt: string | null): Promise<{ rows: PortfolioRow[]; moment: Moment }> {
    const moment = resolveMoment(this.clock.now(), asOf, knownAt);
    if (!asksAboutThePast(asOf, knownAt)) {
      const orgs = await this.all<OrganizationType>((after) => new ListOrganizations(tenantId, filter, PAGE, after));
      const open = await this.openExceptions(tenantId);
      return { rows: orgs.map((o) => toPortfolioRow(o, open.get(o.id) ?? [])), moment };
    }
    // Pin both clocks once, so every page is folded at the same moment.
    const orgs = await this.all<OrganizationType>((after) => new ListOrganizationsAsOf(tenantId, filter, PAGE, after, moment.asOf, moment.knownAt));
    return { rows: orgs.map((o) => toPortfolioRow(o, o.asOfExceptions ?? [])), moment };
  }

  private async all<T>(query: (after: string | null) => object): Promise<T[]> {
    const out: T[] = [];
    let after: string | null = null;
    for (;;) {
      const page = (await this.queryBus.execute(query(after) as never)) as Connection<T>;
      out.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return out;
      after = page.pageInfo.endCursor;
    }
  }

  /** Today's open exceptions of the tenant, by organization (one paged query, not one per organization). */
  private async openExceptions(tenantId: string): Promise<Map<string, ControlException[]>> {
    const all = await this.all<ControlException>((after) => new ListExceptions(tenantId, { open: true }, 500, after));
    const byOrg = new Map<string, ControlException[]>();
    for (const x of all) byOrg.set(x.organizationId, [...(byOrg.get(x.organizationId) ?? []), x]);
    return byOrg;
  }
}
