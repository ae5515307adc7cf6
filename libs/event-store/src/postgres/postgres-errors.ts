import type { Pool, PoolClient } from 'pg';
import { EventStoreUnavailableError } from '../event-store.errors';

/**
 * SQLSTATE classes and codes meaning "the server cannot answer now" (retry later, never a
 * refusal): connection exceptions (08), operator intervention such as admin shutdown or
 * pg_terminate_backend (57P01..57P05), insufficient resources (53), and a server in recovery.
 */
const UNAVAILABLE_CODES = /^(08|53|57P0[1-5])/;
const UNREACHABLE_MESSAGE = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EPIPE|ETIMEDOUT|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)|Cannot use a pool after calling end/i;

export const UNIQUE_VIOLATION = '23505';

export function sqlStateOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

export function isUnavailable(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  const code = sqlStateOf(error);
  if (code !== undefined && UNAVAILABLE_CODES.test(code)) return true;
  return error instanceof Error && UNREACHABLE_MESSAGE.test(error.message);
}

/** Unavailability as EventStoreUnavailableError, naming what failed; anything else unchanged. */
export function toStoreError(error: unknown, what: string): unknown {
  if (error instanceof EventStoreUnavailableError || !isUnavailable(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new EventStoreUnavailableError(`PostgreSQL is unavailable (${what}): ${reason}`);
}

/**
 * Runs `work` in one transaction on a pooled connection; rolls back on any error. A connection
 * that failed is destroyed rather than returned to the pool, so a dead one is never reused.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (isUnavailable(error)) broken = error instanceof Error ? error : new Error(String(error));
    else await client.query('ROLLBACK').catch((rollback: unknown) => (broken = rollback as Error));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
