import { DEFAULT_STARTUP, describeConnection, type StartupRetry } from '../eventstoredb/eventstoredb-connection';
import { EventStoreUnavailableError } from '../event-store.errors';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
import { isUnavailable } from './postgres-errors';
import { ensureSchema } from './postgres-schema';

export interface ConnectPostgresOptions extends PostgresEventStoreOptions {
  startup?: StartupRetry;
  log?: (message: string) => void;
}

/**
 * Opens the PostgreSQL store and brings its schema to this code's version, waiting (bounded, with
 * backoff, each attempt logged) for a server that is still starting, so that an API started with
 * its database comes up once the database does. Throws EventStoreUnavailableError after the last
 * attempt; a schema error (say, a newer schema) is thrown at once.
 */
export async function connectPostgres(options: ConnectPostgresOptions): Promise<PostgresEventStore> {
  const { startup = DEFAULT_STARTUP, log = () => undefined, ...storeOptions } = options;
  const where = describeConnection(options.connectionString);
  const store = new PostgresEventStore(storeOptions);
  const attempts = Math.max(1, startup.attempts);
  let reason = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const applied = await ensureSchema(store.pool, options.schema ?? 'public');
      if (applied.length > 0) log(`PostgreSQL event store schema at ${where}: applied version(s) ${applied.join(', ')}`);
      if (attempt > 1) log(`PostgreSQL at ${where} answered (attempt ${attempt}/${attempts})`);
      return store;
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
      if (!isUnavailable(error) || attempt === attempts) {
        await store.close();
        if (!isUnavailable(error)) throw error;
        break;
      }
      const delayMs = Math.min(startup.maxDelayMs, startup.initialDelayMs * 2 ** (attempt - 1));
      log(`waiting for PostgreSQL at ${where} (attempt ${attempt}/${attempts}, next in ${delayMs} ms): ${reason}`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  throw new EventStoreUnavailableError(`PostgreSQL at ${where} did not answer after ${attempts} attempts: ${reason}`);
}
