import { createHmac } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { signHs256 } from '../apps/api/src/auth/jwt';
import { TEST_JWT_SECRET, type ApiServer } from './support/api-server';
import { headPosition, registerOrg, startApi, uid } from './support/e2e-fixtures';

/**
 * A corpus of hostile requests against the built server. Each is answered fast, with the right
 * HTTP status and error code, without internals, and none writes anything: the store's head is
 * the same afterwards and the server is healthy. A second server runs as in production
 * (NODE_ENV=production) with a low rate limit.
 */

// ---- requests ---------------------------------------------------------------------------------

interface Reply {
  status: number;
  contentType: string;
  text: string;
  body: any;
  ms: number;
}

interface Send {
  method?: string;
  /** Raw body; objects are JSON-encoded. */
  body?: unknown;
  /** `null`: no Authorization header; a string: that header; default: Bearer ADMIN of "default". */
  auth?: string | null;
  headers?: Record<string, string>;
  query?: string;
}

const secret = Buffer.from(TEST_JWT_SECRET);
const nowS = () => Math.floor(Date.now() / 1000);
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const claims = (over: Record<string, unknown> = {}) => ({ sub: 'mallory', role: 'ADMIN', tenant: 'default', iat: nowS(), exp: nowS() + 600, ...over });
const tokenWith = (over: Record<string, unknown> = {}) => signHs256(Object.fromEntries(Object.entries(claims(over)).filter(([, v]) => v !== undefined)), secret);
const repeat = (n: number, f: (i: number) => string, sep = ' ') => Array.from({ length: n }, (_, i) => f(i)).join(sep);

