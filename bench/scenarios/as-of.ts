import Database from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import { organizationStream } from '../../libs/oversight/src/application/event-envelope';
import { foldAsOf } from '../../libs/oversight/src/replay/as-of';
import { toReplayEvent, type Moment } from '../../libs/oversight/src/replay/replay-event';
import { AsOfSnapshotTable } from '../../libs/oversight/src/snapshots/as-of-snapshot-table';
import { foldAsOfSeeded } from '../../libs/oversight/src/snapshots/snapshot-replay';
import { median } from '../harness/stats';

export interface AsOfMeasure {
  events: number;
  fullMs: number;
  seededMs: number;
  /** The seeded fold's first use of a snapshot (parsed from the read model, not yet cached). */
  firstUseMs: number;
  sameAnswer: boolean;
  moments: number;
}

/**
 * State as of a date for one organization: a full fold of its stream (read it all, fold in
 * business order) against the snapshot-seeded fold (latest usable snapshot from the read model,
 * the tail from the store), at several moments, the same answer required at each.
 */
export async function asOfScenario(dataDir: string, tenantId: string, organizationId: string, moments: Moment[], repeats: number): Promise<AsOfMeasure> {
  const store = new SqliteEventStore(join(dataDir, 'events.db'));
  const db = new Database(join(dataDir, 'read-models.db'), { readonly: false });
  const shared = new AsOfSnapshotTable(db);
  const stream = organizationStream(tenantId, organizationId);
  const full: number[] = [];
  const seeded: number[] = [];
  const firstUse: number[] = [];
  let same = true;
  let events = 0;
  try {
    for (let r = 0; r < repeats; r++) {
      for (const moment of moments) {
        let t0 = performance.now();
        const all = (await store.readStream(stream)).map(toReplayEvent);
        const expected = foldAsOf(all, moment);
        full.push(performance.now() - t0);
        events = all.length;
        // The first round parses every snapshot anew (a fresh table object has no cache).
        const table = r === 0 ? new AsOfSnapshotTable(db) : shared;
        t0 = performance.now();
        const fast = await foldAsOfSeeded(
          {
            keys: () => table.keys(tenantId, organizationId),
            load: (revision) => table.load(tenantId, organizationId, revision),
            read: async (from, to) =>
              (await store.readStream(stream, { fromRevision: from, ...(to === undefined ? {} : { maxCount: Number(to - from + 1n) }) })).map(toReplayEvent),
          },
          moment,
        );
        (r === 0 ? firstUse : seeded).push(performance.now() - t0);
        same &&= isDeepStrictEqual(fast.state, expected.state) && isDeepStrictEqual(fast.basedOnEventIds, expected.basedOnEventIds) && fast.revision === expected.revision;
      }
    }
  } finally {
    db.close();
    await store.close();
  }
  return { events, fullMs: median(full), seededMs: median(seeded.length > 0 ? seeded : firstUse), firstUseMs: median(firstUse), sameAnswer: same, moments: moments.length };
}
