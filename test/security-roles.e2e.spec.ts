import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
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
import { acceptedReport, exceptionInput, inBatches, mutate, orgInput, registerOrg, startApi, uid, until } from './support/e2e-fixtures';
import { Subscriber, wsAuth } from './support/ws-client';

/**
 * Who may do what, checked against the running server for EVERY root field of the schema and
 * every field of Organization: the expected rule of each is written down here, from the security
 * model (README "Security"), not read from the code — a field missing from these tables fails
 * the first test, so that each new field is classified on purpose.
 */
type Role = 'ADMIN' | 'ANALYST' | 'AUDITOR' | 'VIEWER';
const ROLES: Role[] = ['ADMIN', 'ANALYST', 'AUDITOR', 'VIEWER'];
const EVERYONE: Role[] = ROLES;
const DETAIL: Role[] = ['ADMIN', 'ANALYST', 'AUDITOR'];
const RECORDERS: Role[] = ['ADMIN', 'ANALYST'];
const ADMINS: Role[] = ['ADMIN'];

const ROOT_RULES: Record<string, Role[]> = {
  // Status and summaries: everyone.
  'Query.organization': EVERYONE,
  'Query.organizations': EVERYONE,
  'Query.portfolioSummary': EVERYONE,
  'Query.serverTime': EVERYONE,
  // History detail and audit material: never VIEWER.
  'Query.controlCoverage': DETAIL,
  'Query.exceptions': DETAIL,
  'Query.oversightHistory': DETAIL,
  'Query.serviceAuditors': DETAIL,
  'Query.oversightTimeline': DETAIL,
  'Query.coverageTimeline': DETAIL,
  'Query.dependencyImpact': DETAIL,
  'Query.evidencePack': DETAIL,
  'Query.portfolioExport': DETAIL,
  'Query.verifyAuditTrail': DETAIL,
  'Query.verifyLedger': DETAIL,
  'Query.readModelRebuild': DETAIL,
  // The transparency log (global tree heads and proofs): the auditor and the operator.
  'Query.signedTreeHead': ['ADMIN', 'AUDITOR'],
  'Query.consistencyProof': ['ADMIN', 'AUDITOR'],
  // Recording oversight facts: ADMIN and ANALYST.
  'Mutation.registerOrganization': RECORDERS,
  'Mutation.updateOrganizationProfile': RECORDERS,
  'Mutation.registerSite': RECORDERS,
  'Mutation.defineExpectedControls': RECORDERS,
  'Mutation.recordReportReceived': RECORDERS,
  'Mutation.concludeReportReview': RECORDERS,
  'Mutation.recordBridgeLetter': RECORDERS,
  'Mutation.attachDocument': RECORDERS,
  // The first read of a stored report: whoever may upload it.
  'Query.reportDraft': RECORDERS,
  'Mutation.withdrawReport': RECORDERS,
  'Mutation.mapCuec': RECORDERS,
  'Mutation.evaluateException': RECORDERS,
  'Mutation.recordCuecTest': RECORDERS,
  'Mutation.concludeBridgeLetterReview': RECORDERS,
  'Mutation.recordNextReportExpected': RECORDERS,
  'Mutation.vetServiceAuditor': RECORDERS,
  'Mutation.recordException': RECORDERS,
  'Mutation.planRemediation': RECORDERS,
  'Mutation.closeRemediation': RECORDERS,
  'Mutation.acceptRisk': RECORDERS,
  'Mutation.recordPhysicalEnvironmentalValidation': RECORDERS,
  'Mutation.recordOperationalControlsValidation': RECORDERS,
  // Policy, lifecycle and operations: ADMIN only.
  'Mutation.setAssurancePolicy': ADMINS,
  'Mutation.offboardOrganization': ADMINS,
  // Every tenant's read models: an operator token's action, no tenant role's (not even ADMIN).
  'Mutation.rebuildReadModels': [],
  'Mutation.resealLedger': ADMINS,
  'Subscription.assuranceStatusChanged': EVERYONE,
  'Subscription.oversightEventRecorded': DETAIL,
  'Subscription.ledgerSealing': ['ADMIN', 'AUDITOR'],
};

