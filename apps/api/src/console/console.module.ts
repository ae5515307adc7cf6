import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';
import { ConsoleDevTokenController } from './dev-token.controller';

/**
 * The oversight console: the web UI built from apps/console into dist/console, served at
 * /console (static files, SPA fallback), and — on a developer's machine only — a role picker's
 * token endpoint. The console itself uses nothing but the public GraphQL API.
 */
@Module({ controllers: [ConsoleDevTokenController, ConsoleController] })
export class ConsoleModule {}
