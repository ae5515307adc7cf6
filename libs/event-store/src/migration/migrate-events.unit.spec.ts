import { newEvent } from '../contract/contract-fixtures';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { EventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store';
import { SimulatedEsdb } from '../eventstoredb/simulated-esdb.fixtures';
import { InMemoryEventStore } from '../in-memory-event-store';
import { MigrationConflictError, migrateEvents, type MigrationProgress } from './migrate-events';

/** What must survive a migration: everything but the position, in the same global order. */
const essence = (events: RecordedEvent[]) => events.map(({ position: _, ...rest }) => rest);

/** A source with interleaved streams and hash-chain-like metadata, as the ledger writes it. */
async function seededSource(): Promise<InMemoryEventStore> {
  const source = new InMemoryEventStore();
  let previousHash = 'genesis';
  for (let round = 0; round < 7; round++) {
    for (const org of ['organization-a', 'organization-b', 'organization-c']) {
      const count = org === 'organization-a' ? 2 : 1;
      const events = Array.from({ length: count }, (_, n) => {
        const hash = `h-${org}-${round}-${n}`;
        const event = newEvent({ round, n, text: 'Zürich 👩🏽‍💻' }, `Recorded${n}`, { tenantId: 't-1', previousHash, hash, causationId: null });
        previousHash = hash;
        return event;
      });
      await source.appendToStream(org, events);
    }
  }
  return source;
}

describe('migrateEvents', () => {
  let source: InMemoryEventStore;
  let target: InMemoryEventStore;
  beforeEach(async () => {
    source = await seededSource();
    target = new InMemoryEventStore();
  });

  it('copies every event with its id, type, data, metadata and revision, in global order', async () => {
    const report = await migrateEvents(source, target, { pageSize: 4 });
    expect(essence(await target.readAll())).toEqual(essence(await source.readAll()));
    expect(report).toEqual({ done: 28, total: 28, copied: 28, alreadyPresent: 0, streams: 3, interrupted: false });
  });

  it('reports progress after every append, ending at the total', async () => {
    const seen: MigrationProgress[] = [];
    await migrateEvents(source, target, { pageSize: 5, onProgress: (p) => seen.push({ ...p }) });
    expect(seen[0]).toMatchObject({ done: 0, total: 28 });
    expect(seen.at(-1)).toMatchObject({ done: 28, total: 28, copied: 28 });
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
  });

  it('resumes after an interruption, appending nothing twice', async () => {
    const controller = new AbortController();
    const first = await migrateEvents(source, target, {
      pageSize: 4,
      signal: controller.signal,
      onProgress: (p) => p.done >= 10 && controller.abort(),
    });
    expect(first.interrupted).toBe(true);
    expect((await target.readAll()).length).toBe(first.copied);
    const second = await migrateEvents(source, target, { pageSize: 3 });
    expect(second).toMatchObject({ interrupted: false, copied: 28 - first.copied, alreadyPresent: first.copied });
    expect(essence(await target.readAll())).toEqual(essence(await source.readAll()));
    expect(await migrateEvents(source, target)).toMatchObject({ copied: 0, alreadyPresent: 28 });
  });

  it('continues a stream whose append landed although the run died before hearing so', async () => {
    const stream = await source.readStream('organization-a');
    await target.appendToStream('organization-a', stream.slice(0, 3), { expectedRevision: 'no_stream' });
    const report = await migrateEvents(source, target);
    expect(report).toMatchObject({ copied: 25, alreadyPresent: 3 });
    expect(essence(await target.readStream('organization-a'))).toEqual(essence(stream));
  });

  it('refuses a target whose stream holds other events, and writes nothing to that stream', async () => {
    await target.appendToStream('organization-b', [newEvent({}, 'Foreign')]);
    const error = await migrateEvents(source, target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationConflictError);
    expect(String(error)).toMatch(/organization-b: revision 0 is .* \(Foreign\) in the target/);
    expect(await target.streamRevision('organization-b')).toBe(0n);
  });

  it('refuses a target stream longer than the source stream', async () => {
    const stream = await source.readStream('organization-c');
    await target.appendToStream('organization-c', [...stream, newEvent()]);
    await expect(migrateEvents(source, target)).rejects.toThrow(/beyond the source's last event/);
  });

  it('splits a long run of one stream into appends under maxAppendBytes', async () => {
    const appended: number[] = [];
    const counting: EventStore = Object.assign(Object.create(target) as EventStore, {
      appendToStream: (...args: Parameters<EventStore['appendToStream']>) => {
        appended.push(args[1].length);
        return target.appendToStream(...args);
      },
    });
    const big = new InMemoryEventStore();
    await big.appendToStream('organization-z', Array.from({ length: 10 }, () => newEvent({ blob: 'x'.repeat(300) })));
    await migrateEvents(big, counting, { maxAppendBytes: 1000 });
    expect(appended).toEqual([3, 3, 3, 1]);
    expect(essence(await target.readAll())).toEqual(essence(await big.readAll()));
  });

  it('copies into the EventStoreDB adapter (simulated server) and resumes there too', async () => {
    const esdb = new EventStoreDbEventStore(new SimulatedEsdb().client);
    const controller = new AbortController();
    await migrateEvents(source, esdb, { signal: controller.signal, onProgress: (p) => p.done >= 12 && controller.abort() });
    expect(await migrateEvents(source, esdb)).toMatchObject({ interrupted: false, done: 28 });
    expect(essence(await esdb.readAll())).toEqual(essence(await source.readAll()));
    await esdb.close();
  });
});
