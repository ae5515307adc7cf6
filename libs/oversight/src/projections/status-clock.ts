import type { Database, Statement } from 'better-sqlite3';
import { dayOf } from '../domain/calendar';
import type { Clock } from '../application/clock';
import type { OrganizationsProjection } from './organizations.projection';
import type { AssuranceStatusChange } from './read-model.effects';

/**
 * Status depends on the clock as well as on events. Each status row records the next day on
 * which it may change by itself; `catchUp` re-assesses exactly the rows that are due, so that
 * filtering by status is right at any moment without re-assessing the whole portfolio.
 * Call it before answering a status query, and on a timer so subscribers hear of expiries.
 */
export class StatusClock {
  private readonly due: Statement;
  private timer: NodeJS.Timeout | null = null;
  private quiet = { day: '', at: 0 };

  constructor(
    private readonly db: Database,
    private readonly projection: OrganizationsProjection,
    private readonly clock: Clock,
    private readonly publish: (changes: AssuranceStatusChange[]) => void = () => {},
  ) {
    this.due = db.prepare(
      `SELECT tenant_id, organization_id FROM organization_status
       WHERE next_reassessment_on IS NOT NULL AND next_reassessment_on <= ?`,
    );
  }

  catchUp(): AssuranceStatusChange[] {
    const now = this.clock.now();
    const today = dayOf(now);
    // A page of 50 organizations calls this 51 times: after a look that found nothing due, the
    // next second of the same day asks again no more (see bench/).
    if (today === this.quiet.day && now.getTime() - this.quiet.at < 1000) return [];
    const rows = this.due.all(today) as Array<{ tenant_id: string; organization_id: string }>;
    if (rows.length === 0) {
      this.quiet = { day: today, at: now.getTime() };
      return [];
    }
    // Due rows first, then the vendors that inherit from them (a data center expiring overnight).
    const keys = rows.map((r) => ({ tenant: r.tenant_id, id: r.organization_id }));
    const changes = this.db.transaction(() => this.projection.reassessAll(keys, today))();
    if (changes.length > 0) this.publish(changes);
    return changes;
  }

  start(intervalMs = 60_000): void {
    this.timer ??= setInterval(() => this.catchUp(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
