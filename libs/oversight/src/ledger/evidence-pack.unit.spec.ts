import { keyFingerprint } from './checkpoint';
import { verifyEvidencePack } from './evidence-pack-verify';
import { collectEvidencePack } from './ledger-scan';
import { NOW, recordedStore, sealUpTo } from './ledger.fixtures';

async function pack(every = 2, sequence = 2) {
  const { store, run } = await recordedStore();
  const key = await sealUpTo(store, every, sequence);
  // Recorded after the last seal: chained, not sealed yet.
  await run('dc-1', { type: 'UpdateOrganizationProfile', data: { owner: 'Ops team' } } as never, 9);
  const p = await collectEvidencePack(store, 'acme', 'dc-1', { from: null, to: null }, NOW);
  return { pack: p!, key, store };
}

describe('evidence pack', () => {
  it('is self-contained: statuses, CSV, seals and key verify offline', async () => {
    const { pack: p, key } = await pack();
    expect(p.events.map((e) => e.revision)).toEqual(['0', '1', '2', '3']);
    expect(p.statuses.map((s) => s.status)).toEqual(['NO_ASSURANCE', 'NO_ASSURANCE', expect.any(String), expect.any(String)]);
    expect(p.organization).toMatchObject({ organizationId: 'dc-1', owner: 'Ops team' });
    expect(p.ledger.seals.map((s) => JSON.parse(JSON.stringify(s.checkpoint.data)).sequence)).toEqual([1, 2]);
    expect(p.ledger.unsealedEventIds).toEqual([p.events[3]!.eventId]);
    expect(p.csv.split('\r\n')[0]).toBe('revision,effectiveAt,recordedAt,type,eventId,actor,status,flags,reasons,hash');
    const report = verifyEvidencePack(JSON.parse(JSON.stringify(p)), key.fingerprint);
    expect(report.reason).toBeNull();
    expect(report.valid).toBe(true);
    expect(report.keyFingerprint).toBe(keyFingerprint(key.publicKeyPem));
    expect(report.checks.some((c) => c.warning && /not sealed yet/.test(c.message))).toBe(true);
  });

  it('rejects a changed event, status, CSV cell, window hash or signature, and a foreign key', async () => {
    const { pack: p, key } = await pack();
    const text = JSON.stringify(p);
    const mutate = (edit: (q: any) => void) => {
      const q = JSON.parse(text);
      edit(q);
      return verifyEvidencePack(q, key.fingerprint);
    };
    expect(mutate((q) => (q.events[1].data.serviceAuditor = 'Someone Else LLP')).reason).toMatch(/altered/);
    expect(mutate((q) => (q.statuses[2].status = 'ASSURED_WITH_EXCEPTIONS')).reason).toMatch(/status after event/);
    expect(mutate((q) => (q.csv = q.csv.replace('NO_ASSURANCE', 'ASSURED'))).reason).toMatch(/CSV/);
    expect(mutate((q) => (q.ledger.seals[0].windowHashes[0] = 'f'.repeat(64))).reason).toMatch(/root/);
    expect(mutate((q) => (q.ledger.seals[1].checkpoint.data.signature = q.ledger.seals[0].checkpoint.data.signature)).reason).toMatch(/altered|signature/);
    expect(mutate((q) => q.ledger.unsealedEventIds.push(q.events[0].eventId)).reason).toMatch(/Only the latest/);
    expect(verifyEvidencePack(JSON.parse(text), 'ab'.repeat(32)).reason).toMatch(/pinned/);
    expect(verifyEvidencePack({ format: 'other' }).reason).toMatch(/Not an evidence pack/);
  });

  it('marks the events in range by effectiveAt and keeps the CSV to them', async () => {
    const { store } = await pack();
    const p = (await collectEvidencePack(store, 'acme', 'dc-1', { from: '2030-01-01T00:00:00Z', to: null }, NOW))!;
    expect(p.events.every((e) => !e.inRange)).toBe(true);
    expect(p.csv.trim().split('\r\n')).toHaveLength(1);
    expect(verifyEvidencePack(JSON.parse(JSON.stringify(p))).valid).toBe(true);
    expect(await collectEvidencePack(store, 'acme', 'nobody', { from: null, to: null }, NOW)).toBeNull();
  });
});
