import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { AuthConfig } from './auth-config';
import { keyFromJwk, type Algorithm, type KeyResolver } from './jwt';

interface Jwk extends Record<string, unknown> {
  kid?: string;
  kty?: string;
  crv?: string;
  alg?: string;
  use?: string;
}

/** The keys tokens are checked against, and the algorithms they allow. */
export interface KeySource {
  algorithms: Algorithm[];
  resolve: KeyResolver;
}

export function hmacKeySource(secret: Buffer): KeySource {
  return { algorithms: ['HS256'], resolve: async ({ alg }) => (alg === 'HS256' ? secret : null) };
}

/**
 * RS256/ES256 keys from a JWKS file (read once) or URL (cached; re-fetched, at most once a minute,
 * when a token names an unknown kid, so that key rotation works without a restart).
 */
export function jwksKeySource(config: AuthConfig): KeySource {
  let keys: Jwk[] = config.jwksFile ? parseJwks(readFileSync(config.jwksFile, 'utf8')) : [];
  let fetchedAt = 0;
  const refresh = async () => {
    if (!config.jwksUrl || Date.now() - fetchedAt < 60_000) return;
    fetchedAt = Date.now();
    const res = await fetch(config.jwksUrl, { signal: AbortSignal.timeout(5000) });
    if (res.ok) keys = parseJwks(await res.text());
  };
  return {
    algorithms: ['RS256', 'ES256'],
    resolve: async ({ alg, kid }) => {
      let jwk = pick(keys, alg, kid);
      if (!jwk) {
        await refresh().catch(() => undefined);
        jwk = pick(keys, alg, kid);
      }
      return jwk ? keyFromJwk(jwk) : null;
    },
  };
}

function pick(keys: Jwk[], alg: Algorithm, kid: string | undefined): Jwk | undefined {
  const kty = alg === 'RS256' ? 'RSA' : 'EC';
  return keys.find(
    (k) => k.kty === kty && (kid === undefined || k.kid === kid) && (!k.alg || k.alg === alg) && (!k.use || k.use === 'sig'),
  );
}

function parseJwks(text: string): Jwk[] {
  const parsed = JSON.parse(text) as { keys?: Jwk[] };
  if (!Array.isArray(parsed.keys)) throw new Error('A JWKS must be {"keys": [...]}');
  return parsed.keys;
}

export type { KeyObject };
