import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { AppModule } from './app.module';
import { loadConfig } from './config/app-config';
import { securityHeaders } from './security-headers';

/**
 * Starts the API. Logs are JSON lines (one object per line) so that they can be shipped as is.
 * SIGTERM/SIGINT close the HTTP server first, then the projections and the stores: every
 * acknowledged write was already durable, and nothing half-written is left behind.
 */
async function bootstrap(): Promise<void> {
  // Validated before anything is opened or written: a bad configuration leaves DATA_DIR untouched.
  const config = loadConfig();
  // Data files, keys and their WAL/journal files are the owner's only (0600; directories 0700).
  process.umask(0o077);
  const logger = new ConsoleLogger('Api', { json: !process.stdout.isTTY || process.env.LOG_FORMAT === 'json' });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger, bodyParser: true });
  // Bounded request bodies and slow-client timeouts: no request can tie the server up.
  app.useBodyParser('json', { limit: '1mb' });
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(config.port, config.host);
  const server = app.getHttpServer() as Server;
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  if (config.clockStart) logger.warn(`Server clock shifted: it started at ${config.clockStart.toISOString()}`);
  logger.log(`Oversight Ledger listening on http://localhost:${config.port}/graphql (data in ${config.dataDir})`);
}

bootstrap().catch((error) => {
  console.error(error);
  process.exit(1);
});
