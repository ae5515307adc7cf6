import { ApiServer } from './support/api-server';
import { command } from './support/oversight-api';

/**
 * AUDITOR_NOT_VETTED over the real server (DESIGN §3 v2): the flag reaches today's read model
 * and as-of answers, and a vetting of the firm (a tenant-wide fact) removes it from the day it
 * happened, while an as-of answer before that day still shows it.
 */
jest.setTimeout(120_000);

let api: ApiServer;
beforeAll(async () => {
  api = await ApiServer.start({ clockStart: '2026-05-04T09:00:00Z' });
});
afterAll(async () => {
  await api?.stop();
  api?.removeData();
});

const ORGANIZATION = `query($id: ID!, $asOf: DateTime, $consistentWith: String) {
  organization(id: $id, asOf: $asOf, consistentWith: $consistentWith) { assurance { status flags reasons { code flag message } } } }`;

async function assuranceOf(id: string, vars: { asOf?: string; consistentWith?: string } = {}) {
  return (await api.ok(ORGANIZATION, { id, ...vars })).organization.assurance;
}

describe('AUDITOR_NOT_VETTED', () => {
  it('shows while Firm X has no vetting record, goes once vetted, and stays in as-of answers before the vetting', async () => {
    const organizationId = 'vetting-1';
    await command(api, 'registerOrganization', {
      id: organizationId, name: 'Vetting case', role: 'VENDOR', category: 'SAAS', criticality: 'HIGH', services: ['hosting'], effectiveAt: '2024-01-01T00:00:00Z',
    });
    await command(api, 'recordReportReceived', {
      organizationId, reportId: 'r1', framework: 'SOC2', reportType: 'TYPE_2', periodStart: '2025-01-01', periodEnd: '2025-12-31', opinionDate: '2026-01-20',
      managementAssertionIncluded: true, serviceAuditor: 'Firm X', opinion: 'UNMODIFIED', criteria: ['SECURITY'], servicesCovered: ['hosting'], effectiveAt: '2026-01-25T10:00:00Z',
    });
    const accepted = await command(api, 'concludeReportReview', { organizationId, reportId: 'r1', decision: 'ACCEPTED', reviewer: 'Dana Ruiz', effectiveAt: '2026-01-26T10:00:00Z' });

    const before = await assuranceOf(organizationId, { consistentWith: accepted.position });
    expect([before.status, before.flags]).toEqual(['ASSURED', ['AUDITOR_NOT_VETTED']]);
    expect(before.reasons.find((r: { code: string }) => r.code === 'AUDITOR_NOT_VETTED').message).toContain('Firm X');

    const vet = 'mutation($input: VetServiceAuditorInput!) { vetServiceAuditor(input: $input) { position } }';
    const input = { firm: ' firm x ', licence: 'CA-777', peerReviewRating: 'PASS', peerReviewDate: '2026-03-01', effectiveAt: '2026-04-01T00:00:00Z' };
    const { position } = (await api.ok(vet, { input })).vetServiceAuditor;

    const after = await assuranceOf(organizationId, { consistentWith: position });
    expect([after.status, after.flags]).toEqual(['ASSURED', []]);
    // As of a day before the vetting happened, the firm was not vetted yet.
    expect((await assuranceOf(organizationId, { asOf: '2026-03-15T00:00:00Z' })).flags).toEqual(['AUDITOR_NOT_VETTED']);
    expect((await assuranceOf(organizationId, { asOf: '2026-04-15T00:00:00Z' })).flags).toEqual([]);
  });
});
