import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '../../../../libs/event-store/src/event-store.port';
import { metadataOf, organizationIdOf, organizationStream } from '../../../../libs/oversight/src/application/event-envelope';
import { toReplayEvent, type OrganizationStream, type ReplayEvent } from '../../../../libs/oversight/src/replay';
import { apiError } from '../graphql/errors';
import { EVENT_STORE } from '../infrastructure/tokens';

/**
 * Replays read the event store itself, the audit trail (DESIGN §4), never a read model. Each
 * read is scoped to the caller's tenant: a stream whose first event belongs to another tenant
 * does not exist for this caller.
 */
const PAGE = 250;

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
   * Every organization stream of the tenant: a carve-out link may run to any organization of it,
   * so an as-of answer with inheritance needs them all. Only the tenant's streams are read (their
   * names start with the tenant), a page at a time with a yield between pages: the cost is the
   * tenant's own size, and other requests are served meanwhile.
   */
  async all(tenantId: string): Promise<OrganizationStream[]> {
    const byStream = new Map<string, RecordedEvent[]>();
    const streamPrefix = organizationStream(tenantId, '');
    let after: bigint | undefined;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: PAGE, streamPrefix });
      for (const e of page) {
        const list = byStream.get(e.streamId);
        if (list) list.push(e);
        else byStream.set(e.streamId, [e]);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.position;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return [...byStream]
      .filter(([, events]) => metadataOf(events[0]!).tenantId === tenantId)
      .map(([streamId, events]) => ({ id: organizationIdOf(streamId), events: events.map(toReplayEvent) }));
  }
}
