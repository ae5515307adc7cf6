import { organizationStream } from '../application/event-envelope';
import { LEDGER_CHECKPOINT_STREAM } from './checkpoint';
import { LedgerCheckpointer } from './ledger-checkpointer';
import { LedgerProver } from './ledger-prover';
import { readLastCheckpoint } from './ledger-guard';
import { appendCheckpoint } from './ledger-seal';
import { ledgerVerdict, streamVerdict } from './ledger-verdict';
import { haltedCheckpointer, recordedStore, sealUpTo, signer, snapshot, verifyEvents } from './ledger.fixtures';
import { verifyStream } from './stream-chain';

describe('the hash chain on the command path', () => {
  it('every appended event carries hash and previousHash, and the streams verify', async () => {
    const { store } = await recordedStore();
    const stream = await store.readStream(organizationStream('acme', 'dc-1'));
    expect(stream).toHaveLength(3);
    expect(stream[0]!.metadata.previousHash).toBeNull();
    expect(stream[1]!.metadata.previousHash).toBe(stream[0]!.metadata.hash);
    expect(stream.every((e) => /^[0-9a-f]{64}$/.test(String(e.metadata.hash)))).toBe(true);
    expect(verifyStream(stream).valid).toBe(true);
  });
});

describe('LedgerCheckpointer and LedgerVerifier', () => {
  it('seals every N organization events into a signed chain that verifies', async () => {
    const { store } = await recordedStore();
    await sealUpTo(store, 2, 3);
    const { checkpoints, events } = await snapshot(store);
    expect(checkpoints.map((c) => (c.data as { sequence: number }).sequence)).toEqual([1, 2, 3]);
    expect(checkpoints[1]!.data).toMatchObject({ eventCount: 2, fromPosition: '3', toPosition: '4' });
    expect(verifyStream(checkpoints).valid).toBe(true);
    const report = verifyEvents(checkpoints, events);
    expect(report).toMatchObject({ checkedEvents: 9, checkedCheckpoints: 3, eventBreaks: [], checkpointBreaks: [] });
    expect(ledgerVerdict(report, 'acme')).toEqual({ valid: true, checkedEvents: 9, firstBrokenEventId: null, reason: null });
  });

  it('bounds the unsealed window in time: with a seal interval, fewer events than `every` are sealed too', async () => {
    const { store, run } = await recordedStore();
    const sizes: number[] = [];
    let notify = () => {};
    const sealedCount = (n: number) => new Promise<void>((resolve) => (notify = () => sizes.length >= n && resolve())).then(() => sizes[n - 1]);
    const checkpointer = new LedgerCheckpointer({
      store,
      signer: signer(),
      every: 100,
      sealIntervalMs: 20,
      retryDelayMs: 5,
      onCheckpoint: (c) => (sizes.push(c.treeSize!), notify()),
    });
    checkpointer.start();
    expect(await sealedCount(1)).toBe(6);
    await run('dc-1', { type: 'UpdateOrganizationProfile', data: { owner: 'x' } } as never, 30);
    expect(await sealedCount(2)).toBe(7);
    await checkpointer.stop();
    const { checkpoints, events } = await snapshot(store);
    expect(checkpoints).toHaveLength(2); // nothing new, nothing sealed: no empty checkpoints
    expect(verifyEvents(checkpoints, events)).toMatchObject({ eventBreaks: [], checkpointBreaks: [] });
  });

  it('halts when a checkpoint row is deleted while it runs, and signs nothing after', async () => {
    const { store, run } = await recordedStore();
    const key = signer();
    let halted!: (reason: string) => void;
    const halt = new Promise<string>((resolve) => (halted = resolve));
    const checkpointer = new LedgerCheckpointer({ store, signer: key, every: 2, retryDelayMs: 5, onHalt: (r) => halted(r) });
    checkpointer.start();
    await new LedgerProver(checkpointer, key).sealThrough((await store.readAll()).at(-1)!.position);
    (store as unknown as { streams: Map<string, unknown[]> }).streams?.get(LEDGER_CHECKPOINT_STREAM)?.pop();
    await run('dc-1', { type: 'UpdateOrganizationProfile', data: { owner: 'x' } } as never, 31);
    await run('dc-1', { type: 'UpdateOrganizationProfile', data: { owner: 'y' } } as never, 32);
    expect(await halt).toMatch(/changed in the store while the server ran/);
    expect(checkpointer.state).toBe('HALTED');
    await checkpointer.stop();
  });

  it('resumes from its last checkpoint after a restart, and two instances never fork the chain', async () => {
    const { store, run } = await recordedStore();
    const key = await sealUpTo(store, 2, 3);
    for (let i = 0; i < 6; i++) await run('dc-1', { type: 'UpdateOrganizationProfile', data: { owner: `owner ${i}` } } as never, 10 + i);
    // Each instance says when it sealed one; between them they must reach sequence 6.
    let reached = () => {};
    const sixth = new Promise<void>((resolve) => (reached = resolve));
    const onCheckpoint = (data: { sequence: number }) => data.sequence >= 6 && reached();
    const a = new LedgerCheckpointer({ store, signer: key, every: 2, retryDelayMs: 5, onCheckpoint });
    const b = new LedgerCheckpointer({ store, signer: key, every: 2, retryDelayMs: 5, onCheckpoint });
    a.start();
    b.start();
    await sixth;
    await Promise.all([a.stop(), b.stop()]);
    const { checkpoints, events } = await snapshot(store);
    expect(checkpoints.map((c) => (c.data as { sequence: number }).sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(verifyEvents(checkpoints, events).checkpointBreaks).toEqual([]);
  });

  it('detects a changed byte, a deleted last event, a reordering and a forged checkpoint', async () => {
    const { store } = await recordedStore();
    await sealUpTo(store, 3, 2);
    const { checkpoints, events } = await snapshot(store);

    const altered = events.map((e, i) => (i === 4 ? { ...e, data: { ...(e.data as object), decision: 'REJECTED' } } : e));
    const r1 = verifyEvents(checkpoints, altered);
    expect(r1.eventBreaks[0]).toMatchObject({ eventId: events[4]!.eventId, reason: expect.stringMatching(/altered/) });
    expect(r1.checkpointBreaks[0]).toMatchObject({ sequence: 2, kind: 'WINDOW' });
    expect(ledgerVerdict(r1, 'other')).toMatchObject({ valid: false, firstBrokenEventId: events[4]!.eventId });
    // Another tenant learns that the ledger is broken, not where or what.
    expect(ledgerVerdict(r1, 'acme')).toMatchObject({ valid: false, firstBrokenEventId: null, reason: expect.stringMatching(/withheld/) });

    // Deleting a stream's last event leaves a valid shorter chain: only the seal shows it.
    const r2 = verifyEvents(checkpoints, events.slice(0, 5));
    expect(r2.eventBreaks).toEqual([]);
    expect(r2.checkpointBreaks[0]).toMatchObject({ sequence: 2, reason: expect.stringMatching(/deleted/) });
    expect(streamVerdict(r2, 'organization-dc-2', 2, 2)).toMatchObject({ valid: false, firstBrokenEventId: checkpoints[1]!.eventId });

    const reordered = [events[0]!, events[2]!, events[1]!, ...events.slice(3)];
    const r3 = verifyEvents(checkpoints, reordered);
    expect(r3.eventBreaks[0]).toMatchObject({ eventId: events[2]!.eventId, reason: expect.stringMatching(/moved later/) });
    expect(r3.eventBreaks[1]).toMatchObject({ eventId: events[1]!.eventId, reason: expect.stringMatching(/reordered/) });
    expect(r3.checkpointBreaks[0]).toMatchObject({ sequence: 1, kind: 'WINDOW' });

    const forged = checkpoints.map((c, i) => (i === 0 ? { ...c, data: { ...(c.data as object), rootHash: 'ab'.repeat(32) } } : c));
    const r4 = verifyEvents(forged, events);
    expect(r4.checkpointBreaks[0]).toMatchObject({ kind: 'CHAIN', sequence: 1, reason: expect.stringMatching(/signature/) });
  });

  it('a checkpointer with another key refuses to seal; a checkpoint signed with another key is refused', async () => {
    const { store, run } = await recordedStore();
    await sealUpTo(store, 3, 2);
    for (const [i, owner] of ['x', 'y', 'z'].entries()) await run('dc-1', { type: 'UpdateOrganizationProfile', data: { owner } } as never, 20 + i);
    const other = signer();
    const halted = await haltedCheckpointer(store, other);
    expect(halted.haltReason).toMatch(/different key/);
    expect((await store.readStream(LEDGER_CHECKPOINT_STREAM)).length).toBe(2);
    const last = await readLastCheckpoint(store);
    const payload = { fromPosition: '9', toPosition: '9', eventCount: 3, rootHash: 'ab'.repeat(32) };
    await appendCheckpoint(store, { signer: other, last, payload, recordedAt: new Date().toISOString() });
    const { checkpoints, events } = await snapshot(store);
    expect(verifyEvents(checkpoints, events).checkpointBreaks[0]).toMatchObject({ sequence: 3, reason: expect.stringMatching(/different key/) });
  });
});
