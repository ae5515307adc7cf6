import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { ApiServer, GraphQLResponse } from './support/api-server';
import { exceptionInput, inBatches, orgInput, reportInput, startApi, uid, until } from './support/e2e-fixtures';
import { Subscriber } from './support/ws-client';
import { mintToken } from '../apps/api/src/auth/mint-token';
import { TEST_JWT_SECRET } from './support/api-server';

/**
 * Tenant isolation. Tenant A records organizations with every kind of detail; tenant B, with the
 * same role, asks every query about them, sends every mutation to them and subscribes to them —
 * and learns nothing: each answer is the answer for an organization that was never registered,
 * nothing is written, and no event reaches B. Root fields are walked from the served schema,
 * so a new query that takes an organization id is covered without editing this file.
 */
const A = 'acme';
const B = 'globex';

function sample(type: GraphQLInputType, name: string, target: string): unknown {
  if (isNonNullType(type)) return sample(type.ofType, name, target);
  if (isListType(type)) return [sample(type.ofType, name, target)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if ((isNonNullType(f.type) && f.defaultValue === undefined) || f.name === 'organizationId') value[f.name] = sample(f.type, f.name, target);
    }
    return value;
  }
  switch (getNamedType(type).name) {
    case 'ID':
      return name === 'organizationId' || name === 'id' ? target : `${name}-1`;
    case 'String':
      return `sample ${name}`;
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return false;
    case 'Date':
      return '2026-01-01';
    case 'DateTime':
      return '2026-03-01T00:00:00Z';
    case 'JSON':
      return {};
    default:
      throw new Error(`No sample value for ${String(type)} (${name}): teach the test this scalar`);
  }
}

/** Takes an organization: an argument named id/organizationId, or an input or filter carrying one. */
function takesOrganization(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((a) => {
    if (a.name === 'id' || a.name === 'organizationId') return true;
    const named = getNamedType(a.type);
    return isInputObjectType(named) && ('organizationId' in named.getFields() || 'parentOrganizationId' in named.getFields());
  });
}

/** A full selection of leaves (two levels deep), so that any data at all would show. */
function selectionOf(type: ReturnType<typeof getNamedType>, depth = 0): string {
  if (isLeafType(type)) return '';
  const fields = Object.values((type as GraphQLObjectType).getFields?.() ?? {});
  const parts = fields
    .filter((f) => f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => {
      const named = getNamedType(f.type);
      if (isLeafType(named)) return f.name;
      return depth < 2 ? `${f.name} { __typename ${selectionOf(named, depth + 1)} }` : null;
    })
    .filter(Boolean);
  return parts.join(' ');
}

/** The answer with the ids asked about and the instants replaced, so that two answers compare. */
function normalise(r: GraphQLResponse, ids: string[]): string {
  let text = JSON.stringify({ data: r.data, errors: (r.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code, path: e.path })) });
  for (const id of ids) text = text.split(id).join('<id>');
  // Instants that default to "now" (knownAt) differ from one call to the next.
  return text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<instant>');
}

