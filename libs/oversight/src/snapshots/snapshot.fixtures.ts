import type { RecordedOversightEvent } from '../domain/oversight.events';
import type { ReplayEvent } from '../replay/replay-event';
import type { SnapshotReplaySource } from './snapshot-replay';
import { extendSnapshot } from './as-of-snapshot';
import type { AsOfSnapshot } from './snapshot.types';

/** A small seeded PRNG (mulberry32): the same seed, the same history. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const START = Date.parse('2020-01-01T00:00:00.000Z');

/**
 * A random history whose order matters to `evolve` (reports, reviews, exceptions, validations).
 * Recorded one after another; each is effective some days before it was recorded, and now and
 * then much earlier than events recorded before it (a fact entered late).
 */
export function randomHistory(random: () => number, length: number): ReplayEvent[] {
  const events: ReplayEvent[] = [];
  const reports: string[] = [];
  const exceptions: string[] = [];
  let recorded = START;
  for (let i = 0; i < length; i++) {
    recorded += Math.floor(random() * 5 * DAY) + 1000;
    const late = random() < 0.15 ? Math.floor(random() * 120 * DAY) : Math.floor(random() * 3 * DAY);
    const effectiveAt = new Date(recorded - late).toISOString();
    const pick = random();
    const e = (type: string, data: unknown) =>
      ({ type, data, eventId: `e${i}`, effectiveAt, recordedAt: new Date(recorded).toISOString(), revision: BigInt(i) }) as unknown as ReplayEvent;
    if (i === 0) events.push(e('OrganizationRegistered', { organizationId: 'o', name: 'Org', category: 'SAAS' }));
    else if (pick < 0.2 || reports.length === 0) {
      const reportId = `r${reports.push(`r${reports.length}`) - 1}`;
      events.push(e('AssuranceReportReceived', { reportId, reportType: 'TYPE_2', periodStart: '2020-01-01', periodEnd: '2020-12-31' }));
    } else if (pick < 0.4) {
      events.push(e('ReportReviewConcluded', { reportId: reports[Math.floor(random() * reports.length)], decision: random() < 0.5 ? 'ACCEPTED' : 'REJECTED' }));
    } else if (pick < 0.6) {
      const exceptionId = `x${exceptions.push(`x${exceptions.length}`) - 1}`;
      events.push(e('ExceptionFound', { exceptionId, severity: 'LOW' }));
    } else if (pick < 0.75 && exceptions.length > 0) {
      events.push(e('RemediationClosed', { exceptionId: exceptions[Math.floor(random() * exceptions.length)], resolution: `fix ${i}` }));
    } else {
      events.push(e('PhysicalEnvironmentalControlsValidated', { siteId: `s${i % 3}`, result: 'EFFECTIVE' }));
    }
  }
  return events;
}

/** As-of snapshots every `every` events, built the way the writer builds them (older base on failure). */
export function snapshotsOf(events: readonly ReplayEvent[], every: number, horizonMs?: number): AsOfSnapshot[] {
  const built: AsOfSnapshot[] = [];
  for (let r = every - 1; r < events.length; r += every) {
    for (let b = built.length - 1; b >= -1; b--) {
      const base = b >= 0 ? built[b]! : null;
      const from = base === null ? 0 : Number(base.heldFrom);
      const snapshot = extendSnapshot(base, events.slice(from, r + 1), horizonMs);
      if (snapshot) {
        built.push(snapshot);
        break;
      }
    }
  }
  return built;
}

/** A replay source over an array, counting what it reads. */
export function arraySource(events: readonly ReplayEvent[], snapshots: readonly AsOfSnapshot[]): SnapshotReplaySource {
  return {
    keys: () => snapshots.map(({ revision, maxEffectiveAt, maxRecordedAt }) => ({ revision, maxEffectiveAt, maxRecordedAt })),
    load: (revision) => snapshots.find((s) => s.revision === revision) ?? null,
    read: async (from, to) => events.filter((e) => e.revision >= from && (to === undefined || e.revision <= to)),
  };
}

export type { RecordedOversightEvent };
