import { resolve } from 'node:path';
import { DEFAULT_MAX_TOKEN_AGE_SECONDS } from './jwt';

/**
 * How tokens are checked. One source of keys: JWT_SECRET (HS256), JWT_JWKS_FILE or JWT_JWKS_URL
 * (RS256/ES256). With none configured, the server uses a local development secret it generates
 * in DATA_DIR on first start (HS256) — for a laptop, never for production.
 */
export interface AuthConfig {
  secret: string | null;
  jwksFile: string | null;
  jwksUrl: string | null;
  issuer: string | null;
  audience: string | null;
  /** Requests per minute per token (subject + tenant). */
  rateLimitPerMinute: number;
  /** JWT_MAX_TOKEN_AGE_SECONDS: the longest a token may be used after iat, and live before exp. */
  maxTokenAgeSeconds: number;
}

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const sources = [env.JWT_SECRET, env.JWT_JWKS_FILE, env.JWT_JWKS_URL].filter((v) => v);
  if (sources.length > 1) throw new Error('Configure only one of JWT_SECRET, JWT_JWKS_FILE, JWT_JWKS_URL');
  if (env.JWT_SECRET && env.JWT_SECRET.length < 32) {
    throw new Error('JWT_SECRET must be at least 32 characters');
  }
  const rate = Number(env.RATE_LIMIT_PER_MINUTE ?? 1200);
  if (!Number.isInteger(rate) || rate < 1) throw new Error('RATE_LIMIT_PER_MINUTE must be a positive integer');
  return {
    secret: env.JWT_SECRET || null,
    jwksFile: env.JWT_JWKS_FILE ? resolve(env.JWT_JWKS_FILE) : null,
    jwksUrl: env.JWT_JWKS_URL || null,
    issuer: env.JWT_ISSUER || null,
    audience: env.JWT_AUDIENCE || null,
    rateLimitPerMinute: rate,
    maxTokenAgeSeconds: Number(env.JWT_MAX_TOKEN_AGE_SECONDS || DEFAULT_MAX_TOKEN_AGE_SECONDS),
  };
}
