import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import type { Projection } from '../../../event-store/src/projection/projection';
import { assess } from '../domain/assess';
import { dayOf } from '../domain/calendar';
import { withUntrackedCarveOuts } from '../domain/carve-out-untracked';
import { carvedOutChildren, carvedOutNames, withInherited } from '../domain/inherit';
import { evolve } from '../domain/organization.evolve';
import { initialState, type OrganizationState } from '../domain/organization.state';
import type { Clock } from '../application/clock';
import { metadataOf, ORGANIZATION_STREAM_PREFIX, organizationIdOf, toDomainEvent } from '../application/event-envelope';
import { CarveOutLinks, OrganizationRows } from './organization-rows';
import { OrganizationNameRows } from './organization-names';
import { everCarvedOutNames, StatusSinceRows } from './status-since-rows';
import { PendingStates, type PendingState } from './pending-states';
import { SERVICE_AUDITOR_STREAM_PREFIX, VettedAuditorRows } from './vetted-auditor-rows';
import type { AssuranceStatusChange } from './read-model.effects';
import { CARVE_OUT_LISTING_TABLE, ORGANIZATION_EVENT_TABLE, PROJECTION_TABLES, READ_MODEL_DDL } from './read-model.schema';

/**
 * The organization read models: each organization's folded state (a snapshot, so the clock can
 * re-assess it without reading the store), its assessed status, its exceptions and its control
 * coverage. One projection, because all four derive from the same fold and must agree.
 * Idempotent: an event at or below the stored stream revision is skipped.
 *
 * A vendor's status row also carries INHERITED findings from its carved-out subservice
 * organizations' rows (domain/inherit.ts). Whenever rows are written, the vendors of every
 * organization written are re-derived last, so at each commit every vendor row agrees with its
 * children's rows whatever the order of the batch, and a rebuild yields the same rows. One level
 * suffices: INHERITED never makes an organization "not assured", so it never propagates further.
 */
export class OrganizationsProjection implements Projection<AssuranceStatusChange> {
  readonly name = 'organizations';
  private rows!: OrganizationRows;
  private links!: CarveOutLinks;
  private history!: StatusSinceRows;
  private names!: OrganizationNameRows;
  private vetted!: VettedAuditorRows;
  private loadState!: Statement;
  private loadStatus!: Statement;

  /** Rebuild mode (see OrganizationsProjectionOptions.deferRows); null when live. */
  private readonly pending: PendingStates | null;

  constructor(private readonly clock: Clock, options: OrganizationsProjectionOptions = {}) {
    this.pending = options.deferRows ? new PendingStates(options.deferRows) : null;
  }

  setup(db: Database): void {
    const exists = (table: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table);
    const linksExisted = exists(CARVE_OUT_LISTING_TABLE);
    const historyExisted = exists(ORGANIZATION_EVENT_TABLE);
    db.exec(READ_MODEL_DDL);
    this.rows = new OrganizationRows(db);
    this.links = new CarveOutLinks(db);
    this.history = new StatusSinceRows(db);
    this.names = new OrganizationNameRows(db);
    this.vetted = new VettedAuditorRows(db);
    // Rows written before the projection kept events cannot replay statusSince: rebuild from zero.
    if (!historyExisted && db.prepare('SELECT 1 FROM organization_state LIMIT 1').get()) {
      this.reset(db);
      db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(this.name);
      return;
    }
    this.loadState = db
      .prepare('SELECT revision, position, state FROM organization_state WHERE tenant_id = ? AND organization_id = ?')
      .safeIntegers(true);
    this.loadStatus = db.prepare(
      'SELECT status, flags FROM organization_status WHERE tenant_id = ? AND organization_id = ?',
    );
    // Rows written before INHERITED existed: derive the links and the vendors' rows once.
    if (!linksExisted) {
      const all = db.prepare('SELECT tenant_id AS tenant, organization_id AS id FROM organization_state').all() as Key[];
      if (all.length > 0) db.transaction(() => this.reassessAll(all, dayOf(this.clock.now())))();
    }
  }

  reset(db: Database): void {
    for (const table of PROJECTION_TABLES) db.prepare(`DELETE FROM ${table}`).run();
    (this.vetted ?? new VettedAuditorRows(db)).reset();
    this.pending?.clear();
  }

