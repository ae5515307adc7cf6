import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ProjectionRunner } from '../../libs/event-store/src/projection/projection-runner';
import { ensureReadModelSource } from '../../libs/event-store/src/migration/read-model-source';
import type { EventStore } from '../../libs/event-store/src/event-store.port';
import { systemClock, type Clock } from '../../libs/oversight/src/application/clock';
import { ORGANIZATION_STREAM_PREFIX } from '../../libs/oversight/src/application/event-envelope';
import { createProjections } from './projection-factory';

/** As the API's rebuild (apps/api/src/infrastructure/read-model-rebuild.ts, REBUILD_BATCH_SIZE). */
export const REBUILD_BATCH_SIZE = 50_000;
export const REBUILD_DEFER_ROWS = 20_000;

export interface ProjectOptions {
  /** Read-model file; DATA_DIR/read-models.db by default. */
  path?: string;
  clock?: Clock;
  batchSize?: number;
  /** Throwaway file: no fsync, and rows written in rebuild mode (deferred), as the API's rebuild. */
  fast?: boolean;
  /** Rebuild mode without `fast` (a read model built from zero that is then kept). */
  defer?: boolean;
  onProgress?: (applied: bigint, head: bigint) => void;
}

/**
 * Brings a read-model file up to the store's head with the same projection code the API runs,
 * then closes it. Returns the seconds it took and the events applied.
 */
export async function projectReadModel(store: EventStore, dataDir: string, o: ProjectOptions = {}): Promise<{ seconds: number; head: bigint }> {
  const path = o.path ?? join(dataDir, 'read-models.db');
  ensureReadModelSource(path, 'sqlite');
  const db = new Database(path);
  db.pragma(o.fast ? 'journal_mode = MEMORY' : 'journal_mode = WAL');
  db.pragma(o.fast ? 'synchronous = OFF' : 'synchronous = NORMAL');
  db.pragma('cache_size = -16384'); // as the API's read-model connection (persistence.module.ts)
  const started = performance.now();
  // The last organization event, not the store's head: the head may be a ledger checkpoint in a
  // stream the projections do not follow, which they would never reach.
  const [last] = await store.readAll({ direction: 'backwards', maxCount: 1, streamPrefix: ORGANIZATION_STREAM_PREFIX });
  const head = last?.position ?? 0n;
  const projections = createProjections(o.clock ?? systemClock, store, o.fast || o.defer ? { deferRows: REBUILD_DEFER_ROWS } : {});
  const runner = new ProjectionRunner({
    store,
    db,
    projections,
    streamPrefix: ORGANIZATION_STREAM_PREFIX,
    batchSize: o.batchSize ?? REBUILD_BATCH_SIZE,
    onError: (error) => process.stderr.write(`projection batch failed (retrying): ${String(error)}\n`),
  });
  runner.start();
  while (!(await runner.waitFor(head, 1000))) o.onProgress?.(runner.position, head);
  o.onProgress?.(runner.position, head);
  await runner.stop();
  // Rebuild mode: the rows still held in memory, written before anyone reads the file.
  db.transaction(() => projections.forEach((p) => (p as { flush?: () => unknown }).flush?.()))();
  db.close();
  return { seconds: (performance.now() - started) / 1000, head };
}
