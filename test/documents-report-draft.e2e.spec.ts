import { CORPUS, corpusPdf } from '../libs/documents/test-corpus/report-corpus';
import type { ApiServer } from './support/api-server';
import { upload } from './support/documents-client';
import { exceptionInput, headPosition, mutate, registerOrg, startApi, uid } from './support/e2e-fixtures';

/** reportDraft over real HTTP: a generated SOC 2 PDF uploaded, drafted, and its proposals recorded as they are. */
jest.setTimeout(60_000);

const FIELD = 'name value page quote confidence missingReason';
const DRAFT = `query($id: ID!, $org: ID) { reportDraft(documentId: $id, organizationId: $org) { documentId pages fields { ${FIELD} } exceptions { page quote fields { ${FIELD} } } } }`;

let api: ApiServer;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
  api?.removeData();
});

const as = (role: string, tenant = 'default') => ({ authorization: `Bearer ${api.token(role, tenant)}` });
const entry = (name: string) => CORPUS.find((e) => e.name === name)!;
async function stored(name: string, tenant = 'default'): Promise<string> {
  const up = await upload(api, Buffer.from(await corpusPdf(entry(name))), `${name}.pdf`, { token: api.token('ANALYST', tenant) });
  expect(up.status).toBe(201);
  return up.json.documentId;
}
const draft = (id: string, headers = as('ANALYST'), org?: string) => api.gql(DRAFT, { id, org }, headers);
const byName = (fields: Array<{ name: string }>) => Object.fromEntries(fields.map((f) => [f.name, f])) as Record<string, any>;

/** The names an input type accepts, from the served schema: the draft is copied into exactly those. */
async function inputFields(type: string): Promise<Set<string>> {
  const r = await api.ok(`query($t: String!) { __type(name: $t) { inputFields { name } } }`, { t: type });
  return new Set(r.__type.inputFields.map((f: { name: string }) => f.name));
}

