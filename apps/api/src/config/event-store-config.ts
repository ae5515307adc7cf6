import type { StartupRetry } from '../../../../libs/event-store/src/eventstoredb/eventstoredb-connection';

/** Injection token of the EventStoreConfig (the composition root provides it). */
export const EVENT_STORE_CONFIG = Symbol('EVENT_STORE_CONFIG');

export type EventStoreKind = 'sqlite' | 'postgres' | 'eventstoredb';

export interface EventStoreDbConfig {
  kind: 'eventstoredb';
  /** EVENTSTORE_CONNECTION_STRING: `esdb://host:2113?tls=false`, `esdb://a:2113,b:2113,c:2113`, `esdb+discover://…`. */
  connectionString: string;
  /** EVENTSTORE_NAMESPACE: a prefix for every stream name, to share one server. Default ''. */
  namespace: string;
  /** EVENTSTORE_DEADLINE_MS: longest wait for one call before the store counts as unavailable. Default 5000. */
  deadlineMs: number;
  /** EVENTSTORE_STARTUP_ATTEMPTS: how often start-up tries the store before giving up. Default 30 (about 2 min). */
  startup: StartupRetry;
}

export interface PostgresConfig {
  kind: 'postgres';
  /** DATABASE_URL: `postgres://user:password@host:5432/database` (libpq URL; `?sslmode=…` honoured by pg). */
  connectionString: string;
  /** POSTGRES_SCHEMA: the schema holding the store's tables, so several ledgers can share a database. Default public. */
  schema: string;
  /** POSTGRES_POOL_SIZE: connections of this replica. Default 10. */
  poolSize: number;
  /** POSTGRES_STARTUP_ATTEMPTS: how often start-up tries the database before giving up. Default 30 (about 2 min). */
  startup: StartupRetry;
}

export type EventStoreConfig = { kind: 'sqlite' } | PostgresConfig | EventStoreDbConfig;

/**
 * Which event store the API runs on, from the environment: EVENT_STORE=sqlite (default: the
 * embedded file DATA_DIR/events.db), EVENT_STORE=postgres (with DATABASE_URL; several replicas
 * share it) or EVENT_STORE=eventstoredb (with EVENTSTORE_CONNECTION_STRING).
 * Throws on anything it cannot use, naming the variable, so a misconfigured API fails at start-up
 * instead of on its first command.
 */
export function loadEventStoreConfig(env: NodeJS.ProcessEnv = process.env): EventStoreConfig {
  const kind = (env.EVENT_STORE ?? '').trim().toLowerCase() || 'sqlite';
  if (kind === 'sqlite') return { kind };
  if (kind === 'postgres' || kind === 'postgresql') return loadPostgresConfig(env);
  if (kind !== 'eventstoredb') {
    throw new Error(`EVENT_STORE must be "sqlite", "postgres" or "eventstoredb", got "${env.EVENT_STORE}"`);
  }
  const connectionString = (env.EVENTSTORE_CONNECTION_STRING ?? '').trim();
  if (connectionString === '') {
    throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING, e.g. esdb://localhost:2113?tls=false');
  }
  if (!/^esdb(\+discover)?:\/\/[^/?]+/.test(connectionString)) {
    throw new Error('EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover:// followed by a host');
  }
  const namespace = env.EVENTSTORE_NAMESPACE ?? '';
  if (namespace.startsWith('$')) throw new Error('EVENTSTORE_NAMESPACE must not start with $ (system streams)');
  return {
    kind,
    connectionString,
    namespace,
    deadlineMs: positiveInt(env.EVENTSTORE_DEADLINE_MS, 5000, 'EVENTSTORE_DEADLINE_MS'),
    startup: {
      attempts: positiveInt(env.EVENTSTORE_STARTUP_ATTEMPTS, 30, 'EVENTSTORE_STARTUP_ATTEMPTS'),
      initialDelayMs: 500,
      maxDelayMs: 5000,
    },
  };
}

function loadPostgresConfig(env: NodeJS.ProcessEnv): PostgresConfig {
  const connectionString = (env.DATABASE_URL ?? '').trim();
  if (connectionString === '') {
    throw new Error('EVENT_STORE=postgres needs DATABASE_URL, e.g. postgres://ledger:secret@localhost:5432/ledger');
  }
  if (!/^postgres(ql)?:\/\/./.test(connectionString)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const schema = (env.POSTGRES_SCHEMA ?? '').trim() || 'public';
  if (!/^[a-z_][a-z0-9_]{0,39}$/.test(schema) || schema.startsWith('pg_')) {
    throw new Error(`POSTGRES_SCHEMA must be a lower-case identifier of at most 40 characters not starting with pg_, got "${schema}"`);
  }
  return {
    kind: 'postgres',
    connectionString,
    schema,
    poolSize: positiveInt(env.POSTGRES_POOL_SIZE, 10, 'POSTGRES_POOL_SIZE'),
    startup: {
      attempts: positiveInt(env.POSTGRES_STARTUP_ATTEMPTS, 30, 'POSTGRES_STARTUP_ATTEMPTS'),
      initialDelayMs: 500,
      maxDelayMs: 5000,
    },
  };
}

/** Warnings about settings that have no effect, for the start-up log. */
export function eventStoreConfigWarnings(config: EventStoreConfig, env: NodeJS.ProcessEnv = process.env): string[] {
  if (config.kind !== 'sqlite') return [];
  const unused = (name: string, kind: string) =>
    (env[name] ?? '') !== '' ? [`${name} is set but EVENT_STORE is sqlite: the embedded store is used; set EVENT_STORE=${kind} to use it`] : [];
  return [...unused('EVENTSTORE_CONNECTION_STRING', 'eventstoredb'), ...unused('DATABASE_URL', 'postgres')];
}

/**
 * The identity of the store that read models are built from (see ensureReadModelSource): the
 * kind, for EventStoreDB the namespace, for PostgreSQL the server, database and schema.
 */
export function readModelSourceOf(config: EventStoreConfig): string {
  if (config.kind === 'postgres') {
    // Another server, database or schema is another sequence of events; credentials are not part of it.
    const url = new URL(config.connectionString);
    return `postgres:${url.host}${url.pathname}#${config.schema}`;
  }
  return config.kind === 'sqlite' || config.namespace === '' ? config.kind : `${config.kind}:${config.namespace}`;
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}
