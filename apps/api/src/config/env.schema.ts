import { isAbsolute, relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { estimatedEntropyBits, MIN_SECRET_ENTROPY_BITS } from './secret-strength';

const int = (fallback: number, min = 0) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? String(fallback) : v.trim()))
    .pipe(z.string().regex(/^\d+$/, `must be an integer of at least ${min}`).transform(Number))
    .pipe(z.number().int().min(min, `must be an integer of at least ${min}`));
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

/**
 * Every variable the API reads at start, checked once, before anything is opened or written.
 * NODE_ENV is exactly one of three modes: a typo ("Production") must not silently run in
 * development mode, where the dev-token route hands out ADMIN tokens.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: int(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    CONSISTENCY_TIMEOUT_MS: int(5000),
    STATUS_CLOCK_INTERVAL_MS: int(60_000),
    POLL_INTERVAL_MS: int(250),
    OVERSIGHT_CLOCK_START: optional.refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 instant'),
    SCHEMA_FILE: optional,
    JWT_SECRET: optional,
    JWT_JWKS_FILE: optional,
    JWT_JWKS_URL: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
    JWT_ISSUER: optional,
    JWT_AUDIENCE: optional,
    JWT_MAX_TOKEN_AGE_SECONDS: int(24 * 3600, 60),
    RATE_LIMIT_PER_MINUTE: int(1200, 1),
    LEDGER_SIGNING_KEY_FILE: optional,
    ALLOW_TENANT_REBUILD: z.enum(['true', 'false']).default('false'),
  })
  .superRefine((env, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const sources = [env.JWT_SECRET, env.JWT_JWKS_FILE, env.JWT_JWKS_URL].filter((v) => v);
    if (sources.length > 1) issue('JWT_SECRET', 'configure only one of JWT_SECRET, JWT_JWKS_FILE, JWT_JWKS_URL');
    if (env.JWT_SECRET !== undefined && env.JWT_SECRET.length < 32) issue('JWT_SECRET', 'must be at least 32 characters');
    if (env.NODE_ENV !== 'production') return;
    // Production: keys come from the operator, never generated into DATA_DIR.
    if (sources.length === 0) issue('JWT_SECRET', 'production needs JWT_SECRET, JWT_JWKS_FILE or JWT_JWKS_URL');
    if (env.JWT_SECRET && estimatedEntropyBits(env.JWT_SECRET) < MIN_SECRET_ENTROPY_BITS) {
      issue('JWT_SECRET', `too weak for production (under ${MIN_SECRET_ENTROPY_BITS} bits of entropy); use e.g. openssl rand -hex 32`);
    }
    const key = env.LEDGER_SIGNING_KEY_FILE;
    if (!key) issue('LEDGER_SIGNING_KEY_FILE', 'production needs the ledger signing key file (outside DATA_DIR)');
    else if (!existsSync(key)) issue('LEDGER_SIGNING_KEY_FILE', `${key} does not exist; production never generates a signing key`);
    else if (isInside(resolve(env.DATA_DIR), resolve(key))) {
      issue('LEDGER_SIGNING_KEY_FILE', 'must be outside DATA_DIR: whoever can write the database must not also hold the key');
    }
  });

export type Env = z.infer<typeof envSchema>;

function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The environment, validated; throws one error listing every problem by variable name. */
export function parseEnv(env: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || 'environment'}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}
