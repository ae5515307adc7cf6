import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ApiServer } from './support/api-server';

/**
 * Production hardening (issue 12, items 12–14): no schema details in client errors, a rate limit
 * that counts every request (unparseable ones too), and security headers on every route.
 */
describe('a production server', () => {
  let prod: ApiServer;
  let dev: ApiServer;
  const post = (api: ApiServer, body: unknown, token = api.token('VIEWER', 'default', 'hardening')) =>
    fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

  beforeAll(async () => {
    [prod, dev] = await Promise.all([ApiServer.start({ env: { NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '20' } }), ApiServer.start()]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([prod?.stop(), dev?.stop()]);
    prod?.removeData();
    dev?.removeData();
  });

  describe('errors', () => {
    const typos = [
      ['a misspelt field', { query: '{ organizatons(first: 1) { totalCount } }' }],
      ['a misspelt argument', { query: '{ organizations(frist: 1) { totalCount } }' }],
      ['a misspelt input field', { query: 'query($f: OrganizationFilter) { organizations(first: 1, filter: $f) { totalCount } }', variables: { f: { serach: 'x' } } }],
    ] as const;

    it.each(typos)('suggest nothing in production (%s), as they do in development', async (_, body) => {
      const inDev = (await (await post(dev, body)).json()) as any;
      expect(JSON.stringify(inDev.errors)).toMatch(/Did you mean/);
      const inProd = (await (await post(prod, body, prod.token('VIEWER', 'default', 'typo'))).json()) as any;
      expect(inProd.errors.length).toBeGreaterThan(0);
      expect(JSON.stringify(inProd.errors)).not.toMatch(/Did you mean/);
    });

    it('suggest nothing over WebSocket either', async () => {
      const client = createClient({ url: prod.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${prod.token('VIEWER', 'default', 'ws-typo')}` }, retryAttempts: 0 });
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: 'subscription { assuranceStatusChange { organizationId } }' }, { next: () => undefined, error: resolve, complete: () => resolve(null) });
      });
      await client.dispose();
      expect(JSON.stringify(errors)).toMatch(/Cannot query field/);
      expect(JSON.stringify(errors)).not.toMatch(/Did you mean/);
    });
  });

  it('counts documents that fail to parse against the rate limit: the 21st request is RATE_LIMITED', async () => {
    const token = prod.token('VIEWER', 'default', 'parse-burst');
    for (let i = 0; i < 20; i++) {
      const r = await post(prod, { query: '{ unclosed' }, token);
      expect(((await r.json()) as any).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    }
    const limited = await post(prod, { query: '{ unclosed' }, token);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it.each([
    ['GET /health', '/health', {}],
    ['POST /graphql', '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }],
    ['GET /console', '/console', {}],
    ['an unknown path', '/nothing-here', {}],
  ])('sends security headers on %s', async (_, path, init) => {
    const res = await fetch(`http://127.0.0.1:${prod.port}${path}`, init as RequestInit);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves the development IDE under the same policy: its scripts come from this server', async () => {
    const res = await fetch(`http://127.0.0.1:${dev.port}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    const scripts = [...(await res.text()).matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((attributes) => /src="\/[^/]/.test(attributes))).toBe(true);
  });
});
