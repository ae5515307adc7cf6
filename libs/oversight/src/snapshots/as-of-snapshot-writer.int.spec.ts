import Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import { AsOfSnapshotWriter } from './as-of-snapshot-writer';
import { prng, randomHistory, snapshotsOf } from './snapshot.fixtures';

describe('AsOfSnapshotWriter (read-model table, as the projection drives it)', () => {
  const events = randomHistory(prng(11), 400);
  const recorded: RecordedEvent[] = events.map((e) => ({
    streamId: 'organization-o',
    revision: e.revision,
    position: e.revision + 1n,
    eventId: e.eventId,
    type: e.type,
    data: e.data,
    metadata: { tenantId: 't', recordedAt: e.recordedAt, effectiveAt: e.effectiveAt },
  }));
  const read = (_: string, from: bigint, to: bigint) => recorded.filter((e) => e.revision >= from && e.revision <= to);

  /** `inHand`: hand the writer the batch's events as the projection does (else it reads them all). */
  function feed(batches: number[], inHand = false): AsOfSnapshotWriter {
    const writer = new AsOfSnapshotWriter(new Database(':memory:'), { every: 25, read });
    let previous = -1n;
    for (const size of batches) {
      const last = previous + BigInt(size) > 399n ? 399n : previous + BigInt(size);
      const applied = inHand ? recorded.filter((e) => e.revision > previous && e.revision <= last) : [];
      writer.afterApply('t', 'o', 'organization-o', previous, last, applied);
      previous = last;
      if (previous === 399n) break;
    }
    return writer;
  }

  it('writes the same snapshots whatever the batches, equal to the pure builder’s', () => {
    const expected = snapshotsOf(events, 25);
    const patterns = [[400], Array(400).fill(1), [7, 93, 1, 200, 99], [24, 1, 25, 26, 324]];
    for (const [batches, inHand] of patterns.flatMap((p) => [[p, false], [p, true]] as Array<[number[], boolean]>)) {
      const writer = feed(batches, inHand);
      const keys = writer.table.keys('t', 'o');
      expect(keys.map((k) => k.revision)).toEqual(expected.map((s) => s.revision).reverse());
      for (const s of expected) expect(writer.table.load('t', 'o', s.revision)).toEqual(s);
    }
  });

  it('is idempotent: applying the same revisions again changes nothing', () => {
    const writer = feed([400]);
    const before = writer.table.keys('t', 'o');
    writer.afterApply('t', 'o', 'organization-o', 399n, 399n);
    expect(writer.table.keys('t', 'o')).toEqual(before);
  });
});
