import type { ApiServer } from './support/api-server';
import {
  LiveSubscription,
  TODAY,
  exceptionInput,
  mutate,
  orgInput,
  registerOrg,
  reportInput,
  startApi,
  uid,
  until,
} from './support/e2e-fixtures';

const EVENTS = `subscription($id: ID) { oversightEventRecorded(organizationId: $id) {
  eventId type organizationId revision position recordedAt effectiveAt commandId correlationId schemaVersion data } }`;
const STATUS = `subscription($id: ID) { assuranceStatusChanged(organizationId: $id) {
  organizationId name previousStatus status flags assessedOn position reasons { code status eventIds } } }`;

/**
 * GraphQL subscriptions over a real WebSocket. graphql-ws never acknowledges a subscription, so
 * each test first proves its subscription live by sending probes until one is delivered, and
 * only then sends what it asserts on; no fixed sleep decides anything.
 */
describe('subscriptions', () => {
  let api: ApiServer;
  const open: LiveSubscription[] = [];

  beforeAll(async () => {
    api = await startApi();
  }, 30_000);

  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  function subscribe<T = any>(query: string, variables: Record<string, unknown>, onData?: (data: T) => void): LiveSubscription<T> {
    const s = new LiveSubscription<T>(api.wsUrl, query, variables, onData);
    open.push(s);
    return s;
  }

  async function ok(mutation: string, input: Record<string, unknown>): Promise<any> {
    const r = await mutate(api, mutation, input, 'organizationId revision position eventIds');
    if (r.errors) throw new Error(`${mutation} failed: ${JSON.stringify(r.errors)}`);
    return r.data[mutation];
  }

  const recorded = (s: LiveSubscription) => s.received.map((d: any) => d.oversightEventRecorded);
  const changes = (s: LiveSubscription) => s.received.map((d: any) => d.assuranceStatusChanged);

  it('oversightEventRecorded(organizationId) delivers that organization\'s events in revision order, and no other\'s', async () => {
    const x = await registerOrg(api, { name: 'Subscribed Vendor' });
    const y = await registerOrg(api, { name: 'Unrelated Vendor' });
    const sub = subscribe(EVENTS, { id: x });
    await sub.becomeLive(async (attempt) => {
      await ok('registerSite', { organizationId: y, siteId: `y-probe-${attempt}`, name: 'Y', country: 'US' });
      await ok('registerSite', { organizationId: x, siteId: `x-probe-${attempt}`, name: 'X', country: 'US' });
    });

    // Ten concurrent commands on x (retried on conflict), five on y at the same time.
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => ok('recordException', exceptionInput(x, { exceptionId: `x-${i}` }))),
      ...Array.from({ length: 5 }, (_, i) => ok('recordException', exceptionInput(y, { exceptionId: `y-${i}` }))),
    ]);
    const xResults = results.filter((r) => r.organizationId === x);
    const wanted = new Set(xResults.flatMap((r) => r.eventIds as string[]));
    await until(() => [...wanted].every((id) => recorded(sub).some((e) => e.eventId === id)), 10_000, 'the ten events of x');

    const events = recorded(sub);
    expect(events.every((e) => e.organizationId === x)).toBe(true);
    const revisions = events.map((e) => Number(e.revision));
    // Contiguous from the first delivered probe to the last command: nothing skipped, nothing twice.
    expect(revisions).toEqual(Array.from({ length: revisions.length }, (_, i) => revisions[0]! + i));
    expect(revisions[revisions.length - 1]).toBe(Math.max(...xResults.map((r) => Number(r.revision))));
    const positions = events.map((e) => BigInt(e.position));
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
    const last10 = events.slice(-10);
    expect(last10.map((e) => e.type)).toEqual(Array(10).fill('ExceptionFound'));
    expect(new Set(last10.map((e) => e.eventId))).toEqual(wanted);
    expect(last10.map((e) => e.data.exceptionId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `x-${i}`).sort());
    for (const e of last10) {
      expect(e.schemaVersion).toBe(1);
      expect(e.recordedAt.slice(0, 10)).toBe(TODAY);
      expect(e.commandId).toEqual(expect.any(String));
    }
    expect(sub.errors).toEqual([]);
  });

  it('assuranceStatusChanged(organizationId) delivers each change of status with the status before it', async () => {
    const x = await registerOrg(api, { name: 'Status Watched SaaS', category: 'SAAS' });
    const reportId = 'soc2-2025';
    await ok('recordReportReceived', reportInput(x, { reportId, cuecs: [{ ref: 'CUEC-1', description: 'Review access quarterly' }] }));
    // Each review after the first changes the decision, which must say so (REVIEW_ALREADY_CONCLUDED otherwise).
    let reviews = 0;
    const review = (decision: string) =>
      ok('concludeReportReview', { organizationId: x, reportId, decision, reviewer: 'Dana Ruiz', ...superseding(reviews++) });

    const sub = subscribe(STATUS, { id: x });
    // Probes: accepting (an unmapped CUEC: COVERAGE_GAP) and rejecting (NO_ASSURANCE) in turn.
    let lastDecision = '';
    await sub.becomeLive(async (attempt) => {
      lastDecision = attempt % 2 === 0 ? 'ACCEPTED' : 'REJECTED';
      await review(lastDecision);
    });
    if (lastDecision === 'ACCEPTED') {
      const before = sub.received.length;
      await review('REJECTED');
      await sub.waitFor(before + 1);
    }
    expect(changes(sub).at(-1)).toMatchObject({ organizationId: x, status: 'NO_ASSURANCE' });
    const base = sub.received.length;

    await review('ACCEPTED');
    await ok('mapCuec', { organizationId: x, reportId, cuecRef: 'CUEC-1', internalControlRef: 'IAM-07', state: 'PLANNED' });
    await ok('mapCuec', { organizationId: x, reportId, cuecRef: 'CUEC-1', internalControlRef: 'IAM-07', state: 'IMPLEMENTED' });
    // Events that leave the status as it is announce nothing…
    await ok('registerSite', { organizationId: x, siteId: 's-1', name: 'Main', country: 'US' });
    await ok('updateOrganizationProfile', { organizationId: x, owner: 'saas-risk@example.com' });
    // …and the next change is announced once.
    const finding = exceptionInput(x, { severity: 'HIGH' });
    const exception = await ok('recordException', finding);
    await sub.waitFor(base + 4);

    const got = changes(sub).slice(base);
    expect(got.map((c) => [c.previousStatus, c.status])).toEqual([
      ['NO_ASSURANCE', 'COVERAGE_GAP'],
      ['COVERAGE_GAP', 'ASSURED_WITH_EXCEPTIONS'],
      ['ASSURED_WITH_EXCEPTIONS', 'ASSURED'],
      ['ASSURED', 'ASSURED_WITH_EXCEPTIONS'],
    ]);
    for (const c of got) {
      expect(c).toMatchObject({ organizationId: x, name: expect.any(String), assessedOn: TODAY });
      expect(c.reasons.length).toBeGreaterThan(0);
      expect(c.reasons.some((r: any) => r.status === c.status)).toBe(true);
    }
    expect(got[0].reasons.map((r: any) => r.code)).toContain('CUEC_NOT_MAPPED');
    expect(got[3].reasons.find((r: any) => r.code === 'EXCEPTION_OPEN').eventIds).toEqual(exception.eventIds);
    expect(got[3].position).toBe(exception.position);
    const positions = got.map((c) => BigInt(c.position));
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
    // Nothing more arrives for the status-neutral events: pushes come in the store's order, so a
    // late one would arrive before the push of a change recorded after them all.
    const closed = await ok('closeRemediation', { organizationId: x, exceptionId: finding.exceptionId, resolution: 'Fixed' });
    await sub.waitFor(base + 5);
    expect(changes(sub).slice(base + 4)).toEqual([
      expect.objectContaining({ previousStatus: 'ASSURED_WITH_EXCEPTIONS', status: 'ASSURED', position: closed.position }),
    ]);
    expect(sub.errors).toEqual([]);
  });

  it('pushes only what the read model already shows: a query made on receipt reflects the event', async () => {
    const x = await registerOrg(api, { name: 'Consistent Vendor', category: 'SAAS' });
    const checks: Array<Promise<{ event: any; org: any }>> = [];
    const query = `query($id: ID!) { organization(id: $id) { revision exceptions { exceptionId } assurance { status } } }`;
    const sub = subscribe(EVENTS, { id: x }, (data: any) => {
      const event = data.oversightEventRecorded;
      // Fired synchronously on receipt, before anything else runs.
      checks.push(api.ok(query, { id: x }).then((r) => ({ event, org: r.organization })));
    });
    await sub.becomeLive((attempt) => ok('registerSite', { organizationId: x, siteId: `probe-${attempt}`, name: 'P', country: 'US' }));

    // Fire without waiting: the pushes, not the HTTP answers, trigger the queries.
    const inFlight = Array.from({ length: 8 }, (_, i) => ok('recordException', exceptionInput(x, { exceptionId: `c-${i}` })));
    await Promise.all(inFlight);
    await until(() => recorded(sub).filter((e) => e.type === 'ExceptionFound').length === 8, 10_000, 'eight ExceptionFound events');
    const results = await Promise.all(checks);
    expect(results.length).toBe(sub.received.length);
    for (const { event, org } of results) {
      expect(BigInt(org.revision)).toBeGreaterThanOrEqual(BigInt(event.revision));
      if (event.type === 'ExceptionFound') {
        expect(org.exceptions.map((e: any) => e.exceptionId)).toContain(event.data.exceptionId);
      }
    }

    // The same for status changes: each one, looked up the moment it arrives, is the status.
    const statusChecks: Array<Promise<{ change: any; status: string }>> = [];
    const statusSub = subscribe(STATUS, { id: x }, (data: any) => {
      const change = data.assuranceStatusChanged;
      statusChecks.push(api.ok(query, { id: x }).then((r) => ({ change, status: r.organization.assurance.status })));
    });
    const reportId = 'soc2-consistent';
    await ok('recordReportReceived', reportInput(x, { reportId }));
    let decision = 'REJECTED';
    let reviews = 0;
    await statusSub.becomeLive(async () => {
      decision = decision === 'ACCEPTED' ? 'REJECTED' : 'ACCEPTED';
      await ok('concludeReportReview', { organizationId: x, reportId, decision, reviewer: 'R', ...superseding(reviews++) });
    });
    for (let i = 0; i < 4; i++) {
      decision = decision === 'ACCEPTED' ? 'REJECTED' : 'ACCEPTED';
      const before = statusSub.received.length;
      const pending = ok('concludeReportReview', { organizationId: x, reportId, decision, reviewer: 'R', ...superseding(reviews++) });
      await statusSub.waitFor(before + 1);
      await pending;
    }
    const statusResults = await Promise.all(statusChecks);
    expect(statusResults.length).toBeGreaterThanOrEqual(5);
    for (const { change, status } of statusResults) expect(status).toBe(change.status);
    // Open exceptions: accepted means ASSURED_WITH_EXCEPTIONS, rejected NO_ASSURANCE.
    expect(new Set(statusResults.map((r) => r.change.status))).toEqual(new Set(['ASSURED_WITH_EXCEPTIONS', 'NO_ASSURANCE']));
  });

  it('without organizationId, delivers the events and status changes of every organization', async () => {
    const events = subscribe(EVENTS, {});
    const statuses = subscribe(STATUS, {});
    await events.becomeLive(() => registerOrg(api, { name: `Probe For All Events ${uid('p')}` }).then(() => undefined));
    await statuses.becomeLive(() => registerOrg(api, { name: `Probe For All Statuses ${uid('p')}` }).then(() => undefined));

    const ids = [uid('all'), uid('all'), uid('all')];
    const results = (
      await Promise.all(
        ids.map(async (id) => [
          await ok('registerOrganization', orgInput({ id, name: `Everyone ${id}` })),
          await ok('recordException', exceptionInput(id)),
          await ok('registerSite', { organizationId: id, name: 'Site', country: 'FR' }),
        ]),
      )
    ).flat();
    const wanted = new Set(results.flatMap((r) => r.eventIds as string[]));
    expect(wanted.size).toBe(9);
    await until(() => recorded(events).filter((e) => wanted.has(e.eventId)).length === 9, 10_000, 'nine events of three organizations');
    await until(() => ids.every((id) => changes(statuses).some((c) => c.organizationId === id)), 10_000, 'three registrations');

    const mine = recorded(events).filter((e) => ids.includes(e.organizationId));
    expect(mine).toHaveLength(9);
    for (const id of ids) {
      expect(mine.filter((e) => e.organizationId === id).map((e) => [e.revision, e.type])).toEqual([
        ['0', 'OrganizationRegistered'],
        ['1', 'ExceptionFound'],
        ['2', 'SiteRegistered'],
      ]);
    }
    // The all-organizations feed is in global position order.
    const positions = recorded(events).map((e) => BigInt(e.position));
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);

    // A registration is a change from no status at all.
    for (const id of ids) {
      expect(changes(statuses).filter((c) => c.organizationId === id).map((c) => [c.previousStatus, c.status])).toEqual([
        [null, 'NO_ASSURANCE'],
      ]);
    }
    expect(events.errors).toEqual([]);
    expect(statuses.errors).toEqual([]);
  });
});

/** The fields of a review that replaces the n-th earlier one (none for the first review). */
function superseding(earlier: number): Record<string, unknown> {
  return earlier === 0 ? {} : { supersedesReview: true, supersessionReason: `decision changed (${earlier})` };
}
