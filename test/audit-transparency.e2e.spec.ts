import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hashEvent } from '../libs/oversight/src/ledger/event-hash';
import { verifyConsistency } from '../libs/oversight/src/ledger/merkle-verify';
import { ApiServer } from './support/api-server';
import { Caller, VERIFICATION, waitForCheckpoints } from './support/audit-helpers';
import { exceptionInput, orgInput, reportInput } from './support/e2e-fixtures';
import { Subscriber, wsAuth } from './support/ws-client';

/**
 * Issue 12's critical attack against the built server and its real SQLite file: with write access
 * to the database and no key, edit a sealed event, recompute its stream's hashes with the public
 * rule, delete the checkpoint rows, restart. The server must not sign it, must say so on /health
 * and in verifyLedger, until an ADMIN re-seals (recorded, announced).
 */
jest.setTimeout(60_000);

const ORG = `dc-forge-${Date.now()}`;
const STREAM = `organization-default~${ORG}`;
const ENV = { LEDGER_SEAL_INTERVAL_MS: '100', LEDGER_CHECKPOINT_EVERY: '2' };
const TREE_HEAD = 'sequence treeSize rootHash keyFingerprint checkpoint reseal';
let pristine: string;
let keptHead: { treeSize: number; rootHash: string; checkpoint: unknown };

