import type { ApiServer } from './support/api-server';
import {
  CLOCK_START,
  TODAY,
  exceptionInput,
  inBatches,
  mutate,
  reportInput,
  startApi,
  uid,
  walkPages,
} from './support/e2e-fixtures';

const CATEGORIES = ['DATA_CENTER_COLOCATION', 'CLOUD_HOSTING', 'MANAGED_SERVICE', 'SAAS', 'PAYROLL', 'PAYMENTS', 'OTHER'];
const CRITICALITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const NOT_ASSURED = ['NO_ASSURANCE', 'NOT_ASSURED', 'EXPIRED', 'COVERAGE_GAP'];
const rank = (severity: string) => CRITICALITIES.indexOf(severity);

/**
 * The read side over HTTP, against a portfolio large enough for several pages: keyset paging
 * with every id exactly once, filters, the portfolio summary, the exceptions list, control
 * coverage and the audit trail with its two clocks.
 */
describe('queries and pagination', () => {
  let api: ApiServer;
  let realStart: number;

  /** Every organization this file registered, as the walks must find them. */
  const registry = new Map<string, { id: string; name: string; category: string; criticality: string; kind: number; status: string }>();

  beforeAll(async () => {
    realStart = Date.now();
    api = await startApi();
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  async function ok(mutation: string, input: Record<string, unknown>, fields = 'organizationId revision eventIds'): Promise<any> {
    const r = await mutate(api, mutation, input, fields);
    if (r.errors) throw new Error(`${mutation} failed: ${JSON.stringify(r.errors)}`);
    return r.data[mutation];
  }

  async function register(input: Record<string, unknown>, kind = -1, status = 'NO_ASSURANCE'): Promise<string> {
    const r = await ok('registerOrganization', { role: 'VENDOR', category: 'SAAS', criticality: 'MEDIUM', ...input });
    registry.set(r.organizationId, {
      id: r.organizationId,
      name: input.name as string,
      category: (input.category as string) ?? 'SAAS',
      criticality: (input.criticality as string) ?? 'MEDIUM',
      kind,
      status,
    });
    return r.organizationId;
  }

  async function acceptReport(organizationId: string, overrides: Record<string, unknown>): Promise<void> {
    const input = reportInput(organizationId, overrides);
    await ok('recordReportReceived', input);
    await ok('concludeReportReview', { organizationId, reportId: input.reportId, decision: 'ACCEPTED', reviewer: 'Dana Ruiz' });
  }

  const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }) => {
    const x = a.name.toLowerCase();
    const y = b.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };

  const ORG_PAGE = `query($first: Int, $after: String, $filter: OrganizationFilterInput) {
    organizations(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id name category criticality assurance { status flags expiresAt } } } } }`;

  async function walkOrganizations(first: number, filter?: Record<string, unknown>) {
    return walkPages<any>(async (after) => (await api.ok(ORG_PAGE, { first, after, filter })).organizations);
  }

  async function countOrganizations(filter: Record<string, unknown>): Promise<number> {
    return (await api.ok(ORG_PAGE, { first: 1, filter })).organizations.totalCount;
  }

  /**
   * The portfolio: 130 organizations whose evidence puts them in every status. `kind` decides
   * the evidence (and so the status), the index decides category, criticality and name.
   */
  describe('a portfolio of 130 organizations', () => {
    const N = 130;
    // Evidence by kind; the assessment day is 2026-03-02 and the reliance date F is 2025-12-31.
    const predicted = (kind: number, category: string): string => {
      switch (kind) {
        case 0: return 'NO_ASSURANCE';
        case 1: return category === 'DATA_CENTER_COLOCATION' ? 'ASSURED_WITH_EXCEPTIONS' : 'ASSURED'; // no physical validation
        case 2: return 'COVERAGE_GAP'; // ends 2025-03-31: F not covered; expires 2026-03-31
        case 3: return 'EXPIRED'; // ended 2024-12-31: expired on 2025-12-31
        case 4: return 'COVERAGE_GAP'; // ends 2025-06-30: expires 2026-06-30
        case 5: return 'NOT_ASSURED'; // ADVERSE opinion
        case 6: return 'OFFBOARDED';
        default: return 'ASSURED_WITH_EXCEPTIONS'; // an open exception
      }
    };
    const words = ['Acme', 'beta', 'COBALT', 'Delta', 'echo', 'Foxtrot', 'gamma'];
    const nameOf = (i: number): string => {
      if (i % 19 === 0) return 'Same Name Holdings'; // ties broken by id
      const hosting = i % 3 === 0 ? ['Hosting', 'HOSTING', 'hosting'][i % 9 / 3] : 'Services';
      return `${words[i % words.length]} ${hosting} ${String(i).padStart(3, '0')}`;
    };

    beforeAll(async () => {
      await inBatches(Array.from({ length: N }, (_, i) => i), 10, async (i) => {
        const kind = i % 8;
        const category = CATEGORIES[i % CATEGORIES.length]!;
        const criticality = CRITICALITIES[(i >> 1) % CRITICALITIES.length]!;
        // Same-named organizations on purpose (ties broken by id): registered deliberately.
        const id = await register({ id: uid('p'), name: nameOf(i), category, criticality, allowDuplicateName: true }, kind, predicted(kind, category));
        if (kind === 1) await acceptReport(id, {});
        if (kind === 2) await acceptReport(id, { periodStart: '2024-04-01', periodEnd: '2025-03-31' });
        if (kind === 3) await acceptReport(id, { periodStart: '2024-01-01', periodEnd: '2024-12-31' });
        if (kind === 4) await acceptReport(id, { periodStart: '2024-07-01', periodEnd: '2025-06-30' });
        if (kind === 5) await acceptReport(id, { opinion: 'ADVERSE' });
        if (kind === 6) await ok('offboardOrganization', { organizationId: id, reason: 'Contract ended' });
        if (kind === 7) {
          await acceptReport(id, {});
          await ok('recordException', exceptionInput(id));
        }
      });
    }, 60_000);

    let all: any[];

    it('walks organizations(first: 25) page by page: every id exactly once, by name, totalCount right', async () => {
      const walk = await walkOrganizations(25);
      all = walk.nodes;
      const expected = [...registry.values()].sort(byNameThenId);
      expect(registry.size).toBe(N);
      expect(walk.nodes.map((n) => n.id)).toEqual(expected.map((o) => o.id));
      expect(new Set(walk.nodes.map((n) => n.id)).size).toBe(N);
      expect(walk.pages).toBe(Math.ceil(N / 25));
      expect(walk.pageSizes).toEqual([25, 25, 25, 25, 25, 5]);
      expect(walk.totalCounts.every((c) => c === N)).toBe(true);
      // The seven organizations of the same name come in id order.
      const same = walk.nodes.filter((n) => n.name === 'Same Name Holdings').map((n) => n.id);
      expect(same.length).toBe(7);
      expect(same).toEqual([...same].sort());
    });

    it('shows each organization in the status its evidence implies', async () => {
      const actual = Object.fromEntries(all.map((n) => [n.id, n.assurance.status]));
      const wanted = Object.fromEntries([...registry.values()].map((o) => [o.id, o.status]));
      expect(actual).toEqual(wanted);
      const statuses = new Set(Object.values(actual));
      expect(statuses.size).toBe(7);
    });

    it('walks the critical organizations that are not assured, and only those', async () => {
      const walk = await walkOrganizations(5, { criticality: ['CRITICAL'], notAssured: true });
      const expected = [...registry.values()]
        .filter((o) => o.criticality === 'CRITICAL' && NOT_ASSURED.includes(o.status))
        .sort(byNameThenId);
      expect(expected.length).toBeGreaterThan(10);
      expect(walk.nodes.map((n) => n.id)).toEqual(expected.map((o) => o.id));
      expect(walk.totalCounts.every((c) => c === expected.length)).toBe(true);
      expect(walk.pages).toBe(Math.ceil(expected.length / 5));
      for (const n of walk.nodes) {
        expect(n.criticality).toBe('CRITICAL');
        expect(NOT_ASSURED).toContain(n.assurance.status);
      }
      // notAssured narrows an explicit status list rather than widening it.
      const narrowed = await walkOrganizations(100, { notAssured: true, status: ['EXPIRED', 'ASSURED'] });
      expect(narrowed.nodes.map((n) => n.id)).toEqual(
        [...registry.values()].filter((o) => o.status === 'EXPIRED').sort(byNameThenId).map((o) => o.id),
      );
    });

    it('walks a name search in any case, alone and combined with a category', async () => {
      const walk = await walkOrganizations(4, { search: 'hOSTing' });
      const expected = [...registry.values()].filter((o) => o.name.toLowerCase().includes('hosting')).sort(byNameThenId);
      expect(expected.length).toBeGreaterThan(30);
      expect(walk.nodes.map((n) => n.id)).toEqual(expected.map((o) => o.id));
      expect(walk.totalCounts.every((c) => c === expected.length)).toBe(true);

      const combined = await walkOrganizations(3, { search: 'hosting', category: ['PAYROLL', 'SAAS'] });
      expect(combined.nodes.map((n) => n.id)).toEqual(
        expected.filter((o) => ['PAYROLL', 'SAAS'].includes(o.category)).map((o) => o.id),
      );

      expect(await countOrganizations({ search: 'no organization has this in its name' })).toBe(0);
      const empty = await api.ok(ORG_PAGE, { first: 10, filter: { search: 'no organization has this in its name' } });
      expect(empty.organizations).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    });

    it('sums the portfolio by status, criticality and category as the filtered lists count it', async () => {
      const { portfolioSummary: s } = await api.ok(`{ portfolioSummary(expiringWithinDays: 60) {
        total expiringWithinDays byStatus { status count } byCriticality { criticality count } byCategory { category count }
        expiringSoon { id } } }`);
      expect(s.total).toBe(N);
      expect(s.expiringWithinDays).toBe(60);
      expect(s.byStatus.reduce((a: number, x: any) => a + x.count, 0)).toBe(N);
      expect(s.byCriticality.reduce((a: number, x: any) => a + x.count, 0)).toBe(N);
      expect(s.byCategory.reduce((a: number, x: any) => a + x.count, 0)).toBe(N);
      for (const { status, count } of s.byStatus) {
        expect({ status, count }).toEqual({ status, count: [...registry.values()].filter((o) => o.status === status).length });
        expect({ status, count: await countOrganizations({ status: [status] }) }).toEqual({ status, count });
      }
      for (const { criticality, count } of s.byCriticality) {
        expect({ criticality, count: await countOrganizations({ criticality: [criticality] }) }).toEqual({ criticality, count });
      }
      for (const { category, count } of s.byCategory) {
        expect({ category, count: await countOrganizations({ category: [category] }) }).toEqual({ category, count });
      }
      expect(await countOrganizations({ notAssured: true })).toBe(
        s.byStatus.filter((x: any) => NOT_ASSURED.includes(x.status)).reduce((a: number, x: any) => a + x.count, 0),
      );
    });

    it('lists what expires within N days, soonest first, and nothing expiring later', async () => {
      const summary = async (days: number) =>
        (await api.ok(`query($d: Int) { portfolioSummary(expiringWithinDays: $d) {
          expiringSoon { id name assurance { expiresAt status flags } } } }`, { d: days })).portfolioSummary.expiringSoon as any[];
      const ofKind = (k: number) => [...registry.values()].filter((o) => o.kind === k).sort(byNameThenId).map((o) => o.id);

      const within60 = await summary(60); // through 2026-05-01
      expect(within60.map((o) => o.id)).toEqual(ofKind(2));
      expect(within60.every((o) => o.assurance.expiresAt === '2026-03-31')).toBe(true);
      expect(within60.every((o) => o.assurance.flags.includes('EXPIRING'))).toBe(true);
      expect(within60.map((o) => o.id)).not.toContain(ofKind(4)[0]);

      const within150 = await summary(150); // through 2026-07-30
      expect(within150.map((o) => o.id)).toEqual([...ofKind(2), ...ofKind(4)]);
      expect(within150.map((o) => o.assurance.expiresAt)).toEqual([
        ...ofKind(2).map(() => '2026-03-31'),
        ...ofKind(4).map(() => '2026-06-30'),
      ]);

      expect(await summary(28)).toEqual([]); // 2026-03-30: one day short of the first expiry
      expect((await summary(29)).map((o) => o.id)).toEqual(ofKind(2)); // 2026-03-31: the first expiry itself
      // Offboarded and expired organizations never count as "expiring".
      const within1000 = (await summary(1000)).map((o) => o.id);
      for (const id of [...ofKind(3), ...ofKind(6)]) expect(within1000).not.toContain(id);
      expect(within1000).toEqual(expect.arrayContaining([...ofKind(1), ...ofKind(5), ...ofKind(7)]));
    });
  });

  describe('exceptions', () => {
    let org: string;
    type Expect = { id: string; severity: string; foundOn: string; open: boolean; overdue: boolean };
    const made: Expect[] = [];

    beforeAll(async () => {
      org = await register({ id: uid('exc-org'), name: 'Exceptional Vendor', effectiveAt: '2025-01-01T00:00:00Z' });
      await inBatches(Array.from({ length: 25 }, (_, i) => i), 5, async (i) => {
        const severity = CRITICALITIES[i % 4]!;
        const foundOn = `2026-01-${String(1 + (i % 20)).padStart(2, '0')}`;
        const id = `x-${String(i).padStart(2, '0')}`;
        await ok('recordException', exceptionInput(org, { exceptionId: id, severity, effectiveAt: `${foundOn}T10:00:00Z` }));
        const plan = (dueDate: string) => ok('planRemediation', { organizationId: org, exceptionId: id, owner: 'o', plan: 'p', dueDate });
        let open = true;
        let overdue = false;
        switch (i % 5) {
          case 1: // due in the past relative to the server clock
            await plan(i % 2 ? '2026-02-15' : '2026-03-01');
            overdue = true;
            break;
          case 2: // due today (not yet overdue) or later
            await plan(i % 2 ? TODAY : '2026-04-30');
            break;
          case 3: // closed, though its due date has passed
            await plan('2026-02-01');
            await ok('closeRemediation', { organizationId: org, exceptionId: id, resolution: 'Fixed' });
            open = false;
            break;
          case 4: // risk accepted: still in force, or lapsed (open again)
            await ok('acceptRisk', {
              organizationId: org, exceptionId: id, acceptedBy: 'CRO', rationale: 'Compensating control',
              expiresAt: i % 2 ? '2026-12-31' : '2026-01-31',
            });
            open = i % 2 === 0;
            break;
        }
        made.push({ id, severity, foundOn, open, overdue });
      });
    }, 30_000);

    const PAGE = `query($first: Int, $after: String, $filter: ExceptionFilterInput) {
      exceptions(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { exceptionId organizationId organizationName severity foundOn dueDate open overdue closedOn } } } }`;
    const walk = (first: number, filter: Record<string, unknown>) =>
      walkPages<any>(async (after) => (await api.ok(PAGE, { first, after, filter })).exceptions);
    const riskiestFirst = (a: Expect, b: Expect) =>
      rank(a.severity) - rank(b.severity) || (a.foundOn < b.foundOn ? -1 : a.foundOn > b.foundOn ? 1 : a.id < b.id ? -1 : 1);
    const ids = (xs: Array<{ id?: string; exceptionId?: string }>) => xs.map((x) => x.exceptionId ?? x.id);

    it('walks one organization\'s exceptions riskiest first, each exactly once', async () => {
      const w = await walk(4, { organizationId: org });
      expect(ids(w.nodes)).toEqual(ids([...made].sort(riskiestFirst)));
      expect(w.pages).toBe(7);
      expect(w.totalCounts.every((c) => c === 25)).toBe(true);
      expect(w.nodes.every((n) => n.organizationId === org && n.organizationName === 'Exceptional Vendor')).toBe(true);
      for (const n of w.nodes) {
        const m = made.find((x) => x.id === n.exceptionId)!;
        expect({ id: n.exceptionId, foundOn: n.foundOn, open: n.open, overdue: n.overdue }).toEqual({
          id: m.id, foundOn: m.foundOn, open: m.open, overdue: m.overdue,
        });
      }
    });

    it('filters open, overdue and severity, alone and together', async () => {
      const expectFilter = async (filter: Record<string, unknown>, keep: (x: Expect) => boolean) => {
        const w = await walk(3, { organizationId: org, ...filter });
        const expected = made.filter(keep).sort(riskiestFirst);
        expect(expected.length).toBeGreaterThan(0);
        expect({ filter, ids: ids(w.nodes) }).toEqual({ filter, ids: ids(expected) });
        expect(w.totalCounts.every((c) => c === expected.length)).toBe(true);
        return w.nodes;
      };
      const open = await expectFilter({ open: true }, (x) => x.open);
      expect(open.every((n) => n.open && n.closedOn === null)).toBe(true);
      await expectFilter({ open: false }, (x) => !x.open);
      const overdue = await expectFilter({ overdue: true }, (x) => x.overdue);
      expect(overdue.every((n) => n.open && n.overdue && n.dueDate < TODAY)).toBe(true);
      await expectFilter({ overdue: false }, (x) => !x.overdue);
      await expectFilter({ severity: ['CRITICAL', 'HIGH'] }, (x) => ['CRITICAL', 'HIGH'].includes(x.severity));
      await expectFilter({ open: true, severity: ['LOW'] }, (x) => x.open && x.severity === 'LOW');
      await expectFilter({ overdue: true, severity: ['CRITICAL'] }, (x) => x.overdue && x.severity === 'CRITICAL');
    });

    it('walks every exception of the tenant with the overdue filter, across organizations', async () => {
      const w = await walk(7, { overdue: true });
      expect(new Set(ids(w.nodes)).size).toBe(w.nodes.length);
      expect(w.nodes.length).toBe(w.totalCounts[0]);
      expect(w.nodes.every((n) => n.overdue === true)).toBe(true);
      expect(ids(w.nodes.filter((n) => n.organizationId === org))).toEqual(ids(made.filter((x) => x.overdue).sort(riskiestFirst)));

      const everything = await walk(20, {});
      const keys = everything.nodes.map((n) => `${n.organizationId}/${n.exceptionId}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(everything.totalCounts[0]);
      const ranks = everything.nodes.map((n) => rank(n.severity));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    });
  });

  describe('control coverage', () => {
    it('lists the expected controls the current report did not test, riskiest first', async () => {
      const id = await register({ id: uid('cov'), name: 'Covered Cloud', category: 'CLOUD_HOSTING' });
      const controls = [
        { ref: 'C1', description: 'Backups', domain: 'Availability', risk: 'LOW' },
        { ref: 'C10', description: 'Key management', domain: 'Crypto', risk: 'CRITICAL' },
        { ref: 'C2', description: 'MFA for admins', domain: 'Access', risk: 'CRITICAL' },
        { ref: 'C3', description: 'Change approval', domain: 'Change', risk: 'HIGH' },
        { ref: 'C4', description: 'Logging', domain: 'Monitoring', risk: 'MEDIUM' },
        { ref: 'C5', description: 'Vulnerability scans', domain: 'Threats', risk: 'HIGH' },
      ];
      await ok('defineExpectedControls', { organizationId: id, controls });
      const COVERAGE = `query($id: ID!) { controlCoverage(organizationId: $id) { organizationId reportId expectedCount testedCount
        coverageRatio missing { rank ref risk domain description } covered { ref } unexpected } }`;

      let c = (await api.ok(COVERAGE, { id })).controlCoverage;
      expect(c).toMatchObject({ organizationId: id, reportId: null, expectedCount: 6, testedCount: 0, coverageRatio: 0 });
      expect(c.missing.map((x: any) => x.ref)).toEqual(['C2', 'C10', 'C3', 'C5', 'C4', 'C1']);

      const reportId = 'soc2-cov';
      await acceptReport(id, { reportId, controlsTested: ['c3 ', 'C4', 'X9'] });
      c = (await api.ok(COVERAGE, { id })).controlCoverage;
      expect(c).toMatchObject({ organizationId: id, reportId, expectedCount: 6, testedCount: 2, unexpected: ['X9'] });
      expect(c.coverageRatio).toBeCloseTo(2 / 6, 6);
      expect(c.covered.map((x: any) => x.ref)).toEqual(['C3', 'C4']);
      expect(c.missing).toEqual([
        { rank: 1, ref: 'C2', risk: 'CRITICAL', domain: 'Access', description: 'MFA for admins' },
        { rank: 2, ref: 'C10', risk: 'CRITICAL', domain: 'Crypto', description: 'Key management' },
        { rank: 3, ref: 'C5', risk: 'HIGH', domain: 'Threats', description: 'Vulnerability scans' },
        { rank: 4, ref: 'C1', risk: 'LOW', domain: 'Availability', description: 'Backups' },
      ]);
      const org = await api.ok(`query($id: ID!) { organization(id: $id) { assurance { status } expectedControls { ref } } }`, { id });
      expect(org.organization.assurance.status).toBe('COVERAGE_GAP');
      expect(org.organization.expectedControls).toHaveLength(6);
    });
  });

  describe('oversightHistory', () => {
    let id: string;
    const sent: Array<{ type: string; eventIds: string[]; commandId?: string; effectiveAt?: string }> = [];

    beforeAll(async () => {
      id = uid('hist');
      const run = async (mutation: string, type: string, input: Record<string, unknown>) => {
        const r = await ok(mutation, input);
        sent.push({ type, eventIds: r.eventIds, commandId: input.commandId as string | undefined, effectiveAt: input.effectiveAt as string | undefined });
      };
      await run('registerOrganization', 'OrganizationRegistered', {
        id, name: 'Historic Payroll', role: 'VENDOR', category: 'PAYROLL', criticality: 'HIGH',
        commandId: uid('cmd'), effectiveAt: '2025-06-01T00:00:00Z',
      });
      registry.set(id, { id, name: 'Historic Payroll', category: 'PAYROLL', criticality: 'HIGH', kind: -1, status: '' });
      await run('registerSite', 'SiteRegistered', { organizationId: id, siteId: 's1', name: 'Site', country: 'NL' });
      await run('setAssurancePolicy', 'AssurancePolicySet', { organizationId: id, requiredFramework: 'SOC1' });
      const report = reportInput(id, { framework: 'SOC1', criteria: [], controlObjectives: ['CO1'], reportId: 'soc1-2025' });
      await run('recordReportReceived', 'AssuranceReportReceived', report);
      await run('concludeReportReview', 'ReportReviewConcluded', { organizationId: id, reportId: 'soc1-2025', decision: 'ACCEPTED', reviewer: 'R' });
      for (let i = 0; i < 3; i++) {
        await run('recordException', 'ExceptionFound', exceptionInput(id, {
          exceptionId: `h-${i}`, commandId: uid('cmd'), ...(i === 0 ? { effectiveAt: '2026-01-10T08:30:00+01:00' } : {}),
        }));
      }
      await run('planRemediation', 'RemediationPlanned', { organizationId: id, exceptionId: 'h-0', owner: 'o', plan: 'p', dueDate: '2026-04-01' });
      await run('closeRemediation', 'RemediationClosed', { organizationId: id, exceptionId: 'h-0', resolution: 'Done' });
      await run('updateOrganizationProfile', 'OrganizationProfileUpdated', { organizationId: id, owner: 'payroll-risk@example.com' });
    }, 30_000);

    const HISTORY = `query($id: ID!, $first: Int, $after: String, $oldestFirst: Boolean, $types: [String!]) {
      oversightHistory(organizationId: $id, first: $first, after: $after, oldestFirst: $oldestFirst, types: $types) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { eventId type organizationId revision position recordedAt effectiveAt actor { id role }
          tenantId correlationId causationId commandId schemaVersion data } } } }`;
    const history = (vars: Record<string, unknown>) =>
      walkPages<any>(async (after) => (await api.ok(HISTORY, { id, ...vars, after })).oversightHistory);

    it('is newest first by default and oldest first on request, with cursors across pages', async () => {
      const newest = await history({ first: 4 });
      expect(newest.nodes.map((n) => n.revision)).toEqual(['10', '9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
      expect(newest.pageSizes).toEqual([4, 4, 3]);
      expect(newest.totalCounts.every((c) => c === 11)).toBe(true);
      expect(newest.nodes.map((n) => n.type)).toEqual([...sent].reverse().map((s) => s.type));
      expect(newest.nodes.map((n) => n.eventId)).toEqual([...sent].reverse().flatMap((s) => s.eventIds));

      const oldest = await history({ first: 3, oldestFirst: true });
      expect(oldest.nodes.map((n) => n.revision)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
      expect(oldest.nodes.map((n) => n.type)).toEqual(sent.map((s) => s.type));
      const positions = oldest.nodes.map((n) => BigInt(n.position));
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);

      const one = await history({ first: 100 });
      expect(one.pages).toBe(1);
    });

    it('filters by event type, and pages through the filtered trail', async () => {
      const found = await history({ first: 2, types: ['ExceptionFound'] });
      expect(found.nodes.map((n) => n.type)).toEqual(['ExceptionFound', 'ExceptionFound', 'ExceptionFound']);
      expect(found.nodes.map((n) => n.revision)).toEqual(['7', '6', '5']);
      expect(found.totalCounts.every((c) => c === 3)).toBe(true);
      expect(found.pages).toBe(2);

      const two = await history({ first: 1, types: ['RemediationClosed', 'OrganizationRegistered'], oldestFirst: true });
      expect(two.nodes.map((n) => [n.revision, n.type])).toEqual([['0', 'OrganizationRegistered'], ['9', 'RemediationClosed']]);
      expect(two.pages).toBe(2);

      const none = await api.ok(HISTORY, { id, types: ['NoSuchEvent'] });
      expect(none.oversightHistory).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    });

    it('carries the whole envelope on every event, with recordedAt on the server clock and effectiveAt as given', async () => {
      const { nodes } = await history({ first: 100, oldestFirst: true });
      const clockStart = Date.parse(CLOCK_START);
      const latest = clockStart + (Date.now() - realStart) + 1000;
      for (const [i, n] of nodes.entries()) {
        expect(n.organizationId).toBe(id);
        expect(n.tenantId).toBe('default');
        expect(n.actor).toEqual({ id: expect.any(String), role: expect.any(String) });
        expect(n.actor.id.length).toBeGreaterThan(0);
        expect(n.correlationId).toEqual(expect.any(String));
        expect(n.correlationId.length).toBeGreaterThan(0);
        expect(n.commandId).toEqual(expect.any(String));
        expect(n.schemaVersion).toBe(1);
        expect(n.causationId).toBeNull();
        expect(n.data).toEqual(expect.any(Object));
        const recordedAt = Date.parse(n.recordedAt);
        expect(recordedAt).toBeGreaterThanOrEqual(clockStart);
        expect(recordedAt).toBeLessThanOrEqual(latest);
        const given = sent[i]!;
        if (given.commandId) expect(n.commandId).toBe(given.commandId);
        if (given.effectiveAt) expect(Date.parse(n.effectiveAt)).toBe(Date.parse(given.effectiveAt));
        else expect(n.effectiveAt).toBe(n.recordedAt);
      }
      expect(nodes[0].data).toMatchObject({ name: 'Historic Payroll', category: 'PAYROLL' });
      // Facts entered late: business time in the past, learned today.
      expect(nodes[0].effectiveAt.slice(0, 10)).toBe('2025-06-01');
      expect(nodes[0].recordedAt.slice(0, 10)).toBe(TODAY);
      expect(Date.parse(nodes[5].effectiveAt)).toBe(Date.parse('2026-01-10T07:30:00Z'));
      expect(nodes[5].recordedAt.slice(0, 10)).toBe(TODAY);
      const org = await api.ok(`query($id: ID!) { organization(id: $id) { registeredAt exceptions { exceptionId foundOn } } }`, { id });
      expect(Date.parse(org.organization.registeredAt)).toBe(Date.parse('2025-06-01T00:00:00Z'));
      expect(org.organization.exceptions.find((x: any) => x.exceptionId === 'h-0').foundOn).toBe('2026-01-10');
    });

    it('correlates the events of one request, and only those', async () => {
      const a = uid('corr');
      const b = uid('corr');
      const input = (x: string) => ({ id: x, name: `Correlated ${x}`, role: 'VENDOR', category: 'OTHER', criticality: 'LOW' });
      // Two mutations in one HTTP request, then a third on its own.
      await api.ok(`mutation($a: RegisterOrganizationInput!, $b: RegisterOrganizationInput!) {
        a: registerOrganization(input: $a) { revision } b: registerOrganization(input: $b) { revision } }`, { a: input(a), b: input(b) });
      await ok('recordException', exceptionInput(a));
      const corr = async (x: string) =>
        (await api.ok(HISTORY, { id: x, oldestFirst: true })).oversightHistory.edges.map((e: any) => e.node.correlationId);
      const [ra, rException] = await corr(a);
      const [rb] = await corr(b);
      expect(ra).toBe(rb);
      expect(rException).not.toBe(ra);
      // Nor is it a constant shared by every request.
      const [rHistoric] = await corr(id);
      expect(new Set([ra, rException, rHistoric]).size).toBe(3);
    });
  });
});
