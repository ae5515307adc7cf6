import type { ApiServer } from './support/api-server';
import { acceptedReport, historyCount, mutate, onlyError, registerOrg, startApi } from './support/e2e-fixtures';
import { assurance, codes } from './support/oversight-api';

/**
 * A second concludeReportReview on the same report used to override the first silently
 * (ACCEPTED, then REJECTED: ASSURED became NO_ASSURANCE with no word). A changed decision must
 * say that it supersedes the first, and why; the history and the reasons then show it.
 */
describe('concludeReportReview: a changed decision is explicit', () => {
  let api: ApiServer;
  let org: string;
  let reportId: string;
  const review = (extra: Record<string, unknown>) =>
    mutate(api, 'concludeReportReview', { organizationId: org, reportId, decision: 'REJECTED', reviewer: 'Lee Park', ...extra }, 'revision');

  beforeAll(async () => {
    api = await startApi();
    org = await registerOrg(api, { name: 'Twice Reviewed SaaS' });
    reportId = await acceptedReport(api, org);
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  it('refuses a plain second review with a named rule, writing nothing', async () => {
    const before = await historyCount(api, org);
    const error = onlyError(await review({}));
    expect(error.extensions).toMatchObject({ code: 'DOMAIN_RULE_VIOLATION', rule: 'REVIEW_ALREADY_CONCLUDED' });
    expect(error.message).toContain('supersedesReview');
    expect(onlyError(await review({ supersedesReview: true })).extensions).toMatchObject({ rule: 'SUPERSESSION_REASON_REQUIRED' });
    expect(await historyCount(api, org)).toBe(before);
    expect((await assurance(api, org)).status).not.toBe('NO_ASSURANCE');
  });

  it('records a superseding review, visible in the history and in the reasons', async () => {
    const why = 'The service auditor withdrew its opinion on CC6.4';
    const r = await review({ supersedesReview: true, supersessionReason: why });
    expect(r.errors).toBeUndefined();
    const a = await assurance(api, org);
    expect(a.status).toBe('NO_ASSURANCE');
    expect(codes(a)).toContain('REVIEW_SUPERSEDED');
    const reason = a.reasons.find((x) => x.code === 'REVIEW_SUPERSEDED')!;
    expect(reason.message).toMatch(/changed from ACCEPTED \(Dana Ruiz, \d{4}-\d\d-\d\d\) to REJECTED \(Lee Park, \d{4}-\d\d-\d\d\)/);
    expect(reason.message).toContain(why);
    expect(reason.eventIds).toHaveLength(2);

    const history = await api.ok(`query($id: ID!) { oversightHistory(organizationId: $id, first: 50) { edges { node { eventId type data } } } }`, { id: org });
    const reviews = history.oversightHistory.edges.map((e: any) => e.node).filter((n: any) => n.type === 'ReportReviewConcluded');
    expect(reviews).toHaveLength(2);
    const first = reviews.find((n: any) => !n.data.supersedes);
    const second = reviews.find((n: any) => n.data.supersedes);
    expect(second.data.supersedes).toMatchObject({ eventId: first.eventId, decision: 'ACCEPTED', reviewer: 'Dana Ruiz', reason: why });
    expect(reason.eventIds).toEqual([first.eventId, second.eventId]);
  });
});