const ORGANIZATION_RULES: Record<string, Role[]> = {
  id: EVERYONE,
  organizationId: EVERYONE,
  name: EVERYONE,
  role: EVERYONE,
  category: EVERYONE,
  criticality: EVERYONE,
  services: EVERYONE,
  owner: EVERYONE,
  parentOrganizationId: EVERYONE,
  inclusionMethod: EVERYONE,
  assurance: EVERYONE,
  revision: EVERYONE,
  registeredAt: EVERYONE,
  offboardedAt: EVERYONE,
  offboardReason: EVERYONE,
  parent: EVERYONE,
  subserviceOrganizations: EVERYONE,
  reports: DETAIL,
  currentReport: DETAIL,
  validations: DETAIL,
  documents: DETAIL,
  sites: DETAIL,
  policy: DETAIL,
  expectedControls: DETAIL,
  exceptions: DETAIL,
  asOf: DETAIL,
  knownAt: DETAIL,
  basedOnEventIds: DETAIL,
};

/** Codes an allowed call may still end in: the call passed the guard and the domain answered. */
const DOMAIN_CODES = ['NOT_FOUND', 'BAD_USER_INPUT', 'DOMAIN_RULE_VIOLATION', 'CONCURRENCY_CONFLICT'];

/** A value of `type` that passes GraphQL validation; ids name `target`. */
function sample(type: GraphQLInputType, name: string, target: string): unknown {
  if (isNonNullType(type)) return sample(type.ofType, name, target);
  if (isListType(type)) return [sample(type.ofType, name, target)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (isNonNullType(f.type) && f.defaultValue === undefined) value[f.name] = sample(f.type, f.name, target);
    }
    return value;
  }
  switch (getNamedType(type).name) {
    case 'ID':
      return name === 'organizationId' || name === 'id' ? target : uid(name);
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
      return '2026-01-01T00:00:00Z';
    case 'JSON':
      return {};
    default:
      throw new Error(`No sample value for ${String(type)} (${name}): teach the test this scalar`);
  }
}

