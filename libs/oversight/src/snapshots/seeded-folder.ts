import { foldAsOf, type AsOfFold, type AsOfFolder } from '../replay/as-of';
import type { Moment, ReplayEvent } from '../replay/replay-event';
import { candidatesFor, seedAsOf } from './as-of-snapshot';
import type { AsOfSnapshot, AsOfSnapshotKey } from './snapshot.types';

export interface SnapshotLookup {
  keys(): AsOfSnapshotKey[];
  load(revision: bigint): AsOfSnapshot | null;
}

/**
 * A folder for `ownAsOf`/`portfolioAsOf` when the organization's events are already in memory:
 * the latest usable as-of snapshot seeds the fold and only the events after it are folded (the
 * copy-on-write fold of a long history is what costs, see bench/). Same answer as foldAsOf by the
 * rule of as-of-snapshot.ts; foldAsOf when no snapshot serves.
 */
export function seededFolder(snapshots: SnapshotLookup): AsOfFolder {
  return (events: readonly ReplayEvent[], moment: Moment): AsOfFold => {
    const last = events.reduce<bigint>((m, e) => (e.revision > m ? e.revision : m), -1n);
    for (const key of candidatesFor(snapshots.keys(), moment)) {
      // A snapshot beyond the events in hand (written since they were read) cannot serve them.
      if (key.revision > last) continue;
      const snapshot = snapshots.load(key.revision);
      const seeded = snapshot && seedAsOf(snapshot, events, moment);
      if (seeded) return seeded;
    }
    return foldAsOf(events, moment);
  };
}
