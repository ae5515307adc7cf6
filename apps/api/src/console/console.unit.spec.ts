import { NotFoundException } from '@nestjs/common';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Authenticator } from '../auth/authenticator';
import type { AuthConfig } from '../auth/auth-config';
import { loadConfig } from '../config/app-config';
import { resolveConsoleFile } from './console-files';
import { ConsoleDevTokenController, isLoopbackRequest } from './dev-token.controller';
import type { HttpRequest } from './http-types';

// @nestjs/common 12 is ESM-only and jest runs CommonJS: its decorators are no-ops here.
jest.mock('@nestjs/common', () => {
  const decorator = () => () => undefined;
  class HttpError extends Error {}
  return {
    Body: decorator, Controller: decorator, Get: decorator, HttpCode: decorator, Inject: decorator, Injectable: decorator, Post: decorator, Req: decorator,
    Logger: class { warn(): void {} log(): void {} },
    BadRequestException: class BadRequestException extends HttpError {},
    NotFoundException: class NotFoundException extends HttpError {},
  };
});

const local: HttpRequest = { headers: { host: '127.0.0.1:3000' }, socket: { remoteAddress: '127.0.0.1' } };
const authWith = (config: Partial<AuthConfig>) =>
  ({ config: { secret: null, jwksFile: null, jwksUrl: null, issuer: null, audience: null, rateLimitPerMinute: 1200, ...config } }) as unknown as Authenticator;

describe('console files', () => {
  const root = mkdtempSync(join(tmpdir(), 'console-files-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), '');

  it.each([
    ['/', 'index'],
    ['org/eastbay-colocation', 'index'],
    ['org/eastbay-colocation/replay', 'index'],
    ['assets/index-abc.js', 'file'],
    ['assets/missing.js', 'not-found'],
    ['../package.json', 'not-found'],
    ['..%2f..%2fetc%2fpasswd', 'not-found'],
    ['%E0%A4%A', 'not-found'],
  ])('%s → %s', (path, kind) => {
    expect(resolveConsoleFile(root, path).kind).toBe(kind);
  });

  it('hashed assets are immutable, the page is not', () => {
    expect(resolveConsoleFile(root, 'assets/index-abc.js')).toMatchObject({ kind: 'file', immutable: true });
  });

  it('without a bundle every path says how to build it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'console-empty-'));
    expect(resolveConsoleFile(empty, '/').kind).toBe('missing-bundle');
    expect(resolveConsoleFile(empty, 'assets/x.js').kind).toBe('missing-bundle');
  });
});

describe('console dev token', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-dev-'));
  const dev = loadConfig({ DATA_DIR: dataDir });

  it('signs a token for a role on the development secret, from this machine', () => {
    const c = new ConsoleDevTokenController(authWith({}), dev);
    expect(c.options(local)).toMatchObject({ available: true });
    const minted = c.mint(local, { role: 'viewer', tenant: 'acme' });
    expect(minted).toMatchObject({ role: 'VIEWER', tenant: 'acme' });
    expect(minted.token.split('.')).toHaveLength(3);
  });

  it.each([
    ['JWT_SECRET', { secret: 'x'.repeat(32) }],
    ['JWT_JWKS_FILE', { jwksFile: '/keys.json' }],
    ['JWT_JWKS_URL', { jwksUrl: 'https://idp.example/jwks' }],
  ])('is not there with %s configured', (_name, config) => {
    const c = new ConsoleDevTokenController(authWith(config), dev);
    expect(() => c.options(local)).toThrow(NotFoundException);
    expect(() => c.mint(local, { role: 'ADMIN' })).toThrow(NotFoundException);
  });

  it('is not there in production', () => {
    const c = new ConsoleDevTokenController(authWith({}), { ...dev, production: true });
    expect(() => c.mint(local, { role: 'ADMIN' })).toThrow(NotFoundException);
  });

  it('refuses an unknown role or a bad tenant', () => {
    const c = new ConsoleDevTokenController(authWith({}), dev);
    expect(() => c.mint(local, { role: 'ROOT' })).toThrow(/role must be one of/);
    expect(() => c.mint(local, { role: 'ADMIN', tenant: 'Bad Tenant' })).toThrow(/tenant/);
  });

  it.each([
    [{ host: 'localhost:3000' }, '127.0.0.1', true],
    [{ host: '[::1]:3000' }, '::1', true],
    [{ host: '127.0.0.1:3000' }, '::ffff:127.0.0.1', true],
    [{ host: '192.168.1.20:3000' }, '192.168.1.5', false],
    [{ host: 'rebound.example:3000' }, '127.0.0.1', false],
    [{ host: 'localhost:3000' }, '10.0.0.8', false],
    [{}, '127.0.0.1', false],
  ])('loopback only: host %j from %s → %s', (headers, remoteAddress, ok) => {
    expect(isLoopbackRequest({ headers, socket: { remoteAddress } })).toBe(ok);
  });
});
