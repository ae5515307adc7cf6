import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import { toReplayEvent, type ReplayEvent } from '../replay/replay-event';
import { extendSnapshot } from './as-of-snapshot';
import { AsOfSnapshotTable } from './as-of-snapshot-table';
import type { AsOfSnapshot } from './snapshot.types';

/** Events fromRevision..toRevision (inclusive) of a stream, read synchronously. */
export type SyncStreamReader = (streamId: string, fromRevision: bigint, toRevision: bigint) => RecordedEvent[];

export interface AsOfSnapshotOptions {
  /** A snapshot at every revision r with (r + 1) % every === 0. 500. */
  every?: number;
  /** How late (in business time) a fact may be entered without spoiling snapshots; 60 days. */
  horizonMs?: number;
  read: SyncStreamReader;
}

/**
 * Writes as-of snapshots for the organizations projection, inside its transaction. Snapshots sit
 * at fixed revisions (every K-th event), never where a batch happened to end, so the live read
 * model and a rebuild from zero hold the same rows. Building one needs the business order of
 * every event since a base snapshot, which the projection's own stream-order state cannot give,
 * so it reads those events from the store (synchronously: the projection's `apply` is).
 * Each build reads the events from its base's first held-back revision; a fact entered later
 * than the horizon sends it to an older base, at worst to the start of the stream: slower,
 * never wrong.
 */
export class AsOfSnapshotWriter {
  readonly table: AsOfSnapshotTable;
  readonly every: number;

  constructor(db: Database, private readonly options: AsOfSnapshotOptions) {
    this.table = new AsOfSnapshotTable(db);
    this.every = options.every ?? 500;
    if (!(Number.isSafeInteger(this.every) && this.every >= 1)) throw new RangeError(`every must be a positive integer, got ${this.every}`);
  }

  /**
   * After the projection applied revisions (previous, last] of a stream: snapshots due among them.
   * `applied` (those events, in order) saves reading them back from the store.
   */
  afterApply(tenantId: string, organizationId: string, streamId: string, previous: bigint, last: bigint, applied: readonly RecordedEvent[] = []): void {
    const k = BigInt(this.every);
    for (let r = ((previous + 1n) / k + 1n) * k - 1n; r <= last; r += k) {
      if (r <= previous) continue;
      this.build(tenantId, organizationId, streamId, r, applied);
    }
  }

  /** Events from..to: the tail from the batch in hand, the rest from the store. */
  private read(streamId: string, from: bigint, to: bigint, applied: readonly RecordedEvent[]): RecordedEvent[] {
    const first = applied[0]?.revision;
    if (first === undefined || to < first) return this.options.read(streamId, from, to);
    const inHand = applied.filter((e) => e.revision >= from && e.revision <= to);
    return from < first ? [...this.options.read(streamId, from, first - 1n), ...inHand] : inHand;
  }

  private build(tenantId: string, organizationId: string, streamId: string, revision: bigint, applied: readonly RecordedEvent[]): void {
    const bases = this.table.keys(tenantId, organizationId).filter((key) => key.revision < revision);
    // One window of events [low, revision], widened downwards as older bases are tried.
    let low = revision + 1n;
    let events: ReplayEvent[] = [];
    for (const key of [...bases, null]) {
      const base: AsOfSnapshot | null = key === null ? null : this.table.load(tenantId, organizationId, key.revision);
      if (key !== null && base === null) continue;
      const from = base === null ? 0n : base.heldFrom;
      if (from < low) {
        events = [...this.read(streamId, from, low - 1n, applied).map(toReplayEvent), ...events];
        low = from;
      }
      const built = extendSnapshot(base, events.filter((e) => e.revision >= from), this.options.horizonMs);
      if (built !== null && built.revision === revision) {
        this.table.save(tenantId, organizationId, built);
        return;
      }
    }
  }
}
