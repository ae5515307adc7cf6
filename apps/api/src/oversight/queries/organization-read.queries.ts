import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { dayOf } from '../../../../../libs/oversight/src/domain/calendar';
import type { Clock } from '../../../../../libs/oversight/src/application/clock';
import { InvalidCursorError, OrganizationQueries, type OrganizationFilter } from '../../../../../libs/oversight/src/queries/organization.queries';
import { Inject } from '@nestjs/common';
import { CLOCK } from '../../infrastructure/tokens';
import { ProjectionService } from '../../infrastructure/projection.service';
import { apiError } from '../../graphql/errors';
import { toConnection, type Connection } from '../types/connection.type';
import type { OrganizationType } from '../types/organization.type';
import type { PortfolioSummary } from '../types/portfolio.type';
import { OrganizationReader } from './organization.reader';

export class GetOrganization extends Query<OrganizationType | null> {
  constructor(readonly tenantId: string, readonly id: string) {
    super();
  }
}

export class ListOrganizations extends Query<Connection<OrganizationType>> {
  constructor(readonly tenantId: string, readonly filter: OrganizationFilter, readonly first: number, readonly after: string | null) {
    super();
  }
}

export class GetPortfolioSummary extends Query<PortfolioSummary> {
  constructor(readonly tenantId: string, readonly expiringWithinDays: number) {
    super();
  }
}

@QueryHandler(GetOrganization)
export class GetOrganizationHandler implements IQueryHandler<GetOrganization> {
  constructor(private readonly reader: OrganizationReader) {}
  async execute(q: GetOrganization) {
    return this.reader.organization(q.tenantId, q.id);
  }
}

@QueryHandler(ListOrganizations)
export class ListOrganizationsHandler implements IQueryHandler<ListOrganizations> {
  constructor(
    private readonly queries: OrganizationQueries,
    private readonly reader: OrganizationReader,
    private readonly projections: ProjectionService,
  ) {}
  async execute(q: ListOrganizations) {
    this.projections.statusClock.catchUp();
    try {
      const page = this.queries.list(q.tenantId, q.filter, q.first, q.after);
      return toConnection(page, (v) => this.reader.organization(q.tenantId, v.organizationId)!);
    } catch (error) {
      if (error instanceof InvalidCursorError) throw apiError('BAD_USER_INPUT', error.message, { field: 'after' });
      throw error;
    }
  }
}

@QueryHandler(GetPortfolioSummary)
export class GetPortfolioSummaryHandler implements IQueryHandler<GetPortfolioSummary> {
  constructor(
    private readonly queries: OrganizationQueries,
    private readonly reader: OrganizationReader,
    private readonly projections: ProjectionService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}
  async execute(q: GetPortfolioSummary) {
    this.projections.statusClock.catchUp();
    const s = this.queries.summary(q.tenantId, dayOf(this.clock.now()), q.expiringWithinDays);
    return {
      ...s,
      expiringWithinDays: q.expiringWithinDays,
      expiringSoon: s.expiringSoon.map((v) => this.reader.organization(q.tenantId, v.organizationId)!),
    };
  }
}
