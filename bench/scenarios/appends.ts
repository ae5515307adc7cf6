import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { EventToAppend } from '../../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import { atLeast, type BenchRow } from '../harness/result';
import { median } from '../harness/stats';

const WRITERS = 32;

/** A realistic single-event command's event: a physical validation with the full envelope. */
export function sampleEvent(n: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'PhysicalEnvironmentalControlsValidated',
    data: { validationId: `val-${n}`, siteId: 'site-1', areas: ['PHYSICAL_ACCESS', 'CCTV', 'COOLING'], method: 'SITE_VISIT', result: 'EFFECTIVE', validatedOn: '2026-11-01', notes: null },
    metadata: {
      tenantId: 'default', actor: { id: 'bench', role: 'ANALYST' }, recordedAt: new Date().toISOString(), effectiveAt: '2026-11-01T10:00:00.000Z',
      correlationId: `c-${n}`, causationId: null, commandId: `c-${n}`, commandType: 'RecordPhysicalEnvironmentalValidation', schemaVersion: 1,
      hash: 'a'.repeat(64), previousHash: 'b'.repeat(64),
    },
  };
}

/** 32 writers, each appending single-event commands to its own stream with the exact expected revision. */
async function portRate(store: SqliteEventStore, count: number, maxSeconds: number): Promise<{ rate: number; done: number }> {
  let done = 0;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      let revision: bigint | 'no_stream' = 'no_stream';
      while (done < count && performance.now() < deadline) {
        done++;
        const result = await store.appendToStream(`organization-bench-${w}`, [sampleEvent(done)], { expectedRevision: revision });
        revision = result.nextExpectedRevision;
      }
    }),
  );
  return { rate: done / ((performance.now() - started) / 1000), done };
}

/** The same rows straight into better-sqlite3, 100 per transaction, WAL and synchronous=FULL. */
function rawRate(path: string, count: number): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
    event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL,
    UNIQUE (stream_id, revision), UNIQUE (event_id))`);
  const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const write = db.transaction((rows: EventToAppend[], from: number) => {
    rows.forEach((e, i) => insert.run(`organization-bench-${(from + i) % WRITERS}`, Math.floor((from + i) / WRITERS), e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), new Date().toISOString()));
  });
  const started = performance.now();
  for (let from = 0; from < count; from += 100) write(Array.from({ length: 100 }, (_, i) => sampleEvent(from + i)), from);
  const rate = count / ((performance.now() - started) / 1000);
  db.close();
  return rate;
}

/**
 * Each side measured three times, interleaved (ours, naive, raw, ours, …), and the medians
 * compared: this machine's disk and CPU drift between runs, and interleaving shares the drift.
 */
export async function appendScenarios(dir: string, count: number, rounds = 3): Promise<BenchRow[]> {
  const ours: number[] = [];
  const slow: number[] = [];
  const raw: number[] = [];
  let done = 0;
  for (let i = 0; i < rounds; i++) {
    const grouped = new SqliteEventStore(join(dir, `grouped-${i}.db`));
    const measured = await portRate(grouped, count, 60);
    await grouped.close();
    ours.push(measured.rate);
    done = measured.done;
    // The naive store fsyncs once per append: bounded by time, not count, or it would run for minutes.
    const naive = new SqliteEventStore(join(dir, `naive-${i}.db`), { maxBatchSize: 1 });
    slow.push((await portRate(naive, count, 5)).rate);
    await naive.close();
    raw.push(rawRate(join(dir, `raw-${i}.db`), count));
  }
  const scenario = 'durable appends through the store port, 32 concurrent single-event commands';
  const scale = `${done.toLocaleString('en-US')} appends (median of ${rounds})`;
  return [
    atLeast(scenario, scale, 'one transaction per append, synchronous=FULL (maxBatchSize 1)', 'events/s', median(ours), median(slow), 10),
    atLeast(scenario, scale, 'raw better-sqlite3, 100 rows per transaction, FULL', 'events/s', median(ours), median(raw), 0.5),
  ];
}
