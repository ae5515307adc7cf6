import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import type { Projection } from '../../../event-store/src/projection/projection';
import { assess } from '../domain/assess';
import type { Assessment } from '../domain/assessment.types';
import { dayOf } from '../domain/calendar';
import { evolve } from '../domain/organization.evolve';
import { initialState, type OrganizationState } from '../domain/organization.state';
import type { Clock } from '../application/clock';
import { metadataOf, organizationIdOf, toDomainEvent } from '../application/event-envelope';
import { OrganizationRows } from './organization-rows';
import type { AssuranceStatusChange } from './read-model.effects';
import { READ_MODEL_DDL, READ_MODEL_TABLES } from './read-model.schema';

/**
 * The organization read models: each organization's folded state (a snapshot, so the clock can
 * re-assess it without reading the store), its assessed status, its exceptions and its control
 * coverage. One projection, because all four derive from the same fold and must agree.
 * Idempotent: an event at or below the stored stream revision is skipped.
 */
export class OrganizationsProjection implements Projection<AssuranceStatusChange> {
  readonly name = 'organizations';
  private rows!: OrganizationRows;
  private loadState!: Statement;
  private loadStatus!: Statement;

  constructor(private readonly clock: Clock) {}

  setup(db: Database): void {
    db.exec(READ_MODEL_DDL);
    this.rows = new OrganizationRows(db);
    this.loadState = db
      .prepare('SELECT revision, position, state FROM organization_state WHERE tenant_id = ? AND organization_id = ?')
      .safeIntegers(true);
    this.loadStatus = db.prepare(
      'SELECT status FROM organization_status WHERE tenant_id = ? AND organization_id = ?',
    );
  }

  reset(db: Database): void {
    for (const table of READ_MODEL_TABLES) db.prepare(`DELETE FROM ${table}`).run();
  }

  apply(_db: Database, events: RecordedEvent[]): AssuranceStatusChange[] {
    const today = dayOf(this.clock.now());
    const changes: AssuranceStatusChange[] = [];
    for (const [streamId, stream] of groupByStream(events)) {
      const tenant = String(metadataOf(stream[0]!).tenantId);
      const id = organizationIdOf(streamId);
      const stored = this.loadState.get(tenant, id) as StoredState | undefined;
      let state: OrganizationState = stored ? JSON.parse(stored.state) : initialState();
      const fresh = stream.filter((e) => stored === undefined || e.revision > stored.revision);
      if (fresh.length === 0) continue;
      for (const e of fresh) state = evolve(state, toDomainEvent(e));
      const last = fresh[fresh.length - 1]!;
      const change = this.write(tenant, id, state, today, last.revision, last.position);
      if (change) changes.push(change);
    }
    return changes;
  }

  /** Re-assesses one organization from its stored snapshot (used when time alone moves it). */
  reassess(tenant: string, id: string, today: string): AssuranceStatusChange | null {
    const stored = this.loadState.get(tenant, id) as StoredState | undefined;
    if (!stored) return null;
    return this.write(tenant, id, JSON.parse(stored.state), today, stored.revision, stored.position, false);
  }

  private write(
    tenant: string,
    id: string,
    state: OrganizationState,
    today: string,
    revision: bigint,
    position: bigint,
    saveFacts = true,
  ): AssuranceStatusChange | null {
    const previous = this.loadStatus.get(tenant, id) as { status: string } | undefined;
    const a = assess(state, today);
    if (saveFacts) {
      this.rows.saveState(tenant, id, revision, position, state);
      this.rows.saveExceptions(tenant, id, state);
    }
    this.rows.saveCoverage(tenant, id, state, today);
    this.rows.saveStatus(tenant, id, state, a, statusSince(a, state), revision, position);
    if (previous?.status === a.status || !state.profile) return null;
    return {
      tenantId: tenant,
      organizationId: id,
      name: state.profile.name,
      previousStatus: (previous?.status ?? null) as AssuranceStatusChange['previousStatus'],
      status: a.status,
      flags: a.flags,
      reasons: a.reasons,
      assessedOn: today,
      position,
    };
  }
}

/**
 * Since when the status holds: the earliest `since` among the reasons for the decisive status.
 * A pure function of state and day, so that a rebuild yields the same rows as the live run.
 */
export function statusSince(a: Assessment, state: OrganizationState): string | null {
  const days = a.reasons.filter((r) => r.status === a.status && r.since).map((r) => r.since!);
  if (days.length > 0) return days.reduce((x, y) => (y < x ? y : x));
  return state.registered ? dayOf(state.registered.effectiveAt) : null;
}

interface StoredState {
  revision: bigint;
  position: bigint;
  state: string;
}

function groupByStream(events: RecordedEvent[]): Map<string, RecordedEvent[]> {
  const groups = new Map<string, RecordedEvent[]>();
  for (const e of events) {
    const list = groups.get(e.streamId);
    if (list) list.push(e);
    else groups.set(e.streamId, [e]);
  }
  return groups;
}
