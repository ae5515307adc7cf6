import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Injectable } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import type { AssuranceStatusChange as StatusChangeEffect } from '../../../../../libs/oversight/src/projections/read-model.effects';
import { metadataOf } from '../../../../../libs/oversight/src/application/event-envelope';
import { callerFrom, type Caller } from '../../common/caller';
import { ProjectionCommitted } from '../../infrastructure/projection-committed.event';
import { toOversightEvent } from '../queries/oversight-history.query';
import { OversightEvent } from '../types/oversight-event.type';
import { AssuranceStatusChange } from '../types/portfolio.type';
import { Allow, EVERYONE, READERS_OF_DETAIL } from '../../auth/roles';

const EVENT_RECORDED = 'oversightEventRecorded';
const STATUS_CHANGED = 'assuranceStatusChanged';

/** In-process pub/sub: each API replica pushes what its own read model has committed. */
@Injectable()
export class SubscriptionHub {
  readonly pubSub = new PubSub();
}

/** Pushes to subscribers only after the read model committed (the EventBus's one use). */
@EventsHandler(ProjectionCommitted)
export class ProjectionCommittedHandler implements IEventHandler<ProjectionCommitted> {
  constructor(private readonly hub: SubscriptionHub) {}

  handle({ events, statusChanges }: ProjectionCommitted): void {
    for (const e of events) {
      void this.hub.pubSub.publish(EVENT_RECORDED, { tenantId: metadataOf(e).tenantId, event: toOversightEvent(e) });
    }
    for (const c of statusChanges) void this.hub.pubSub.publish(STATUS_CHANGED, { tenantId: c.tenantId, change: c });
  }
}

type Ctx = { caller?: Caller };

@Resolver()
export class SubscriptionsResolver {
  constructor(private readonly hub: SubscriptionHub) {}

  @Allow(READERS_OF_DETAIL)
  @Subscription(() => OversightEvent, {
    description: 'Each event, in order, once the read models reflect it. Omit organizationId for all.',
    filter: (p: { tenantId: string; event: OversightEvent }, args: { organizationId?: string }, ctx: Ctx) =>
      p.tenantId === callerFrom(ctx).tenantId && (!args.organizationId || p.event.organizationId === args.organizationId),
    resolve: (p: { event: OversightEvent }) => p.event,
  })
  oversightEventRecorded(@Args('organizationId', { type: () => ID, nullable: true }) _organizationId?: string) {
    return this.hub.pubSub.asyncIterableIterator(EVENT_RECORDED);
  }

  @Allow(EVERYONE)
  @Subscription(() => AssuranceStatusChange, {
    description: 'A change of assessed status, by a new event or by the passing of time.',
    filter: (p: { tenantId: string; change: StatusChangeEffect }, args: { organizationId?: string }, ctx: Ctx) =>
      p.tenantId === callerFrom(ctx).tenantId && (!args.organizationId || p.change.organizationId === args.organizationId),
    resolve: (p: { change: StatusChangeEffect }) => ({ ...p.change, position: String(p.change.position) }),
  })
  assuranceStatusChanged(@Args('organizationId', { type: () => ID, nullable: true }) _organizationId?: string) {
    return this.hub.pubSub.asyncIterableIterator(STATUS_CHANGED);
  }
}

