import { decideServiceAuditorVetting, type ServiceAuditorVettedData } from './service-auditor';

const AT = { now: '2026-06-30T12:00:00.000Z', effectiveAt: '2026-06-30T12:00:00.000Z' };
const vetting = (o: Partial<ServiceAuditorVettedData> = {}): ServiceAuditorVettedData => ({
  firm: ' Baker & Lane LLP ', licence: 'CA-12345', peerReviewRating: 'PASS', peerReviewDate: '2026-06-30', ...o,
});
const rule = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return (e as { rule?: string }).rule;
  }
  return null;
};

describe('ServiceAuditorVetted (tenant-wide)', () => {
  it('records a vetting with a peer review up to the effective day, the firm trimmed', () => {
    expect(decideServiceAuditorVetting(vetting(), AT)).toEqual([
      { type: 'ServiceAuditorVetted', data: { ...vetting(), firm: 'Baker & Lane LLP' } },
    ]);
    expect(rule(() => decideServiceAuditorVetting(vetting({ peerReviewDate: '2026-07-01' }), AT))).toBe('PEER_REVIEW_IN_FUTURE');
  });

  it('needs the firm, its licence and rating, and a real date', () => {
    expect(rule(() => decideServiceAuditorVetting(vetting({ firm: ' ' }), AT))).toBe('FIELD_REQUIRED');
    expect(rule(() => decideServiceAuditorVetting(vetting({ licence: '' }), AT))).toBe('FIELD_REQUIRED');
    expect(rule(() => decideServiceAuditorVetting(vetting({ peerReviewRating: '' }), AT))).toBe('FIELD_REQUIRED');
    expect(rule(() => decideServiceAuditorVetting(vetting({ peerReviewDate: '2026-02-30' }), AT))).toBe('INVALID_DATE');
  });
});
