import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore, RecordedEvent } from '../../../../../libs/event-store/src/event-store.port';
import { metadataOf, organizationIdOf, organizationStream } from '../../../../../libs/oversight/src/application/event-envelope';
import { decodeCursor, encodeCursor } from '../../../../../libs/oversight/src/queries/cursor';
import { apiError } from '../../graphql/errors';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { pageInfoOf, type Connection } from '../types/connection.type';
import type { OversightEvent } from '../types/oversight-event.type';

export class GetOversightHistory extends Query<Connection<OversightEvent>> {
  constructor(
    readonly tenantId: string,
    readonly organizationId: string,
    readonly first: number,
    readonly after: string | null,
    readonly types: string[] | null,
    readonly oldestFirst: boolean,
  ) {
    super();
  }
}

/**
 * The audit trail reads the event store itself, never a projection: what it shows is what was
 * recorded. Streams are short (tens to hundreds of events), so one read serves filter and count.
 */
@QueryHandler(GetOversightHistory)
export class GetOversightHistoryHandler implements IQueryHandler<GetOversightHistory> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(q: GetOversightHistory): Promise<Connection<OversightEvent>> {
    const all = await this.store.readStream(organizationStream(q.tenantId, q.organizationId), {
      direction: q.oldestFirst ? 'forwards' : 'backwards',
    });
    if (all.length === 0 || metadataOf(all[0]!).tenantId !== q.tenantId) {
      throw apiError('NOT_FOUND', `Organization ${q.organizationId} is not registered`);
    }
    const matching = q.types && q.types.length > 0 ? all.filter((e) => q.types!.includes(e.type)) : all;
    let start = 0;
    if (q.after) {
      const key = decodeCursor(q.after);
      const revision = key && typeof key[0] === 'string' && /^\d+$/.test(key[0]) ? BigInt(key[0]) : null;
      if (revision === null) throw apiError('BAD_USER_INPUT', 'The cursor is not one this API issued', { field: 'after' });
      start = matching.findIndex((e) => (q.oldestFirst ? e.revision > revision : e.revision < revision));
      if (start < 0) start = matching.length;
    }
    const page = matching.slice(start, start + q.first);
    const edges = page.map((e) => ({ cursor: encodeCursor([String(e.revision)]), node: toOversightEvent(e) }));
    return {
      edges,
      pageInfo: pageInfoOf(edges.map((e) => e.cursor), start + q.first < matching.length, start > 0),
      totalCount: matching.length,
    };
  }
}

export function toOversightEvent(e: RecordedEvent): OversightEvent {
  const m = metadataOf(e);
  return {
    eventId: e.eventId,
    type: e.type,
    organizationId: organizationIdOf(e.streamId),
    revision: String(e.revision),
    position: String(e.position),
    recordedAt: m.recordedAt,
    effectiveAt: m.effectiveAt,
    actor: m.actor,
    tenantId: m.tenantId,
    correlationId: m.correlationId,
    causationId: m.causationId,
    commandId: m.commandId,
    schemaVersion: m.schemaVersion,
    data: e.data,
  };
}