/** `operation($a: T!) { field(a: $a) { __typename } }` with the required arguments only. */
function callOf(operation: 'query' | 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>, target: string) {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const defs = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const query = `${operation}${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
  const variables = Object.fromEntries(required.map((a) => [a.name, sample(a.type, a.name, target)]));
  return { query, variables };
}

function codesOf(r: GraphQLResponse): string[] {
  return (r.errors ?? []).map((e) => String(e.extensions?.code));
}

describe('roles', () => {
  let api: ApiServer;
  let served: GraphQLSchema;
  let committed: GraphQLSchema;
  /** A vendor with a report, an exception and a subservice organization: detail to be refused. */
  const fx = { org: '', sub: '', report: '' };
  const auth = (role: Role, subject = `e2e-${role.toLowerCase()}`) => ({ authorization: `Bearer ${api.token(role, 'default', subject)}` });

  beforeAll(async () => {
    api = await startApi();
    served = buildSchema(readFileSync(join(api.dataDir, 'schema.gql'), 'utf8'));
    committed = buildSchema(readFileSync(join(__dirname, '..', 'schema.gql'), 'utf8'));
    fx.org = await registerOrg(api, { name: 'Roles Vendor' });
    fx.report = await acceptedReport(api, fx.org);
    const r = await mutate(api, 'recordException', exceptionInput(fx.org), 'revision');
    expect(r.errors).toBeUndefined();
    fx.sub = await registerOrg(api, { name: 'Roles Subservice', role: 'SUBSERVICE', parentOrganizationId: fx.org, inclusionMethod: 'CARVE_OUT' });
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  const rootFields = (schema: GraphQLSchema) =>
    (['Query', 'Mutation', 'Subscription'] as const).flatMap((t) => {
      const type = schema.getType(t) as GraphQLObjectType | undefined;
      return type ? Object.keys(type.getFields()).map((f) => `${t}.${f}`) : [];
    });

  it('classifies every root field and every Organization field of schema.gql and of the served schema', () => {
    const roots = [...new Set([...rootFields(committed), ...rootFields(served)])];
    expect(roots.filter((f) => !(f in ROOT_RULES))).toEqual([]);
    expect(Object.keys(ROOT_RULES).filter((f) => !roots.includes(f))).toEqual([]);
    const orgFields = [
      ...new Set([served, committed].flatMap((s) => Object.keys((s.getType('Organization') as GraphQLObjectType).getFields()))),
    ];
    expect(orgFields.filter((f) => !(f in ORGANIZATION_RULES))).toEqual([]);
  });

  describe('every root query and mutation, for every role', () => {
    type Row = [field: string, role: Role, allowed: boolean];
    const rows = (): Row[] =>
      Object.entries(ROOT_RULES)
        .filter(([f]) => !f.startsWith('Subscription.'))
        .flatMap(([f, roles]) => ROLES.map((role): Row => [f, role, roles.includes(role)]));

    it('answers FORBIDDEN exactly where the rule says, and data or a domain error elsewhere', async () => {
      const mark = api.output.length;
      const headBefore = BigInt((await api.health()).store.headPosition) - sealedCheckpoints();
      const outcomes = await inBatches(rows(), 8, async ([name, role, allowed]) => {
        const [typeName, fieldName] = name.split('.') as ['Query' | 'Mutation', string];
        const field = (served.getType(typeName) as GraphQLObjectType).getFields()[fieldName];
        if (!field) return { name, role, verdict: 'missing from the served schema' };
        // Queries ask about a real organization; mutations about none, so that allowed ones
        // answer NOT_FOUND and write nothing (registerOrganization and rebuildReadModels aside).
        const target = typeName === 'Query' ? fx.org : uid('no-such-org');
        const { query, variables } = callOf(typeName === 'Query' ? 'query' : 'mutation', field, target);
        const r = await api.gql(query, variables, auth(role, `walk-${role.toLowerCase()}`));
        const codes = codesOf(r);
        let verdict: string;
        if (codes.includes('FORBIDDEN')) {
          const e = r.errors!.find((x) => x.extensions?.code === 'FORBIDDEN')!;
          verdict = codes.length === 1 && e.path?.join('.') === fieldName && (r.data?.[fieldName] ?? null) === null ? 'FORBIDDEN' : `FORBIDDEN, oddly: ${JSON.stringify(r)}`;
        } else if (codes.length === 0 && r.data?.[fieldName] !== undefined && r.data?.[fieldName] !== null) {
          verdict = 'allowed';
        } else if (codes.length === 1 && DOMAIN_CODES.includes(codes[0]!)) {
          verdict = 'allowed';
        } else {
          verdict = `unexpected: ${JSON.stringify(r.errors ?? r.data).slice(0, 300)}`;
        }
        return { name, role, verdict };
      });
      const got = outcomes.map((o) => `${o.name} ${o.role}: ${o.verdict}`);
      const want = rows().map(([name, role, allowed]) => `${name} ${role}: ${allowed ? 'allowed' : 'FORBIDDEN'}`);
      expect(got).toEqual(want);
      // Refusals wrote nothing: each of ADMIN and ANALYST registered one organization, and
      // every other allowed mutation named no organization (NOT_FOUND). An evidence pack seals
      // what it holds (a ledger checkpoint, not an organization event): those are not counted.
      // vetServiceAuditor names no organization either: it records a tenant-wide fact.
      const writers = ['Mutation.registerOrganization', 'Mutation.vetServiceAuditor'];
      const registered = outcomes.filter((o) => writers.includes(o.name) && o.verdict === 'allowed').length;
      expect(BigInt((await api.health()).store.headPosition) - sealedCheckpoints() - headBefore).toBe(BigInt(registered));
      // No rebuild was started: rebuildReadModels is refused to every tenant role (operator only).
      expect(api.output.slice(mark).join('')).not.toMatch(/Read models rebuilt/);
    }, 60_000);
  });

  /** Ledger checkpoints in the store: writes of the ledger itself, not of any caller. */
  function sealedCheckpoints(): bigint {
    const db = new Database(join(api.dataDir, 'events.db'), { readonly: true });
    const n = (db.prepare("SELECT count(*) AS n FROM events WHERE stream_id = 'ledger-checkpoints'").get() as { n: number }).n;
    db.close();
    return BigInt(n);
  }

  describe('every Organization field, for every role', () => {
    it('refuses history detail to VIEWER only, field by field', async () => {
      const org = served.getType('Organization') as GraphQLObjectType;
      const cases = Object.values(org.getFields()).flatMap((f) => ROLES.map((role) => ({ f, role })));
      const outcomes = await inBatches(cases, 10, async ({ f, role }) => {
        const selection = isLeafType(getNamedType(f.type)) ? f.name : `${f.name} { __typename }`;
        const r = await api.gql(`query($id: ID!) { organization(id: $id) { id ${selection} } }`, { id: fx.org }, auth(role));
        const forbidden = (r.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN');
        if (forbidden.length > 0) {
          const ok = r.errors!.length === 1 && forbidden[0]!.path?.join('.') === `organization.${f.name}`;
          return `${f.name} ${role}: ${ok ? 'FORBIDDEN' : JSON.stringify(r.errors)}`;
        }
        return `${f.name} ${role}: ${r.errors ? JSON.stringify(r.errors) : r.data?.organization?.id === fx.org ? 'allowed' : 'no data'}`;
      });
      const want = cases.map(({ f, role }) => `${f.name} ${role}: ${(ORGANIZATION_RULES[f.name] ?? []).includes(role) ? 'allowed' : 'FORBIDDEN'}`);
      expect(outcomes).toEqual(want);
    }, 60_000);

    it('VIEWER gets FORBIDDEN on the detail and data on the status, in the same query', async () => {
      const r = await api.gql(
        `query($id: ID!) {
          organization(id: $id) { name assurance { status reasons { code } } currentReport { reportId } }
          detail: organization(id: $id) { name reports { reportId } }
        }`,
        { id: fx.org },
        auth('VIEWER'),
      );
      // Partial data: the status is there, the nullable detail is null…
      expect(r.data?.organization).toMatchObject({ name: 'Roles Vendor', assurance: { status: expect.any(String) }, currentReport: null });
      // …and a refused detail list is null on its own: the organization around it stays.
      expect(r.data?.detail).toEqual({ name: 'Roles Vendor', reports: null });
      expect(r.errors?.map((e) => [e.extensions?.code, e.path?.join('.')]).sort()).toEqual([
        ['FORBIDDEN', 'detail.reports'],
        ['FORBIDDEN', 'organization.currentReport'],
      ]);
      // The same query as AUDITOR: everything.
      const audit = await api.gql(`query($id: ID!) { organization(id: $id) { currentReport { reportId } reports { reportId } } }`, { id: fx.org }, auth('AUDITOR'));
      expect(audit.errors).toBeUndefined();
      expect(audit.data.organization.currentReport.reportId).toBe(fx.report);
    });

    it('VIEWER cannot reach detail through a subservice organization, a connection, or the past', async () => {
      const viaParent = await api.gql(`query($id: ID!) { organization(id: $id) { parent { name exceptions { exceptionId } } } }`, { id: fx.sub }, auth('VIEWER'));
      expect(codesOf(viaParent)).toEqual(['FORBIDDEN']);
      const viaChildren = await api.gql(`query($id: ID!) { organization(id: $id) { subserviceOrganizations { sites { siteId } } } }`, { id: fx.org }, auth('VIEWER'));
      expect(codesOf(viaChildren)).toEqual(['FORBIDDEN']);
      const viaConnection = await api.gql('{ organizations(first: 5) { edges { node { name policy { maxReportAgeMonths } } } } }', {}, auth('VIEWER'));
      expect(codesOf(viaConnection).every((c) => c === 'FORBIDDEN')).toBe(true);
      expect(codesOf(viaConnection).length).toBeGreaterThan(0);
      const viaSummary = await api.gql('{ portfolioSummary(expiringWithinDays: 3650) { expiringSoon { name reports { reportId } } } }', {}, auth('VIEWER'));
      expect(codesOf(viaSummary).every((c) => c === 'FORBIDDEN')).toBe(true);
      for (const args of ['asOf: "2026-03-01T00:00:00Z"', 'knownAt: "2026-03-01T00:00:00Z"']) {
        const past = await api.gql(`query($id: ID!) { organization(id: $id, ${args}) { name } }`, { id: fx.org }, auth('VIEWER'));
        expect(codesOf(past)).toEqual(['FORBIDDEN']);
        expect(past.data?.organization ?? null).toBeNull();
        const pastList = await api.gql(`{ organizations(first: 5, ${args}) { totalCount } }`, {}, auth('VIEWER'));
        expect(codesOf(pastList)).toEqual(['FORBIDDEN']);
      }
      // The same past as AUDITOR answers.
      const audit = await api.gql(`query($id: ID!) { organization(id: $id, knownAt: "2027-01-01T00:00:00Z") { name } }`, { id: fx.org }, auth('AUDITOR'));
      expect(audit.errors).toBeUndefined();
    });
  });

  describe('subscriptions over WebSocket, for every role', () => {
    const open: Subscriber[] = [];
    afterAll(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    function subscribeAs(role: Role, query: string): Subscriber {
      const s = new Subscriber(api.wsUrl, query, {}, wsAuth(role, 'default'));
      open.push(s);
      return s;
    }

    it('a denied subscription errors, an allowed one receives', async () => {
      const subs = Object.entries(ROOT_RULES)
        .filter(([f]) => f.startsWith('Subscription.'))
        .flatMap(([f, roles]) =>
          ROLES.map((role) => {
            const field = f.split('.')[1]!;
            const selections: Record<string, string> = { oversightEventRecorded: 'eventId type actor { id role }', ledgerSealing: 'state reason' };
            const selection = selections[field] ?? 'organizationId status';
            return { field, role, allowed: roles.includes(role), sub: subscribeAs(role, `subscription { ${field} { ${selection} } }`) };
          }),
        );
      // Denied ones are refused at once, with FORBIDDEN.
      await until(() => subs.filter((s) => !s.allowed).every((s) => s.sub.errors.length > 0), 5000, 'the denied subscriptions to error');
      // Allowed ones receive: a new organization (a status, and an event) until all have.
      const deadline = Date.now() + 10_000;
      while (!subs.filter((s) => s.allowed).every((s) => s.sub.received.length > 0)) {
        if (Date.now() > deadline) break;
        await mutate(api, 'registerOrganization', orgInput({ name: 'Subscription probe' }), 'organizationId');
        await new Promise((r) => setTimeout(r, 150));
      }
      const outcome = subs.map((s) => {
        const errors = JSON.stringify(s.sub.errors);
        const state = s.sub.errors.length > 0 ? (errors.includes('FORBIDDEN') ? 'FORBIDDEN' : `error ${errors}`) : s.sub.received.length > 0 ? 'received' : 'nothing';
        return `${s.field} ${s.role}: ${state}`;
      });
      expect(outcome).toEqual(subs.map((s) => `${s.field} ${s.role}: ${s.allowed ? 'received' : 'FORBIDDEN'}`));
      // The refused ones never received anything, later either.
      expect(subs.filter((s) => !s.allowed).every((s) => s.sub.received.length === 0)).toBe(true);
    }, 30_000);
  });

  describe('for every role, an allowed and a denied operation of each kind (where the model has one)', () => {
    const ops = {
      queryOrganizations: '{ organizations(first: 1) { totalCount } }',
      queryHistory: (id: string) => `{ oversightHistory(organizationId: "${id}", first: 1) { totalCount } }`,
      recordSite: (id: string) => `mutation { registerSite(input: { organizationId: "${id}", name: "Site ${uid('s')}", country: "DE" }) { revision } }`,
      setPolicy: (id: string) => `mutation { setAssurancePolicy(input: { organizationId: "${id}", expiryWarningDays: 45 }) { revision } }`,
    };
    it.each<[Role, Array<[string, string, 'data' | 'FORBIDDEN']>]>([
      ['ADMIN', [['query', 'history', 'data'], ['mutation', 'policy', 'data']]],
      ['ANALYST', [['query', 'history', 'data'], ['mutation', 'site', 'data'], ['mutation', 'policy', 'FORBIDDEN']]],
      ['AUDITOR', [['query', 'history', 'data'], ['mutation', 'site', 'FORBIDDEN'], ['mutation', 'policy', 'FORBIDDEN']]],
      ['VIEWER', [['query', 'organizations', 'data'], ['query', 'history', 'FORBIDDEN'], ['mutation', 'site', 'FORBIDDEN']]],
    ])('%s', async (role, expectations) => {
      for (const [, what, expected] of expectations) {
        const query = what === 'history' ? ops.queryHistory(fx.org) : what === 'organizations' ? ops.queryOrganizations : what === 'site' ? ops.recordSite(fx.org) : ops.setPolicy(fx.org);
        const r = await api.gql(query, {}, auth(role));
        expect([what, r.errors ? codesOf(r).join(',') : 'data']).toEqual([what, expected]);
      }
    });
  });

  describe('the actor of every event is the token\'s subject and role', () => {
    const historyOf = async (id: string) => {
      const r = await api.gql(
        `query($id: ID!) { oversightHistory(organizationId: $id, first: 100, oldestFirst: true) { edges { node { type actor { id role } tenantId } } } }`,
        { id },
        auth('AUDITOR'),
      );
      expect(r.errors).toBeUndefined();
      return r.data.oversightHistory.edges.map((e: any) => e.node);
    };

    it('records who did it, from the token only', async () => {
      const id = uid('actor-org');
      const asAlice = { authorization: `Bearer ${api.token('analyst', 'default', 'alice@example.com')}` };
      const asRoot = { authorization: `Bearer ${api.token('ADMIN', 'default', 'root-admin')}` };
      const run = async (headers: Record<string, string>, mutation: string, input: Record<string, unknown>) => {
        const type = mutation.charAt(0).toUpperCase() + mutation.slice(1) + 'Input';
        const r = await api.gql(`mutation($input: ${type}!) { ${mutation}(input: $input) { revision } }`, { input }, headers);
        expect(r.errors).toBeUndefined();
      };
      // Headers a proxy might be trusted for are not trusted here.
      const spoof = { 'x-actor': 'mallory', 'x-user-id': 'mallory', 'x-forwarded-user': 'mallory', 'x-role': 'ADMIN', 'x-tenant-id': 'evil' };
      await run({ ...asAlice, ...spoof }, 'registerOrganization', orgInput({ id, name: 'Actor Vendor' }));
      await run({ ...asAlice, ...spoof }, 'recordException', exceptionInput(id));
      await run(asRoot, 'setAssurancePolicy', { organizationId: id, expiryWarningDays: 30 });
      const events = await historyOf(id);
      expect(events.map((e: any) => [e.type, e.actor.id, e.actor.role, e.tenantId])).toEqual([
        ['OrganizationRegistered', 'alice@example.com', 'ANALYST', 'default'],
        ['ExceptionFound', 'alice@example.com', 'ANALYST', 'default'],
        [expect.any(String), 'root-admin', 'ADMIN', 'default'],
      ]);
    });

    it('refuses an actor, a tenant or metadata in the input, and records nothing', async () => {
      const id = uid('forged-org');
      const before = BigInt((await api.health()).store.headPosition);
      const forged: Array<Record<string, unknown>> = [
        { actor: { id: 'mallory', role: 'ADMIN' } },
        { actorId: 'mallory' },
        { tenantId: 'other' },
        { metadata: { actor: { id: 'mallory', role: 'ADMIN' } } },
        { correlationId: 'forged', causationId: 'forged' },
        { recordedAt: '2020-01-01T00:00:00Z' },
      ];
      for (const extra of forged) {
        const r = await mutate(api, 'registerOrganization', { ...orgInput({ id }), ...extra }, 'organizationId');
        // One error per forged field.
        expect(codesOf(r)).toEqual(Object.keys(extra).map(() => 'BAD_USER_INPUT'));
        for (const e of r.errors!) expect(e.message).toMatch(/is not defined by type "RegisterOrganizationInput"/);
        expect(r.data?.registerOrganization ?? null).toBeNull();
      }
      // Inline, too: refused by validation.
      const inline = await api.gql(`mutation { registerOrganization(input: { id: "${id}", name: "F", role: VENDOR, category: SAAS, criticality: LOW, actor: { id: "mallory", role: "ADMIN" } }) { organizationId } }`);
      expect(codesOf(inline)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(BigInt((await api.health()).store.headPosition)).toBe(before);
      expect((await api.gql(`query($id: ID!) { organization(id: $id) { id } }`, { id })).data.organization).toBeNull();
    });

    it('a replayed commandId by another subject records nothing and keeps the first actor', async () => {
      const id = uid('replay-org');
      const input = orgInput({ id, commandId: uid('cmd') });
      const asAlice = { authorization: `Bearer ${api.token('ANALYST', 'default', 'alice@example.com')}` };
      const asBob = { authorization: `Bearer ${api.token('ADMIN', 'default', 'bob@example.com')}` };
      const q = 'mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { replayed } }';
      expect((await api.gql(q, { input }, asAlice)).data.registerOrganization.replayed).toBe(false);
      expect((await api.gql(q, { input }, asBob)).data.registerOrganization.replayed).toBe(true);
      expect((await historyOf(id)).map((e: any) => e.actor.id)).toEqual(['alice@example.com']);
    });
  });
});
