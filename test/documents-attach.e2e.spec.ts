import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfBytes } from '../libs/documents/src/inspect/evidence.fixtures';
import type { ApiServer } from './support/api-server';
import { runCli } from './support/audit-helpers';
import { download, sha256, upload } from './support/documents-client';
import { CLOCK_START, exceptionInput, historyCount, mutate, registerOrg, reportInput, startApi, uid } from './support/e2e-fixtures';

/** Attaching stored documents is a fact in the organization's stream: listed, as-of, access, pack. */
jest.setTimeout(60_000);

const DOCUMENTS = `documents { documentId sha256 kind title filename mediaType size subjectType subjectId attachedAt eventId }`;

let api: ApiServer;
let dir: string;
beforeAll(async () => {
  api = await startApi({ env: { LEDGER_CHECKPOINT_EVERY: '2' } });
  dir = mkdtempSync(join(tmpdir(), 'documents-pack-'));
});
afterAll(async () => {
  await api?.stop();
  api?.removeData();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const documentsOf = async (id: string, asOf?: string) =>
  (await api.ok(`query($id: ID!, $asOf: DateTime) { organization(id: $id, asOf: $asOf) { ${DOCUMENTS} } }`, { id, asOf })).organization.documents;

async function stored(text: string, filename = 'evidence.txt'): Promise<string> {
  const up = await upload(api, Buffer.from(`${text} ${uid()}\n`), filename);
  expect(up.status).toBe(201);
  return up.json.documentId;
}

describe('attachDocument', () => {
  it('records DocumentAttached; Organization.documents lists it, as-of answers too', async () => {
    const org = await registerOrg(api, { effectiveAt: '2026-01-05T10:00:00Z' });
    const pdf = await pdfBytes(2);
    const { json } = await upload(api, pdf, 'MSA 2026.pdf');
    const r = await mutate(api, 'attachDocument', { organizationId: org, documentId: json.documentId, kind: 'CONTRACT', title: 'Master services agreement', effectiveAt: '2026-02-01T10:00:00Z' });
    expect(r.errors).toBeUndefined();
    expect(r.data.attachDocument.eventIds).toHaveLength(1);
    const docs = await documentsOf(org);
    expect(docs).toEqual([{
      documentId: sha256(pdf), sha256: sha256(pdf), kind: 'CONTRACT', title: 'Master services agreement', filename: 'MSA 2026.pdf',
      mediaType: 'application/pdf', size: pdf.length, subjectType: null, subjectId: null, attachedAt: '2026-02-01T10:00:00Z', eventId: r.data.attachDocument.eventIds[0],
    }]);
    expect(await documentsOf(org, '2026-01-20T00:00:00Z')).toEqual([]);
    expect(await documentsOf(org, '2026-02-02T00:00:00Z')).toHaveLength(1);
    // Attaching the same document the same way again records nothing new.
    const again = await mutate(api, 'attachDocument', { organizationId: org, documentId: json.documentId, kind: 'CONTRACT', title: 'MSA' });
    expect(again.data.attachDocument.eventIds).toEqual([]);
  });

  it('refuses a document never uploaded, or another tenant\'s, writing nothing', async () => {
    const org = await registerOrg(api);
    const before = await historyCount(api, org);
    const unknown = await mutate(api, 'attachDocument', { organizationId: org, documentId: 'ab'.repeat(32), kind: 'OTHER', title: 'x' });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.documentId', reason: 'UNKNOWN_DOCUMENT' });
    const theirs = await upload(api, Buffer.from(`globex only ${uid()}\n`), 'g.txt', { token: api.token('ANALYST', 'globex') });
    const foreign = await mutate(api, 'attachDocument', { organizationId: org, documentId: theirs.json.documentId, kind: 'OTHER', title: 'x' });
    expect(foreign.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_DOCUMENT' });
    const viewer = await api.gql(`mutation($i: AttachDocumentInput!) { attachDocument(input: $i) { revision } }`,
      { i: { organizationId: org, documentId: await stored('viewer'), kind: 'OTHER', title: 'x' } }, { authorization: `Bearer ${api.token('VIEWER')}` });
    expect(viewer.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await historyCount(api, org)).toBe(before);
  });

  it('downloads follow attachment: AUDITOR once attached, never VIEWER, never another tenant', async () => {
    const org = await registerOrg(api);
    const id = await stored('site visit notes');
    expect((await download(api, id, api.token('AUDITOR'))).status).toBe(404);
    await mutate(api, 'attachDocument', { organizationId: org, documentId: id, kind: 'SITE_VISIT', title: 'Visit' });
    const got = await download(api, id, api.token('AUDITOR'));
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await download(api, id, api.token('VIEWER'))).status).toBe(403);
    expect((await download(api, id, api.token('AUDITOR', 'globex'))).status).toBe(404);
  });
});

describe('facts recorded with their document', () => {
  it('recordReportReceived takes documentSha256 from documentId and attaches the report; a mismatch is refused', async () => {
    const org = await registerOrg(api);
    const pdf = await pdfBytes(4, { text: `SOC 2 ${uid()}` });
    const { json } = await upload(api, pdf, 'soc2.pdf');
    const report = reportInput(org, { documentId: json.documentId });
    const r = await mutate(api, 'recordReportReceived', report, 'eventIds organization { reports { documentSha256 } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.recordReportReceived.eventIds).toHaveLength(2);
    expect(r.data.recordReportReceived.organization.reports[0].documentSha256).toBe(sha256(pdf));
    expect(await documentsOf(org)).toMatchObject([{ kind: 'SOC_REPORT', subjectType: 'REPORT', subjectId: report.reportId, sha256: sha256(pdf) }]);
    const before = await historyCount(api, org);
    const mismatch = await mutate(api, 'recordReportReceived', reportInput(org, { documentId: json.documentId, documentSha256: 'cd'.repeat(32) }));
    expect(mismatch.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.documentSha256' });
    const unknown = await mutate(api, 'recordReportReceived', reportInput(org, { documentId: 'ef'.repeat(32) }));
    expect(unknown.errors![0]!.extensions).toMatchObject({ reason: 'UNKNOWN_DOCUMENT' });
    expect(await historyCount(api, org)).toBe(before);
  });

  it('recordBridgeLetter, recordPhysicalEnvironmentalValidation and closeRemediation attach theirs', async () => {
    const org = await registerOrg(api, { category: 'DATA_CENTER_COLOCATION' });
    const report = reportInput(org);
    await mutate(api, 'recordReportReceived', report);
    const letter = await mutate(api, 'recordBridgeLetter', { organizationId: org, reportId: report.reportId, letterId: 'bl-1', coversFrom: '2026-01-01', coversTo: '2026-02-28', documentId: await stored('bridge letter') });
    expect(letter.errors).toBeUndefined();
    const visit = await mutate(api, 'recordPhysicalEnvironmentalValidation', { organizationId: org, validationId: 'v-1', areas: ['PHYSICAL_ACCESS'], method: 'SITE_VISIT', result: 'EFFECTIVE', validatedOn: '2026-03-01', documentId: await stored('visit') });
    expect(visit.errors).toBeUndefined();
    const exc = exceptionInput(org, { reportId: report.reportId });
    await mutate(api, 'recordException', exc);
    const closed = await mutate(api, 'closeRemediation', { organizationId: org, exceptionId: exc.exceptionId, resolution: 'Fixed and retested', documentId: await stored('retest') });
    expect(closed.errors).toBeUndefined();
    expect((await documentsOf(org)).map((d: any) => [d.kind, d.subjectType, d.subjectId])).toEqual([
      ['BRIDGE_LETTER', 'BRIDGE_LETTER', 'bl-1'],
      ['SITE_VISIT', 'VALIDATION', 'v-1'],
      ['REMEDIATION_EVIDENCE', 'EXCEPTION', exc.exceptionId],
    ]);
  });
});

describe('evidence pack with documents', () => {
  it('lists every attached document\'s SHA-256; --with-documents adds the files; verify-pack checks them offline', async () => {
    const org = await registerOrg(api, { effectiveAt: CLOCK_START });
    const pdf = await pdfBytes(1, { text: `pack ${uid()}` });
    const { json } = await upload(api, pdf, 'report.pdf');
    await mutate(api, 'recordReportReceived', reportInput(org, { documentId: json.documentId }));
    const out = join(dir, 'pack.json');
    const exported = await runCli('export-pack.js', ['--organization', org, '--out', out, '--with-documents'], { API_URL: api.url, API_TOKEN: api.token('AUDITOR') });
    expect(exported.code).toBe(0);
    const pack = JSON.parse(readFileSync(out, 'utf8'));
    expect(pack.documents).toMatchObject([{ sha256: sha256(pdf), filename: 'report.pdf', kind: 'SOC_REPORT' }]);
    const file = join(dir, 'pack.documents', sha256(pdf));
    expect(readFileSync(file).equals(pdf)).toBe(true);
    const verified = await runCli('verify-pack.js', [out], { API_URL: 'http://127.0.0.1:9/graphql' });
    expect(verified.stdout).toMatch(/Document report.pdf: SHA-256 [0-9a-f]{64} matches/);
    expect(verified.code).toBe(0);
    const changed = Buffer.from(pdf);
    changed.writeUInt8(changed.readUInt8(changed.length - 10) ^ 1, changed.length - 10);
    writeFileSync(file, changed);
    const rejected = await runCli('verify-pack.js', [out]);
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toMatch(/REJECTED: Document report.pdf: its bytes hash to/);
  });
});
