import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import type { Clock } from '../../../../../libs/oversight/src/application/clock';
import { DateTimeScalar } from '../../graphql/scalars';
import { CLOCK } from '../../infrastructure/tokens';
import { Allow, EVERYONE } from '../../auth/roles';

@Resolver()
export class ServerTimeResolver {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @Allow(EVERYONE)
  @Query(() => DateTimeScalar, { description: 'The server clock: statuses are assessed against its day.' })
  serverTime(): string {
    return this.clock.now().toISOString();
  }
}
