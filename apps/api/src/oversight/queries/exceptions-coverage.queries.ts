import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Clock } from '../../../../../libs/oversight/src/application/clock';
import { dayOf } from '../../../../../libs/oversight/src/domain/calendar';
import { ExceptionQueries, type ExceptionFilter } from '../../../../../libs/oversight/src/queries/exception.queries';
import { InvalidCursorError, OrganizationQueries } from '../../../../../libs/oversight/src/queries/organization.queries';
import { apiError } from '../../graphql/errors';
import { CLOCK } from '../../infrastructure/tokens';
import { toConnection, type Connection } from '../types/connection.type';
import type { ControlException } from '../types/control-exception.type';
import type { ControlCoverage } from '../types/portfolio.type';

export class ListExceptions extends Query<Connection<ControlException>> {
  constructor(readonly tenantId: string, readonly filter: ExceptionFilter, readonly first: number, readonly after: string | null) {
    super();
  }
}

export class GetControlCoverage extends Query<ControlCoverage> {
  constructor(readonly tenantId: string, readonly organizationId: string) {
    super();
  }
}

@QueryHandler(ListExceptions)
export class ListExceptionsHandler implements IQueryHandler<ListExceptions> {
  constructor(
    private readonly queries: ExceptionQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}
  async execute(q: ListExceptions) {
    try {
      const page = this.queries.list(q.tenantId, q.filter, dayOf(this.clock.now()), q.first, q.after);
      return toConnection(page, (x) => x);
    } catch (error) {
      if (error instanceof InvalidCursorError) throw apiError('BAD_USER_INPUT', error.message, { field: 'after' });
      throw error;
    }
  }
}

@QueryHandler(GetControlCoverage)
export class GetControlCoverageHandler implements IQueryHandler<GetControlCoverage> {
  constructor(private readonly queries: OrganizationQueries) {}
  async execute(q: GetControlCoverage) {
    const coverage = this.queries.coverage(q.tenantId, q.organizationId);
    if (!coverage) throw apiError('NOT_FOUND', `Organization ${q.organizationId} is not registered`);
    return { organizationId: q.organizationId, ...coverage };
  }
}
