import { statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { TemporaryDatabase } from '../../../event-store/src/sqlite/sqlite-test-files';
import { ManualClock } from '../application/clock';
import { OversightCommandHandler } from '../application/handle-command';
import { command, dataCenter, review, soc2Type2 } from '../domain/organization.fixtures';
import { LEDGER_CHECKPOINT_STREAM } from './checkpoint';
import { hashEvent } from './event-hash';
import { LedgerCheckpointer } from './ledger-checkpointer';
import { LedgerProver } from './ledger-prover';
import { resealLedger } from './ledger-seal';
import { ledgerVerdict } from './ledger-verdict';
import { scanLedger } from './ledger-scan';
import { haltedCheckpointer, NOW, sealUpTo, signer } from './ledger.fixtures';
import { SignedHeadFile } from './signed-head-file';

/**
 * Issue 12's attack on a real SQLite file, by someone who can write the database but has no key:
 * edit a sealed event, recompute its stream's hashes with the public rule, delete the checkpoint
 * rows, restart. The store alone then verifies; the head kept outside it does not let it pass.
 */
let db: TemporaryDatabase;
beforeEach(() => (db = new TemporaryDatabase('ledger-tamper-')));
afterEach(() => db.dispose());

const STREAM = 'organization-acme~dc-1';

async function recordAndSeal() {
  const key = signer();
  const head = new SignedHeadFile(join(dirname(db.path), 'ledger-signed-head.json'), key.publicKeyPem);
  const store = db.open({ pollIntervalMs: 5 });
  const handler = new OversightCommandHandler(store, new ManualClock(new Date(NOW)));
  let n = 0;
  for (const id of ['dc-1', 'dc-2']) {
    for (const cmd of [command('RegisterOrganization', dataCenter({ organizationId: id, name: `Colo ${id}` })), command('RecordReportReceived', soc2Type2()), command('ConcludeReportReview', review())]) {
      await handler.handle({ tenantId: 'acme', actor: { id: 'dana', role: 'ANALYST' }, organizationId: id, command: cmd, commandId: `c-${n++}` });
    }
  }
  await sealUpTo(store, 2, 3, key, head);
  await store.close();
  return { key, head };
}

/** Edits revision 1 of the stream and re-chains the stream with the public hashing rule. */
function forgeAndRehash(raw: Database.Database): void {
  const rows = raw.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision').all(STREAM) as Array<Record<string, any>>;
  let previous: string | null = null;
  for (const row of rows) {
    const data = JSON.parse(row.data);
    if (row.revision === 1) data.serviceAuditor = 'Forged & Partners LLP';
    const { hash: _old, ...metadata } = JSON.parse(row.metadata);
    metadata.previousHash = previous;
    const hash = hashEvent({ streamId: STREAM, revision: row.revision, eventId: row.event_id, type: row.type, data, metadata });
    raw.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(JSON.stringify(data), JSON.stringify({ ...metadata, hash }), row.position);
    previous = hash;
  }
}

describe('sealing never signs history it cannot prove it signed before (real SQLite file)', () => {
  it('forged, rehashed events with the checkpoint rows deleted: the store alone looks valid, but nothing is signed', async () => {
    const { key, head } = await recordAndSeal();
    expect(head.read()).toMatchObject({ sequence: 3, treeSize: 6 });
    expect(statSync(head.location).mode & 0o777).toBe(0o600);
    const raw = db.openRaw();
    forgeAndRehash(raw);
    raw.prepare('DELETE FROM events WHERE stream_id = ?').run(LEDGER_CHECKPOINT_STREAM);
    raw.close();

    const store = db.open({ pollIntervalMs: 5 });
    expect(ledgerVerdict((await scanLedger(store)).report, 'acme').valid).toBe(true); // why the head must live elsewhere
    const { haltReason } = await haltedCheckpointer(store, key, head);
    expect(haltReason).toMatch(/kept outside the database \(checkpoint #3, 6 events\) is not in the checkpoint stream: checkpoints were deleted/);
    expect(await store.readStream(LEDGER_CHECKPOINT_STREAM)).toEqual([]);
  });

  it('forged, rehashed events under the kept checkpoints: halted on the signed roots', async () => {
    const { key, head } = await recordAndSeal();
    const raw = db.openRaw();
    forgeAndRehash(raw);
    raw.close();
    const store = db.open({ pollIntervalMs: 5 });
    const { haltReason } = await haltedCheckpointer(store, key, head);
    expect(haltReason).toMatch(/does not match the signed checkpoints: Checkpoint #1/);
    expect(await store.readStream(LEDGER_CHECKPOINT_STREAM)).toHaveLength(3);
  });

  it('a head file that is not signed by the key halts sealing', async () => {
    const { key, head } = await recordAndSeal();
    writeFileSync(head.location, JSON.stringify({ checkpoint: { ...head.read(), treeSize: 7 } }));
    const { haltReason } = await haltedCheckpointer(db.open(), key, head);
    expect(haltReason).toMatch(/not signed by this server's key/);
  });

  it("an ADMIN's re-seal records who, why, the problem and the old head; sealing then resumes from it", async () => {
    const { key, head } = await recordAndSeal();
    const oldHead = head.read()!;
    const raw = db.openRaw();
    forgeAndRehash(raw);
    raw.prepare('DELETE FROM events WHERE stream_id = ?').run(LEDGER_CHECKPOINT_STREAM);
    raw.close();
    const store = db.open({ pollIntervalMs: 5 });
    const { haltReason } = await haltedCheckpointer(store, key, head);
    const data = await resealLedger(store, { signer: key, head, actor: { id: 'ada', role: 'ADMIN' }, reason: 'restored after incident 7', problem: haltReason, recordedAt: NOW });
    expect(data).toMatchObject({ treeSize: 6, reseal: { actor: { id: 'ada' }, reason: 'restored after incident 7', problem: haltReason, previousHead: { sequence: 3, treeSize: 6, treeRoot: oldHead.treeRoot } } });
    expect(data.treeRoot).not.toBe(oldHead.treeRoot);
    expect(head.read()).toEqual(data);
    const [event] = await store.readStream(LEDGER_CHECKPOINT_STREAM);
    expect(event!.metadata.actor).toEqual({ id: 'ada', role: 'ADMIN' });

    const checkpointer = new LedgerCheckpointer({ store, signer: key, every: 1, head, retryDelayMs: 10 });
    checkpointer.start();
    await new LedgerProver(checkpointer, key).sealThrough(0n);
    expect(checkpointer.state).toBe('SEALING');
    await checkpointer.stop();
    const { report } = await scanLedger(store);
    expect(report).toMatchObject({ eventBreaks: [], checkpointBreaks: [], checkedCheckpoints: 1 });
  });
});
