import { loadConfig } from '../config/app-config';
import { loadAuthConfig, type AuthConfig } from './auth-config';
import { ensureDevSecret, readDevSecret } from './dev-secret';

/** Where tokens for this environment are signed: the secret, and how to name it to a person. */
export interface SigningSecret {
  secret: Buffer;
  source: string;
  /** True when this call created the development secret (no server has used it yet). */
  created: boolean;
}

/**
 * The one resolution of the HS256 signing secret, shared by the server and the CLIs so that a
 * token minted by `npm run token` is one the server accepts: JWT_SECRET when set, else the
 * development secret in DATA_DIR (the server's default DATA_DIR, resolved the same way). With
 * JWKS keys configured there is nothing to sign with here: null.
 */
export function resolveSigningSecret(
  auth: AuthConfig,
  dataDir: string,
  options: { create: boolean } = { create: true },
): SigningSecret | null {
  if (auth.secret) return { secret: Buffer.from(auth.secret), source: 'JWT_SECRET', created: false };
  if (auth.jwksFile || auth.jwksUrl) return null;
  const existing = readDevSecret(dataDir);
  if (existing) return { secret: existing, source: `the development secret in ${dataDir}`, created: false };
  if (!options.create) return null;
  return { secret: ensureDevSecret(dataDir), source: `the development secret in ${dataDir}`, created: true };
}

/** The same, read from the environment as the server reads it (DATA_DIR, JWT_*). */
export function signingSecretFromEnv(env: NodeJS.ProcessEnv = process.env, options = { create: true }): SigningSecret | null {
  return resolveSigningSecret(loadAuthConfig(env), loadConfig(env).dataDir, options);
}
