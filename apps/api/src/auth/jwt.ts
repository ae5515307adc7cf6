import { createHmac, createPublicKey, timingSafeEqual, verify as verifySignature, type KeyObject } from 'node:crypto';

/** Why a token was refused; the message is safe to show to the client. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

export interface JwtClaims {
  sub?: string;
  iss?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
  iat?: number;
  [claim: string]: unknown;
}

export type Algorithm = 'HS256' | 'RS256' | 'ES256';

/** Resolves the key for a token's header; null when no key matches. */
export type KeyResolver = (header: { alg: Algorithm; kid?: string }) => Promise<KeyObject | Buffer | null>;

export interface VerifyOptions {
  /** Only these algorithms are accepted; `none` never is. */
  algorithms: Algorithm[];
  issuer?: string;
  audience?: string;
  /** Tolerated clock skew for exp/nbf. */
  clockToleranceSeconds?: number;
  now?: () => number;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Verifies a compact JWS by hand with node:crypto, so that the rules are ours and visible:
 * the algorithm must be on the allow-list (never `none`, never chosen by the token alone), the
 * key must fit the algorithm, the signature is compared in constant time, and exp/nbf/iss/aud
 * are enforced.
 */
export async function verifyJwt(token: string, resolveKey: KeyResolver, options: VerifyOptions): Promise<JwtClaims> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p))) throw new InvalidTokenError('Malformed token');
  const [h, p, s] = parts as [string, string, string];
  const header = parseJson(h, 'header') as { alg?: unknown; kid?: unknown; typ?: unknown };
  const alg = header.alg;
  if (typeof alg !== 'string' || !options.algorithms.includes(alg as Algorithm)) {
    throw new InvalidTokenError(`Algorithm ${JSON.stringify(alg)} is not accepted`);
  }
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const key = await resolveKey({ alg: alg as Algorithm, kid });
  if (!key) throw new InvalidTokenError('No key matches the token');
  const signingInput = Buffer.from(`${h}.${p}`);
  const signature = Buffer.from(s, 'base64url');
  if (!checkSignature(alg as Algorithm, key, signingInput, signature)) throw new InvalidTokenError('Bad signature');
  const claims = parseJson(p, 'payload') as JwtClaims;
  checkClaims(claims, options);
  return claims;
}

function checkSignature(alg: Algorithm, key: KeyObject | Buffer, input: Buffer, signature: Buffer): boolean {
  if (alg === 'HS256') {
    if (!Buffer.isBuffer(key)) return false;
    const expected = createHmac('sha256', key).update(input).digest();
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  }
  if (Buffer.isBuffer(key)) return false;
  if (alg === 'RS256') {
    return key.asymmetricKeyType === 'rsa' && verifySignature('sha256', input, key, signature);
  }
  // ES256 signatures are r||s (IEEE P1363), 64 bytes, on P-256.
  return (
    key.asymmetricKeyType === 'ec' &&
    key.asymmetricKeyDetails?.namedCurve === 'prime256v1' &&
    signature.length === 64 &&
    verifySignature('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, signature)
  );
}

function checkClaims(c: JwtClaims, o: VerifyOptions): void {
  const now = Math.floor((o.now?.() ?? Date.now()) / 1000);
  const skew = o.clockToleranceSeconds ?? 30;
  if (typeof c.exp !== 'number') throw new InvalidTokenError('Token has no expiry (exp)');
  if (now > c.exp + skew) throw new InvalidTokenError('Token expired');
  if (typeof c.nbf === 'number' && now + skew < c.nbf) throw new InvalidTokenError('Token not yet valid');
  if (o.issuer && c.iss !== o.issuer) throw new InvalidTokenError('Wrong issuer');
  if (o.audience) {
    const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
    if (!aud.includes(o.audience)) throw new InvalidTokenError('Wrong audience');
  }
}

function parseJson(part: string, what: string): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new InvalidTokenError(`Malformed token ${what}`);
}

/** Signs an HS256 token: the local development tokens and tests. */
export function signHs256(claims: JwtClaims, secret: Buffer): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** A JWK (RSA or EC P-256) as a key object. */
export function keyFromJwk(jwk: Record<string, unknown>): KeyObject {
  return createPublicKey({ key: jwk as never, format: 'jwk' });
}
