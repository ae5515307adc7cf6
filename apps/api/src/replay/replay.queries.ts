import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Clock } from '../../../../libs/oversight/src/application/clock';
import { dayOf } from '../../../../libs/oversight/src/domain/calendar';
import {
  coverageTimeline,
  dependencyImpact,
  foldAsOf,
  PortfolioTimelines,
  type DependencyImpact,
  type TimelineEntry,
} from '../../../../libs/oversight/src/replay';
import { apiError } from '../graphql/errors';
import { CLOCK } from '../infrastructure/tokens';
import { toAsOfOrganization } from './as-of.mapper';
import type { CoverageTimelineType } from './coverage-timeline.type';
import type { DependencyImpactType } from './dependency-impact.type';
import { resolveMoment } from './moment';
import { TenantStreams } from './tenant-streams.service';
import type { OversightTimelineType, TimelineEntryType } from './timeline.type';

export class GetOversightTimeline extends Query<OversightTimelineType> {
  constructor(
    readonly tenantId: string,
    readonly organizationId: string,
    readonly from: string | null,
    readonly to: string | null,
    readonly knownAt: string | null,
  ) {
    super();
  }
}

export class GetCoverageTimeline extends Query<CoverageTimelineType> {
  constructor(readonly tenantId: string, readonly organizationId: string, readonly from: string | null, readonly to: string | null) {
    super();
  }
}

export class GetDependencyImpact extends Query<DependencyImpactType> {
  constructor(readonly tenantId: string, readonly organizationId: string, readonly asOf: string | null) {
    super();
  }
}

@QueryHandler(GetOversightTimeline)
export class GetOversightTimelineHandler implements IQueryHandler<GetOversightTimeline> {
  constructor(private readonly streams: TenantStreams, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute(q: GetOversightTimeline): Promise<OversightTimelineType> {
    await this.streams.stream(q.tenantId, q.organizationId); // NOT_FOUND for unknown or another tenant's
    const now = this.clock.now().toISOString();
    const [to, knownAt] = [iso(q.to ?? now), iso(q.knownAt ?? now)];
    // With every stream of the tenant: a carved-out child's lapse shows as INHERITED, as in the read model.
    const streams = new Map((await this.streams.all(q.tenantId)).map((s) => [s.id, s.events]));
    const entries = new PortfolioTimelines(streams, { asOf: to, knownAt }).timeline(q.organizationId, q.from).map(toEntry);
    return { organizationId: q.organizationId, from: q.from && iso(q.from), to, knownAt, entries };
  }
}

@QueryHandler(GetCoverageTimeline)
export class GetCoverageTimelineHandler implements IQueryHandler<GetCoverageTimeline> {
  constructor(private readonly streams: TenantStreams, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute(q: GetCoverageTimeline): Promise<CoverageTimelineType> {
    const events = await this.streams.stream(q.tenantId, q.organizationId);
    const now = this.clock.now().toISOString();
    // The evidence held now, folded in business order like every replay.
    const { state } = foldAsOf(events, { asOf: now, knownAt: now });
    try {
      return { organizationId: q.organizationId, ...coverageTimeline(state, { from: q.from, to: q.to, today: dayOf(now) }) };
    } catch (error) {
      if (error instanceof RangeError) throw apiError('BAD_USER_INPUT', error.message, { field: 'from' });
      throw error;
    }
  }
}

@QueryHandler(GetDependencyImpact)
export class GetDependencyImpactHandler implements IQueryHandler<GetDependencyImpact> {
  constructor(private readonly streams: TenantStreams, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute(q: GetDependencyImpact): Promise<DependencyImpactType> {
    await this.streams.stream(q.tenantId, q.organizationId); // NOT_FOUND for unknown or another tenant's
    const moment = resolveMoment(this.clock.now(), q.asOf, null);
    const impact = dependencyImpact(q.organizationId, await this.streams.all(q.tenantId), moment);
    if (!impact) throw apiError('NOT_FOUND', `Organization ${q.organizationId} was not registered on ${moment.asOf}`);
    return toImpact(q.tenantId, q.organizationId, impact);
  }
}

function toEntry(e: TimelineEntry): TimelineEntryType {
  const a = e.assessment;
  return {
    kind: e.kind,
    // One format for every entry (events keep the instant they were given, as UTC).
    at: iso(e.at),
    day: a.at,
    eventId: e.event?.eventId ?? null,
    type: e.event?.type ?? null,
    revision: e.event ? String(e.event.revision) : null,
    recordedAt: e.event ? iso(e.event.recordedAt) : null,
    data: e.event?.data ?? null,
    status: a.status,
    flags: a.flags,
    reasons: a.reasons,
    statusChanged: e.statusChanged,
    previousStatus: e.previousStatus,
    nextReassessmentOn: a.nextReassessmentOn,
  };
}

function toImpact(tenantId: string, id: string, impact: DependencyImpact): DependencyImpactType {
  const s = impact.subservice;
  return {
    organizationId: id,
    name: s.state.profile!.name,
    asOf: s.moment.asOf,
    knownAt: s.moment.knownAt,
    status: s.assessment.status,
    organization: toAsOfOrganization(tenantId, id, s),
    vendors: impact.vendors.map((v) => ({
      vendorId: v.vendorId,
      vendorName: v.vendor.state.profile!.name,
      vendor: toAsOfOrganization(tenantId, v.vendorId, v.vendor),
      vendorStatus: v.vendor.assessment.status,
      inherited: v.inheritedNow,
      links: v.links,
      intervals: v.intervals.map((i) => ({ ...i, subserviceStatus: i.status })),
      impactedDays: v.impactedDays,
    })),
  };
}

function iso(at: string): string {
  return new Date(at).toISOString();
}
