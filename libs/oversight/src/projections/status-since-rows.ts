import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import { toDomainEvent } from '../application/event-envelope';
import { nameKey, type CandidateChild } from '../domain/inherit';
import type { OrganizationState } from '../domain/organization.state';
import type { IsoDate, IsoDateTime } from '../domain/oversight.vocabulary';
import type { ReplayEvent } from '../replay/replay-event';
import { historyPoints, statusSinceOf, type ChildHistory } from '../replay/status-history';
import { replayTimeline } from '../replay/timeline';

/**
 * `statusSince` in the read model is the day of the last change into the status, exactly as the
 * timeline shows it (replay/portfolio-timelines.ts). That needs the organization's history in
 * business order, not only its folded state, so the projection keeps each stream's events in
 * `organization_event` (a copy that a rebuild recreates) and replays the timeline when it
 * writes a status row: a fact entered late may move the day the status began.
 */
export class StatusSinceRows {
  private readonly insert: Statement;
  private readonly select: Statement;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO organization_event (tenant_id, organization_id, revision, event) VALUES (?, ?, ?, ?)');
    this.select = db
      .prepare('SELECT revision, event FROM organization_event WHERE tenant_id = ? AND organization_id = ? ORDER BY revision')
      .safeIntegers(true);
  }

  save(tenant: string, id: string, e: RecordedEvent): void {
    this.insert.run(tenant, id, e.revision, JSON.stringify(toDomainEvent(e)));
  }

  events(tenant: string, id: string): ReplayEvent[] {
    return (this.select.all(tenant, id) as Array<{ revision: bigint; event: string }>).map((r) => ({ ...JSON.parse(r.event), revision: r.revision }));
  }

  /**
   * The vendor's statusSince with INHERITED findings. `candidates`: the rows of every organization
   * that may be its carved-out child (registered under it with CARVE_OUT, or named by any of its
   * reports), as portfolio-timelines.ts chooses them with `mayCarveOut`.
   */
  statusSince(tenant: string, id: string, now: IsoDateTime, candidates: readonly CandidateChild[]): IsoDate | null {
    const bounds = { to: now, knownAt: now };
    const children: ChildHistory[] = candidates.map((c) => ({
      id: c.id,
      name: c.name,
      parentOrganizationId: c.parentOrganizationId,
      inclusionMethod: c.inclusionMethod,
      points: historyPoints(replayTimeline(this.events(tenant, c.id), bounds)),
    }));
    return statusSinceOf(replayTimeline(this.events(tenant, id), { ...bounds, chain: { organizationId: id, children } }));
  }
}

/** Every name any report of the vendor carves out: a child then may still show in its timeline. */
export function everCarvedOutNames(state: OrganizationState): string[] {
  const names = Object.values(state.reports).flatMap((r) => r.subserviceOrganizations.filter((s) => s.method === 'CARVE_OUT').map((s) => nameKey(s.name)));
  return [...new Set(names)].sort();
}
