import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import { toDomainEvent } from '../application/event-envelope';
import { nameKey, type CandidateChild } from '../domain/inherit';
import type { OrganizationState } from '../domain/organization.state';
import type { IsoDate } from '../domain/oversight.vocabulary';
import { advanceOwn, combinedSince, comesAfter, passOwn, startOwn, type OwnCursor, type OwnPoint } from '../replay/own-history';
import { inBusinessOrder, instant, type ReplayEvent } from '../replay/replay-event';

/**
 * `statusSince` in the read model is the day of the last change into the status, as the timeline
 * shows it (replay/portfolio-timelines.ts). That needs the organization's history in business
 * order, not only its folded state: the projection keeps each stream's events
 * (`organization_event`) and, in `organization_timeline`, its own timeline as a resumable fold
 * (replay/own-history.ts) with the points vendors inherit from. New events that come after the
 * folded ones in business order resume it; a fact dated earlier replays the stream from zero.
 */
export class StatusSinceRows {
  private readonly insertEvent: Statement;
  private readonly eventsAfter: Statement;
  private readonly loadCursor: Statement;
  private readonly saveCursor: Statement;
  private readonly loadPoints: Statement;

  constructor(db: Database) {
    this.insertEvent = db.prepare('INSERT OR IGNORE INTO organization_event (tenant_id, organization_id, revision, event) VALUES (?, ?, ?, ?)');
    this.eventsAfter = db
      .prepare('SELECT revision, event FROM organization_event WHERE tenant_id = ? AND organization_id = ? AND revision > ? ORDER BY revision')
      .safeIntegers(true);
    this.loadCursor = db.prepare('SELECT cursor, revision FROM organization_timeline WHERE tenant_id = ? AND organization_id = ?').safeIntegers(true);
    this.saveCursor = db.prepare(
      `INSERT OR REPLACE INTO organization_timeline (tenant_id, organization_id, revision, cursor, points, own_since) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.loadPoints = db.prepare('SELECT points FROM organization_timeline WHERE tenant_id = ? AND organization_id = ?');
  }

  save(tenant: string, id: string, e: RecordedEvent): void {
    this.insertEvent.run(tenant, id, e.revision, JSON.stringify(toDomainEvent(e)));
  }

  /**
   * Brings the organization's own timeline up to `now` and answers its statusSince, with
   * INHERITED from `candidates` (every organization that may be its carved-out child: registered
   * under it with CARVE_OUT, or named by any of its reports), whose own points are read here.
   */
  statusSince(tenant: string, id: string, now: string, candidates: readonly CandidateChild[]): IsoDate | null {
    const own = this.ownTimeline(tenant, id, now);
    if (candidates.length === 0) return own.since;
    const children = candidates.map((c) => ({
      id: c.id,
      name: c.name,
      parentOrganizationId: c.parentOrganizationId,
      inclusionMethod: c.inclusionMethod,
      points: this.pointsOf(tenant, c.id),
    }));
    return combinedSince(id, own.points, children);
  }

  private ownTimeline(tenant: string, id: string, now: string): OwnCursor {
    const row = this.loadCursor.get(tenant, id) as { cursor: string; revision: bigint } | undefined;
    let cursor: OwnCursor = row ? JSON.parse(row.cursor) : startOwn();
    let fresh = this.events(tenant, id, row?.revision ?? -1n);
    if (!fresh.every((e) => comesAfter(cursor, e))) [cursor, fresh] = [startOwn(), this.events(tenant, id, -1n)];
    advanceOwn(cursor, inBusinessOrder(fresh));
    const revision = fresh.reduce((m, e) => (e.revision > m ? e.revision : m), row?.revision ?? -1n);
    const saved = JSON.stringify(cursor);
    // Then the days after the last event, up to today: not saved, today moves on.
    passOwn(cursor, instant(now));
    this.saveCursor.run(tenant, id, revision, saved, JSON.stringify(cursor.points), cursor.since);
    return cursor;
  }

  private pointsOf(tenant: string, id: string): OwnPoint[] {
    const row = this.loadPoints.get(tenant, id) as { points: string } | undefined;
    return row ? JSON.parse(row.points) : [];
  }

  private events(tenant: string, id: string, after: bigint): ReplayEvent[] {
    return (this.eventsAfter.all(tenant, id, after) as Array<{ revision: bigint; event: string }>).map((r) => ({ ...JSON.parse(r.event), revision: r.revision }));
  }
}

/** Every name any report of the vendor carves out: a child then may still show in its timeline. */
export function everCarvedOutNames(state: OrganizationState): string[] {
  const names = Object.values(state.reports).flatMap((r) => r.subserviceOrganizations.filter((s) => s.method === 'CARVE_OUT').map((s) => nameKey(s.name)));
  return [...new Set(names)].sort();
}
