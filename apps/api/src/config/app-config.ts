import { resolve } from 'node:path';

/** Everything the API reads from the environment, read once at start-up. */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
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
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    production: env.NODE_ENV === 'production',
    consistencyTimeoutMs: intFrom(env.CONSISTENCY_TIMEOUT_MS, 5000, 'CONSISTENCY_TIMEOUT_MS'),
    statusClockIntervalMs: intFrom(env.STATUS_CLOCK_INTERVAL_MS, 60_000, 'STATUS_CLOCK_INTERVAL_MS'),
    pollIntervalMs: intFrom(env.POLL_INTERVAL_MS, 250, 'POLL_INTERVAL_MS'),
    clockStart: dateFrom(env.OVERSIGHT_CLOCK_START, 'OVERSIGHT_CLOCK_START'),
    schemaFile: env.SCHEMA_FILE ?? (env.NODE_ENV === 'production' ? null : resolve('schema.gql')),
  };
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function dateFrom(value: string | undefined, name: string): Date | null {
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`${name} must be an ISO-8601 instant, got "${value}"`);
  return d;
}
