import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port';
import type { Clock } from '../../../../libs/oversight/src/application/clock';
import { ServiceAuditorRegistry } from '../../../../libs/oversight/src/application/service-auditors';
import { tenantFactsAsOf } from '../../../../libs/oversight/src/replay/tenant-facts-as-of';
import { portfolioAsOfInSlices, type AsOfAnswer, type Moment } from '../../../../libs/oversight/src/replay';
import { SharedWork } from '../common/shared-work';
import { timeSlicer } from '../common/time-slicer';
import { CLOCK, EVENT_STORE } from '../infrastructure/tokens';
import { AsOfSnapshots } from './as-of-snapshots.service';
import { TenantStreams } from './tenant-streams.service';

/**
 * A tenant's portfolio on a moment, computed once and shared (SharedWork, reused for a second):
 * the subservice organizations and parents of 20 as-of nodes, or the same question asked by
 * several requests, reuse one replay (keyed by tenant, moment and the store's head, so a new
 * event makes a new answer). The replay reads only the tenant's streams and pauses between
 * organizations (time slices).
 */
@Injectable()
export class AsOfPortfolios {
  private readonly answers = new SharedWork<Map<string, AsOfAnswer>>(1000, 8);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly streams: TenantStreams,
    private readonly snapshots: AsOfSnapshots,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async portfolio(tenantId: string, moment: Moment): Promise<Map<string, AsOfAnswer>> {
    const head = await this.store.headPosition();
    const key = JSON.stringify([tenantId, moment.asOf, moment.knownAt, String(head)]);
    return this.answers.get(key, () => this.compute(tenantId, moment));
  }

  private async compute(tenantId: string, moment: Moment): Promise<Map<string, AsOfAnswer>> {
    const streams = await this.streams.all(tenantId);
    // The tenant's vetted service auditors as of the same moment (AUDITOR_NOT_VETTED).
    const tenant = tenantFactsAsOf(await new ServiceAuditorRegistry(this.store, this.clock).records(tenantId), moment);
    return portfolioAsOfInSlices(streams, moment, this.snapshots.folderOf(tenantId), timeSlicer(), tenant);
  }
}
