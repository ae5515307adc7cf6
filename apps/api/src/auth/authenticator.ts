import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Caller } from '../common/caller';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { loadAuthConfig, type AuthConfig } from './auth-config';
import { InvalidTokenError, verifyJwt } from './jwt';
import { hmacKeySource, jwksKeySource, type KeySource } from './key-source';
import { ROLES, type Role } from './role-names';
import { resolveSigningSecret } from './signing-secret';

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
    // Checked before the development secret is written: production writes nothing to DATA_DIR here.
    if (app.production && !this.config.secret && !this.config.jwksFile && !this.config.jwksUrl) {
      throw new Error('Production needs JWT_SECRET, JWT_JWKS_FILE or JWT_JWKS_URL');
    }
    const signing = resolveSigningSecret(this.config, app.dataDir);
    if (!signing) this.keys = jwksKeySource(this.config);
    else {
      this.keys = hmacKeySource(signing.secret);
      if (!this.config.secret) this.logger.warn(`No JWT key configured: using the local development secret in ${app.dataDir} (npm run token)`);
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
      if (error instanceof InvalidTokenError) throw unauthenticated(this.explain(error.message));
      throw error;
    }
  }

  /** "Bad signature" alone sends people hunting; the usual cause is a token from another key. */
  private explain(message: string): string {
    if (message !== 'Bad signature') return message;
    const hint = this.config.secret || this.config.jwksFile || this.config.jwksUrl
      ? ''
      : ' (npm run token signs with the development secret of its DATA_DIR: run it with the server\'s DATA_DIR)';
    return `Bad signature: the token was signed by a different key than this server's${hint}`;
  }
}
