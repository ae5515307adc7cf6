import { chainEvents, hashEvent } from './event-hash';
import { keyFingerprint } from './checkpoint';
import { verifyEvidencePack } from './evidence-pack-verify';
import { LedgerCheckpointer } from './ledger-checkpointer';
import { LedgerProver } from './ledger-prover';
import { collectEvidencePack } from './ledger-scan';
import { NOW, recordedStore, signer } from './ledger.fixtures';

const everything = { from: null, to: null };

async function packs() {
  const { store, run } = await recordedStore();
  const key = signer();
  // Fewer events than one checkpoint interval, like the demo data: the export seals on demand.
  const checkpointer = new LedgerCheckpointer({ store, signer: key, every: 100, retryDelayMs: 10 });
  const ledger = new LedgerProver(checkpointer, key);
  checkpointer.start();
  const first = (await collectEvidencePack(store, ledger, { tenantId: 'acme', organizationId: 'dc-1', range: everything, generatedAt: NOW }))!;
  await run('dc-1', { type: 'UpdateOrganizationProfile', data: { owner: 'Ops team' } } as never, 9);
  await run('dc-2', { type: 'UpdateOrganizationProfile', data: { owner: 'Ops team' } } as never, 9, 'other');
  const since = first.ledger.treeHead.treeSize!;
  const pack = (await collectEvidencePack(store, ledger, { tenantId: 'acme', organizationId: 'dc-1', range: everything, generatedAt: NOW, sinceTreeSize: since }))!;
  await checkpointer.stop();
  return { first, pack, key, text: JSON.stringify(pack) };
}