  apply(_db: Database, events: RecordedEvent[]): AssuranceStatusChange[] {
    if (this.pending) return this.applyDeferred(events);
    const today = dayOf(this.clock.now());
    const changes = new StatusChanges();
    const vendors = new Keys();
    const audited = new Keys();
    for (const [streamId, stream] of groupByStream(events)) {
      const tenant = String(metadataOf(stream[0]!).tenantId);
      if (this.saveVettings(streamId, tenant, stream, audited)) continue;
      const id = organizationIdOf(streamId);
      const stored = this.loadState.get(tenant, id) as StoredState | undefined;
      let state: OrganizationState = stored ? JSON.parse(stored.state) : initialState();
      const fresh = stream.filter((e) => stored === undefined || e.revision > stored.revision);
      if (fresh.length === 0) continue;
      for (const e of fresh) {
        state = evolve(state, toDomainEvent(e));
        this.history.save(tenant, id, e);
      }
      const last = fresh[fresh.length - 1]!;
      // Vendors linked before (a renamed child leaves a listing) and after the write.
      vendors.add(tenant, this.links.vendorsOf(tenant, id));
      changes.add(this.write(tenant, id, state, today, last.revision, last.position));
      vendors.add(tenant, this.links.vendorsOf(tenant, id));
    }
    this.reassessAudited(audited, today, changes, vendors);
    this.rederive(vendors, today, changes);
    return changes.list();
  }

  /** A tenant's vettings: saved, and the organizations audited by a newly vetted firm noted. */
  private saveVettings(streamId: string, tenant: string, stream: RecordedEvent[], audited: Keys): boolean {
    if (!streamId.startsWith(SERVICE_AUDITOR_STREAM_PREFIX)) return false;
    audited.add(tenant, this.vetted.organizationsAudited(tenant, this.vetted.save(tenant, stream)));
    return true;
  }

  /** Re-assesses, from their snapshots, the organizations a vetting changed (AUDITOR_NOT_VETTED). */
  private reassessAudited(audited: Keys, today: string, changes: StatusChanges, vendors: Keys): void {
    for (const { tenant, id } of audited.list()) {
      changes.add(this.reassess(tenant, id, today));
      vendors.add(tenant, this.links.vendorsOf(tenant, id));
    }
  }

  /**
   * Rebuild mode: folds into states held in memory and writes an organization's rows only when it
   * leaves the bounded set, or at `flush`: once per organization instead of once per batch it
   * appears in (the rows of a portfolio rebuilt from zero are then written ~once, see bench/).
   */
  private applyDeferred(events: RecordedEvent[]): AssuranceStatusChange[] {
    const pending = this.pending!;
    const evicted: PendingState[] = [];
    const audited = new Keys();
    for (const [streamId, stream] of groupByStream(events)) {
      const tenant = String(metadataOf(stream[0]!).tenantId);
      // Held organizations are assessed with the vettings when written; stored ones now.
      if (this.saveVettings(streamId, tenant, stream, audited)) continue;
      const id = organizationIdOf(streamId);
      let entry = pending.take(tenant, id);
      if (!entry) {
        const stored = this.loadState.get(tenant, id) as StoredState | undefined;
        entry = { tenant, id, state: stored ? JSON.parse(stored.state) : initialState(), revision: stored?.revision ?? -1n, position: stored?.position ?? 0n };
      }
      for (const e of stream) {
        if (e.revision <= entry.revision) continue;
        entry.state = evolve(entry.state, toDomainEvent(e));
        this.history.save(tenant, id, e);
        entry.revision = e.revision;
        entry.position = e.position;
      }
      evicted.push(...pending.put(entry));
    }
    const changes = this.writeOut(evicted);
    const later = new StatusChanges();
    const vendors = new Keys();
    this.reassessAudited(audited, dayOf(this.clock.now()), later, vendors);
    this.rederive(vendors, dayOf(this.clock.now()), later);
    return [...changes, ...later.list()];
  }

  /** Rebuild mode: writes every organization still held in memory. Call once the runner has stopped. */
  flush(): AssuranceStatusChange[] {
    return this.pending ? this.writeOut(this.pending.drain()) : [];
  }

  private writeOut(entries: readonly PendingState[]): AssuranceStatusChange[] {
    if (entries.length === 0) return [];
    const today = dayOf(this.clock.now());
    const changes = new StatusChanges();
    const vendors = new Keys();
    for (const { tenant, id, state, revision, position } of entries) {
      vendors.add(tenant, this.links.vendorsOf(tenant, id));
      changes.add(this.write(tenant, id, state, today, revision, position));
      vendors.add(tenant, this.links.vendorsOf(tenant, id));
    }
    this.rederive(vendors, today, changes);
    return changes.list();
  }

