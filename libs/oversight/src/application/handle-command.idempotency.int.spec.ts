import type { EventStore } from '../../../event-store/src/event-store.port';
import { TemporaryDatabase } from '../../../event-store/src/sqlite/sqlite-test-files';
import type { OversightCommand } from '../domain/oversight.commands';
import { StreamSnapshotCache } from '../snapshots/stream-snapshot-cache';
import { systemClock } from './clock';
import { CommandIdReusedError } from './command-errors';
import { organizationStream } from './event-envelope';
import { OversightCommandHandler, type CommandOutcome } from './handle-command';

/**
 * commandId idempotency under concurrency (issue 12, item 7), on the real SQLite store: one
 * commandId records one command, a reused id with another payload is refused even when the calls
 * race, and `replayed` is true exactly for the calls that wrote nothing.
 */
const actor = { id: 'grc.analyst', role: 'ANALYST' };
const register = (name: string): OversightCommand => ({
  type: 'RegisterOrganization',
  data: {
    organizationId: 'org-1', name, role: 'VENDOR', category: 'PAYROLL', criticality: 'HIGH',
    services: ['payroll'], owner: null, parentOrganizationId: null, inclusionMethod: null,
  },
});
const envelope = (command: OversightCommand, commandId = 'cmd-1') => ({ tenantId: 'acme', actor, organizationId: 'org-1', command, commandId });
const settle = (calls: Array<Promise<CommandOutcome>>) => Promise.allSettled(calls);

/** The same store without its optional id index, as the EventStoreDB adapter is. */
const withoutFindEvent = (store: EventStore): EventStore =>
  new Proxy(store, { get: (target, key) => (key === 'findEvent' ? undefined : Reflect.get(target, key, target)) });

describe.each([
  ['with findEvent and snapshots', false],
  ['without findEvent (stream scan)', true],
])('OversightCommandHandler idempotency %s', (_, scan) => {
  let db: TemporaryDatabase;
  let store: EventStore;
  let handler: OversightCommandHandler;
  beforeEach(() => {
    db = new TemporaryDatabase('idempotency-');
    store = scan ? withoutFindEvent(db.open()) : db.open();
    handler = new OversightCommandHandler(store, systemClock, 8, scan ? undefined : new StreamSnapshotCache());
  });
  afterEach(() => db.dispose());

  it('8 concurrent calls with one commandId and different payloads: one succeeds, the others are refused', async () => {
    const results = await settle(Array.from({ length: 8 }, (_, i) => handler.handle(envelope(register(`Name ${i}`)))));
    const succeeded = results.filter((r) => r.status === 'fulfilled');
    expect(succeeded).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual(
      Array(7).fill(expect.any(CommandIdReusedError)),
    );
    const stored = await store.readStream(organizationStream('acme', 'org-1'));
    expect(stored).toHaveLength(1);
  });

  it('16 identical concurrent calls: one writes (replayed false), 15 write nothing (replayed true)', async () => {
    const outcomes = await Promise.all(Array.from({ length: 16 }, () => handler.handle(envelope(register('Payroll')))));
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
    expect(outcomes.filter((o) => o.replayed)).toHaveLength(15);
    expect(new Set(outcomes.map((o) => o.eventIds.join()))).toEqual(new Set([outcomes[0]!.eventIds.join()]));
    expect(await store.readStream(organizationStream('acme', 'org-1'))).toHaveLength(1);
  });

  it('refuses a reused commandId with another payload of the same command type, after the first completed', async () => {
    const first = await handler.handle(envelope(register('Payroll')));
    expect(first.replayed).toBe(false);
    await expect(handler.handle(envelope(register('Payroll')))).resolves.toMatchObject({ replayed: true, eventIds: first.eventIds });
    await expect(handler.handle(envelope(register('Another name')))).rejects.toBeInstanceOf(CommandIdReusedError);
  });
});

describe('OversightCommandHandler idempotency across processes (two stores on one file)', () => {
  it('refuses a reused commandId with another payload even when another process appended it first', async () => {
    const db = new TemporaryDatabase('idempotency-procs-');
    try {
      const [a, b] = [db.open(), db.open()];
      const handlers = [new OversightCommandHandler(a, systemClock, 8, new StreamSnapshotCache()), new OversightCommandHandler(b, systemClock, 8, new StreamSnapshotCache())];
      const results = await settle(Array.from({ length: 8 }, (_, i) => handlers[i % 2]!.handle(envelope(register(`Name ${i}`)))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await a.readStream(organizationStream('acme', 'org-1'))).toHaveLength(1);
    } finally {
      await db.dispose();
    }
  });
});
