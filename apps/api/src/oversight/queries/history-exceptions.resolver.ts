import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentCaller, type Caller } from '../../common/caller';
import { ConnectionOf } from '../types/connection.type';
import { ControlException } from '../types/control-exception.type';
import { OversightEvent } from '../types/oversight-event.type';
import { ListExceptions } from './exceptions-coverage.queries';
import { GetOversightHistory } from './oversight-history.query';
import { ExceptionFilterInput, PageArgs, pageSize } from './query.args';
import { Allow, READERS_OF_DETAIL } from '../../auth/roles';

export const OversightEventConnection = ConnectionOf(OversightEvent, 'OversightEvent');
export const ControlExceptionConnection = ConnectionOf(ControlException, 'ControlException');

@Resolver()
export class HistoryExceptionsResolver {
  constructor(private readonly queryBus: QueryBus) {}

  @Allow(READERS_OF_DETAIL)
  @Query(() => OversightEventConnection, { description: 'The audit trail, read from the event store; newest first by default.' })
  oversightHistory(
    @CurrentCaller() caller: Caller,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args() page: PageArgs,
    @Args('types', { type: () => [String], nullable: true }) types?: string[],
    @Args('oldestFirst', { nullable: true, defaultValue: false }) oldestFirst?: boolean,
  ) {
    return this.queryBus.execute(
      new GetOversightHistory(caller.tenantId, organizationId, pageSize(page.first), page.after ?? null, types ?? null, !!oldestFirst),
    );
  }

  @Allow(READERS_OF_DETAIL)
  @Query(() => ControlExceptionConnection)
  exceptions(
    @CurrentCaller() caller: Caller,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: ExceptionFilterInput,
  ) {
    return this.queryBus.execute(
      new ListExceptions(
        caller.tenantId,
        {
          organizationId: filter?.organizationId ?? undefined,
          open: filter?.open ?? undefined,
          overdue: filter?.overdue ?? undefined,
          severity: filter?.severity ?? undefined,
        },
        pageSize(page.first),
        page.after ?? null,
      ),
    );
  }
}
