import { resolve } from 'node:path';
import { parseEnv } from './env.schema';

export type RunMode = 'development' | 'test' | 'production';

/** Everything the API reads from the environment, validated once at start-up (env.schema.ts). */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  mode: RunMode;
  production: boolean;
  /** How long a read-your-writes query waits for the projections, at most. */
  consistencyTimeoutMs: number;
  /** How often the status clock re-assesses organizations that time alone moves. */
  statusClockIntervalMs: number;
  /** How often projections poll the store for writes of other processes. */
  pollIntervalMs: number;
  /**
   * OVERSIGHT_CLOCK_START: run the server clock from this instant instead of the real time
   * (it still advances in real time). For demos, rehearsals and tests of what time alone does.
   */
  clockStart: Date | null;
  /** Where to write the generated GraphQL schema (SCHEMA_FILE); none in production. */
  schemaFile: string | null;
  /**
   * ALLOW_TENANT_REBUILD: whether a tenant ADMIN may start a rebuild of every read model over
   * GraphQL. Off by default: rebuilding all tenants' read models is an operator action
   * (`npm run rebuild-projections`).
   */
  allowTenantRebuild: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = parseEnv(env);
  const production = e.NODE_ENV === 'production';
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    mode: e.NODE_ENV,
    production,
    consistencyTimeoutMs: e.CONSISTENCY_TIMEOUT_MS,
    statusClockIntervalMs: e.STATUS_CLOCK_INTERVAL_MS,
    pollIntervalMs: e.POLL_INTERVAL_MS,
    clockStart: e.OVERSIGHT_CLOCK_START ? new Date(e.OVERSIGHT_CLOCK_START) : null,
    schemaFile: e.SCHEMA_FILE ?? (production ? null : resolve('schema.gql')),
    allowTenantRebuild: e.ALLOW_TENANT_REBUILD === 'true',
  };
}
