import type { EventStore, RecordedEvent } from '../event-store.port';

export interface MigrationProgress {
  /** Source events handled: copied by this run or found already in the target. */
  done: number;
  /** Source events counted at the start (at least `done`: writes during a run are copied too). */
  total: number;
  copied: number;
  alreadyPresent: number;
  streams: number;
}

export interface MigrationReport extends MigrationProgress {
  /** True when the signal stopped the run early; running it again continues. */
  interrupted: boolean;
}

export interface MigrateOptions {
  /** Source events read at a time. 500. */
  pageSize?: number;
  onProgress?: (progress: MigrationProgress) => void;
  /**
   * Largest append, as JSON bytes of data and metadata. 512 KiB: EventStoreDB refuses appends
   * over its MaxAppendSize (1 MiB by default). A single larger event is still sent alone.
   */
  maxAppendBytes?: number;
  /** Checked before each append: an aborted run stops between two appends, never inside one. */
  signal?: AbortSignal;
}

/** The target already holds something other than a prefix of the source stream: nothing is written. */
export class MigrationConflictError extends Error {
  constructor(
    readonly streamId: string,
    detail: string,
  ) {
    super(`Cannot migrate stream ${streamId}: ${detail}`);
    this.name = 'MigrationConflictError';
  }
}

/**
 * Copies every event of `source` into `target` (any two EventStore ports), keeping event ids,
 * types, data, metadata (and so any hash chain kept in metadata) and stream revisions. Events are
 * read in the source's global order and appended in that order, consecutive events of one stream
 * as one append, so the target's global order is the source's.
 *
 * Resumable and never duplicating: the first time it meets a stream, it asks the target for that
 * stream's revision, checks that the ids already there are the source's first events, one for one,
 * and then copies only what comes after. Each append states the exact expected revision, so a
 * concurrent writer to the target makes the run fail loudly rather than interleave. A rerun after
 * an interruption, a crash or a timeout (an append whose outcome was unknown) appends nothing twice.
 *
 * Hazard: events written to the source after a stream was passed are copied only by a rerun;
 * stop writers before the final run.
 */
export async function migrateEvents(source: EventStore, target: EventStore, options: MigrateOptions = {}): Promise<MigrationReport> {
  const pageSize = options.pageSize ?? 500;
  const total = await countEvents(source, pageSize);
  const progress: MigrationProgress = { done: 0, total, copied: 0, alreadyPresent: 0, streams: 0 };
  /** Per stream met so far: the next revision the target expects (verified). */
  const nextInTarget = new Map<string, bigint>();
  const report = (interrupted: boolean): MigrationReport => ({ ...progress, total: Math.max(total, progress.done), interrupted });
  options.onProgress?.(report(false));
  let after: bigint | undefined;
  for (;;) {
    const page = await source.readAll({ after, maxCount: pageSize });
    if (page.length === 0) return report(false);
    for (const run of runsOfOneStream(page, options.maxAppendBytes ?? 512 * 1024)) {
      if (options.signal?.aborted === true) return report(true);
      const streamId = run[0]!.streamId;
      const known = nextInTarget.get(streamId);
      if (known === undefined) progress.streams += 1;
      let next = known ?? (await verifiedNextRevision(source, target, streamId, pageSize));
      const from = next;
      const fresh = run.filter((event) => event.revision >= from);
      if (fresh.length > 0) {
        if (fresh[0]!.revision !== next) {
          throw new MigrationConflictError(streamId, `the target expects revision ${next}, the source continues at ${fresh[0]!.revision}`);
        }
        await target.appendToStream(
          streamId,
          fresh.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })),
          { expectedRevision: next === 0n ? 'no_stream' : next - 1n },
        );
        next += BigInt(fresh.length);
      }
      nextInTarget.set(streamId, next);
      progress.copied += fresh.length;
      progress.alreadyPresent += run.length - fresh.length;
      progress.done += run.length;
      options.onProgress?.(report(false));
    }
    after = page.at(-1)!.position;
  }
}

/** Counts the source's events, a page at a time. */
export async function countEvents(store: EventStore, pageSize = 500): Promise<number> {
  let count = 0;
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length === 0) return count;
    count += page.length;
    after = page.at(-1)!.position;
  }
}

/**
 * The revision after the target's last event of `streamId`, once the target's events are checked
 * to be the source's first ones (same ids, same types, same order).
 */
async function verifiedNextRevision(source: EventStore, target: EventStore, streamId: string, pageSize: number): Promise<bigint> {
  const last = await target.streamRevision(streamId);
  if (last === null) return 0n;
  for (let from = 0n; from <= last; from += BigInt(pageSize)) {
    const maxCount = Number(last - from + 1n < BigInt(pageSize) ? last - from + 1n : BigInt(pageSize));
    const [theirs, ours] = await Promise.all([
      target.readStream(streamId, { fromRevision: from, maxCount }),
      source.readStream(streamId, { fromRevision: from, maxCount }),
    ]);
    theirs.forEach((event, i) => {
      const expected = ours[i];
      if (expected === undefined) {
        throw new MigrationConflictError(streamId, `the target has revision ${event.revision}, beyond the source's last event`);
      }
      if (expected.eventId !== event.eventId || expected.type !== event.type) {
        throw new MigrationConflictError(
          streamId,
          `revision ${event.revision} is ${event.eventId} (${event.type}) in the target but ${expected.eventId} (${expected.type}) in the source`,
        );
      }
    });
  }
  return last + 1n;
}

/** Splits a page into runs of consecutive events of one stream, each within `maxBytes`. */
function runsOfOneStream(page: readonly RecordedEvent[], maxBytes: number): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  let bytes = 0;
  for (const event of page) {
    const size = Buffer.byteLength(JSON.stringify(event.data) + JSON.stringify(event.metadata));
    const current = runs.at(-1);
    if (current !== undefined && current[0]!.streamId === event.streamId && bytes + size <= maxBytes) {
      current.push(event);
      bytes += size;
    } else {
      runs.push([event]);
      bytes = size;
    }
  }
  return runs;
}
