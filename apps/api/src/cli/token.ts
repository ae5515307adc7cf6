import { mintToken } from '../auth/mint-token';
import { signingSecretFromEnv } from '../auth/signing-secret';

/**
 * `npm run token -- --role analyst --tenant acme [--subject alice] [--ttl 8h] [--operator yes]`: a
 * token signed with the key the server uses in the same environment (JWT_SECRET, else the
 * development secret in DATA_DIR); `--operator yes` adds the operator claim (instance-wide actions
 * such as rebuild-projections). The token is the last line printed. The server refuses tokens
 * living longer than JWT_MAX_TOKEN_AGE_SECONDS (default 24 h).
 */
function main(argv: string[]): void {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    if (!key?.startsWith('--') || argv[i + 1] === undefined) throw new Error(`Unexpected argument ${key ?? ''}`);
    args.set(key.slice(2), argv[i + 1]!);
  }
  const signing = signingSecretFromEnv();
  if (!signing) throw new Error('the server verifies tokens with JWT_JWKS_FILE/JWT_JWKS_URL keys: get a token from their issuer');
  if (signing.created) {
    console.error(`No development secret existed yet: created ${signing.source}. A server started with another DATA_DIR will not accept this token.`);
  }
  const role = args.get('role') ?? 'analyst';
  const tenant = args.get('tenant') ?? 'default';
  const token = mintToken(signing.secret, {
    role,
    tenant,
    subject: args.get('subject') ?? `local-${role.toLowerCase()}`,
    ttlSeconds: ttl(args.get('ttl') ?? '8h'),
    operator: args.get('operator') === 'yes',
  });
  console.log(`# ${role.toUpperCase()} of tenant ${tenant}, signed with ${signing.source}`);
  console.log(token);
}

function ttl(value: string): number {
  const m = /^(\d+)([smhd])$/.exec(value);
  if (!m) throw new Error('--ttl looks like 30m, 8h or 7d');
  const seconds = Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
  const max = Number(process.env.JWT_MAX_TOKEN_AGE_SECONDS || 24 * 3600);
  if (seconds > max) throw new Error(`--ttl must be at most ${max} s (JWT_MAX_TOKEN_AGE_SECONDS): the server refuses longer-lived tokens`);
  return seconds;
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`token: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