describe('evidence pack (format 2)', () => {
  it('on fewer events than a checkpoint interval, is sealed at export and verifies offline against the pinned key', async () => {
    const { first, pack, key } = await packs();
    expect(first.ledger.treeHead.treeSize).toBeGreaterThanOrEqual(3);
    expect(pack.ledger.treeHead.treeSize).toBeGreaterThanOrEqual(7);
    expect(pack.events.map((e) => e.revision)).toEqual(['0', '1', '2', '3']);
    expect(pack.ledger.statement.payload).toMatchObject({ revisionCount: 4, headHash: pack.events[3]!.metadata.hash, streamId: 'organization-acme~dc-1' });
    expect(pack.organization).toMatchObject({ organizationId: 'dc-1', owner: 'Ops team' });
    const report = verifyEvidencePack(JSON.parse(JSON.stringify(pack)), key.fingerprint, first.ledger.treeHead);
    expect(report.reason).toBeNull();
    expect(report).toMatchObject({ valid: true, keyFingerprint: keyFingerprint(key.publicKeyPem) });
    const head = pack.ledger.treeHead;
    expect(report.summary).toBe(
      `Verified: signed by key ${key.fingerprint} (pinned): hash chain intact over 4 events, all included in signed tree head #${head.sequence} (${head.treeSize} events), and the export statement covers exactly revisions 0–3; the log extends the head you kept (#${first.ledger.treeHead.sequence}); every status and the CSV follow from the events.`,
    );
  });

  it('rejects the "unseal" forgery: an edited event, re-hashed, with its proofs stripped', async () => {
    const { text, key } = await packs();
    const q = JSON.parse(text);
    q.events[1].data.serviceAuditor = 'Someone Else LLP';
    const rechained = chainEvents(q.events[0].streamId, 0n, null, q.events);
    q.events = q.events.map((e: any, i: number) => ({ ...e, metadata: rechained[i]!.metadata }));
    q.ledger.inclusion = [];
    const report = verifyEvidencePack(q, key.fingerprint);
    expect(report.valid).toBe(false);
    const failed = report.checks.filter((c) => !c.ok).map((c) => c.message);
    expect(failed).toContainEqual(expect.stringMatching(/no valid inclusion proof/));
    expect(failed).toContainEqual(expect.stringMatching(/does not match its signed export statement/));
    expect(report.checks.find((c) => /chain intact/.test(c.message))).toMatchObject({ ok: true }); // the chain alone is consistent
  });

  it('rejects truncation: the last events dropped with their proofs', async () => {
    const { text, key } = await packs();
    const q = JSON.parse(text);
    for (const list of [q.events, q.statuses, q.ledger.inclusion]) list.pop();
    q.csv = q.csv.split('\r\n').slice(0, -2).join('\r\n') + '\r\n';
    const report = verifyEvidencePack(q, key.fingerprint);
    expect(report.checks.filter((c) => !c.ok).map((c) => c.message)).toContainEqual(expect.stringMatching(/export statement \(4 revisions ending in .*cut off/));
    expect(report.checks.find((c) => /inclusion/.test(c.message))).toMatchObject({ ok: true });
    expect(report.summary).toMatch(/^Not verified: /);
  });

  it('rejects a changed status, CSV cell, proof node, tree head, statement or key, and a head from another log', async () => {
    const { text, key, first } = await packs();
    const mutate = (edit: (q: any) => void, prev: unknown = null) => {
      const q = JSON.parse(text);
      edit(q);
      return verifyEvidencePack(q, key.fingerprint, prev).reason;
    };
    expect(mutate((q) => (q.events[1].data.serviceAuditor = 'Someone Else LLP'))).toMatch(/altered/);
    expect(mutate((q) => (q.statuses[2].status = 'ASSURED_WITH_EXCEPTIONS'))).toMatch(/status after event/);
    expect(mutate((q) => (q.csv = q.csv.replace('NO_ASSURANCE', 'ASSURED')))).toMatch(/CSV/);
    expect(mutate((q) => (q.ledger.inclusion[2].path[0] = 'f'.repeat(64)))).toMatch(/no valid inclusion proof/);
    expect(mutate((q) => (q.ledger.inclusion[2].leafIndex += 1))).toMatch(/no valid inclusion proof/);
    expect(mutate((q) => (q.ledger.treeHead.treeSize += 1))).toMatch(/not a signed tree head/);
    expect(mutate((q) => (q.ledger.statement.payload.revisionCount = 3))).toMatch(/not signed/);
    expect(mutate((q) => (q.generatedAt = '2030-01-01T00:00:00.000Z'))).toMatch(/does not match its signed export statement/);
    expect(mutate(() => {}, { ...first.ledger.treeHead, treeRoot: 'ab'.repeat(32) })).toMatch(/not proven to extend/);
    expect(mutate((q) => (q.ledger.consistency.path[0] = 'ab'.repeat(32)), first.ledger.treeHead)).toMatch(/not proven to extend/);
    expect(verifyEvidencePack(JSON.parse(text), 'ab'.repeat(32)).reason).toMatch(/pinned/);
    expect(verifyEvidencePack({ format: 'oversight-ledger/evidence-pack', formatVersion: 1 }).reason).toMatch(/Version 1 packs .* cannot prove/);
  });

  it('an event changed in the store after it was sealed is refused at export', async () => {
    const { store } = await recordedStore();
    const key = signer();
    const checkpointer = new LedgerCheckpointer({ store, signer: key, every: 100, retryDelayMs: 10 });
    const ledger = new LedgerProver(checkpointer, key);
    checkpointer.start();
    await collectEvidencePack(store, ledger, { tenantId: 'acme', organizationId: 'dc-1', range: everything, generatedAt: NOW });
    const [e] = await store.readStream('organization-acme~dc-1');
    (e!.data as Record<string, unknown>).name = 'Forged';
    const sneaky = { ...store, readStream: async () => [e!], readAll: store.readAll.bind(store) } as unknown as typeof store;
    expect(hashEvent(e!)).not.toBe(e!.metadata.hash);
    await expect(collectEvidencePack(sneaky, ledger, { tenantId: 'acme', organizationId: 'dc-1', range: everything, generatedAt: NOW })).rejects.toThrow(/not the event the ledger sealed/);
    await checkpointer.stop();
  });
});
