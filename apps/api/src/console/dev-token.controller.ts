import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Post, Req } from '@nestjs/common';
import { Authenticator } from '../auth/authenticator';
import { ensureDevSecret } from '../auth/dev-secret';
import { mintToken } from '../auth/mint-token';
import { ROLES } from '../auth/role-names';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';
import type { HttpRequest } from './http-types';

const TENANT_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const TTL_SECONDS = 8 * 3600;

/** True for a connection from this machine, addressed to this machine by a loopback name. */
export function isLoopbackRequest(req: HttpRequest): boolean {
  const remote = req.socket.remoteAddress ?? '';
  const fromLoopback = remote === '::1' || /^(::ffff:)?127\./.test(remote);
  const hostHeader = req.headers.host;
  const host = ((Array.isArray(hostHeader) ? hostHeader[0] : hostHeader) ?? '').toLowerCase();
  // Host without its port; "[::1]:3000" → "[::1]". A rebinding DNS name never passes.
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
  const toLoopback = hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
  return fromLoopback && toLoopback;
}

/**
 * The console's role picker, for a developer's own machine: signs a token with the local
 * development secret. It exists only while the server runs on that secret (no JWT_SECRET,
 * JWT_JWKS_FILE or JWT_JWKS_URL), outside production, and answers loopback requests only;
 * everywhere else it is a 404, as if it were not there.
 */
@Controller('console/dev-token')
export class ConsoleDevTokenController {
  constructor(
    private readonly auth: Authenticator,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {}

  /** Whether the role picker is offered (the console asks before showing it). */
  @Get()
  options(@Req() req: HttpRequest) {
    this.requireDevelopment(req);
    return { available: true, roles: [...ROLES], tenant: 'default' };
  }

  @Post()
  @HttpCode(200)
  mint(@Req() req: HttpRequest, @Body() body: { role?: unknown; tenant?: unknown } | undefined) {
    this.requireDevelopment(req);
    const role = typeof body?.role === 'string' ? body.role.toUpperCase() : '';
    const tenant = typeof body?.tenant === 'string' && body.tenant !== '' ? body.tenant : 'default';
    if (!(ROLES as readonly string[]).includes(role)) throw new BadRequestException(`role must be one of ${ROLES.join(', ')}`);
    if (!TENANT_RE.test(tenant)) throw new BadRequestException('tenant must be lower-case letters, digits, "-" or "_"');
    const now = Date.now();
    const token = mintToken(ensureDevSecret(this.app.dataDir), { role, tenant, subject: `console-${role.toLowerCase()}`, ttlSeconds: TTL_SECONDS }, now);
    return { token, role, tenant, expiresAt: new Date(now + TTL_SECONDS * 1000).toISOString() };
  }

  private requireDevelopment(req: HttpRequest): void {
    const { secret, jwksFile, jwksUrl } = this.auth.config;
    if (secret || jwksFile || jwksUrl || this.app.production || !isLoopbackRequest(req)) throw new NotFoundException();
  }
}
