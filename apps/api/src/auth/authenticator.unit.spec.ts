import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphQLError } from 'graphql';
import { loadConfig } from '../config/app-config';
import { loadAuthConfig } from './auth-config';
import { Authenticator } from './authenticator';
import { signHs256, type JwtClaims } from './jwt';

/**
 * The authenticator turns an Authorization header into the caller; everything about the caller
 * must come from a verified token, and every malformed or incomplete token is UNAUTHENTICATED.
 */
// @nestjs/common 12 is ESM-only and jest runs CommonJS: its decorators are no-ops here.
jest.mock('@nestjs/common', () => ({
  Inject: () => () => undefined,
  Injectable: () => () => undefined,
  Logger: class {
    warn(): void {}
  },
}));

const SECRET = 'unit-authenticator-secret-0123456789abcdef';
const now = () => Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}): JwtClaims => ({ sub: 'alice', role: 'ANALYST', tenant: 'acme', iat: now(), exp: now() + 600, ...over });
const token = (over: Record<string, unknown> = {}) => signHs256(claims(over), Buffer.from(SECRET));

describe('Authenticator', () => {
  const saved = { ...process.env };
  const dataDir = mkdtempSync(join(tmpdir(), 'auth-unit-'));
  let auth: Authenticator;

  beforeAll(() => {
    for (const k of ['JWT_SECRET', 'JWT_JWKS_FILE', 'JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE', 'RATE_LIMIT_PER_MINUTE', 'NODE_ENV']) delete process.env[k];
    process.env.JWT_SECRET = SECRET;
    auth = new Authenticator(loadConfig({ DATA_DIR: dataDir }));
  });

  afterAll(() => {
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function refused(authorization: unknown): Promise<GraphQLError> {
    const error = (await auth.authenticate(authorization).then(
      () => null,
      (e: unknown) => e,
    )) as GraphQLError | null;
    expect(error).not.toBeNull();
    expect(error!.extensions.code).toBe('UNAUTHENTICATED');
    expect(error!.extensions.http).toEqual({ status: 401 });
    return error!;
  }

  it('takes subject, role (any case) and tenant from a valid token', async () => {
    const caller = await auth.authenticate(`Bearer ${token({ role: 'auditor', sub: 'bob@example.com' })}`);
    expect(caller).toMatchObject({ tenantId: 'acme', actor: { id: 'bob@example.com', role: 'AUDITOR' } });
    expect(caller.requestId).toEqual(expect.any(String));
    await expect(auth.authenticate(`bearer   ${token()}`)).resolves.toMatchObject({ tenantId: 'acme' });
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['blanks', '   '],
    ['a number', 42],
    ['an array of headers', [`Bearer ${token()}`]],
    ['Bearer and nothing', 'Bearer '],
    ['Basic credentials', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['another scheme', `Token ${token()}`],
    ['the token without the Bearer scheme', token()],
    ['two tokens', `Bearer ${token()} ${token()}`],
    ['a 10 KB token', `Bearer ${token({ pad: 'x'.repeat(10_000) })}`],
  ])('refuses %s', async (_, header) => {
    await refused(header);
  });

  it.each([
    ['an unknown role', { role: 'SUPERUSER' }],
    ['no role', { role: undefined }],
    ['a role that is not a string', { role: ['ADMIN'] }],
    ['no tenant', { tenant: undefined }],
    ['an empty tenant', { tenant: '' }],
    ['a path as tenant', { tenant: '../x' }],
    ['an upper-case tenant', { tenant: 'ACME' }],
    ['a tenant with a wildcard', { tenant: '*' }],
    ['a tenant that is not a string', { tenant: ['acme'] }],
    ['no subject', { sub: undefined }],
    ['an empty subject', { sub: '' }],
    ['a subject that is not a string', { sub: 7 }],
    ['a 201-character subject', { sub: 's'.repeat(201) }],
    ['an expired token', { exp: now() - 3600 }],
    ['no exp', { exp: undefined }],
  ])('refuses a token with %s', async (_, over) => {
    await refused(`Bearer ${token(over)}`);
  });

  it('refuses a token signed with another secret or with alg none', async () => {
    await refused(`Bearer ${signHs256(claims(), Buffer.from('another-secret-0123456789abcdefghijklmnop'))}`);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims({ role: 'ADMIN' }))).toString('base64url')}.`;
    await refused(`Bearer ${none}`);
  });

  it('never echoes the token in its message', async () => {
    const t = token({ role: 'ROOT' });
    expect((await refused(`Bearer ${t}`)).message).not.toContain(t);
  });
});

describe('loadAuthConfig', () => {
  it('requires one key source, a long secret and a positive rate', () => {
    expect(() => loadAuthConfig({ JWT_SECRET: 'short' })).toThrow(/32/);
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, JWT_JWKS_URL: 'https://idp.example/jwks' })).toThrow(/only one/);
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT/);
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/RATE_LIMIT/);
    expect(loadAuthConfig({ JWT_SECRET: SECRET })).toMatchObject({ secret: SECRET, rateLimitPerMinute: 1200 });
  });

  it('refuses to start in production without a configured key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-prod-'));
    const saved = { ...process.env };
    try {
      for (const k of ['JWT_SECRET', 'JWT_JWKS_FILE', 'JWT_JWKS_URL']) delete process.env[k];
      expect(() => loadConfig({ DATA_DIR: dir, NODE_ENV: 'production' })).toThrow(/production needs JWT_SECRET/);
      expect(() => new Authenticator({ ...loadConfig({ DATA_DIR: dir }), production: true })).toThrow(/Production needs/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
