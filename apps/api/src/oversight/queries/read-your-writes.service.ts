import { Injectable } from '@nestjs/common';
import { apiError, badInput } from '../../graphql/errors';
import { ProjectionService } from '../../infrastructure/projection.service';

/** The `consistentWith` argument of read-model queries (DESIGN §4 "Read your writes"). */
export const CONSISTENT_WITH = {
  type: () => String,
  nullable: true,
  description:
    'A position a mutation returned (CommandResult.position): the answer waits, bounded, until the read model has passed it, so it includes that write.',
};

@Injectable()
export class ReadYourWrites {
  constructor(private readonly projections: ProjectionService) {}

  /**
   * Waits until the read models reflect `position`. Past the bound the query fails with
   * SERVICE_UNAVAILABLE rather than answer with a state that may lack the client's own write.
   */
  async awaitPosition(position: string | null | undefined): Promise<void> {
    if (position === null || position === undefined) return;
    if (!/^\d{1,20}$/.test(position)) throw badInput('consistentWith', 'must be a position as a mutation returned it (a decimal string)');
    if (!(await this.projections.consistentWith(BigInt(position)))) {
      throw apiError('SERVICE_UNAVAILABLE', `The read model has not reached position ${position} yet; retry shortly`);
    }
  }
}