async function send(api: ApiServer, s: Send): Promise<Reply> {
  // A JSON content type by default on requests with a body (it alone satisfies CSRF prevention).
  const headers: Record<string, string> = { ...(s.body !== undefined ? { 'content-type': 'application/json' } : {}), ...s.headers };
  const auth = s.auth === undefined ? `Bearer ${api.token()}` : s.auth;
  if (auth !== null) headers.authorization = auth;
  const body = s.body === undefined ? undefined : typeof s.body === 'string' || s.body instanceof Uint8Array || s.body instanceof FormData ? s.body : JSON.stringify(s.body);
  if (s.body instanceof FormData) delete headers['content-type'];
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${api.port}/graphql${s.query ?? ''}`, {
    method: s.method ?? 'POST',
    headers,
    body: body as string | Uint8Array | FormData | undefined,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed: any = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: checked by the case
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body: parsed, ms };
}

/** One operation over graphql-ws: its first result, its error, or the socket being refused. */
async function overWebSocket(
  api: ApiServer,
  query: string,
  connectionParams: Record<string, unknown> | undefined,
  variables: Record<string, unknown> = {},
  waitMs = 2000,
): Promise<{ data?: any; errors?: any[]; closed?: { code: number; reason: string } }> {
  const client = createClient({ url: api.wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ errors: [{ message: `no answer within ${waitMs} ms` }] }), waitMs);
      client.subscribe(
        { query, variables },
        {
          next: (v) => {
            clearTimeout(timer);
            resolve(v.errors ? { errors: [...v.errors], data: v.data } : { data: v.data });
          },
          error: (e: unknown) => {
            clearTimeout(timer);
            if (Array.isArray(e)) resolve({ errors: e });
            else if (e && typeof e === 'object' && 'code' in e) {
              const close = e as { code: number; reason: string };
              resolve({ closed: { code: close.code, reason: close.reason } });
            }
            else resolve({ errors: [{ message: String(e) }] });
          },
          complete: () => undefined,
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

// ---- the corpus -------------------------------------------------------------------------------

interface Expected {
  status: number;
  /** An `extensions.code` that one of the errors must carry. */
  code?: string;
  message?: RegExp;
}

const unauthenticated: Expected = { status: 401, code: 'UNAUTHENTICATED' };
/**
 * Depth, aliases, directives and cost: documented as BAD_USER_INPUT (README "Hostile input",
 * query-limits.ts). Apollo re-codes validation-rule errors as GRAPHQL_VALIDATION_FAILED.
 */
const limit = (message: RegExp): Expected => ({ status: 400, code: 'BAD_USER_INPUT', message });
const invalid = (message?: RegExp): Expected => ({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message });
const badRequest = (message?: RegExp, status = 400): Expected => ({ status, code: 'BAD_REQUEST', message });
const badInput = (message?: RegExp, status = 200): Expected => ({ status, code: 'BAD_USER_INPUT', message });
const csrf = badRequest(/Cross-Site Request Forgery/);

/** `organization { parent { parent { … } } }`, `levels` parents deep. */
const parents = (levels: number) => {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = `parent { ${inner} }`;
  return inner;
};
const fragmentChain = (n: number, times: number) =>
  `{ ${repeat(times, () => '...F0')} }\n` + repeat(n, (i) => (i === n - 1 ? `fragment F${i} on Query { serverTime }` : `fragment F${i} on Query { ...F${i + 1} }`), '\n');

describe('hostile requests', () => {
  let api: ApiServer;
  const fx = { org: '' };
  let headBefore: bigint;
  const replies: Array<[string, Reply]> = [];

  beforeAll(async () => {
    api = await startApi();
    fx.org = await registerOrg(api, { name: 'Hostile Target' });
    headBefore = await headPosition(api);
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  const q = (query: string, variables?: Record<string, unknown>, extra: Partial<Send> = {}): Send => ({ body: { query, variables }, ...extra });
  const registerWith = (input: Record<string, unknown>): Send =>
    q('mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { organizationId } }', { input });
  const validOrg = () => ({ name: 'Forged', role: 'VENDOR', category: 'SAAS', criticality: 'LOW', id: uid('forged') });

  type Case = [name: string, request: () => Send, expected: Expected];
  const cases: Case[] = [
    // --- who is asking
    ['no Authorization header', () => q('{ serverTime }', undefined, { auth: null }), unauthenticated],
    ['an empty Authorization header', () => q('{ serverTime }', undefined, { auth: '' }), unauthenticated],
    ['"Bearer" and no token', () => q('{ serverTime }', undefined, { auth: 'Bearer ' }), unauthenticated],
    ['a valid token without the Bearer prefix', () => q('{ serverTime }', undefined, { auth: tokenWith() }), unauthenticated],
    ['Basic credentials', () => q('{ serverTime }', undefined, { auth: `Basic ${Buffer.from('admin:admin').toString('base64')}` }), unauthenticated],
    ['an expired token', () => q('{ serverTime }', undefined, { auth: `Bearer ${tokenWith({ iat: nowS() - 7200, exp: nowS() - 3600 })}` }), unauthenticated],
    ['a token with no exp', () => q('{ serverTime }', undefined, { auth: `Bearer ${tokenWith({ exp: undefined })}` }), unauthenticated],
    ['a token not valid yet (nbf in an hour)', () => q('{ serverTime }', undefined, { auth: `Bearer ${tokenWith({ nbf: nowS() + 3600 })}` }), unauthenticated],
    ['a token signed with the wrong secret', () => q('{ serverTime }', undefined, { auth: `Bearer ${signHs256(claims(), Buffer.from('wrong-secret-0123456789abcdefghijklmnopqr'))}` }), unauthenticated],
    ['alg none, no signature', () => q('{ serverTime }', undefined, { auth: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.` }), unauthenticated],
    ['alg none with a signature', () => q('{ serverTime }', undefined, { auth: `Bearer ${b64({ alg: 'none' })}.${b64(claims())}.${tokenWith().split('.')[2]}` }), unauthenticated],
    ['alg RS256 with an HMAC signature (algorithm confusion)', () => {
      const input = `${b64({ alg: 'RS256' })}.${b64(claims())}`;
      return q('{ serverTime }', undefined, { auth: `Bearer ${input}.${signHs256(claims(), secret).split('.')[2]}` });
    }, unauthenticated],
    ['a VIEWER token whose role was edited to ADMIN', () => {
      const [h, , s] = tokenWith({ role: 'VIEWER' }).split('.');
      return q('{ serverTime }', undefined, { auth: `Bearer ${h}.${b64(claims({ role: 'ADMIN' }))}.${s}` });
    }, unauthenticated],
    ['a token with an unknown role', () => q('{ serverTime }', undefined, { auth: `Bearer ${tokenWith({ role: 'ROOT' })}` }), unauthenticated],
    ['a token with no tenant', () => q('{ serverTime }', undefined, { auth: `Bearer ${tokenWith({ tenant: undefined })}` }), unauthenticated],
    ['a token with tenant "../x"', () => q('{ serverTime }', undefined, { auth: `Bearer ${tokenWith({ tenant: '../x' })}` }), unauthenticated],
    ['a token with no subject', () => q('{ serverTime }', undefined, { auth: `Bearer ${tokenWith({ sub: undefined })}` }), unauthenticated],
    ['a 10 KB token', () => q('{ serverTime }', undefined, { auth: `Bearer ${tokenWith({ pad: 'x'.repeat(10_000) })}` }), unauthenticated],
    ['a token of two parts', () => q('{ serverTime }', undefined, { auth: `Bearer ${tokenWith().split('.').slice(0, 2).join('.')}` }), unauthenticated],
    ['a token whose payload is a JSON array', () => {
      const input = `${b64({ alg: 'HS256' })}.${b64(['ADMIN', 'default'])}`;
      const sig = createHmac('sha256', secret).update(input).digest('base64url');
      return q('{ serverTime }', undefined, { auth: `Bearer ${input}.${sig}` });
    }, unauthenticated],

    // --- shape and size of the operation
    ['30 levels of organization { parent { … } }', () => q(`{ organization(id: "${fx.org}") { ${parents(30)} } }`), limit(/depth \d+ exceeds 12/)],
    ['13 levels through a chain of fragments', () =>
      q(`{ organization(id: "${fx.org}") { ...P0 } } ${repeat(12, (i) => `fragment P${i} on Organization { parent { ${i === 11 ? 'id' : `...P${i + 1}`} } }`)}`),
      limit(/depth 14 exceeds 12/)],
    ['1,000 aliases', () => q(`{ ${repeat(1000, (i) => `a${i}: serverTime`)} }`), limit(/More than 50 aliases/)],
    ['1,000 directives', () => q(`{ ${repeat(1000, () => '...F @include(if: true)')} } fragment F on Query { serverTime }`), limit(/More than 20 directives/)],
    ['an estimated cost far over 50,000', () =>
      q('{ organizations(first: 100) { edges { node { subserviceOrganizations { subserviceOrganizations { subserviceOrganizations { id } } } } } } }'),
      limit(/Estimated cost \d+ exceeds 50000/)],
    ['an exponential fan-out of 30 fragments', () =>
      q(`{ ...F0 } ${repeat(30, (i) => (i === 29 ? 'fragment F29 on Query { serverTime }' : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`))}`),
      limit(/Estimated cost|expands to more than/)],
    ['a 47 KB chain of 1,000 fragments spread 2,000 times', () => q(fragmentChain(1000, 2000)), limit(/expands to more than 20000 selections/)],
    ['a fragment cycle', () => q('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'), invalid(/Cannot spread fragment "A" within itself/)],
    ['a fragment spreading itself', () => q(`{ organization(id: "${fx.org}") { ...A } } fragment A on Organization { parent { ...A } }`), invalid(/within itself/)],
    ['first: 101', () => q('{ organizations(first: 101) { totalCount } }'), badInput(/first: must be between 1 and 100 \(got 101\)/)],
    ['first: 1000000000', () => q('{ organizations(first: 1000000000) { totalCount } }'), badInput(/got 1000000000/)],
    ['first: -1', () => q('{ exceptions(first: -1) { totalCount } }'), badInput(/got -1/)],
    ['first: 0 on oversightHistory', () => q(`{ oversightHistory(organizationId: "${fx.org}", first: 0) { totalCount } }`), badInput(/got 0/)],
    ['first: 101 through a variable', () => q('query($n: Int) { organizations(first: $n) { totalCount } }', { n: 101 }), badInput(/got 101/)],
    ['first: 2^31 (not an Int)', () => q('{ organizations(first: 2147483648) { totalCount } }'), invalid(/32-bit/)],
    ['first: "100" as a string variable', () => q('query($n: Int) { organizations(first: $n) { totalCount } }', { n: '100' }), badInput(/Int cannot represent/, 400)],
    ['a 200,000-character string variable', () => q('query($s: String) { organizations(filter: { search: $s }) { totalCount } }', { s: 'x'.repeat(200_000) }), badInput(/at most 100000 characters/, 400)],
    ['a 200,000-character string inline in the document', () => q(`{ organizations(filter: { search: "${'x'.repeat(200_000)}" }) { totalCount } }`), badInput(/document exceeds 100000 characters/, 400)],
    ['variables nested 50 deep', () => {
      let v: unknown = 'x';
      for (let i = 0; i < 50; i++) v = { n: v };
      return q('query($v: OrganizationFilterInput) { organizations(filter: $v) { totalCount } }', { v: { search: 'x', deeper: v } });
    }, badInput(/nested too deeply/, 400)],
    ['a 2 MB body', () => ({ body: JSON.stringify({ query: `{ serverTime } # ${'x'.repeat(2_000_000)}` }) }), { status: 413 }],
    ['a 2 MB body without a token', () => ({ auth: null, body: JSON.stringify({ query: '{ serverTime }', variables: { s: 'x'.repeat(2_000_000) } }) }), { status: 413 }],

    // --- transport
    ['malformed JSON', () => ({ body: '{"query": "{ serverTime }"' }), { status: 400 }],
    ['JSON that is a string', () => ({ body: '"{ serverTime }"' }), { status: 400 }],
    ['an empty body', () => ({ body: '' }), badRequest(/POST body missing/)],
    ['an empty object', () => ({ body: {} }), badRequest(/POST body missing/)],
    ['a query that is not a string', () => ({ body: { query: 42 } }), badRequest(/must be strings/)],
    ['variables that are an array', () => ({ body: { query: '{ serverTime }', variables: [1, 2] } }), badRequest(/variables/)],
    ['variables as a JSON-encoded string', () => ({ body: { query: '{ serverTime }', variables: '{"a":1}' } }), badRequest(/variables/)],
    ['a batch (array) of operations', () => ({ body: [{ query: '{ serverTime }' }, { query: '{ serverTime }' }] }), badRequest(/batching disabled/)],
    ['content-type text/plain (CSRF)', () => ({ body: JSON.stringify({ query: '{ serverTime }' }), headers: { 'content-type': 'text/plain' } }), csrf],
    ['content-type application/x-www-form-urlencoded (CSRF)', () => ({ body: 'query=%7BserverTime%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), csrf],
    ['multipart/form-data without a CSRF header', () => {
      const form = new FormData();
      form.set('operations', JSON.stringify({ query: '{ serverTime }' }));
      form.set('map', '{}');
      return { body: form };
    }, csrf],
    ['GET without a CSRF header', () => ({ method: 'GET', body: undefined, headers: {}, query: '?query=%7BserverTime%7D' }), csrf],
    ['GET with a mutation', () => ({
      method: 'GET',
      headers: { 'apollo-require-preflight': 'true' },
      query: `?query=${encodeURIComponent(`mutation { offboardOrganization(input: { organizationId: "${fx.org}", reason: "via GET" }) { revision } }`)}`,
    }), badRequest(/GET requests only support query operations/, 405)],
    ['PUT', () => ({ method: 'PUT', body: { query: '{ serverTime }' } }), badRequest(/only GET\/POST/, 405)],
    ['a subscription over HTTP', () => q('subscription { oversightEventRecorded { eventId } }'), badRequest(/WebSocket/)],
    ['an unknown operationName', () => ({ body: { query: 'query A { serverTime }', operationName: 'B' } }), { status: 400, code: 'OPERATION_RESOLUTION_FAILURE', message: /Unknown operation named "B"/ }],
    ['two operations and no operationName', () => ({ body: { query: 'query A { serverTime } query B { serverTime }' } }), { status: 400, code: 'OPERATION_RESOLUTION_FAILURE' }],
    ['a syntax error', () => q('{ serverTime '), { status: 400, code: 'GRAPHQL_PARSE_FAILED' }],
    ['an unknown field', () => q('{ secrets }'), invalid(/Cannot query field "secrets"/)],
    ['an unknown persisted query', () => ({ body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } } }), { status: 200, code: 'PERSISTED_QUERY_NOT_FOUND' }],

    // --- forged metadata: the actor and the tenant come from the token only
    ['an actor in the input (variables)', () => registerWith({ ...validOrg(), actor: { id: 'mallory', role: 'ADMIN' } }), badInput(/Field "actor" is not defined/, 400)],
    ['a tenantId in the input (variables)', () => registerWith({ ...validOrg(), tenantId: 'other' }), badInput(/Field "tenantId" is not defined/, 400)],
    ['metadata in the input (variables)', () => registerWith({ ...validOrg(), metadata: { actor: { id: 'mallory' }, correlationId: 'x' } }), badInput(/Field "metadata" is not defined/, 400)],
    ['__proto__ in the input (variables)', () => registerWith({ ...validOrg(), ['__proto__']: { role: 'ADMIN' } }), badInput(/__proto__/, 400)],
    ['an actor in the input (inline)', () =>
      q('mutation { registerOrganization(input: { name: "Forged", role: VENDOR, category: SAAS, criticality: LOW, actor: { id: "mallory", role: "ADMIN" } }) { organizationId } }'),
      invalid(/Field "actor" is not defined/)],
    ['a mutation by a VIEWER', () => q(`mutation { offboardOrganization(input: { organizationId: "${fx.org}", reason: "x" }) { revision } }`, undefined, { auth: `Bearer ${api.token('VIEWER')}` }), { status: 200, code: 'FORBIDDEN' }],
    ['setAssurancePolicy by an ANALYST', () => q(`mutation { setAssurancePolicy(input: { organizationId: "${fx.org}", maxReportAgeMonths: 99 }) { revision } }`, undefined, { auth: `Bearer ${api.token('ANALYST')}` }), { status: 200, code: 'FORBIDDEN' }],
  ];

  it('has a corpus of at least 50 hostile requests', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases)('%s', async (name, request, expected) => {
    const reply = await send(api, request());
    replies.push([name, reply]);
    expect({ status: reply.status }).toEqual({ status: expected.status });
    if (expected.message) {
      const messages = (reply.body?.errors ?? [{ message: reply.body?.message ?? reply.text }]).map((e: any) => e.message).join('\n');
      expect(messages).toMatch(expected.message);
    }
    if (expected.code) {
      expect(reply.body?.errors?.map((e: any) => e.extensions?.code)).toContain(expected.code);
    }
    // A refusal names no internals.
    expect(reply.text).not.toMatch(/node_modules|\/work\/|dist\/apps|at [\w.<>]+ \(|stacktrace|SqliteError/);
    expect(reply.text).not.toMatch(/Internal server error/);
  });

  describe('over WebSocket', () => {
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

    it.each([
      ['no connectionParams', undefined],
      ['an empty authorization', { authorization: '' }],
      ['an expired token', bearer(tokenWith({ exp: nowS() - 3600 }))],
      ['a token signed with the wrong secret', bearer(signHs256(claims(), Buffer.from('wrong-secret-0123456789abcdefghijklmnopqr')))],
      ['alg none', bearer(`${b64({ alg: 'none' })}.${b64(claims())}.`)],
      ['a token with tenant "../x"', bearer(tokenWith({ tenant: '../x' }))],
      ['a token without the Bearer prefix', { authorization: tokenWith() }],
    ])('refuses the socket with %s', async (_, params) => {
      const r = await overWebSocket(api, 'subscription { assuranceStatusChanged { organizationId } }', params);
      expect(r.data).toBeUndefined();
      expect(r.closed?.code).toBe(4403);
    });

    it('applies the same depth, alias and cost limits as HTTP', async () => {
      const params = bearer(api.token('ADMIN'));
      const [depth, aliases, cost, subscriptionAliases] = await Promise.all([
        overWebSocket(api, `{ organization(id: "${fx.org}") { ${parents(30)} } }`, params),
        overWebSocket(api, `{ ${repeat(1000, (i) => `a${i}: serverTime`)} }`, params),
        overWebSocket(api, '{ organizations(first: 100) { edges { node { subserviceOrganizations { subserviceOrganizations { subserviceOrganizations { id } } } } } } }', params),
        overWebSocket(api, `subscription { assuranceStatusChanged { ${repeat(1000, (i) => `a${i}: name`)} } }`, params),
      ]);
      const attempts = { depth, aliases, cost, subscriptionAliases };
      const outcome = Object.fromEntries(Object.entries(attempts).map(([k, r]) => [k, r.data ? 'executed' : (r.errors?.[0]?.message ?? 'closed')]));
      expect(outcome).toEqual({
        // Queries never run over a socket; the limits still guard subscriptions there.
        depth: expect.stringMatching(/depth \d+ exceeds 12|Only subscriptions/),
        aliases: expect.stringMatching(/More than 50 aliases|Only subscriptions/),
        cost: expect.stringMatching(/Estimated cost|Only subscriptions/),
        subscriptionAliases: expect.stringMatching(/More than 50 aliases/),
      });
    }, 15_000);
  });

  describe('afterwards', () => {
    it('the server is healthy, wrote nothing, and answered every request', async () => {
      const health = await api.health();
      expect(health.status).toBe('ok');
      expect(BigInt(health.store.headPosition)).toBe(headBefore);
      expect(await headPosition(api)).toBe(headBefore);
      // Still serving real requests.
      const r = await send(api, { body: { query: `{ organization(id: "${fx.org}") { name } }` } });
      expect(r.body).toEqual({ data: { organization: { name: 'Hostile Target' } } });
    });
  });
});

