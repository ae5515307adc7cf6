import { foldAsOf, type AsOfFold } from '../replay/as-of';
import type { Moment, ReplayEvent } from '../replay/replay-event';
import { candidatesFor, seedAsOf } from './as-of-snapshot';
import type { AsOfSnapshot, AsOfSnapshotKey } from './snapshot.types';

export interface SnapshotReplaySource {
  keys(): AsOfSnapshotKey[] | Promise<AsOfSnapshotKey[]>;
  load(revision: bigint): AsOfSnapshot | null | Promise<AsOfSnapshot | null>;
  /** The stream's events fromRevision..toRevision (inclusive; toRevision undefined: to the end). */
  read(fromRevision: bigint, toRevision?: bigint): Promise<ReplayEvent[]>;
}

export interface SeededFold extends AsOfFold {
  /** The snapshot revision the fold started from; null for a full fold. */
  seededFrom: bigint | null;
  /** Events read from the store to answer. */
  eventsRead: number;
}

/**
 * `foldAsOf` of one organization's stream, seeded by the latest usable as-of snapshot: the same
 * answer (as-of-snapshot.ts says why), reading only the tail. Tries older snapshots when a
 * late-entered event rules the latest out, and folds the whole stream when none serves.
 */
export async function foldAsOfSeeded(source: SnapshotReplaySource, moment: Moment): Promise<SeededFold> {
  const candidates = candidatesFor(await source.keys(), moment);
  // One window of events [low, end], widened downwards as older snapshots are tried.
  let low: bigint | null = null;
  let events: ReplayEvent[] = [];
  for (const key of candidates) {
    const snapshot = await source.load(key.revision);
    if (!snapshot) continue;
    events = await widen(source, events, low, snapshot.heldFrom);
    low = low === null || snapshot.heldFrom < low ? snapshot.heldFrom : low;
    const seeded = seedAsOf(snapshot, events, moment);
    if (seeded) return { ...seeded, seededFrom: key.revision, eventsRead: events.length };
  }
  const all = await widen(source, events, low, 0n);
  return { ...foldAsOf(all, moment), seededFrom: null, eventsRead: all.length };
}

/** The events from `from` to the end, reading only what the window [low, end] lacks. */
async function widen(source: SnapshotReplaySource, events: ReplayEvent[], low: bigint | null, from: bigint): Promise<ReplayEvent[]> {
  if (low === null) return source.read(from);
  if (from >= low) return events;
  return [...(await source.read(from, low - 1n)), ...events];
}
