import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import { ORGANIZATION_STREAM_PREFIX } from '../../libs/oversight/src/application/event-envelope';
import { projectReadModel } from '../harness/project-read-model';

/** Every organization event read in position order, in pages, as a subscription reads them. */
export async function rawReadRate(store: SqliteEventStore): Promise<{ rate: number; events: number }> {
  const started = performance.now();
  let after = 0n;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 1000, streamPrefix: ORGANIZATION_STREAM_PREFIX });
    if (page.length === 0) break;
    events += page.length;
    after = page[page.length - 1]!.position;
  }
  return { rate: events / ((performance.now() - started) / 1000), events };
}

/** The projections rebuilt from zero into a fresh file, with the code the API runs. */
export async function rebuildRate(dataDir: string): Promise<{ rate: number; seconds: number }> {
  const store = new SqliteEventStore(join(dataDir, 'events.db'));
  const path = join(dataDir, `rebuild-bench-${process.pid}.db`);
  try {
    const { seconds, head } = await projectReadModel(store, dataDir, { path, fast: true });
    return { rate: Number(head) / seconds, seconds };
  } finally {
    await store.close();
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  }
}
