import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '../../../../libs/event-store/src/event-store.port';
import {
  metadataOf,
  ORGANIZATION_STREAM_PREFIX,
  organizationIdOf,
  organizationStream,
} from '../../../../libs/oversight/src/application/event-envelope';
import { toReplayEvent, type OrganizationStream, type ReplayEvent } from '../../../../libs/oversight/src/replay';
import { apiError } from '../graphql/errors';
import { EVENT_STORE } from '../infrastructure/tokens';

/**
 * Replays read the event store itself, the audit trail (DESIGN §4), never a read model. Each
 * read is scoped to the caller's tenant: a stream whose first event belongs to another tenant
 * does not exist for this caller.
 */
@Injectable()
export class TenantStreams {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** One organization's stream; NOT_FOUND when it has none, or it is another tenant's. */
  async stream(tenantId: string, organizationId: string): Promise<ReplayEvent[]> {
    const events = await this.store.readStream(organizationStream(tenantId, organizationId));
    if (events.length === 0 || metadataOf(events[0]!).tenantId !== tenantId) {
      throw apiError('NOT_FOUND', `Organization ${organizationId} is not registered`);
    }
    return events.map(toReplayEvent);
  }

  /**
   * Every organization stream of the tenant. Reads the whole store: a carve-out link may run to
   * any organization, so an as-of answer with inheritance needs them all. Audit queries accept
   * that cost; today's status comes from the read model.
   */
  async all(tenantId: string): Promise<OrganizationStream[]> {
    const byStream = new Map<string, RecordedEvent[]>();
    for (const e of await this.store.readAll({ streamPrefix: ORGANIZATION_STREAM_PREFIX })) {
      const list = byStream.get(e.streamId);
      if (list) list.push(e);
      else byStream.set(e.streamId, [e]);
    }
    return [...byStream]
      .filter(([, events]) => metadataOf(events[0]!).tenantId === tenantId)
      .map(([streamId, events]) => ({ id: organizationIdOf(streamId), events: events.map(toReplayEvent) }));
  }
}
