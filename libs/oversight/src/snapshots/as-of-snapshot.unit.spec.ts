import { foldAsOf } from '../replay/as-of';
import type { Moment } from '../replay/replay-event';
import { extendSnapshot, seedAsOf } from './as-of-snapshot';
import { arraySource, prng, randomHistory, snapshotsOf } from './snapshot.fixtures';
import { foldAsOfSeeded } from './snapshot-replay';
import { seededFolder } from './seeded-folder';

const iso = (ms: number) => new Date(ms).toISOString();

function randomMoment(random: () => number, lo: number, hi: number): Moment {
  const at = () => iso(lo + Math.floor(random() * (hi - lo)));
  return random() < 0.2 ? { asOf: iso(hi), knownAt: iso(hi) } : { asOf: at(), knownAt: at() };
}

describe('as-of snapshots: the same answer as a full fold', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('on a random history with late entries (seed %i)', async (seed) => {
    const random = prng(seed);
    const events = randomHistory(random, 120 + seed * 20);
    // Half the seeds with the default 60-day horizon, half with none (every fact may be late).
    const snapshots = snapshotsOf(events, 7 + seed, seed % 2 === 0 ? undefined : 0);
    const lo = Date.parse(events[0]!.effectiveAt) - 86_400_000;
    const hi = Date.parse(events.at(-1)!.recordedAt) + 86_400_000;
    let seeded = 0;
    for (let i = 0; i < 150; i++) {
      const moment = randomMoment(random, lo, hi);
      const full = foldAsOf(events, moment);
      const fast = await foldAsOfSeeded(arraySource(events, snapshots), moment);
      expect({ state: fast.state, ids: fast.basedOnEventIds, revision: fast.revision }).toEqual({
        state: full.state,
        ids: full.basedOnEventIds,
        revision: full.revision,
      });
      if (fast.seededFrom !== null) seeded++;
    }
    // Not a vacuous pass: a fair share of answers really came from a snapshot (random moments
    // often fall before a snapshot was recorded, or behind a late entry: those fold in full).
    expect(seeded).toBeGreaterThan(10);
  });

  it('the history really has late entries dated before earlier-recorded events', () => {
    const events = randomHistory(prng(1), 200);
    const inversions = events.filter((e, i) => i > 0 && Date.parse(e.effectiveAt) < Date.parse(events[i - 1]!.effectiveAt));
    expect(inversions.length).toBeGreaterThan(10);
  });

  it('a snapshot equals the business-order fold of its members (events up to it, effective by its cut)', () => {
    const events = randomHistory(prng(9), 300);
    const snapshots = snapshotsOf(events, 10);
    expect(snapshots.some((s) => s.heldFrom <= s.revision)).toBe(true);
    expect(snapshots.every((s) => s.eventIds.length > 0)).toBe(true);
    for (const s of snapshots) {
      const members = events.filter((e) => e.revision <= s.revision && Date.parse(e.effectiveAt) <= Date.parse(s.cutAt));
      const full = foldAsOf(members, { asOf: s.maxEffectiveAt, knownAt: s.maxRecordedAt });
      expect(s.state).toEqual(full.state);
      expect(s.eventIds).toEqual(full.basedOnEventIds);
    }
  });

  it('refuses to seed past a late-entered tail event dated before the snapshot', () => {
    const events = randomHistory(prng(3), 20).map((e, i) => ({ ...e, effectiveAt: iso(Date.parse('2021-01-01') + i * 86_400_000) }));
    const snapshot = extendSnapshot(null, events.slice(0, 10), 0)!;
    const late = { ...events[10]!, effectiveAt: iso(Date.parse('2020-06-01')) };
    const moment = { asOf: iso(Date.parse('2022-01-01')), knownAt: iso(Date.parse('2030-01-01')) };
    expect(seedAsOf(snapshot, [late, ...events.slice(11)], moment)).toBeNull();
    expect(seedAsOf(snapshot, events.slice(10), moment)).not.toBeNull();
    expect(extendSnapshot(snapshot, [late], 0)).toBeNull();
    // Within the horizon, the same late fact is simply held back: no refusal.
    const held = extendSnapshot(null, events.slice(0, 10), 400 * 86_400_000)!;
    expect(seedAsOf(held, [late, ...events.slice(11)], moment)).not.toBeNull();
  });

  it('is not used for a moment before its prefix was recorded or happened', () => {
    const events = randomHistory(prng(4), 30);
    const snapshot = extendSnapshot(null, events.slice(0, 20))!;
    const before = iso(Date.parse(snapshot.maxRecordedAt) - 1);
    expect(seedAsOf(snapshot, events.slice(20), { asOf: iso(Date.parse('2099-01-01')), knownAt: before })).toBeNull();
  });

  it('reads only the tail when the latest snapshot serves', async () => {
    const events = randomHistory(prng(5), 1000).map((e, i) => ({ ...e, effectiveAt: iso(Date.parse('2020-01-01') + i * 60_000) }));
    const end = events.at(-1)!;
    const moment = { asOf: end.effectiveAt, knownAt: end.recordedAt };
    const fast = await foldAsOfSeeded(arraySource(events, snapshotsOf(events, 100, 0)), moment);
    expect(fast.seededFrom).toBe(999n);
    expect(fast.eventsRead).toBe(0);
    expect(fast.state).toEqual(foldAsOf(events, moment).state);
  });

  it('seededFolder (events in memory) gives foldAsOf’s answer, and ignores snapshots beyond them', () => {
    const random = prng(21);
    const events = randomHistory(random, 300);
    const snapshots = snapshotsOf(events, 20);
    const folder = seededFolder({ keys: () => snapshots, load: (r) => snapshots.find((s) => s.revision === r) ?? null });
    const lo = Date.parse(events[0]!.effectiveAt);
    const hi = Date.parse(events.at(-1)!.recordedAt) + 86_400_000;
    for (let i = 0; i < 100; i++) {
      const moment = randomMoment(random, lo, hi);
      const prefix = events.slice(0, 50 + Math.floor(random() * 250));
      const fast = folder(prefix, moment);
      const full = foldAsOf(prefix, moment);
      expect([fast.state, fast.basedOnEventIds, fast.revision]).toEqual([full.state, full.basedOnEventIds, full.revision]);
    }
  });
});
