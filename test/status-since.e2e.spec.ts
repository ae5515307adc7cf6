import { ApiServer } from './support/api-server';
import { runSeed } from './support/browser';
import { command } from './support/oversight-api';
import { Subscriber, wsAuth } from './support/ws-client';

const NOW = `query { organizations(first: 50) { edges { node { id name assurance { status statusSince reasons { code since } } } } } }`;
const AS_OF = `query($asOf: DateTime!) { organizations(first: 50, asOf: $asOf) { edges { node { organizationId assurance { status statusSince } } } } }`;
const ONE_AS_OF = `query($id: ID!, $asOf: DateTime!) { organization(id: $id, asOf: $asOf) { assurance { status statusSince } } }`;
const TIMELINE = `query($id: ID!) { oversightTimeline(organizationId: $id) { entries { day status statusChanged reasons { code } } } }`;

/**
 * statusSince is the day of the last change into the status, the day the timeline shows it
 * began: in the read model, in as-of answers, in the subscription, on the seeded portfolio
 * (whose Lakeside Colocation had NO_ASSURANCE before a status whose reasons hold from earlier).
 */
describe('statusSince agrees with the timeline', () => {
  let api: ApiServer;
  const timeline = async (id: string) => (await api.ok(TIMELINE, { id })).oversightTimeline.entries as any[];

  beforeAll(async () => {
    api = await ApiServer.start();
    runSeed(api.url, api.token('ADMIN'));
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  it('for every seeded organization: read model, as-of and timeline name the same day and reasons', async () => {
    const now = (await api.ok(NOW)).organizations.edges.map((e: any) => e.node);
    expect(now.length).toBeGreaterThanOrEqual(10);
    const asOf = new Date().toISOString();
    const past = new Map((await api.ok(AS_OF, { asOf })).organizations.edges.map((e: any) => [e.node.organizationId, e.node.assurance]));
    for (const org of now) {
      const entries = await timeline(org.id);
      const began = entries.filter((e) => e.statusChanged).at(-1);
      const last = entries.at(-1);
      expect({ name: org.name, status: last.status, since: began.day }).toEqual({ name: org.name, status: org.assurance.status, since: org.assurance.statusSince });
      // The timeline carries the reasons the read model shows, INHERITED included.
      expect(last.reasons.map((r: any) => r.code)).toEqual(org.assurance.reasons.map((r: any) => r.code));
      expect(past.get(org.id)).toEqual({ status: org.assurance.status, statusSince: org.assurance.statusSince });
    }
    const lakeside = now.find((o: any) => o.name === 'Lakeside Colocation');
    // Its reasons keep their own (older) since; the status began later, when NO_ASSURANCE ended.
    expect(lakeside.assurance.reasons.some((r: any) => r.since && r.since < lakeside.assurance.statusSince)).toBe(true);
    const lakeTimeline = await timeline(lakeside.id);
    expect(lakeTimeline.filter((e) => e.statusChanged).at(-1).status).not.toBe('NO_ASSURANCE');
    expect(lakeTimeline.some((e) => e.status === 'NO_ASSURANCE')).toBe(true);
  });

  it('the subscription payload carries the same statusSince, for a review entered late', async () => {
    const id = 'late-review-vendor';
    const sub = new Subscriber(api.wsUrl, `subscription { assuranceStatusChanged { organizationId status statusSince } }`, {}, wsAuth());
    const changes = () => sub.received.map((d: any) => d.assuranceStatusChanged);
    try {
      const day = (back: number) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
      // graphql-ws never acknowledges a subscription: register probes until one is announced.
      for (let probe = 0; changes().length === 0; probe++) {
        await command(api, 'registerOrganization', { id: `probe-${probe}`, name: `Probe ${probe}`, role: 'VENDOR', category: 'SAAS', criticality: 'LOW' });
        await sub.waitFor(1, 2_000).catch(() => undefined);
      }
      await command(api, 'registerOrganization', { id, name: 'Late Review Vendor', role: 'VENDOR', category: 'SAAS', criticality: 'HIGH', effectiveAt: `${day(400)}T09:00:00Z` });
      await command(api, 'recordReportReceived', {
        organizationId: id, reportId: 'r1', framework: 'SOC2', reportType: 'TYPE_2', periodStart: day(300), periodEnd: day(120),
        opinionDate: day(100), serviceAuditor: 'Baker & Lane LLP', opinion: 'UNMODIFIED', criteria: ['SECURITY'], managementAssertionIncluded: true,
        effectiveAt: `${day(90)}T10:00:00Z`,
      });
      await command(api, 'concludeReportReview', { organizationId: id, reportId: 'r1', decision: 'ACCEPTED', reviewer: 'Dana Ruiz', effectiveAt: `${day(80)}T10:00:00Z` });
      const ours = () => changes().filter((c: any) => c.organizationId === id && c.status !== 'NO_ASSURANCE');
      while (ours().length === 0) await sub.waitFor(sub.received.length + 1);
      const change = ours()[0];
      const entries = await timeline(id);
      expect(change.statusSince).toBe(day(80));
      expect(entries.filter((e) => e.statusChanged).at(-1).day).toBe(day(80));
      const one = (await api.ok(ONE_AS_OF, { id, asOf: new Date().toISOString() })).organization.assurance;
      expect(one).toEqual({ status: change.status, statusSince: day(80) });
    } finally {
      await sub.close();
    }
  });
});
