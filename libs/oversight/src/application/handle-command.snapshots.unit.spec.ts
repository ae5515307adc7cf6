import { InMemoryEventStore } from '../../../event-store/src/in-memory-event-store';
import type { EventStore } from '../../../event-store/src/event-store.port';
import { oversightHistoryIds, oversightHistorySteps } from '../../../testing/src/oversight-history';
import { StreamSnapshotCache } from '../snapshots/stream-snapshot-cache';
import { ManualClock } from './clock';
import { CommandIdReusedError } from './command-errors';
import { OversightCommandHandler, type CommandEnvelope } from './handle-command';

const actor = { id: 'grc.analyst', role: 'ANALYST' };

/** The test history's commands as envelopes, each with the moment it is recorded at. */
function envelopes(tenantId: string): Array<{ at: string; env: CommandEnvelope }> {
  const ids = oversightHistoryIds(tenantId);
  return oversightHistorySteps(tenantId).map((step, i) => ({
    at: step.at,
    env: {
      tenantId,
      actor,
      organizationId: ids[step.organization],
      command: step.command,
      commandId: `cmd-${i}`,
      ...(step.effectiveAt ? { effectiveAt: step.effectiveAt } : {}),
    },
  }));
}

/** The same store without its optional id index, as the EventStoreDB adapter is. */
function withoutFindEvent(store: InMemoryEventStore): EventStore {
  return new Proxy(store, { get: (target, key) => (key === 'findEvent' ? undefined : Reflect.get(target, key, target)) });
}

async function record(store: EventStore, snapshots?: StreamSnapshotCache) {
  const clock = new ManualClock(new Date('2020-01-01T00:00:00Z'));
  const handler = new OversightCommandHandler(store, clock, 8, snapshots);
  const outcomes = [];
  for (const { at, env } of envelopes('acme')) {
    clock.set(at);
    outcomes.push(await handler.handle(env));
  }
  return { handler, outcomes, clock };
}

describe('OversightCommandHandler with snapshots and findEvent', () => {
  it('records exactly the same events and outcomes as the full-stream path', async () => {
    const plain = new InMemoryEventStore();
    const fast = new InMemoryEventStore();
    const a = await record(withoutFindEvent(plain));
    const cache = new StreamSnapshotCache();
    const b = await record(fast, cache);
    expect(b.outcomes).toEqual(a.outcomes);
    expect(await fast.readAll()).toEqual(await plain.readAll());
    expect(cache.size).toBeGreaterThan(0);
  });

  it('reads only the tail after the cached snapshot', async () => {
    const store = new InMemoryEventStore();
    const cache = new StreamSnapshotCache();
    const { handler, clock } = await record(store, cache);
    const reads: Array<bigint | undefined> = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (id, options) => (reads.push(options?.fromRevision), readStream(id, options));
    const last = envelopes('acme').at(-1)!;
    clock.set('2026-04-01T10:00:00Z');
    const outcome = await handler.handle({ ...last.env, commandId: 'fresh', command: { type: 'OffboardOrganization', data: { reason: 'done' } } as never });
    expect(reads).toEqual([outcome.revision - 1n]);
  });

  it('recognises a replayed command by its event ids, without reading the stream', async () => {
    const store = new InMemoryEventStore();
    const { handler, outcomes } = await record(store, new StreamSnapshotCache());
    const spy = jest.spyOn(store, 'readStream');
    const all = envelopes('acme');
    for (const [i, { env }] of all.entries()) {
      expect(await handler.handle(env)).toEqual({ ...outcomes[i], replayed: true });
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a commandId reused for another command or another organization', async () => {
    const store = new InMemoryEventStore();
    const { handler } = await record(store, new StreamSnapshotCache());
    const [first, second] = envelopes('acme');
    await expect(handler.handle({ ...second!.env, commandId: first!.env.commandId })).rejects.toBeInstanceOf(CommandIdReusedError);
  });

  it('a stale snapshot (another process appended since) still yields the current state', async () => {
    const store = new InMemoryEventStore();
    const stale = new StreamSnapshotCache();
    const all = envelopes('acme');
    const clock = new ManualClock(new Date('2020-01-01T00:00:00Z'));
    const cached = new OversightCommandHandler(store, clock, 8, stale);
    const other = new OversightCommandHandler(store, clock);
    const reference = new InMemoryEventStore();
    const plain = new OversightCommandHandler(reference, clock);
    for (const [i, { at, env }] of all.entries()) {
      clock.set(at);
      await (i % 3 === 0 ? cached : other).handle(env);
      await plain.handle(env);
    }
    expect(await store.readAll()).toEqual(await reference.readAll());
  });
});
