import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer } from './support/api-server';
import { Caller, runCli } from './support/audit-helpers';
import { exceptionInput, orgInput, reportInput } from './support/e2e-fixtures';

/**
 * The auditor's round trip: export a pack through the running API with the CLI, verify it
 * offline with the other CLI (no server, no database), then change one byte and see it refused.
 */
jest.setTimeout(60_000);

let api: ApiServer;
let dir: string;
const ORG = `dc-pack-${Date.now()}`;

beforeAll(async () => {
  // Issue 11's recipe: fewer events than a checkpoint interval and no timed seal, so nothing is sealed before the export.
  api = await ApiServer.start({ clockStart: '2026-03-02T09:00:00Z', env: { LEDGER_SEAL_INTERVAL_MS: '0' } });
  dir = mkdtempSync(join(tmpdir(), 'audit-pack-'));
  const admin = Caller.of(api);
  await admin.record('registerOrganization', { ...orgInput({ id: ORG, name: 'Eastbay Colocation', category: 'DATA_CENTER_COLOCATION' }), effectiveAt: '2025-12-01T10:00:00Z' });
  const report = reportInput(ORG, { serviceAuditor: 'Baker & Lane LLP' });
  await admin.record('recordReportReceived', { ...report, effectiveAt: '2026-01-20T10:00:00Z' });
  await admin.record('concludeReportReview', { organizationId: ORG, reportId: report.reportId, decision: 'ACCEPTED', reviewer: 'Dana Ruiz', effectiveAt: '2026-02-01T10:00:00Z' });
  await admin.record('recordException', exceptionInput(ORG, { severity: 'HIGH' }));
});

const trail = async () =>
  (await Caller.of(api, 'AUDITOR').ok(`query($id: ID!) { verifyAuditTrail(organizationId: $id) { valid summary } }`, { id: ORG })).verifyAuditTrail;

