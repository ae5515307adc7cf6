import { createHmac, createPublicKey, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, type JWTHeaderParameters } from 'jose';

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
export type KeyResolver = (header: { alg: Algorithm; kid?: string }) => Promise<KeyObject | Uint8Array | null>;

/** The longest a token may live (iat to exp) and be used (iat to now), unless configured: one day. */
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 24 * 3600;

export interface VerifyOptions {
  /** Only these algorithms are accepted; `none` never is. */
  algorithms: Algorithm[];
  issuer?: string;
  audience?: string;
  /** Tolerated clock skew for exp/nbf/iat. */
  clockToleranceSeconds?: number;
  /** Bounds both the age of a token (now - iat) and its lifetime (exp - now). */
  maxTokenAgeSeconds?: number;
  now?: () => number;
}

const MAX_TOKEN_CHARS = 8192;

/**
 * Verifies a compact JWS with `jose` (jwtVerify): the algorithm must be on the allow-list (never
 * `none`), the key must fit it, unknown `crit` extensions are refused, and exp/nbf/iat/iss/aud
 * must have their registered types. On top: iat and exp are required, and a token may neither be
 * older nor live longer than the maximum token age, so a leaked token expires within a bound.
 */
export async function verifyJwt(token: string, resolveKey: KeyResolver, options: VerifyOptions): Promise<JwtClaims> {
  if (token.length > MAX_TOKEN_CHARS) throw new InvalidTokenError('Token too large');
  const nowMs = options.now?.() ?? Date.now();
  const tolerance = options.clockToleranceSeconds ?? 30;
  const maxAge = options.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
  const getKey = async (header: JWTHeaderParameters) => {
    const alg = header.alg as Algorithm;
    if (!options.algorithms.includes(alg)) throw new InvalidTokenError(`Algorithm ${JSON.stringify(header.alg)} is not accepted`);
    const key = await resolveKey({ alg, kid: typeof header.kid === 'string' ? header.kid : undefined });
    if (!key) throw new InvalidTokenError('No key matches the token');
    return key;
  };
  let claims: JwtClaims;
  try {
    const verified = await jwtVerify(token, getKey, {
      algorithms: options.algorithms,
      issuer: options.issuer,
      audience: options.audience,
      clockTolerance: tolerance,
      maxTokenAge: maxAge,
      currentDate: new Date(nowMs),
      requiredClaims: ['exp', 'iat'],
    });
    claims = verified.payload as JwtClaims;
  } catch (error) {
    throw asInvalidToken(error);
  }
  // jose bounds the age (now - iat) but not the lifetime: exp = 1e308 would never expire.
  if ((claims.exp as number) - nowMs / 1000 > maxAge + tolerance) {
    throw new InvalidTokenError(`Token lifetime exceeds ${maxAge} s (exp too far ahead)`);
  }
  return claims;
}

/** jose's errors as client-safe messages; anything else (a key of the wrong type) is a bad token too. */
function asInvalidToken(error: unknown): InvalidTokenError {
  if (error instanceof InvalidTokenError) return error;
  if (error instanceof errors.JWTExpired) {
    return new InvalidTokenError(error.claim === 'iat' ? 'Token too old (iat beyond the maximum token age)' : 'Token expired');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' && error.reason === 'check_failed') return new InvalidTokenError('Token not yet valid (nbf)');
    if (error.claim === 'iss' && error.reason === 'check_failed') return new InvalidTokenError('Wrong issuer');
    if (error.claim === 'aud' && error.reason === 'check_failed') return new InvalidTokenError('Wrong audience');
    return new InvalidTokenError(`Claim ${error.claim}: ${error.message}`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new InvalidTokenError('Algorithm is not accepted');
  if (error instanceof errors.JWSSignatureVerificationFailed) return new InvalidTokenError('Bad signature');
  if (error instanceof errors.JWKSNoMatchingKey) return new InvalidTokenError('No key matches the token');
  if (error instanceof errors.JOSENotSupported) return new InvalidTokenError(`Token not supported: ${error.message}`);
  return new InvalidTokenError('Malformed token or key mismatch');
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