async function sealedHead(caller: Caller, size: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const r = await caller.gql(`{ signedTreeHead { ${TREE_HEAD} } }`);
    const head = r.data?.signedTreeHead;
    if (head && head.treeSize >= size) return head;
    if (Date.now() > deadline) throw new Error(`no signed head of size ${size}: ${JSON.stringify(r)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** /health once the ledger has finished verifying the store at start. */
async function settledHealth(api: ApiServer) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const health = await api.health();
    if (health.ledger?.sealing !== 'STARTING' || Date.now() > deadline) return health;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for a line in the server's log (it is written after the answer is sent). */
async function logged(api: ApiServer, pattern: RegExp): Promise<boolean> {
  const deadline = Date.now() + 5000;
  while (!pattern.test(api.output.join(''))) {
    if (Date.now() > deadline) throw new Error(`not logged: ${pattern}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

beforeAll(async () => {
  const api = await ApiServer.start({ env: ENV });
  pristine = api.dataDir;
  try {
    const admin = Caller.of(api);
    await admin.record('registerOrganization', orgInput({ id: ORG, category: 'DATA_CENTER_COLOCATION' }));
    const report = reportInput(ORG, { serviceAuditor: 'Baker & Lane LLP' });
    await admin.record('recordReportReceived', report);
    await admin.record('concludeReportReview', { organizationId: ORG, reportId: report.reportId, decision: 'ACCEPTED', reviewer: 'Dana Ruiz' });
    await admin.record('recordException', exceptionInput(ORG));
    await waitForCheckpoints(admin, 2); // sealed, also by servers that only seal every N events
    keptHead = await sealedHead(Caller.of(api, 'AUDITOR'), 4).catch(() => keptHead); // what a careful auditor keeps
  } finally {
    await api.stop();
  }
});

afterAll(() => pristine && rmSync(pristine, { recursive: true, force: true }));

function forgeAndDeleteCheckpoints(dir: string): void {
  const db = new Database(join(dir, 'events.db'));
  const rows = db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision').all(STREAM) as Array<Record<string, any>>;
  let previous: string | null = null;
  for (const row of rows) {
    const data = JSON.parse(row.data);
    if (row.revision === 1) data.serviceAuditor = 'Forged & Partners LLP';
    const { hash: _old, ...metadata } = JSON.parse(row.metadata);
    metadata.previousHash = previous;
    const hash = hashEvent({ streamId: STREAM, revision: row.revision, eventId: row.event_id, type: row.type, data, metadata });
    db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(JSON.stringify(data), JSON.stringify({ ...metadata, hash }), row.position);
    previous = hash;
  }
  db.prepare("DELETE FROM events WHERE stream_id = 'ledger-checkpoints'").run();
  db.close();
}

const checkpointRows = (dir: string) => {
  const db = new Database(join(dir, 'events.db'), { readonly: true });
  const n = (db.prepare("SELECT count(*) AS n FROM events WHERE stream_id = 'ledger-checkpoints'").get() as { n: number }).n;
  db.close();
  return n;
};

describe('a forged, re-hashed history with its checkpoint rows deleted, after a restart', () => {
  let api: ApiServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-forge-'));
    cpSync(pristine, dir, { recursive: true });
    forgeAndDeleteCheckpoints(dir);
    api = await ApiServer.start({ dataDir: dir, env: ENV });
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is not signed: /health is degraded with the reason, verifyLedger and verifyAuditTrail are invalid, no pack is signed', async () => {
    const health = await settledHealth(api);
    expect(health).toMatchObject({ status: 'degraded', ledger: { sealing: 'HALTED', reason: expect.stringMatching(/checkpoint #\d+, 4 events.*checkpoints were deleted/) } });
    await expect(logged(api, /Ledger sealing HALTED, nothing will be signed until an ADMIN re-seals/)).resolves.toBe(true);
    const admin = Caller.of(api);
    await admin.record('recordException', exceptionInput(ORG)); // writes go on, unsealed
    const v = await admin.ok(`query($id: ID!) { verifyLedger { ${VERIFICATION} summary } verifyAuditTrail(organizationId: $id) { ${VERIFICATION} summary } }`, { id: ORG });
    expect(v.verifyLedger).toMatchObject({ valid: false, reason: expect.stringMatching(/^Sealing is halted: The latest signed head/), summary: expect.stringMatching(/^Not verified: Sealing is halted/) });
    expect(v.verifyAuditTrail).toMatchObject({ valid: false, reason: expect.stringMatching(/^Sealing is halted/) });
    const pack = await admin.gql(`query($id: ID!) { evidencePack(organizationId: $id) }`, { id: ORG });
    expect(pack.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'LEDGER_HALTED' });
    expect((await admin.gql(`{ signedTreeHead { treeSize } }`)).errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(checkpointRows(dir)).toBe(0);
  });

  it('an ADMIN re-seal is explicit, recorded and announced; the old head then proves the rewrite', async () => {
    const watcher = new Subscriber(api.wsUrl, 'subscription { ledgerSealing { state reason head { treeSize reseal } } }', {}, wsAuth('AUDITOR'));
    const [now] = await watcher.waitFor(1); // the state now: also proves the subscription is live
    expect(now.ledgerSealing).toMatchObject({ state: 'HALTED', reason: expect.stringMatching(/checkpoints were deleted/), head: null });
    const refused = await Caller.of(api, 'ANALYST').gql('mutation { resealLedger(reason: "restored from backup 7") { treeSize } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const short = await Caller.of(api).gql('mutation { resealLedger(reason: "ok") { treeSize } }');
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const { resealLedger } = await Caller.of(api).ok(`mutation { resealLedger(reason: "incident 7: reviewed, accepted as is") { ${TREE_HEAD} } }`);
    expect(resealLedger).toMatchObject({
      treeSize: 5,
      reseal: { actor: { id: 'e2e-admin', role: 'ADMIN' }, reason: 'incident 7: reviewed, accepted as is', previousHead: { treeSize: 4, treeRoot: keptHead.rootHash } },
    });
    await expect(logged(api, /Ledger RE-SEALED by e2e-admin \(ADMIN\) because \\"incident 7: reviewed, accepted as is\\": old head #\d+ \(size 4/)).resolves.toBe(true);
    const announced = (await watcher.waitFor(2))[1];
    await watcher.close();
    expect(announced.ledgerSealing).toMatchObject({ head: { treeSize: 5, reseal: { reason: 'incident 7: reviewed, accepted as is', previousHead: { treeSize: 4 } } } });
    expect((await settledHealth(api)).ledger).toEqual({ sealing: 'SEALING' });
    const again = await Caller.of(api).gql('mutation { resealLedger(reason: "once more, to be sure") { treeSize } }');
    expect(again.errors?.[0]?.extensions?.code).toBe('DOMAIN_RULE_VIOLATION');

    const auditor = Caller.of(api, 'AUDITOR');
    const { verifyLedger } = await auditor.ok(`{ verifyLedger { ${VERIFICATION} summary } }`);
    expect(verifyLedger).toMatchObject({ valid: true, summary: expect.stringMatching(/latest is signed tree head #\d+, signed by key [0-9a-f]{64}/) });
    // The auditor who kept the old head: today's log does not extend it.
    const { consistencyProof: proof } = await auditor.ok(`{ consistencyProof(fromSize: ${keptHead.treeSize}) { fromSize toSize path toHead { rootHash } } }`);
    expect(verifyConsistency(keptHead.treeSize, keptHead.rootHash, proof.toSize, proof.toHead.rootHash, proof.path)).toBe(false);
  });
});

describe('an untouched store after a restart', () => {
  it('keeps sealing from its head, and the old head is proven consistent with the new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-clean-'));
    cpSync(pristine, dir, { recursive: true });
    const api = await ApiServer.start({ dataDir: dir, env: ENV });
    try {
      expect((await settledHealth(api)).ledger).toEqual({ sealing: 'SEALING' });
      const admin = Caller.of(api);
      await admin.record('recordException', exceptionInput(ORG));
      const auditor = Caller.of(api, 'AUDITOR');
      const head = await sealedHead(auditor, 5);
      const { consistencyProof: proof } = await auditor.ok(`{ consistencyProof(fromSize: ${keptHead.treeSize}) { toSize path toHead { rootHash } } }`);
      expect(proof.toSize).toBe(head.treeSize);
      expect(verifyConsistency(keptHead.treeSize, keptHead.rootHash, proof.toSize, proof.toHead.rootHash, proof.path)).toBe(true);
      const bad = await auditor.gql('{ consistencyProof(fromSize: 99) { toSize } }');
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromSize' });
      expect((await Caller.of(api, 'VIEWER').gql('{ signedTreeHead { treeSize } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
