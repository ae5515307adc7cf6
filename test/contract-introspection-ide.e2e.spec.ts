import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import type { ApiServer } from './support/api-server';
import { onlyError, startApi } from './support/e2e-fixtures';

/**
 * What third-party tooling needs from a development server: the standard introspection query
 * (GraphiQL, codegen, graphql-inspector, Apollo) and an IDE that loads with no network but ours.
 */
describe('contract tooling: introspection and the IDE', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApi();
  }, 30_000);
  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  it('answers the standard introspection query, and a client schema built from it is the committed contract', async () => {
    const plain = await api.ok(getIntrospectionQuery());
    expect(buildClientSchema(plain).getType('Organization')).toBeDefined();
    const full = await api.ok(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true }));
    const printed = printSchema(lexicographicSortSchema(buildClientSchema(full)));
    const committed = readFileSync(join(__dirname, '..', 'schema.gql'), 'utf8').replace(/^#.*\n/gm, '').trim();
    expect(printed).toBe(committed);
  });

  it('still refuses a non-introspection query as deep as the introspection query', async () => {
    let inner = 'id';
    for (let i = 0; i < 10; i++) inner = `parent { ${inner} }`;
    const deep = `{ organizations(first: 1) { edges { node { ${inner} } } } }`; // depth 14
    const error = onlyError(await api.gql(deep));
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('Query depth 14 exceeds 12');
  });

  it('serves GraphiQL at /graphql with every script and style from this server', async () => {
    const res = await fetch(api.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<div id="graphiql">');
    const refs = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(5);
    for (const ref of refs) expect(ref).toMatch(/^\/[^/]/); // same origin: no scheme, no //host
    expect(html).not.toMatch(/https?:\/\/|unpkg|jsdelivr|cdn/i);
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline code either
    for (const ref of refs) {
      const asset = await fetch(new URL(ref, api.url));
      expect({ ref, status: asset.status }).toEqual({ ref, status: 200 });
      expect(asset.headers.get('content-type')).toMatch(ref.endsWith('.css') ? /^text\/css/ : /^application\/javascript/);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('serves only its own files under /graphiql', async () => {
    for (const path of ['/graphiql/package.json', '/graphiql/..%2Fpackage.json', '/graphiql/nope.js']) {
      const res = await fetch(new URL(path, api.url));
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});
