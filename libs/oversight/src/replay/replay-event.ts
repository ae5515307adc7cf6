import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import { toDomainEvent } from '../application/event-envelope';
import type { RecordedOversightEvent } from '../domain/oversight.events';
import type { IsoDateTime } from '../domain/oversight.vocabulary';

/** A recorded event as replays need it: the domain event, its two clocks and its revision. */
export type ReplayEvent = RecordedOversightEvent & { revision: bigint };

/** The two clocks of a bitemporal question (DESIGN §4): true on `asOf`, as known on `knownAt`. */
export interface Moment {
  /** Business time: only events that happened by then count. */
  asOf: IsoDateTime;
  /** Recording time: only events recorded by then are known. */
  knownAt: IsoDateTime;
}

export function toReplayEvent(e: RecordedEvent): ReplayEvent {
  return { ...toDomainEvent(e), revision: e.revision };
}

export function instant(at: IsoDateTime): number {
  return Date.parse(at);
}

/** Events we had recorded by `knownAt` (recordedAt ≤ knownAt): what we knew then. */
export function knownBy<E extends ReplayEvent>(events: readonly E[], knownAt: IsoDateTime): E[] {
  const k = instant(knownAt);
  return events.filter((e) => instant(e.recordedAt) <= k);
}

/**
 * Business-time order: effectiveAt, then stream revision. Facts are often entered late, so the
 * stream's order is the order we learned things; replays ask for the order they happened in.
 * The decider refuses a fact dated before the fact it depends on (a review before its report),
 * so this order never folds a dependent event before its cause.
 */
export function inBusinessOrder<E extends ReplayEvent>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => instant(a.effectiveAt) - instant(b.effectiveAt) || compare(a.revision, b.revision));
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
