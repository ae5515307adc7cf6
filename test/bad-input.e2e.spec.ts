import type { ApiServer, GraphQLResponse } from './support/api-server';
import {
  acceptedReport,
  exceptionInput,
  headPosition,
  mutate,
  orgInput,
  registerOrg,
  reportInput,
  startApi,
  uid,
  type GqlError,
} from './support/e2e-fixtures';

/**
 * Every refusal answers with a stable `extensions.code` (and rule or field where there is one),
 * writes nothing at all, and never leaks internals.
 */
describe('bad input', () => {
  let api: ApiServer;
  /** Ids made in beforeAll; the case tables read them lazily. */
  const fx = { org: '', offboarded: '', unknown: '', report: 'rep-1', openExc: 'open-1', closedExc: 'closed-1' };
  const seen: GqlError[] = [];
  let headBefore: bigint;

  beforeAll(async () => {
    api = await startApi();
    fx.org = await registerOrg(api, { name: 'Bad Input Target' });
    await acceptedReport(api, fx.org, { reportId: fx.report });
    await mutate(api, 'recordException', exceptionInput(fx.org, { exceptionId: fx.openExc }), 'revision');
    await mutate(api, 'recordException', exceptionInput(fx.org, { exceptionId: fx.closedExc }), 'revision');
    await mutate(api, 'closeRemediation', { organizationId: fx.org, exceptionId: fx.closedExc, resolution: 'Fixed' }, 'revision');
    fx.offboarded = await registerOrg(api, { name: 'Gone Vendor' });
    await acceptedReport(api, fx.offboarded, { reportId: fx.report });
    await mutate(api, 'recordException', exceptionInput(fx.offboarded, { exceptionId: fx.openExc }), 'revision');
    const off = await mutate(api, 'offboardOrganization', { organizationId: fx.offboarded, reason: 'Contract ended' }, 'revision');
    expect(off.errors).toBeUndefined();
    fx.unknown = uid('never-registered');
    headBefore = await headPosition(api);
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  type Expected = { code: string; rule?: string; field?: string; message?: RegExp };
  type Case = [name: string, send: () => Promise<GraphQLResponse<any>>, expected: Expected];

  /** Sends, expects exactly one error like `expected`, and checks nothing was written. */
  async function refused(send: () => Promise<GraphQLResponse<any>>, expected: Expected): Promise<GqlError> {
    const r = await send();
    expect(r.errors).toBeDefined();
    expect(r.errors).toHaveLength(1);
    const error = r.errors![0]!;
    seen.push(error);
    expect(error.extensions?.code).toBe(expected.code);
    if (expected.rule) expect(error.extensions?.rule).toBe(expected.rule);
    if (expected.field) expect(error.extensions?.field).toBe(expected.field);
    if (expected.message) expect(error.message).toMatch(expected.message);
    // A refused mutation answers no data for it.
    expect(r.data?.[Object.keys(r.data ?? {})[0] ?? ''] ?? null).toBeNull();
    expect(await headPosition(api)).toBe(headBefore);
    return error;
  }

  const m = (mutation: string, input: () => Record<string, unknown>) => () => mutate(api, mutation, input());
  const gq = (query: string, variables: () => Record<string, unknown> = () => ({})) => () => api.gql(query, variables());
  const bad = (field?: string, message?: RegExp): Expected => ({ code: 'BAD_USER_INPUT', field, message });
  const rule = (name: string): Expected => ({ code: 'DOMAIN_RULE_VIOLATION', rule: name });
  const notFound = (name?: string): Expected => ({ code: 'NOT_FOUND', rule: name });
  const cursor = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

  describe('malformed scalars', () => {
    const badDates = ['2026-13-01', '2026-02-30', 'yesterday', '2026-1-1', '2026-02-29', '20260301', ''];
    const dateFields: Array<[string, string, (d: string) => Record<string, unknown>]> = [
      ['recordReportReceived', 'periodEnd', (d) => reportInput(fx.org, { periodEnd: d })],
      ['planRemediation', 'dueDate', (d) => ({ organizationId: fx.org, exceptionId: fx.openExc, owner: 'o', plan: 'p', dueDate: d })],
      ['recordPhysicalEnvironmentalValidation', 'validatedOn', (d) => ({
        organizationId: fx.org, areas: ['CCTV'], method: 'SITE_VISIT', result: 'EFFECTIVE', validatedOn: d,
      })],
      ['acceptRisk', 'expiresAt', (d) => ({ organizationId: fx.org, exceptionId: fx.openExc, acceptedBy: 'a', rationale: 'r', expiresAt: d })],
      ['recordBridgeLetter', 'coversTo', (d) => ({ organizationId: fx.org, reportId: fx.report, coversFrom: '2026-01-01', coversTo: d })],
    ];
    // A date of the right shape that is no day of the calendar is told so.
    const notCalendar = new Set(['2026-13-01', '2026-02-30', '2026-02-29']);
    const dateMessage = (d: string) => (notCalendar.has(d) ? new RegExp(`${d} is not a calendar date`) : /Date must look like/);
    const cases: Case[] = dateFields.flatMap(([mutation, field, input]) =>
      badDates.map((d): Case => [`${mutation}.${field} = ${JSON.stringify(d)}`, m(mutation, () => input(d)), bad(`input.${field}`, dateMessage(d))]),
    );
    it.each(cases)('Date %s → BAD_USER_INPUT', async (_name, send, expected) => {
      await refused(send, expected);
    });

    it('a malformed Date literal in the document is refused before execution', async () => {
      // graphql-js rejects a literal during validation; Apollo answers GRAPHQL_VALIDATION_FAILED.
      const r = await api.gql(`mutation { planRemediation(input: { organizationId: "${fx.org}", exceptionId: "${fx.openExc}",
        owner: "o", plan: "p", dueDate: "2026-02-30" }) { revision } }`);
      expect(r.errors).toHaveLength(1);
      seen.push(r.errors![0]!);
      // The scalar's own code survives Apollo's validation wrapper (formatError restores it).
      expect(r.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.extensions?.field).toBe('input.dueDate');
      expect(r.errors![0]!.message).toMatch(/2026-02-30 is not a calendar date/);
      expect(await headPosition(api)).toBe(headBefore);
    });

    const badInstants = ['2026-03-01', '2026-03-01T10:00:00', '2026-03-01 10:00:00Z', 'now', '2026-02-30T10:00:00Z', '2026-03-01T25:00:00Z'];
    it.each(badInstants)('effectiveAt %j → BAD_USER_INPUT', async (at) => {
      const message = at.startsWith('2026-02-30') ? /2026-02-30 is not a calendar date/ : /DateTime must look like/;
      await refused(m('recordException', () => exceptionInput(fx.org, { effectiveAt: at })), bad('input.effectiveAt', message));
    });

    const badEnums: Case[] = [
      ['criticality', m('registerOrganization', () => orgInput({ criticality: 'SUPER_CRITICAL' })), bad('input.criticality', /Criticality/)],
      ['category', m('registerOrganization', () => orgInput({ category: 'BANK' })), bad('input.category', /OrganizationCategory/)],
      ['role, lower case', m('registerOrganization', () => orgInput({ role: 'vendor' })), bad('input.role', /OrganizationRole/)],
      ['severity', m('recordException', () => exceptionInput(fx.org, { severity: 'EXTREME' })), bad('input.severity', /Criticality/)],
      ['review decision', m('concludeReportReview', () => ({ organizationId: fx.org, reportId: fx.report, decision: 'MAYBE', reviewer: 'r' })), bad('input.decision', /ReviewDecision/)],
      ['framework', m('recordReportReceived', () => reportInput(fx.org, { framework: 'SOC4' })), bad('input.framework', /Framework/)],
      ['criterion in a list', m('recordReportReceived', () => reportInput(fx.org, { criteria: ['SECURITY', 'SPEED'] })), bad('input.criteria.1', /TrustServicesCriterion/)],
      ['physical area', m('recordPhysicalEnvironmentalValidation', () => ({
        organizationId: fx.org, areas: ['LOGICAL_ACCESS'], method: 'SITE_VISIT', result: 'EFFECTIVE', validatedOn: '2026-02-01',
      })), bad('input.areas.0', /PhysicalArea/)],
    ];
    it.each(badEnums)('unknown enum value: %s → BAD_USER_INPUT', async (_name, send, expected) => {
      await refused(send, expected);
    });

    it('refuses an unknown enum value in a query filter too', async () => {
      await refused(gq(`query($s: [AssuranceStatus!]) { organizations(filter: { status: $s }) { totalCount } }`, () => ({ s: ['GREEN'] })), bad('s.0'));
    });
  });

  describe('free text, ids and sizes', () => {
    const cases: Case[] = [
      ['empty name', m('registerOrganization', () => orgInput({ name: '' })), bad('input.name', /must not be empty/)],
      ['whitespace name', m('registerOrganization', () => orgInput({ name: '   \t\n ' })), bad('input.name', /must not be empty/)],
      ['whitespace name on update', m('updateOrganizationProfile', () => ({ organizationId: fx.org, name: '   ' })), bad('input.name')],
      ['name of 10,000 characters', m('registerOrganization', () => orgInput({ name: 'N'.repeat(10_000) })), bad('input.name', /at most 200/)],
      ['description of 100,000 characters', m('recordException', () => exceptionInput(fx.org, { description: 'D'.repeat(100_000) })), bad('input.description', /at most 4000/)],
      ['1,000 services', m('registerOrganization', () => orgInput({ services: Array.from({ length: 1000 }, (_, i) => `svc-${i}`) })), bad('input.services', /at most 500 items/)],
      ['an empty service', m('registerOrganization', () => orgInput({ services: ['ok', ' '] })), bad('input.services.1')],
      ['an id with spaces', m('registerOrganization', () => orgInput({ id: 'has spaces' })), bad('input.id')],
      ['an id of 1,000 characters', m('registerOrganization', () => orgInput({ id: 'i'.repeat(1000) })), bad('input.id')],
      ['a commandId with a slash', m('recordException', () => exceptionInput(fx.org, { commandId: 'a/b' })), bad('input.commandId')],
      ['1,000 expected controls', m('defineExpectedControls', () => ({
        organizationId: fx.org,
        controls: Array.from({ length: 1000 }, (_, i) => ({ ref: `C${i}`, description: 'd', domain: 'x', risk: 'LOW' })),
      })), bad('input.controls')],
    ];
    it.each(cases)('%s → BAD_USER_INPUT', async (_name, send, expected) => {
      await refused(send, expected);
    });

    it.each(['abc', '1.5', '-2', '01', '', ' 1', '99999999999999999999'])('expectedRevision %j → BAD_USER_INPUT', async (rev) => {
      await refused(m('recordException', () => exceptionInput(fx.org, { expectedRevision: rev })), bad('input.expectedRevision'));
    });
  });

  describe('domain rules', () => {
    const cases: Case[] = [
      ['period end before start', m('recordReportReceived', () => reportInput(fx.org, { periodStart: '2025-06-01', periodEnd: '2025-05-31' })), rule('PERIOD_END_BEFORE_START')],
      ['Type 2 without a period', m('recordReportReceived', () => reportInput(fx.org, { periodStart: null, periodEnd: null })), rule('TYPE_2_REQUIRES_PERIOD')],
      ['Type 2 with only a start', m('recordReportReceived', () => reportInput(fx.org, { periodEnd: null })), rule('TYPE_2_REQUIRES_PERIOD')],
      ['review of an unknown report', m('concludeReportReview', () => ({ organizationId: fx.org, reportId: 'no-such-report', decision: 'ACCEPTED', reviewer: 'r' })), notFound('REPORT_NOT_FOUND')],
      ['closing an unknown exception', m('closeRemediation', () => ({ organizationId: fx.org, exceptionId: 'no-such-exception', resolution: 'x' })), notFound('EXCEPTION_NOT_FOUND')],
      ['closing an exception twice', m('closeRemediation', () => ({ organizationId: fx.org, exceptionId: fx.closedExc, resolution: 'again' })), rule('EXCEPTION_ALREADY_CLOSED')],
      ['bridge letter not starting at the coverage end', m('recordBridgeLetter', () => ({ organizationId: fx.org, reportId: fx.report, coversFrom: '2026-01-15', coversTo: '2026-02-28' })), rule('BRIDGE_MUST_START_AT_COVERAGE_END')],
      ['bridge letter starting before the coverage end', m('recordBridgeLetter', () => ({ organizationId: fx.org, reportId: fx.report, coversFrom: '2025-12-30', coversTo: '2026-02-28' })), rule('BRIDGE_MUST_START_AT_COVERAGE_END')],
      ['effectiveAt in the future', m('recordException', () => exceptionInput(fx.org, { effectiveAt: '2026-03-05T00:00:00Z' })), rule('EFFECTIVE_AT_IN_FUTURE')],
      ['effectiveAt years ahead', m('registerOrganization', () => orgInput({ effectiveAt: '2030-01-01T00:00:00Z' })), rule('EFFECTIVE_AT_IN_FUTURE')],
      ['registering an id twice', m('registerOrganization', () => orgInput({ id: fx.org })), rule('ORGANIZATION_ALREADY_REGISTERED')],
    ];
    it.each(cases)('%s', async (_name, send, expected) => {
      await refused(send, expected);
    });

    const commands: Array<[string, (id: string) => Record<string, unknown>]> = [
      ['updateOrganizationProfile', (id) => ({ organizationId: id, owner: 'x@example.com' })],
      ['registerSite', (id) => ({ organizationId: id, name: 'Site', country: 'US' })],
      ['setAssurancePolicy', (id) => ({ organizationId: id, requiredFramework: 'SOC2' })],
      ['defineExpectedControls', (id) => ({ organizationId: id, controls: [{ ref: 'CC1', description: 'd', domain: 'x', risk: 'HIGH' }] })],
      ['recordReportReceived', (id) => reportInput(id)],
      ['concludeReportReview', (id) => ({ organizationId: id, reportId: fx.report, decision: 'REJECTED', reviewer: 'r' })],
      ['recordException', (id) => exceptionInput(id)],
      ['planRemediation', (id) => ({ organizationId: id, exceptionId: fx.openExc, owner: 'o', plan: 'p', dueDate: '2026-04-01' })],
      ['closeRemediation', (id) => ({ organizationId: id, exceptionId: fx.openExc, resolution: 'r' })],
      ['acceptRisk', (id) => ({ organizationId: id, exceptionId: fx.openExc, acceptedBy: 'a', rationale: 'r' })],
      ['recordOperationalControlsValidation', (id) => ({ organizationId: id, areas: ['LOGICAL_ACCESS'], method: 'REMOTE_EVIDENCE', result: 'EFFECTIVE', validatedOn: '2026-02-01' })],
      ['offboardOrganization', (id) => ({ organizationId: id, reason: 'r' })],
    ];
    it.each(commands)('%s on an unknown organization → NOT_FOUND', async (mutation, input) => {
      await refused(m(mutation, () => input(fx.unknown)), notFound('ORGANIZATION_NOT_FOUND'));
    });
    it.each(commands)('%s after offboarding → ORGANIZATION_OFFBOARDED', async (mutation, input) => {
      await refused(m(mutation, () => input(fx.offboarded)), rule('ORGANIZATION_OFFBOARDED'));
    });
    it('registering an offboarded id again → ORGANIZATION_OFFBOARDED', async () => {
      await refused(m('registerOrganization', () => orgInput({ id: fx.offboarded })), rule('ORGANIZATION_OFFBOARDED'));
    });
    it('queries about an unknown organization answer NOT_FOUND (or null for the organization itself)', async () => {
      await refused(gq(`query($id: ID!) { oversightHistory(organizationId: $id) { totalCount } }`, () => ({ id: fx.unknown })), notFound());
      await refused(gq(`query($id: ID!) { controlCoverage(organizationId: $id) { expectedCount } }`, () => ({ id: fx.unknown })), notFound());
      expect(await api.ok(`query($id: ID!) { organization(id: $id) { id } }`, { id: fx.unknown })).toEqual({ organization: null });
    });
  });

  describe('paging arguments', () => {
    const lists: Array<[string, string]> = [
      ['organizations', `query($first: Int, $after: String) { organizations(first: $first, after: $after) { totalCount } }`],
      ['exceptions', `query($first: Int, $after: String) { exceptions(first: $first, after: $after) { totalCount } }`],
      ['oversightHistory', `query($first: Int, $after: String, $id: ID!) { oversightHistory(organizationId: $id, first: $first, after: $after) { totalCount } }`],
    ];
    const sizes = lists.flatMap(([name, query]) => [0, 101, -5, 1_000_000].map((first): [string, number, string] => [name, first, query]));
    it.each(sizes)('%s(first: %d) → BAD_USER_INPUT', async (_name, first, query) => {
      await refused(gq(query, () => ({ first, id: fx.org })), bad('first'));
    });

    // Every one of these is "not a cursor this API issued": not base64 JSON, not an array, the
    // wrong number of keys, or keys of the wrong types.
    const garbage: Array<[string, string]> = [
      ['not base64', 'garbage'],
      ['punctuation', '!!!'],
      ['an object', cursor({ a: 1 })],
      ['one string key', cursor(['only-one'])],
      ['two non-scalar keys', cursor([{}, []])],
      ['two number keys', cursor([1, 2])],
      ['four keys of the wrong types', cursor([{}, [], null, 1])],
      ['a non-numeric revision', cursor(['abc'])],
    ];
    const cursors = lists.flatMap(([name, query]) => garbage.map(([label, after]): [string, string, string, string] => [name, label, after, query]));
    it.each(cursors)('%s(after: %s) → BAD_USER_INPUT', async (_name, _label, after, query) => {
      await refused(gq(query, () => ({ after, id: fx.org })), bad('after'));
    });

    it('portfolioSummary(expiringWithinDays) outside 0..3650 is refused', async () => {
      await refused(gq(`{ portfolioSummary(expiringWithinDays: -1) { total } }`), bad('expiringWithinDays'));
      await refused(gq(`{ portfolioSummary(expiringWithinDays: 3651) { total } }`), bad('expiringWithinDays'));
    });
  });

  describe('after the whole batch', () => {
    it('nothing was written by any refusal', async () => {
      expect(seen.length).toBeGreaterThan(100);
      expect(await headPosition(api)).toBe(headBefore);
      const history = await api.ok(`query($id: ID!) { oversightHistory(organizationId: $id, first: 100) { totalCount } }`, { id: fx.org });
      // registered, report received + reviewed, two exceptions found, one closed.
      expect(history.oversightHistory.totalCount).toBe(6);
      const health = await api.health();
      expect(health.status).toBe('ok');
    });

    it('the server logs each refusal as one info line with its code, never at error level or with a stack', async () => {
      const conflict = await mutate(api, 'recordException', exceptionInput(fx.org, { expectedRevision: '0' }), 'revision');
      expect(conflict.errors?.[0]?.extensions?.code).toBe('CONCURRENCY_CONFLICT');
      const lines = api.output.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>);
      const refusals = lines.filter((l) => typeof l.message === 'string' && l.message.startsWith('Refused '));
      expect(refusals.every((l) => l.level === 'log' && l.context === 'GraphQL' && l.stack === undefined && l.error === undefined)).toBe(true);
      const messages = refusals.map((l) => l.message as string);
      expect(messages).toContain('Refused recordException: CONCURRENCY_CONFLICT');
      expect(messages).toContain('Refused registerOrganization: DOMAIN_RULE_VIOLATION rule=ORGANIZATION_ALREADY_REGISTERED');
      expect(messages).toContain('Refused closeRemediation: NOT_FOUND rule=EXCEPTION_NOT_FOUND');
      expect(messages).toContain('Refused registerOrganization: BAD_USER_INPUT field=input.name');
      expect(lines.filter((l) => l.level === 'error')).toEqual([]);
      expect(api.output.join('')).not.toMatch(/\n\s+at |"stack"/);
    });

    it('every BAD_USER_INPUT names its field', async () => {
      const unnamed = seen.filter((e) => e.extensions?.code === 'BAD_USER_INPUT' && typeof e.extensions?.field !== 'string');
      expect(unnamed.map((e) => e.message)).toEqual([]);
    });

    it('no error carries a stack trace, and an unexpected error says nothing of the internals', async () => {
      for (const e of seen) {
        expect(e.extensions?.stacktrace).toBeUndefined();
        expect(JSON.stringify(e)).not.toMatch(/\n\s+at |node_modules|\.js:\d+|SQLite/);
        if (e.extensions?.code === 'INTERNAL_SERVER_ERROR') expect(e.message).toBe('Internal server error');
      }
      // A query that is not even GraphQL.
      const r = await api.gql(`{ organizations( }`);
      expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(r.errors?.[0]?.extensions?.stacktrace).toBeUndefined();
      // A field that does not exist.
      const v = await api.gql(`{ organizations { nope } }`);
      expect(v.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(v.errors?.[0]?.extensions?.stacktrace).toBeUndefined();
    });
  });
});