afterAll(async () => {
  await api?.stop();
  api?.removeData();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const exportPack = (out: string, ...extra: string[]) =>
  runCli('export-pack.js', ['--organization', ORG, '--out', out, ...extra], { API_URL: api.url, API_TOKEN: api.token('AUDITOR') });

describe('evidence pack: export through the API, verify offline', () => {
  it('exports the JSON pack and its CSV, sealed and signed at export, and the offline verifier accepts it with the pinned key', async () => {
    expect(await trail()).toEqual({ valid: true, summary: 'Hash chain intact over 4 events; no signed checkpoint covers these events yet (they are sealed within about a second while the ledger runs).' });
    const out = join(dir, 'eastbay.json');
    const exported = await exportPack(out, '--from', '2026-01-01', '--to', '2026-02-28');
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const pack = JSON.parse(readFileSync(out, 'utf8'));
    expect(pack).toMatchObject({ format: 'oversight-ledger/evidence-pack', formatVersion: 2, organizationId: ORG, organization: { name: 'Eastbay Colocation' } });
    expect(pack.events.map((e: any) => [e.revision, e.inRange])).toEqual([['0', false], ['1', true], ['2', true], ['3', false]]);
    expect(pack.events[1].metadata).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), previousHash: pack.events[0].metadata.hash });
    expect(pack.statuses.map((s: any) => s.status)).toEqual(['NO_ASSURANCE', 'NO_ASSURANCE', 'ASSURED_WITH_EXCEPTIONS', 'ASSURED_WITH_EXCEPTIONS']);
    // A colocation site with no physical validation yet, then also an open HIGH exception.
    expect(pack.statuses[3].reasons.map((r: any) => r.code)).toEqual(expect.arrayContaining(['EXCEPTION_OPEN', 'PHYSICAL_VALIDATION_MISSING']));
    expect(pack.ledger.inclusion.map((p: any) => p.eventId)).toEqual(pack.events.map((e: any) => e.eventId));
    expect(pack.ledger.treeHead).toMatchObject({ sequence: 1, treeSize: 4 });
    expect(pack.ledger.statement.payload).toMatchObject({ revisionCount: 4, headHash: pack.events[3].metadata.hash });
    expect(pack.ledger.publicKey).toMatch(/BEGIN PUBLIC KEY/);
    const fingerprint = pack.ledger.keyFingerprint;
    expect(await trail()).toEqual({ valid: true, summary: `Hash chain intact over 4 events; all of them covered by signed tree head #1, signed by key ${fingerprint}.` });
    const csv = readFileSync(join(dir, 'eastbay.csv'), 'utf8');
    expect(csv).toBe(pack.csv);
    expect(csv.trim().split('\r\n')).toHaveLength(3); // header + the two events in range

    // Offline: the server is not consulted (its URL is wrong on purpose).
    const verified = await runCli('verify-pack.js', [out, '--key-fingerprint', fingerprint], { API_URL: 'http://127.0.0.1:9/graphql' });
    expect(verified.stdout).toMatch(/statuses re-derived from the events/);
    expect(verified.stdout).toContain(
      `Verified: signed by key ${fingerprint} (pinned): hash chain intact over 4 events, all included in signed tree head #1 (4 events), and the export statement covers exactly revisions 0–3`,
    );
    expect(verified.stdout).toMatch(/^VALID$/m);
    expect(verified.code).toBe(0);
  });

  it('rejects a pack cut short, and proves a later pack extends the head kept from an earlier one', async () => {
    const first = join(dir, 'first.json');
    expect((await exportPack(first)).code).toBe(0);
    const kept = JSON.parse(readFileSync(first, 'utf8'));
    const cut = join(dir, 'cut.json');
    const q = JSON.parse(JSON.stringify(kept));
    for (const list of [q.events, q.statuses, q.ledger.inclusion]) list.pop();
    q.csv = q.csv.split('\r\n').slice(0, -2).join('\r\n') + '\r\n';
    writeFileSync(cut, JSON.stringify(q));
    const truncated = await runCli('verify-pack.js', [cut, '--key-fingerprint', kept.ledger.keyFingerprint]);
    expect(truncated.code).toBe(1);
    expect(truncated.stdout).toMatch(/✘ The pack does not match its signed export statement \(4 revisions ending in .*cut off/);

    await Caller.of(api).record('recordException', exceptionInput(ORG, { severity: 'LOW' }));
    const later = join(dir, 'later.json');
    expect((await exportPack(later, '--since-tree-size', String(kept.ledger.treeHead.treeSize))).code).toBe(0);
    const verified = await runCli('verify-pack.js', [later, '--key-fingerprint', kept.ledger.keyFingerprint, '--previous-head', first]);
    expect(verified.stdout).toMatch(/The log extends the earlier head you kept \(#\d+, 4 events\): consistency proof verified/);
    expect(verified.code).toBe(0);
  });

  it('rejects the pack when one byte of it changes, with the reason', async () => {
    const out = join(dir, 'tampered.json');
    expect((await exportPack(out)).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const at = text.indexOf('Baker & Lane LLP'); // first occurrence: inside an event's data
    expect(at).toBeGreaterThan(text.indexOf('"events"'));
    writeFileSync(out, text.slice(0, at) + 'Baker & Lane LLQ' + text.slice(at + 16));
    const verified = await runCli('verify-pack.js', [out]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/REJECTED: Event [0-9a-f-]+: Event organization-.*@1 was altered/);

    writeFileSync(out, text.replace('"formatVersion": 2', '"formatVersion": 2,,'));
    const broken = await runCli('verify-pack.js', [out]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/REJECTED: .*not a readable JSON file/);
  });

  it('answers NOT_FOUND for another tenant and refuses a range that ends before it starts', async () => {
    const stranger = await api.gql(`query($id: ID!) { evidencePack(organizationId: $id) }`, { id: ORG }, { authorization: `Bearer ${api.token('AUDITOR', 'other-tenant')}` });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const reversed = await api.gql(`query($id: ID!) { evidencePack(organizationId: $id, from: "2026-03-01T00:00:00Z", to: "2026-01-01T00:00:00Z") }`, { id: ORG });
    expect(reversed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const failed = await runCli('export-pack.js', ['--organization', 'nobody-here', '--out', join(dir, 'x.json')], { API_URL: api.url, API_TOKEN: api.token() });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/NOT_FOUND/);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });
});
