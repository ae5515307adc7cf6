import type { OrganizationState } from '../domain/organization.state';

/**
 * Two kinds of snapshot, because the two folds of one stream differ:
 *
 * - a STREAM snapshot is `fold(events 0..revision)` in stream (recording) order: today's state,
 *   what the command path decides on and the organizations projection keeps;
 * - an AS-OF snapshot is the business-order fold of (most of) events 0..revision: the order a bitemporal
 *   replay folds in (replay/as-of.ts). A fact entered late sits later in the stream than in
 *   business time, and `evolve` is order-sensitive (report order, validations), so a stream
 *   snapshot cannot seed a replay once any fact was entered out of order.
 */
export interface StreamSnapshot {
  revision: bigint;
  state: OrganizationState;
}

/** The latest stream snapshot of an organization, wherever it is kept (a cache, the read model). */
export interface StreamSnapshotSource {
  /** Null when there is none for this tenant: the caller then reads the whole stream. */
  latest(tenantId: string, organizationId: string): StreamSnapshot | null;
  /** Offered the state after each successful command; a source may keep it. */
  remember?(tenantId: string, organizationId: string, snapshot: StreamSnapshot): void;
}

export interface AsOfSnapshot {
  /** Every event up to this revision was considered; its members were folded. */
  revision: bigint;
  /**
   * Members are the events up to `revision` effective at or before `cutAt`; the others (recent in
   * business time, `heldFrom` onwards) are held back and folded by the reader with the tail, so a
   * fact entered up to a horizon late still lands after the snapshot in business order.
   */
  cutAt: string;
  /** The lowest revision held back (revision + 1 when none is): where a reader starts reading. */
  heldFrom: bigint;
  /** Max effectiveAt and recordedAt over the members (ISO instants). */
  maxEffectiveAt: string;
  maxRecordedAt: string;
  /** The highest member revision; null when there is no member yet. */
  memberRevisionMax: bigint | null;
  /** The business-order fold of the members. */
  state: OrganizationState;
  /** The members' ids in business order: the basis an answer lists. */
  eventIds: string[];
}

/** An as-of snapshot without its (large) state: enough to choose one. */
export type AsOfSnapshotKey = Pick<AsOfSnapshot, 'revision' | 'maxEffectiveAt' | 'maxRecordedAt'>;