describe('as in production (NODE_ENV=production, RATE_LIMIT_PER_MINUTE=20)', () => {
  let prod: ApiServer;

  beforeAll(async () => {
    prod = await startApi({ env: { NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '20' } });
  }, 30_000);

  afterAll(async () => {
    await prod?.stop();
    prod?.removeData();
  });

  const as = (subject: string, role = 'ADMIN') => `Bearer ${prod.token(role, 'default', subject)}`;

  it.each([
    ['__schema', '{ __schema { types { name } } }'],
    ['__type', '{ __type(name: "Query") { fields { name } } }'],
    ['__schema in a fragment', '{ ...I } fragment I on Query { __schema { queryType { name } } }'],
  ])('refuses introspection (%s)', async (_, query) => {
    const r = await send(prod, { body: { query }, auth: as('introspector') });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', validationErrorCode: 'INTROSPECTION_DISABLED' } });
    expect(r.body.data).toBeUndefined();
  });

  it('still answers __typename', async () => {
    const r = await send(prod, { body: { query: '{ __typename }' }, auth: as('introspector') });
    expect(r.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('does not serve GraphiQL (or any HTML) on GET /graphql', async () => {
    const variants: Array<Record<string, string>> = [{ accept: 'text/html' }, { accept: 'text/html', 'apollo-require-preflight': 'true' }];
    for (const headers of variants) {
      const r = await send(prod, { method: 'GET', auth: null, headers });
      expect(r.contentType).not.toMatch(/html/);
      expect(r.text.toLowerCase()).not.toMatch(/graphiql|<html|<!doctype/);
      expect(r.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('refuses introspection over WebSocket too', async () => {
    const r = await overWebSocket(prod, '{ __schema { types { name } } }', { authorization: as('ws-introspector') });
    expect(r.data).toBeUndefined();
    // A query over a socket is refused outright (sockets serve subscriptions only).
    expect(r.errors?.[0]?.message ?? r.closed?.reason).toMatch(/introspection|Only subscriptions/i);
  });

  it('limits a burst: the 21st request within the minute is RATE_LIMITED (429); another token is unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await send(prod, { body: { query: '{ serverTime }' }, auth: as('burst') })).status);
    expect(statuses).toEqual(Array(20).fill(200));
    const limited = await send(prod, { body: { query: '{ serverTime }' }, auth: as('burst') });
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    // The same subject with another role is the same caller; another subject is not.
    expect((await send(prod, { body: { query: '{ serverTime }' }, auth: as('burst', 'VIEWER') })).status).toBe(429);
    const other = await send(prod, { body: { query: '{ serverTime }' }, auth: as('bystander') });
    expect(other.status).toBe(200);
    expect(other.body.data.serverTime).toEqual(expect.any(String));
  });

  it('counts requests refused by validation against the rate too', async () => {
    for (let i = 0; i < 20; i++) {
      const r = await send(prod, { body: { query: '{ nope }' }, auth: as('invalid-burst') });
      expect(r.status).toBe(400);
    }
    const r = await send(prod, { body: { query: '{ serverTime }' }, auth: as('invalid-burst') });
    expect(r.status).toBe(429);
    expect(r.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('production still requires a token, and the health check does not', async () => {
    expect((await send(prod, { body: { query: '{ serverTime }' }, auth: null })).status).toBe(401);
    expect((await prod.health()).status).toBe('ok');
  });
});
