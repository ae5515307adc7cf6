import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from './auth-config';
import type { Algorithm, KeyResolver } from './jwt';

/** The keys tokens are checked against, and the algorithms they allow. */
export interface KeySource {
  algorithms: Algorithm[];
  resolve: KeyResolver;
}

export function hmacKeySource(secret: Buffer): KeySource {
  return { algorithms: ['HS256'], resolve: async ({ alg }) => (alg === 'HS256' ? secret : null) };
}

/**
 * RS256/ES256 keys from a JWKS file (read once, jose's createLocalJWKSet) or URL (jose's
 * createRemoteJWKSet: cached, re-fetched at most every 30 s when a token names an unknown kid, so
 * key rotation works without a restart; 5 s timeout). jose matches kty, kid, alg, use and curve.
 */
export function jwksKeySource(config: AuthConfig): KeySource {
  const set: JWTVerifyGetKey = config.jwksFile
    ? createLocalJWKSet(parseJwks(readFileSync(config.jwksFile, 'utf8')))
    : createRemoteJWKSet(new URL(config.jwksUrl!), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  return {
    algorithms: ['RS256', 'ES256'],
    resolve: async ({ alg, kid }) => {
      try {
        return (await set({ alg, kid }, undefined as never)) as Awaited<ReturnType<KeyResolver>>;
      } catch (error) {
        if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return null;
        if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError) return null;
        throw error;
      }
    },
  };
}

function parseJwks(text: string): JSONWebKeySet {
  const parsed = JSON.parse(text) as { keys?: unknown };
  if (!Array.isArray(parsed.keys)) throw new Error('A JWKS must be {"keys": [...]}');
  return parsed as JSONWebKeySet;
}