describe('tenants', () => {
  let api: ApiServer;
  let schema: GraphQLSchema;
  const fx = { vendor: '', sub: '', report: 'rep-a-1', exception: 'exc-a-1', mine: '', never: '' };
  const as = (tenant: string, role = 'ADMIN') => ({ authorization: `Bearer ${api.token(role, tenant, `${tenant}-${role.toLowerCase()}`)}` });

  async function run(tenant: string, mutation: string, input: Record<string, unknown>, role = 'ADMIN'): Promise<GraphQLResponse> {
    const type = mutation.charAt(0).toUpperCase() + mutation.slice(1) + 'Input';
    return api.gql(`mutation($input: ${type}!) { ${mutation}(input: $input) { organizationId revision } }`, { input }, as(tenant, role));
  }
  async function ok(tenant: string, mutation: string, input: Record<string, unknown>): Promise<any> {
    const r = await run(tenant, mutation, input);
    if (r.errors) throw new Error(`${mutation} failed: ${JSON.stringify(r.errors)}`);
    return r.data[mutation];
  }
  async function historyCount(tenant: string, id: string): Promise<number> {
    const r = await api.gql(`query($id: ID!) { oversightHistory(organizationId: $id, first: 1) { totalCount } }`, { id }, as(tenant));
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data.oversightHistory.totalCount;
  }
  const head = async () => BigInt((await api.health()).store.headPosition);

  beforeAll(async () => {
    api = await startApi();
    schema = buildSchema(readFileSync(join(api.dataDir, 'schema.gql'), 'utf8'));
    fx.vendor = uid('acme-vendor');
    fx.sub = uid('acme-sub');
    fx.mine = uid('globex-vendor');
    fx.never = uid('never-registered');
    // Tenant A: a vendor with a report, a review, an exception, a site, controls and a carve-out.
    await ok(A, 'registerOrganization', orgInput({ id: fx.vendor, name: 'Acme Secret Payroll', criticality: 'CRITICAL' }));
    await ok(A, 'recordReportReceived', reportInput(fx.vendor, { reportId: fx.report, cuecs: [{ ref: 'CUEC-1', description: 'Acme-only control' }] }));
    await ok(A, 'concludeReportReview', { organizationId: fx.vendor, reportId: fx.report, decision: 'ACCEPTED', reviewer: 'Acme Reviewer' });
    await ok(A, 'recordException', exceptionInput(fx.vendor, { exceptionId: fx.exception, description: 'Acme confidential deviation' }));
    await ok(A, 'registerSite', { organizationId: fx.vendor, siteId: 'acme-dc-1', name: 'Acme DC', country: 'DE' });
    await ok(A, 'defineExpectedControls', { organizationId: fx.vendor, controls: [{ ref: 'AC-1', description: 'Access', domain: 'IAM', risk: 'HIGH' }] });
    await ok(A, 'registerOrganization', orgInput({ id: fx.sub, name: 'Acme Subservice', role: 'SUBSERVICE', parentOrganizationId: fx.vendor, inclusionMethod: 'CARVE_OUT' }));
    await ok(A, 'recordReportReceived', reportInput(fx.vendor, { reportId: 'rep-a-2', subserviceOrganizations: [{ name: 'Acme Subservice', method: 'CARVE_OUT' }] }));
    // Tenant B: one organization of its own.
    await ok(B, 'registerOrganization', orgInput({ id: fx.mine, name: 'Globex Vendor' }));
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  describe('queries', () => {
    it('every root query that takes an organization answers B for A\'s ids exactly as for ids never registered', async () => {
      const query = schema.getQueryType()!;
      const fields = Object.values(query.getFields()).filter(takesOrganization);
      // The ones the model names, and the audit queries where the schema has them; any other
      // query taking an organization is picked up from the schema as well.
      const named = ['organization', 'organizations', 'exceptions', 'controlCoverage', 'oversightHistory'];
      const audit = ['oversightTimeline', 'coverageTimeline', 'dependencyImpact', 'verifyAuditTrail', 'evidencePack'].filter((n) => n in query.getFields());
      expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining([...named, ...audit]));
      const variants = (f: GraphQLField<unknown, unknown>) => {
        const out: Array<{ label: string; args: (id: string) => Record<string, unknown> }> = [];
        const base = (id: string) =>
          Object.fromEntries(f.args.filter((a) => isNonNullType(a.type) || a.name === 'id' || a.name === 'organizationId').map((a) => [a.name, sample(a.type, a.name, id)]));
        out.push({ label: 'as is', args: base });
        for (const a of f.args) {
          const named = getNamedType(a.type);
          if (isInputObjectType(named)) {
            for (const key of ['organizationId', 'parentOrganizationId'] as const) {
              if (key in named.getFields()) out.push({ label: `${a.name}.${key}`, args: (id) => ({ ...base(id), [a.name]: { [key]: id } }) });
            }
          }
          // The past too: as-of answers read the event store, not the read model.
          if (a.name === 'knownAt' || a.name === 'asOf') out.push({ label: a.name, args: (id) => ({ ...base(id), [a.name]: '2027-01-01T00:00:00Z' }) });
        }
        return out;
      };
      const calls = fields.flatMap((f) => variants(f).map((v) => ({ f, v })));
      const results = await inBatches(calls, 6, async ({ f, v }) => {
        const defs = f.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
        const args = f.args.map((a) => `${a.name}: $${a.name}`).join(', ');
        const sel = selectionOf(getNamedType(f.type));
        const doc = `query(${defs}) { ${f.name}(${args})${sel ? ` { ${sel} }` : ''} }`;
        const [theirs, never, mine] = (await Promise.all([fx.vendor, fx.never, fx.mine].map((id) => api.gql(doc, v.args(id), as(B))))) as [
          GraphQLResponse,
          GraphQLResponse,
          GraphQLResponse,
        ];
        const text = JSON.stringify(theirs);
        // (The id B sent may be echoed back in the message: it is B's own input.)
        const leaks = ['Acme', fx.sub, fx.report, fx.exception, 'acme-dc-1', 'CUEC-1', '"acme"'].filter((s) => text.includes(s));
        return {
          name: `${f.name} (${v.label})`,
          same: normalise(theirs, [fx.vendor, fx.never]) === normalise(never, [fx.vendor, fx.never]),
          leaks,
          theirs: text.slice(0, 300),
          never: JSON.stringify(never).slice(0, 300),
          firstDifference: (() => {
            const [x, y] = [normalise(theirs, [fx.vendor, fx.never]), normalise(never, [fx.vendor, fx.never])];
            let i = 0;
            while (i < x.length && x[i] === y[i]) i++;
            return i < Math.max(x.length, y.length) ? `${x.slice(Math.max(0, i - 80), i + 80)} <> ${y.slice(Math.max(0, i - 80), i + 80)}` : '';
          })(),
          // B's own organization, asked the same way, answers (the call is a real one).
          mineAnswered: !mine.errors || mine.errors.every((e) => e.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED'),
        };
      });
      expect(results.filter((r) => !r.same || r.leaks.length > 0)).toEqual([]);
      expect(results.filter((r) => !r.mineAnswered).map((r) => r.name)).toEqual([]);
    }, 30_000);

    it('NOT_FOUND (or null) for A\'s organization in every detail query; B\'s own answers', async () => {
      const expectNotFound = async (doc: string) => {
        const r = await api.gql(doc, { id: fx.vendor }, as(B));
        expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
        expect(JSON.stringify(r)).not.toMatch(/Acme/);
        const own = await api.gql(doc, { id: fx.mine }, as(B));
        expect(own.errors).toBeUndefined();
      };
      await expectNotFound('query($id: ID!) { controlCoverage(organizationId: $id) { organizationId expectedCount } }');
      await expectNotFound('query($id: ID!) { oversightHistory(organizationId: $id) { totalCount edges { node { eventId } } } }');
      const present = (name: string) => name in schema.getQueryType()!.getFields();
      if (present('oversightTimeline')) await expectNotFound('query($id: ID!) { oversightTimeline(organizationId: $id) { __typename } }');
      if (present('coverageTimeline')) await expectNotFound('query($id: ID!) { coverageTimeline(organizationId: $id) { __typename } }');
      if (present('dependencyImpact')) await expectNotFound('query($id: ID!) { dependencyImpact(organizationId: $id) { __typename } }');
      if (present('verifyAuditTrail')) await expectNotFound('query($id: ID!) { verifyAuditTrail(organizationId: $id) { valid checkedEvents } }');
      if (present('evidencePack')) await expectNotFound('query($id: ID!) { evidencePack(organizationId: $id) }');
      const org = await api.gql('query($id: ID!) { organization(id: $id) { name } }', { id: fx.vendor }, as(B));
      expect(org).toEqual({ data: { organization: null } });
    });

    it('lists, counts and summaries of B hold B\'s organizations only', async () => {
      const r = await api.gql(
        `{ organizations(first: 100) { totalCount edges { node { id name } } }
           all: organizations(first: 100, filter: { search: "Acme" }) { totalCount }
           subs: organizations(first: 100, filter: { parentOrganizationId: "${fx.vendor}" }) { totalCount }
           portfolioSummary(expiringWithinDays: 3650) { total byStatus { status count } byCategory { count } byCriticality { criticality count } expiringSoon { id } }
           exceptions(first: 100) { totalCount edges { node { exceptionId organizationId } } }
           theirs: exceptions(first: 100, filter: { organizationId: "${fx.vendor}" }) { totalCount } }`,
        {},
        as(B),
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.organizations.edges.map((e: any) => e.node.id)).toEqual([fx.mine]);
      expect(r.data.organizations.totalCount).toBe(1);
      expect(r.data.all.totalCount).toBe(0);
      expect(r.data.subs.totalCount).toBe(0);
      expect(r.data.portfolioSummary.total).toBe(1);
      expect(r.data.portfolioSummary.byStatus.reduce((n: number, s: any) => n + s.count, 0)).toBe(1);
      expect(r.data.portfolioSummary.byCriticality.find((c: any) => c.criticality === 'CRITICAL')?.count ?? 0).toBe(0);
      expect(r.data.portfolioSummary.expiringSoon).toEqual([]);
      expect(r.data.exceptions.totalCount).toBe(0);
      expect(r.data.theirs.totalCount).toBe(0);
      // …and A still sees its own.
      const a = await api.gql('{ organizations(first: 100) { totalCount } portfolioSummary { total } exceptions { totalCount } }', {}, as(A));
      expect(a.data).toEqual({ organizations: { totalCount: 2 }, portfolioSummary: { total: 2 }, exceptions: { totalCount: 1 } });
    });

    it('the same role in another tenant is another caller: AUDITOR and VIEWER of B see nothing of A either', async () => {
      for (const role of ['AUDITOR', 'VIEWER', 'ANALYST']) {
        const r = await api.gql(`query($id: ID!) { organization(id: $id) { name } organizations { totalCount } portfolioSummary { total } }`, { id: fx.vendor }, as(B, role));
        expect(r.data).toEqual({ organization: null, organizations: { totalCount: 1 }, portfolioSummary: { total: 1 } });
      }
    });

    it('verifyLedger, for B, names nothing of A', async () => {
      if (!('verifyLedger' in schema.getQueryType()!.getFields())) return;
      const r = await api.gql('{ verifyLedger { valid firstBrokenEventId reason } }', {}, as(B));
      expect(r.errors).toBeUndefined();
      expect(JSON.stringify(r)).not.toMatch(/acme|Acme/);
    });
  });

  describe('mutations', () => {
    it('every mutation on A\'s organization answers NOT_FOUND to B and writes nothing', async () => {
      const mutationType = schema.getMutationType()!;
      // registerOrganization with A's id creates B's own organization (ids are per tenant): it is
      // covered by "B cannot block A" below, and would change what B's later commands address.
      const fields = Object.values(mutationType.getFields()).filter(takesOrganization).filter((f) => f.name !== 'registerOrganization');
      expect(fields.length).toBeGreaterThanOrEqual(16);
      const historyBefore = await historyCount(A, fx.vendor);
      const headBefore = await head();
      const inputs: Record<string, (id: string) => Record<string, unknown>> = {
        registerOrganization: (id) => orgInput({ id }),
        recordReportReceived: (id) => reportInput(id),
        concludeReportReview: (id) => ({ organizationId: id, reportId: fx.report, decision: 'REJECTED', reviewer: 'Globex' }),
        recordException: (id) => exceptionInput(id, { exceptionId: fx.exception }),
        closeRemediation: (id) => ({ organizationId: id, exceptionId: fx.exception, resolution: 'Closed by Globex' }),
        offboardOrganization: (id) => ({ organizationId: id, reason: 'Globex says so' }),
        setAssurancePolicy: (id) => ({ organizationId: id, maxReportAgeMonths: 1 }),
        updateOrganizationProfile: (id) => ({ organizationId: id, name: 'Taken over by Globex' }),
      };
      const outcomes = await inBatches(fields, 4, async (f) => {
        const arg = f.args[0]!;
        const input = inputs[f.name]?.(fx.vendor) ?? (sample(arg.type, arg.name, fx.vendor) as Record<string, unknown>);
        const r = await api.gql(`mutation($input: ${String(arg.type)}) { ${f.name}(input: $input) { __typename } }`, { input }, as(B));
        return `${f.name}: ${(r.errors ?? []).map((e) => e.extensions?.code).join(',') || 'data'}`;
      });
      expect(outcomes).toEqual(fields.map((f) => `${f.name}: NOT_FOUND`));
      // Also through a parent: B cannot hang its organization under A's.
      const child = await run(B, 'registerOrganization', orgInput({ role: 'SUBSERVICE', parentOrganizationId: fx.vendor, inclusionMethod: 'CARVE_OUT' }));
      expect(child.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      // And an idempotent replay of A's commandId from B is no replay of A's result.
      expect(await historyCount(A, fx.vendor)).toBe(historyBefore);
      expect(await head()).toBe(headBefore);
      const a = await api.gql('query($id: ID!) { organization(id: $id) { name offboardedAt policy { maxReportAgeMonths } } }', { id: fx.vendor }, as(A));
      expect(a.data.organization).toMatchObject({ name: 'Acme Secret Payroll', offboardedAt: null });
      expect(a.data.organization.policy.maxReportAgeMonths).not.toBe(1);
    }, 30_000);

    it("B replaying A's commandId gets no replay of A's result", async () => {
      const commandId = uid('acme-cmd');
      const mine = await ok(A, 'registerSite', { organizationId: fx.vendor, siteId: uid('site'), name: 'Acme DC 2', country: 'DE', commandId });
      const q = 'mutation($input: RegisterSiteInput!) { registerSite(input: $input) { replayed eventIds revision } }';
      const input = { organizationId: fx.vendor, siteId: uid('site'), name: 'Globex DC', country: 'US', commandId };
      const theirs = await api.gql(q, { input }, as(B));
      expect(theirs.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(theirs.data?.registerSite ?? null).toBeNull();
      expect(mine.revision).toEqual(expect.any(String));
      // On B's own organization the same commandId is simply B's own, new command.
      const own = await api.gql(q, { input: { ...input, organizationId: fx.mine } }, as(B));
      expect(own.errors).toBeUndefined();
      expect(own.data.registerSite.replayed).toBe(false);
    });

    it('B cannot block A: an id B registered first stays free for A (ids are per tenant)', async () => {
      const shared = uid('contested');
      await ok(B, 'registerOrganization', orgInput({ id: shared, name: 'Globex Squatter' }));
      const r = await run(A, 'registerOrganization', orgInput({ id: shared, name: 'Acme Rightful' }));
      expect(r.errors).toBeUndefined();
      const a = await api.gql('query($id: ID!) { organization(id: $id) { name } }', { id: shared }, as(A));
      expect(a.data.organization?.name).toBe('Acme Rightful');
    });
  });

  describe('subscriptions', () => {
    const open: Subscriber[] = [];
    afterAll(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });
    const socket = (tenant: string, role = 'ADMIN') => ({
      authorization: `Bearer ${mintToken(Buffer.from(TEST_JWT_SECRET), { role, tenant, subject: `${tenant}-ws`, ttlSeconds: 600 })}`,
    });
    const subscribe = (tenant: string, query: string, variables: Record<string, unknown> = {}) => {
      const s = new Subscriber(api.wsUrl, query, variables, socket(tenant));
      open.push(s);
      return s;
    };
    const EVENTS = 'subscription($id: ID) { oversightEventRecorded(organizationId: $id) { eventId organizationId tenantId type data } }';
    const STATUS = 'subscription($id: ID) { assuranceStatusChanged(organizationId: $id) { organizationId name status } }';

    it('B, subscribed to A\'s organization or to everything, receives nothing of A while A\'s own subscriber does', async () => {
      const aEvents = subscribe(A, EVENTS, { id: fx.vendor });
      const aStatus = subscribe(A, STATUS, { id: fx.vendor });
      const bOnA = [subscribe(B, EVENTS, { id: fx.vendor }), subscribe(B, STATUS, { id: fx.vendor })];
      const bAll = [subscribe(B, EVENTS), subscribe(B, STATUS)];
      // Prove every subscriber that should hear something is live, with probes of its own tenant.
      const probeB = async (i: number) => {
        const id = uid('globex-probe');
        await ok(B, 'registerOrganization', orgInput({ id, name: `Globex probe ${i}` }));
        return id;
      };
      for (let i = 0; bAll.some((s) => s.received.length === 0) || aEvents.received.length === 0; i++) {
        if (i > 60) throw new Error('subscriptions never became live');
        await probeB(i);
        await ok(A, 'registerSite', { organizationId: fx.vendor, siteId: `probe-${i}`, name: 'Probe', country: 'DE' });
        await new Promise((r) => setTimeout(r, 100));
      }
      const bBefore = bAll.map((s) => s.received.length);
      const aBefore = aEvents.received.length;
      // A records: events, and a change of status (a rejected review: NO_ASSURANCE).
      await ok(A, 'recordException', exceptionInput(fx.vendor, { description: 'Acme secret finding' }));
      await ok(A, 'concludeReportReview', {
        organizationId: fx.vendor, reportId: fx.report, decision: 'REJECTED', reviewer: 'Acme Reviewer',
        supersedesReview: true, supersessionReason: 'Auditor withdrew the opinion',
      });
      await until(() => aEvents.received.length >= aBefore + 2, 10_000, "A's events to reach A");
      await until(() => aStatus.received.length > 0, 10_000, "A's status change to reach A");
      // Then B records one more: delivered in order, so B would have had A's by now.
      const last = await probeB(999);
      await until(() => bAll.every((s) => s.received.some((d: any) => JSON.stringify(d).includes(last))), 10_000, "B's last probe to reach B");

      for (const s of bOnA) {
        expect(s.received).toEqual([]);
        expect(s.errors).toEqual([]);
      }
      for (const [i, s] of bAll.entries()) {
        const got = s.received.slice(bBefore[i]);
        expect(got.length).toBeGreaterThan(0);
        expect(JSON.stringify(s.received)).not.toMatch(/Acme|acme/);
        expect(JSON.stringify(s.received)).not.toContain(fx.vendor);
      }
      expect(aEvents.received.every((d: any) => d.oversightEventRecorded.tenantId === A)).toBe(true);
    }, 40_000);
  });
});