describe('reportDraft', () => {
  it('proposes the report fields with page and quote; copied over, recordReportReceived and recordException accept them', async () => {
    const org = await registerOrg(api);
    const sites = [uid('site'), uid('site')];
    const fra = await mutate(api, 'registerSite', { organizationId: org, siteId: sites[0], name: 'FRA1 Frankfurt', country: 'DE' }, 'revision');
    const ams = await mutate(api, 'registerSite', { organizationId: org, siteId: sites[1], name: 'AMS2 Amsterdam', country: 'NL' }, 'revision');
    expect([fra.errors, ams.errors]).toEqual([undefined, undefined]);
    const id = await stored('soc2-type2-unmodified-criteria-column');
    const before = await headPosition(api);
    const r = await draft(id, as('ANALYST'), org);
    expect(r.errors).toBeUndefined();
    const d = r.data.reportDraft;
    expect(d.documentId).toBe(id);
    expect(d.pages).toBeGreaterThan(1);
    const f = byName(d.fields);
    expect([f.framework.value, f.reportType.value, f.periodStart.value, f.periodEnd.value, f.opinion.value, f.serviceAuditor.value]).toEqual(['SOC2', 'TYPE_2', '2024-07-01', '2025-06-30', 'UNMODIFIED', 'Moss Adams LLP']);
    expect(f.periodStart).toMatchObject({ page: expect.any(Number), quote: expect.stringMatching(/July 1, 2024/), missingReason: null });
    expect(f.periodStart.confidence).toBeGreaterThan(0);
    expect(f.asOfDate).toMatchObject({ value: null, page: null, quote: null, confidence: 0, missingReason: expect.any(String) });
    expect(f.cuecs.value).toEqual([
      { ref: 'CUEC-1', description: 'User entities are responsible for removing access of their own terminated employees.' },
      { ref: 'CUEC-2', description: 'User entities review the access reports provided by Acme quarterly.' },
    ]);
    // With organizationId: the facilities as the organization's site ids.
    expect(f.sitesCovered.value).toEqual(sites);
    expect(d.exceptions).toHaveLength(1);
    expect(d.exceptions[0]).toMatchObject({ page: expect.any(Number), quote: expect.stringContaining('CC6.2.1') });
    // The draft itself recorded nothing.
    expect(await headPosition(api)).toBe(before);

    // An analyst copies every proposed value the input takes, unchanged.
    const reportFields = await inputFields('RecordReportReceivedInput');
    const subFields = await inputFields('SubserviceInReportInput');
    // Every name proposed, the version-2 ones included, is one the inputs take: nothing is left out.
    expect(d.fields.map((field: { name: string }) => field.name).filter((name: string) => !reportFields.has(name))).toEqual([]);
    expect(['frameworks', 'qualifiedAreas', 'qualificationBasis', 'managementAssertionIncluded'].filter((name) => !reportFields.has(name))).toEqual([]);
    expect(subFields.has('csocs')).toBe(true);
    const input: Record<string, unknown> = { organizationId: org, reportId: uid('rep'), documentId: id };
    for (const field of d.fields) if (field.value !== null) input[field.name] = field.value;
    const subs = input.subserviceOrganizations as Array<Record<string, unknown>>;
    expect(subs.flatMap((s) => Object.keys(s)).filter((k) => !subFields.has(k))).toEqual([]);
    const received = await mutate(api, 'recordReportReceived', input, 'revision');
    expect(received.errors).toBeUndefined();
    const report = await api.ok(`query($id: ID!) { organization(id: $id) { reports { reportId periodStart periodEnd opinion serviceAuditor documentSha256 } } }`, { id: org });
    expect(report.organization.reports).toEqual([{ reportId: input.reportId, periodStart: '2024-07-01', periodEnd: '2025-06-30', opinion: 'UNMODIFIED', serviceAuditor: 'Moss Adams LLP', documentSha256: id }]);

    // …and the exception draft, with what only the analyst decides (severity) and the report's id.
    const exceptionFields = await inputFields('RecordExceptionInput');
    const exc: Record<string, unknown> = { ...exceptionInput(org), reportId: input.reportId, severity: 'HIGH' };
    expect(d.exceptions[0].fields.map((field: { name: string }) => field.name).filter((name: string) => !exceptionFields.has(name))).toEqual([]);
    expect(['deviations', 'sampleSize'].filter((name) => !exceptionFields.has(name))).toEqual([]);
    for (const field of d.exceptions[0].fields) if (field.value !== null) exc[field.name] = field.value;
    expect([exc.source, exc.controlRef, exc.criteriaRef]).toEqual(['REPORT', 'CC6.2.1', 'CC6.2']);
    const recorded = await mutate(api, 'recordException', exc, 'revision');
    expect(recorded.errors).toBeUndefined();
  });

  it('maps the facilities to the organization\'s site ids only when asked, and is the same draft twice', async () => {
    const id = await stored('soc2-type2-unmodified-criteria-column');
    const plain = await draft(id);
    expect(byName(plain.data.reportDraft.fields).sitesCovered.value).toEqual(['FRA1 Frankfurt data center', 'AMS2 Amsterdam data center']);
    expect((await draft(id)).data).toEqual(plain.data);
    const unknownOrg = await draft(id, as('ANALYST'), uid('no-such-org'));
    expect(unknownOrg.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it.each([
    ['scanned-image-only', 'NO_TEXT_LAYER'],
    ['bridge-letter', 'NOT_A_SERVICE_AUDITOR_REPORT'],
    ['penetration-test-summary', 'NOT_A_SERVICE_AUDITOR_REPORT'],
  ])('refuses %s with %s, not a guess', async (name, code) => {
    const r = await draft(await stored(name));
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    expect(r.data?.reportDraft ?? null).toBeNull();
  });

  it('refuses a stored document that is not a PDF with UNREADABLE_DOCUMENT', async () => {
    const up = await upload(api, Buffer.from(`plain text evidence ${uid()}\n`), 'notes.txt');
    expect(up.status).toBe(201);
    const r = await draft(up.json.documentId);
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['UNREADABLE_DOCUMENT']);
  });

  it('answers NOT_FOUND for another tenant\'s document and an unknown one; BAD_USER_INPUT for a malformed id', async () => {
    const theirs = await stored('soc1-type1-as-of', 'other');
    expect((await draft(theirs, as('ANALYST', 'other'))).errors).toBeUndefined();
    const r = await draft(theirs);
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(r.errors?.[0]?.message).not.toMatch(/other/);
    expect((await draft('ab'.repeat(32))).errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const bad = await draft('../etc/passwd');
    expect(bad.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'documentId']]);
  });

  it('is for whoever may upload: ADMIN and ANALYST; AUDITOR and VIEWER are refused', async () => {
    const id = await stored('soc1-type1-as-of');
    const outcome = async (role: string) => {
      const r = await draft(id, as(role));
      return r.errors ? r.errors.map((e) => e.extensions?.code).join(',') : r.data.reportDraft.documentId === id ? 'draft' : 'no draft';
    };
    expect(await Promise.all(['ADMIN', 'ANALYST', 'AUDITOR', 'VIEWER'].map(outcome))).toEqual(['draft', 'draft', 'FORBIDDEN', 'FORBIDDEN']);
  });
});
