import { fold } from '../domain/organization.evolve';
import type { AsOfFold } from '../replay/as-of';
import { inBusinessOrder, instant, type Moment, type ReplayEvent } from '../replay/replay-event';
import type { AsOfSnapshot, AsOfSnapshotKey } from './snapshot.types';

/** How late a fact may be entered (in business time, behind the latest one) and still not spoil a snapshot. */
export const DEFAULT_HORIZON_MS = 60 * 86_400_000;

/**
 * Snapshot-seeded bitemporal replay. The full answer is
 *   fold(inBusinessOrder(filter(all)))  with filter = recordedAt ≤ knownAt ∧ effectiveAt ≤ asOf.
 * A snapshot's members M (events ≤ revision effective by cutAt) are folded in business order. It
 * may seed the answer when
 *   1. maxRecordedAt ≤ knownAt and maxEffectiveAt ≤ asOf (over M): every member passes the filter;
 *   2. every other event that passes the filter sorts after every member in business order
 *      (effectiveAt, then revision). Held-back events (≤ revision, effective after cutAt) always
 *      do; a tail event (> revision) does when its effectiveAt ≥ maxEffectiveAt. Then the sorted
 *      whole is sorted M followed by the sorted rest, and a left fold splits there. A fact entered
 *      later than the horizon and dated before M breaks this: an older snapshot serves, or none.
 * Condition 1 is checked before reading (`usableFor`), condition 2 after (`seedAsOf`).
 */
export function usableFor(snapshot: AsOfSnapshotKey, moment: Moment): boolean {
  return instant(snapshot.maxRecordedAt) <= instant(moment.knownAt) && instant(snapshot.maxEffectiveAt) <= instant(moment.asOf);
}

/** Candidates for a moment, latest first. */
export function candidatesFor<K extends AsOfSnapshotKey>(snapshots: readonly K[], moment: Moment): K[] {
  return snapshots.filter((s) => usableFor(s, moment)).sort((a, b) => (a.revision < b.revision ? 1 : -1));
}

function isMember(s: Pick<AsOfSnapshot, 'revision' | 'cutAt'>, e: ReplayEvent): boolean {
  return e.revision <= s.revision && instant(e.effectiveAt) <= instant(s.cutAt);
}

/**
 * The as-of fold seeded by `snapshot`, from the stream's events from its `heldFrom` on (`after`,
 * any order; members and earlier events are skipped). Null when condition 2 fails.
 */
export function seedAsOf(snapshot: AsOfSnapshot, after: readonly ReplayEvent[], moment: Moment): AsOfFold | null {
  if (!usableFor(snapshot, moment)) return null;
  const asOf = instant(moment.asOf);
  const knownAt = instant(moment.knownAt);
  const floor = instant(snapshot.maxEffectiveAt);
  const chosen: ReplayEvent[] = [];
  for (const e of after) {
    if (e.revision < snapshot.heldFrom || isMember(snapshot, e)) continue;
    const effective = instant(e.effectiveAt);
    if (instant(e.recordedAt) > knownAt || effective > asOf) continue;
    if (effective < floor) return null;
    chosen.push(e);
  }
  const ordered = inBusinessOrder(chosen);
  let revision = snapshot.memberRevisionMax;
  for (const e of ordered) if (revision === null || e.revision > revision) revision = e.revision;
  return { moment, state: fold(ordered, snapshot.state), basedOnEventIds: [...snapshot.eventIds, ...ordered.map((e) => e.eventId)], revision };
}

/**
 * The snapshot at the last revision of `read`, built from `base` (null: from nothing) and every
 * event from the base's heldFrom (from 0 without a base) up to that revision. Null when a new
 * member would sort before one of the base's (condition 2 for the base): try an older base then.
 */
export function extendSnapshot(base: AsOfSnapshot | null, read: readonly ReplayEvent[], horizonMs = DEFAULT_HORIZON_MS): AsOfSnapshot | null {
  const fresh = base ? read.filter((e) => e.revision >= base.heldFrom && !isMember(base, e)) : [...read];
  const last = read.reduce<bigint | null>((m, e) => (m === null || e.revision > m ? e.revision : m), null);
  if (last === null) return base;
  const latest = Math.max(...read.map((e) => instant(e.effectiveAt)), base ? instant(base.cutAt) : -Infinity);
  const cut = Math.max(base ? instant(base.cutAt) : -Infinity, latest - horizonMs);
  const floor = base ? instant(base.maxEffectiveAt) : -Infinity;
  const joining = fresh.filter((e) => instant(e.effectiveAt) <= cut);
  if (joining.some((e) => instant(e.effectiveAt) < floor)) return null;
  const held = fresh.filter((e) => instant(e.effectiveAt) > cut);
  const ordered = inBusinessOrder(joining);
  const memberMax = joining.reduce<bigint | null>((m, e) => (m === null || e.revision > m ? e.revision : m), base?.memberRevisionMax ?? null);
  return {
    revision: last,
    cutAt: new Date(cut === -Infinity ? 0 : cut).toISOString(),
    heldFrom: held.reduce((m, e) => (e.revision < m ? e.revision : m), last + 1n),
    maxEffectiveAt: new Date(Math.max(floor, ...joining.map((e) => instant(e.effectiveAt)), 0)).toISOString(),
    maxRecordedAt: new Date(Math.max(base ? instant(base.maxRecordedAt) : 0, ...joining.map((e) => instant(e.recordedAt)))).toISOString(),
    state: fold(ordered, base?.state),
    memberRevisionMax: memberMax,
    eventIds: [...(base?.eventIds ?? []), ...ordered.map((e) => e.eventId)],
  };
}
