import { createHmac, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidTokenError, keyFromJwk, signHs256, verifyJwt, type Algorithm, type JwtClaims, type KeyResolver, type VerifyOptions } from './jwt';
import { hmacKeySource, jwksKeySource } from './key-source';

/**
 * The JWT verifier (jose underneath): what it accepts, and every classic way of getting a token past a
 * verifier that it must refuse (alg none, key confusion, algorithm substitution, expiry games,
 * malformed encodings).
 */
const SECRET = Buffer.from('unit-test-secret-0123456789abcdefghijklmnop');
const NOW_MS = Date.UTC(2026, 2, 2, 9, 0, 0);
const NOW = NOW_MS / 1000;
const at = (): number => NOW_MS;

const b64 = (v: unknown): string => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const claims = (over: JwtClaims = {}): JwtClaims => ({ sub: 'alice', role: 'ANALYST', tenant: 'acme', iat: NOW, exp: NOW + 600, ...over });

/** A compact JWS with any header, signed by `signer` over `header.payload` (or unsigned). */
function jws(header: Record<string, unknown>, payload: unknown, signer?: (input: Buffer) => Buffer): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${signer ? signer(Buffer.from(input)).toString('base64url') : ''}`;
}
const hmac = (key: Buffer | string) => (input: Buffer) => createHmac('sha256', key).update(input).digest();
const rsaSign = (key: KeyObject) => (input: Buffer) => cryptoSign('sha256', input, key);
const ecSign = (key: KeyObject, dsaEncoding: 'ieee-p1363' | 'der' = 'ieee-p1363') => (input: Buffer) =>
  cryptoSign('sha256', input, { key, dsaEncoding });

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const rsaJwk = { ...(rsa.publicKey.export({ format: 'jwk' }) as Record<string, unknown>), kid: 'rsa-1', alg: 'RS256', use: 'sig' };
const ecJwk = { ...(ec.publicKey.export({ format: 'jwk' }) as Record<string, unknown>), kid: 'ec-1', alg: 'ES256', use: 'sig' };

const hsOptions: VerifyOptions = { algorithms: ['HS256'], now: at };
const asymOptions: VerifyOptions = { algorithms: ['RS256', 'ES256'], now: at };
const hsKeys: KeyResolver = hmacKeySource(SECRET).resolve;
/** Resolves RS256 to the RSA JWK and ES256 to the EC JWK, as the JWKS source does. */
const asymKeys: KeyResolver = async ({ alg }) => (alg === 'RS256' ? keyFromJwk(rsaJwk) : alg === 'ES256' ? keyFromJwk(ecJwk) : null);

async function refusal(promise: Promise<unknown>): Promise<InvalidTokenError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidTokenError);
  return error as InvalidTokenError;
}

describe('verifyJwt: HS256', () => {
  it('accepts a token signed with the configured secret and returns its claims', async () => {
    const token = signHs256(claims(), SECRET);
    await expect(verifyJwt(token, hsKeys, hsOptions)).resolves.toMatchObject({ sub: 'alice', role: 'ANALYST', tenant: 'acme' });
  });

  it('refuses a token signed with another secret', async () => {
    const token = signHs256(claims(), Buffer.from('another-secret-0123456789abcdefghijklmnopq'));
    expect((await refusal(verifyJwt(token, hsKeys, hsOptions))).message).toMatch(/signature/i);
  });

  it('refuses a token whose payload was changed after signing (role escalation)', async () => {
    const [h, , s] = signHs256(claims({ role: 'VIEWER' }), SECRET).split('.');
    await refusal(verifyJwt(`${h}.${b64(claims({ role: 'ADMIN' }))}.${s}`, hsKeys, hsOptions));
  });

  it('refuses a truncated or empty signature', async () => {
    const token = signHs256(claims(), SECRET);
    await refusal(verifyJwt(token.slice(0, -4), hsKeys, hsOptions));
    await refusal(verifyJwt(token.slice(0, token.lastIndexOf('.') + 1), hsKeys, hsOptions));
  });
});

describe('verifyJwt: alg none and the allow-list', () => {
  it.each([
    ['none', 'none'],
    ['None', 'None'],
    ['NONE', 'NONE'],
  ])('refuses alg %s without a signature', async (_, alg) => {
    const token = jws({ alg, typ: 'JWT' }, claims());
    expect((await refusal(verifyJwt(token, hsKeys, hsOptions))).message).toMatch(/not accepted/);
    await refusal(verifyJwt(token, asymKeys, asymOptions));
  });

  it('refuses alg none that carries a (valid HMAC) signature anyway', async () => {
    const token = jws({ alg: 'none', typ: 'JWT' }, claims(), hmac(SECRET));
    await refusal(verifyJwt(token, hsKeys, hsOptions));
  });

  it('never asks for a key when the algorithm is refused', async () => {
    const resolver = jest.fn(hsKeys);
    await refusal(verifyJwt(jws({ alg: 'none' }, claims()), resolver, hsOptions));
    await refusal(verifyJwt(jws({ alg: 'HS512' }, claims(), hmac(SECRET)), resolver, hsOptions));
    expect(resolver).not.toHaveBeenCalled();
  });

  it.each(['HS384', 'HS512', 'RS512', 'PS256', 'ES384', 'EdDSA', 'hs256', ''])('refuses alg %j, which is not on the allow-list', async (alg) => {
    await refusal(verifyJwt(jws({ alg }, claims(), hmac(SECRET)), hsKeys, hsOptions));
  });

  it.each([[null], [42], [['HS256']], [{ name: 'HS256' }]])('refuses a non-string alg %j', async (alg) => {
    await refusal(verifyJwt(jws({ alg }, claims(), hmac(SECRET)), hsKeys, hsOptions));
  });

  it('refuses a header without alg', async () => {
    await refusal(verifyJwt(jws({ typ: 'JWT' }, claims(), hmac(SECRET)), hsKeys, hsOptions));
  });

  it('refuses RS256 when only HS256 is allowed, even with a valid RSA signature', async () => {
    const token = jws({ alg: 'RS256' }, claims(), rsaSign(rsa.privateKey));
    await refusal(verifyJwt(token, asymKeys, hsOptions));
  });
});

describe('verifyJwt: RS256 and ES256', () => {
  it('accepts RS256 signed by the private key of the JWK', async () => {
    const token = jws({ alg: 'RS256', kid: 'rsa-1', typ: 'JWT' }, claims(), rsaSign(rsa.privateKey));
    await expect(verifyJwt(token, asymKeys, asymOptions)).resolves.toMatchObject({ sub: 'alice' });
  });

  it('accepts ES256 (IEEE P1363 r||s) signed by the private key of the JWK', async () => {
    const token = jws({ alg: 'ES256', kid: 'ec-1', typ: 'JWT' }, claims(), ecSign(ec.privateKey));
    await expect(verifyJwt(token, asymKeys, asymOptions)).resolves.toMatchObject({ sub: 'alice' });
  });

  it('refuses ES256 with a DER-encoded signature (not the JOSE encoding)', async () => {
    await refusal(verifyJwt(jws({ alg: 'ES256' }, claims(), ecSign(ec.privateKey, 'der')), asymKeys, asymOptions));
  });

  it('refuses RS256 and ES256 signed by other keys', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const otherEc = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await refusal(verifyJwt(jws({ alg: 'RS256' }, claims(), rsaSign(other.privateKey)), asymKeys, asymOptions));
    await refusal(verifyJwt(jws({ alg: 'ES256' }, claims(), ecSign(otherEc.privateKey)), asymKeys, asymOptions));
  });

  it('refuses an ES256 token checked against an RSA key (algorithm/key mismatch)', async () => {
    const token = jws({ alg: 'ES256' }, claims(), ecSign(ec.privateKey));
    const rsaForEverything: KeyResolver = async () => keyFromJwk(rsaJwk);
    await refusal(verifyJwt(token, rsaForEverything, asymOptions));
  });

  it('refuses an RS256 token checked against an EC key', async () => {
    const token = jws({ alg: 'RS256' }, claims(), rsaSign(rsa.privateKey));
    const ecForEverything: KeyResolver = async () => keyFromJwk(ecJwk);
    await refusal(verifyJwt(token, ecForEverything, asymOptions));
  });

  it('refuses ES256 on a curve other than P-256', async () => {
    const token = jws({ alg: 'ES256' }, claims(), (input) => cryptoSign('sha256', input, { key: ec384.privateKey, dsaEncoding: 'ieee-p1363' }));
    await refusal(verifyJwt(token, async () => ec384.publicKey, asymOptions));
  });

  describe('key confusion: an HMAC token signed with the RSA public key', () => {
    const pem = rsa.publicKey.export({ format: 'pem', type: 'spki' }) as string;
    const jwkText = JSON.stringify(rsaJwk);
    const forged = [
      ['the public key PEM', jws({ alg: 'HS256', kid: 'rsa-1' }, claims({ role: 'ADMIN' }), hmac(pem))],
      ['the public key JWK text', jws({ alg: 'HS256', kid: 'rsa-1' }, claims({ role: 'ADMIN' }), hmac(jwkText))],
    ] as const;

    it.each(forged)('is refused where only RS256/ES256 are allowed (HMAC with %s)', async (_, token) => {
      expect((await refusal(verifyJwt(token, asymKeys, asymOptions))).message).toMatch(/not accepted/);
    });

    it.each(forged)('is refused even by a resolver that hands out the RSA key for any alg (HMAC with %s)', async (_, token) => {
      const careless: KeyResolver = async () => keyFromJwk(rsaJwk);
      await refusal(verifyJwt(token, careless, { algorithms: ['HS256', 'RS256', 'ES256'], now: at }));
    });

    it('is refused when a resolver hands the PEM bytes as an HMAC secret for an RS256 header', async () => {
      const token = jws({ alg: 'RS256' }, claims({ role: 'ADMIN' }), hmac(pem));
      await refusal(verifyJwt(token, async () => Buffer.from(pem), { algorithms: ['RS256'], now: at }));
    });
  });
});

describe('verifyJwt: time and audience claims', () => {
  const sign = (c: JwtClaims) => signHs256(c, SECRET);

  it('refuses a token expired beyond the tolerance, accepts one within it', async () => {
    expect((await refusal(verifyJwt(sign(claims({ exp: NOW - 31 })), hsKeys, hsOptions))).message).toMatch(/expired/i);
    await expect(verifyJwt(sign(claims({ exp: NOW - 29 })), hsKeys, hsOptions)).resolves.toBeDefined();
    // jose (RFC 7519 §4.1.4): the token is expired at exp itself, so exp = now - tolerance is refused.
    await refusal(verifyJwt(sign(claims({ exp: NOW - 30 })), hsKeys, hsOptions));
  });

  it('honours a configured tolerance, including none', async () => {
    await refusal(verifyJwt(sign(claims({ exp: NOW - 1 })), hsKeys, { ...hsOptions, clockToleranceSeconds: 0 }));
    await refusal(verifyJwt(sign(claims({ exp: NOW })), hsKeys, { ...hsOptions, clockToleranceSeconds: 0 }));
    await expect(verifyJwt(sign(claims({ exp: NOW + 1 })), hsKeys, { ...hsOptions, clockToleranceSeconds: 0 })).resolves.toBeDefined();
    await expect(verifyJwt(sign(claims({ exp: NOW - 100 })), hsKeys, { ...hsOptions, clockToleranceSeconds: 120 })).resolves.toBeDefined();
  });

  it('refuses a token not valid before a time beyond the tolerance (nbf), accepts one within it', async () => {
    expect((await refusal(verifyJwt(sign(claims({ nbf: NOW + 31 })), hsKeys, hsOptions))).message).toMatch(/not yet valid/i);
    await refusal(verifyJwt(sign(claims({ nbf: NOW + 3600, exp: NOW + 7200 })), hsKeys, hsOptions));
    await expect(verifyJwt(sign(claims({ nbf: NOW + 29 })), hsKeys, hsOptions)).resolves.toBeDefined();
    await expect(verifyJwt(sign(claims({ nbf: NOW - 10 })), hsKeys, hsOptions)).resolves.toBeDefined();
  });

  it.each([
    ['missing', undefined],
    ['a string', String(NOW + 600)],
    ['null', null],
    ['an array', [NOW + 600]],
  ])('refuses a token whose exp is %s', async (_, exp) => {
    const c = claims();
    if (exp === undefined) delete c.exp;
    else c.exp = exp as never;
    expect((await refusal(verifyJwt(sign(c), hsKeys, hsOptions))).message).toMatch(/exp/);
  });

  it('checks the issuer when one is configured', async () => {
    const options = { ...hsOptions, issuer: 'https://idp.example' };
    await expect(verifyJwt(sign(claims({ iss: 'https://idp.example' })), hsKeys, options)).resolves.toBeDefined();
    expect((await refusal(verifyJwt(sign(claims({ iss: 'https://evil.example' })), hsKeys, options))).message).toMatch(/issuer/i);
    await refusal(verifyJwt(sign(claims()), hsKeys, options));
    await refusal(verifyJwt(sign(claims({ iss: ['https://idp.example'] as never })), hsKeys, options));
  });

  it('checks the audience when one is configured (string or array)', async () => {
    const options = { ...hsOptions, audience: 'oversight-api' };
    await expect(verifyJwt(sign(claims({ aud: 'oversight-api' })), hsKeys, options)).resolves.toBeDefined();
    await expect(verifyJwt(sign(claims({ aud: ['other', 'oversight-api'] })), hsKeys, options)).resolves.toBeDefined();
    expect((await refusal(verifyJwt(sign(claims({ aud: 'other-api' })), hsKeys, options))).message).toMatch(/audience/i);
    await refusal(verifyJwt(sign(claims({ aud: ['a', 'b'] })), hsKeys, options));
    await refusal(verifyJwt(sign(claims()), hsKeys, options));
  });
});

describe('verifyJwt: malformed tokens', () => {
  const good = signHs256(claims(), SECRET);
  const [h, p, s] = good.split('.') as [string, string, string];

  it.each([
    ['empty', ''],
    ['one part', h],
    ['two parts', `${h}.${p}`],
    ['four parts', `${good}.${s}`],
    ['standard base64 "+" and "/"', `${h}.${p}+/.${s}`],
    ['base64 padding', `${h}=.${p}.${s}`],
    ['whitespace inside', `${h}.${p} .${s}`],
    ['non-ASCII', `${h}.${p}é.${s}`],
    ['a header that is not JSON', `${b64('not json')}.${p}.${s}`],
  ])('refuses %s', async (_, token) => {
    await refusal(verifyJwt(token, hsKeys, hsOptions));
  });

  it.each([
    ['a JSON array payload', ['sub', 'alice']],
    ['a JSON string payload', 'alice'],
    ['a JSON number payload', 42],
    ['a JSON null payload', null],
  ])('refuses %s, even when correctly signed', async (_, payload) => {
    const token = jws({ alg: 'HS256', typ: 'JWT' }, payload, hmac(SECRET));
    expect((await refusal(verifyJwt(token, hsKeys, hsOptions))).message).toMatch(/Malformed/);
  });

  it('refuses a payload that is not JSON, even when correctly signed', async () => {
    const input = `${b64({ alg: 'HS256' })}.${Buffer.from('{"sub":').toString('base64url')}`;
    await refusal(verifyJwt(`${input}.${hmac(SECRET)(Buffer.from(input)).toString('base64url')}`, hsKeys, hsOptions));
  });

  it('refuses a JSON array header', async () => {
    await refusal(verifyJwt(jws(['HS256'] as never, claims(), hmac(SECRET)), hsKeys, hsOptions));
  });

  it('refuses a huge token before it decodes or parses anything', async () => {
    // Over 8,192 characters: refused by its length alone, so the 2 MB payload was never parsed.
    expect((await refusal(verifyJwt(`${h}.${'A'.repeat(2_000_000)}.${s}`, hsKeys, hsOptions))).message).toBe('Token too large');
  });
});

describe('key sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jwks-unit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = (file: string) => ({ secret: null, jwksFile: file, jwksUrl: null, issuer: null, audience: null, rateLimitPerMinute: 1, maxTokenAgeSeconds: 86400 });

  it('HMAC: resolves the secret for HS256 only', async () => {
    const source = hmacKeySource(SECRET);
    expect(source.algorithms).toEqual(['HS256']);
    await expect(source.resolve({ alg: 'HS256' })).resolves.toBe(SECRET);
    await expect(source.resolve({ alg: 'RS256' })).resolves.toBeNull();
  });

  it('JWKS file: verifies RS256 and ES256 by kid, refuses HS256 and unknown kids', async () => {
    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [rsaJwk, ecJwk] }));
    const source = jwksKeySource(config(file));
    expect(source.algorithms).toEqual(['RS256', 'ES256']);
    const opts = { algorithms: source.algorithms, now: at };
    await expect(verifyJwt(jws({ alg: 'RS256', kid: 'rsa-1' }, claims(), rsaSign(rsa.privateKey)), source.resolve, opts)).resolves.toBeDefined();
    await expect(verifyJwt(jws({ alg: 'ES256', kid: 'ec-1' }, claims(), ecSign(ec.privateKey)), source.resolve, opts)).resolves.toBeDefined();
    await expect(verifyJwt(jws({ alg: 'RS256' }, claims(), rsaSign(rsa.privateKey)), source.resolve, opts)).resolves.toBeDefined();
    expect((await refusal(verifyJwt(jws({ alg: 'RS256', kid: 'nope' }, claims(), rsaSign(rsa.privateKey)), source.resolve, opts))).message).toMatch(/No key/);
    // The kid of the EC key with an RS256 header: no RSA key has that kid.
    await refusal(verifyJwt(jws({ alg: 'RS256', kid: 'ec-1' }, claims(), rsaSign(rsa.privateKey)), source.resolve, opts));
    const pem = rsa.publicKey.export({ format: 'pem', type: 'spki' }) as string;
    await refusal(verifyJwt(jws({ alg: 'HS256', kid: 'rsa-1' }, claims(), hmac(pem)), source.resolve, opts));
  });

  it('JWKS file: a key restricted to another alg or to encryption is not used for signatures', async () => {
    const file = join(dir, 'restricted.json');
    writeFileSync(file, JSON.stringify({ keys: [{ ...rsaJwk, alg: 'RS512' }, { ...ecJwk, use: 'enc' }] }));
    const source = jwksKeySource(config(file));
    const opts = { algorithms: source.algorithms, now: at };
    await refusal(verifyJwt(jws({ alg: 'RS256', kid: 'rsa-1' }, claims(), rsaSign(rsa.privateKey)), source.resolve, opts));
    await refusal(verifyJwt(jws({ alg: 'ES256', kid: 'ec-1' }, claims(), ecSign(ec.privateKey)), source.resolve, opts));
  });

  it('JWKS file: refuses a file that is not a key set', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify([rsaJwk]));
    expect(() => jwksKeySource(config(file))).toThrow(/keys/);
  });
});

describe('signHs256', () => {
  it('writes a header naming HS256 and the claims as given', () => {
    const [h, p] = signHs256(claims(), SECRET).split('.') as [string, string];
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(p, 'base64url').toString())).toEqual(claims());
  });
});

// Types only: the algorithms the verifier knows.
const _algorithms: Algorithm[] = ['HS256', 'RS256', 'ES256'];
void _algorithms;