  /** Re-assesses organizations from their snapshots (time alone moved them), then their vendors. */
  reassessAll(keys: readonly Key[], today: string): AssuranceStatusChange[] {
    const changes = new StatusChanges();
    const vendors = new Keys();
    for (const { tenant, id } of keys) {
      changes.add(this.reassess(tenant, id, today));
      vendors.add(tenant, this.links.vendorsOf(tenant, id));
    }
    this.rederive(vendors, today, changes);
    return changes.list();
  }

  /** Re-assesses one organization from its stored snapshot (used when time alone moves it). */
  reassess(tenant: string, id: string, today: string): AssuranceStatusChange | null {
    const stored = this.loadState.get(tenant, id) as StoredState | undefined;
    if (!stored) return null;
    return this.write(tenant, id, JSON.parse(stored.state), today, stored.revision, stored.position, false);
  }

  /** Vendors last, once each, against their children's rows as they now stand. */
  private rederive(vendors: Keys, today: string, changes: StatusChanges): void {
    for (const { tenant, id } of vendors.list()) changes.add(this.reassess(tenant, id, today));
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
    const previous = this.loadStatus.get(tenant, id) as { status: string; flags: string } | undefined;
    const names = carvedOutNames(state, today);
    const children = carvedOutChildren({ id, state }, today, this.links.childCandidates(tenant, id, names));
    const a = withInherited(withUntrackedCarveOuts(assess(state, today, this.vetted.facts(tenant)), state, today, children), children);
    if (saveFacts) {
      this.rows.saveState(tenant, id, revision, position, state);
      this.rows.saveExceptions(tenant, id, state);
    }
    this.rows.saveCoverage(tenant, id, state, today);
    this.links.saveListing(tenant, id, names);
    const candidates = this.links.childCandidates(tenant, id, everCarvedOutNames(state));
    const since = state.profile ? this.history.statusSince(tenant, id, this.clock.now().toISOString(), candidates) : null;
    this.rows.saveStatus(tenant, id, state, a, since, revision, position);
    if (state.profile) this.names.save(tenant, id, state.profile.name, state.lifecycle === 'ACTIVE');
    const previousFlags = previous ? (JSON.parse(previous.flags) as AssuranceStatusChange['flags']) : [];
    if (!state.profile || (previous?.status === a.status && sameFlags(previousFlags, a.flags))) return null;
    return {
      tenantId: tenant,
      organizationId: id,
      name: state.profile.name,
      previousStatus: (previous?.status ?? null) as AssuranceStatusChange['previousStatus'],
      previousFlags,
      status: a.status,
      flags: a.flags,
      reasons: a.reasons,
      statusSince: since,
      assessedOn: today,
      position,
    };
  }
}

export interface OrganizationsProjectionOptions {
  /**
   * Rebuild mode, for a read model built from zero into a throwaway file: hold up to this many
   * organizations' states in memory and write their rows when they leave or at `flush()`. Their
   * rows lag the checkpoint meanwhile, so never use it for the live read model.
   */
  deferRows?: number;
}

interface StoredState {
  revision: bigint;
  position: bigint;
  state: string;
}

interface Key {
  tenant: string;
  id: string;
}

/** Organization keys in first-seen order, without repeats. */
class Keys {
  private readonly seen = new Map<string, Key>();
  add(tenant: string, ids: readonly string[]): void {
    for (const id of ids) this.seen.set(JSON.stringify([tenant, id]), { tenant, id });
  }
  list(): Key[] {
    return [...this.seen.values()];
  }
}

/** One announcement per organization per commit: from its first previous state to its last. */
class StatusChanges {
  private readonly byKey = new Map<string, AssuranceStatusChange>();
  add(change: AssuranceStatusChange | null): void {
    if (!change) return;
    const key = JSON.stringify([change.tenantId, change.organizationId]);
    const first = this.byKey.get(key);
    this.byKey.set(key, first ? { ...change, previousStatus: first.previousStatus, previousFlags: first.previousFlags } : change);
  }
  list(): AssuranceStatusChange[] {
    return [...this.byKey.values()].filter((c) => c.previousStatus !== c.status || !sameFlags(c.previousFlags, c.flags));
  }
}

function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((f) => b.includes(f));
}

/** The organization and service-auditor streams of the batch; the runner feeds others too (the ledger's). */
function groupByStream(events: RecordedEvent[]): Map<string, RecordedEvent[]> {
  const groups = new Map<string, RecordedEvent[]>();
  for (const e of events) {
    if (!e.streamId.startsWith(ORGANIZATION_STREAM_PREFIX) && !e.streamId.startsWith(SERVICE_AUDITOR_STREAM_PREFIX)) continue;
    const list = groups.get(e.streamId);
    if (list) list.push(e);
    else groups.set(e.streamId, [e]);
  }
  return groups;
}
