import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';

/**
 * `npm run schema`: writes the GraphQL contract the code generates to schema.gql (the committed
 * file clients diff), by initialising the app on a throwaway data directory without listening.
 */
async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oversight-schema-'));
  const target = resolve(process.env.SCHEMA_FILE ?? 'schema.gql');
  const config = { ...loadConfig({ ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' }), schemaFile: target };
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error'] });
  await app.init();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`wrote ${target}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
