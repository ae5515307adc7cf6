import { createHmac } from 'node:crypto';
import { InvalidTokenError, verifyJwt, type JwtClaims, type VerifyOptions } from './jwt';
import { hmacKeySource } from './key-source';

/**
 * Tokens a hand-written verifier let through (issue 12, item 11): claims of the wrong type, a
 * critical header extension nobody understands, and lifetimes that never end.
 */
const SECRET = Buffer.from('unit-test-secret-0123456789abcdefghijklmnop');
const NOW_MS = Date.UTC(2026, 2, 2, 9, 0, 0);
const NOW = NOW_MS / 1000;
const options: VerifyOptions = { algorithms: ['HS256'], now: () => NOW_MS };
const keys = hmacKeySource(SECRET).resolve;
const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
const claims = (over: Record<string, unknown> = {}): JwtClaims => ({ sub: 'alice', role: 'ADMIN', tenant: 'acme', iat: NOW, exp: NOW + 600, ...over });

function signed(header: Record<string, unknown>, payload: unknown): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

async function refused(token: string): Promise<string> {
  const error = await verifyJwt(token, keys, options).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidTokenError);
  return (error as Error).message;
}

describe('verifyJwt: attacks on the claims and the header', () => {
  it('accepts a well-formed token (the baseline for the refusals below)', async () => {
    await expect(verifyJwt(signed({ alg: 'HS256', typ: 'JWT' }, claims()), keys, options)).resolves.toMatchObject({ sub: 'alice' });
  });

  it('refuses a string nbf (even one in the past)', async () => {
    expect(await refused(signed({ alg: 'HS256' }, claims({ nbf: String(NOW - 60) })))).toMatch(/nbf/);
  });

  it('refuses a crit header naming an extension it does not understand', async () => {
    await refused(signed({ alg: 'HS256', crit: ['exp-ext'], 'exp-ext': true }, claims()));
  });

  it('refuses exp = 1e308: no token lives longer than the maximum token age', async () => {
    expect(await refused(signed({ alg: 'HS256' }, claims({ exp: 1e308 })))).toMatch(/exp|lifetime/);
  });

  it('refuses an iat ten years ahead', async () => {
    expect(await refused(signed({ alg: 'HS256' }, claims({ iat: NOW + 10 * 365 * 86400, exp: NOW + 10 * 365 * 86400 + 600 })))).toMatch(/iat/);
  });

  it('refuses a token issued longer ago than the maximum token age', async () => {
    expect(await refused(signed({ alg: 'HS256' }, claims({ iat: NOW - 2 * 86400 })))).toMatch(/iat|age/);
  });

  it('refuses a token without iat (its age cannot be bounded)', async () => {
    const { iat: _none, ...rest } = claims();
    expect(await refused(signed({ alg: 'HS256' }, rest))).toMatch(/iat/);
  });
});
