import { signHs256 } from './jwt';
import { ROLES, type Role } from './role-names';

export interface TokenRequest {
  role: string;
  tenant: string;
  subject: string;
  ttlSeconds: number;
  /** An operator token: instance-wide actions (rebuilding every tenant's read models, /health details). */
  operator?: boolean;
}

/** An HS256 token with the claims the API reads: sub, role, tenant, iat, exp (and operator). */
export function mintToken(secret: Buffer, r: TokenRequest, now = Date.now()): string {
  const role = r.role.toUpperCase();
  if (!ROLES.includes(role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ').toLowerCase()}`);
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(r.tenant)) throw new Error('--tenant must be lower-case letters, digits, "-" or "_"');
  const iat = Math.floor(now / 1000);
  return signHs256({ sub: r.subject, role, tenant: r.tenant, iat, exp: iat + r.ttlSeconds, ...(r.operator ? { operator: true } : {}) }, secret);
}
