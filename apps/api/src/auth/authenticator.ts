import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Caller } from '../common/caller';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { loadAuthConfig, type AuthConfig } from './auth-config';
import { ensureDevSecret } from './dev-secret';
import { InvalidTokenError, verifyJwt } from './jwt';
import { hmacKeySource, jwksKeySource, type KeySource } from './key-source';
import { ROLES, type Role } from './role-names';

const TENANT_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/**
 * Turns a bearer token into the caller: subject, role and tenant come from the verified token
 * only, so that no client can forge the actor or reach another tenant.
 */
@Injectable()
export class Authenticator {
  private readonly logger = new Logger('Auth');
  readonly config: AuthConfig;
  private readonly keys: KeySource;

  constructor(@Inject(APP_CONFIG) app: AppConfig) {
    this.config = loadAuthConfig();
    if (this.config.secret) this.keys = hmacKeySource(Buffer.from(this.config.secret));
    else if (this.config.jwksFile || this.config.jwksUrl) this.keys = jwksKeySource(this.config);
    else {
      // Checked before the development secret is written: production writes nothing to DATA_DIR here.
      if (app.production) throw new Error('Production needs JWT_SECRET, JWT_JWKS_FILE or JWT_JWKS_URL');
      this.keys = hmacKeySource(ensureDevSecret(app.dataDir));
      this.logger.warn(`No JWT key configured: using the local development secret in ${app.dataDir} (npm run token)`);
    }
  }

  /** From an `Authorization: Bearer …` header value (HTTP) or a token (WebSocket). */
  async authenticate(authorization: unknown): Promise<Caller> {
    if (typeof authorization !== 'string' || authorization.trim() === '') {
      throw unauthenticated('Sign in: send Authorization: Bearer <token>');
    }
    // Only the Bearer scheme (RFC 6750): a bare token or another scheme's credentials are refused.
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!bearer) throw unauthenticated('Sign in: send Authorization: Bearer <token>');
    const token = bearer[1]!;
    if (token.length > 8192) throw unauthenticated('Token too large');
    try {
      const claims = await verifyJwt(token, this.keys.resolve, {
        algorithms: this.keys.algorithms,
        issuer: this.config.issuer ?? undefined,
        audience: this.config.audience ?? undefined,
        maxTokenAgeSeconds: this.config.maxTokenAgeSeconds,
      });
      const role = typeof claims.role === 'string' ? claims.role.toUpperCase() : '';
      const tenant = typeof claims.tenant === 'string' ? claims.tenant : '';
      if (typeof claims.sub !== 'string' || claims.sub === '' || claims.sub.length > 200) throw new InvalidTokenError('Token has no subject');
      if (!ROLES.includes(role as Role)) throw new InvalidTokenError(`Token role must be one of ${ROLES.join(', ')}`);
      if (!TENANT_RE.test(tenant)) throw new InvalidTokenError('Token has no valid tenant');
      return { tenantId: tenant, actor: { id: claims.sub, role }, requestId: randomUUID(), expiresAt: (claims.exp as number) * 1000, operator: claims.operator === true };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
      throw error;
    }
  }
}
