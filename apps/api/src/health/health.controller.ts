import { Controller, Get, Inject } from '@nestjs/common';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port';
import { EVENT_STORE } from '../infrastructure/tokens';
import { ProjectionService } from '../infrastructure/projection.service';

/** Liveness and lag: the store's head and how far each projection is behind it. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionService,
  ) {}

  @Get()
  async health() {
    const head = await this.store.headPosition();
    const checkpoints = this.projections.runner.checkpoints();
    const lastError = this.projections.runner.lastError;
    return {
      status: lastError ? 'degraded' : 'ok',
      store: { kind: 'sqlite', headPosition: String(head) },
      projections: Object.entries(checkpoints).map(([name, position]) => ({
        name,
        position: String(position),
        lag: String(head - position),
      })),
      ...(lastError ? { lastProjectionError: String(lastError) } : {}),
    };
  }
}
