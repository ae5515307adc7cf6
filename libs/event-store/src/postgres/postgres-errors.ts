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
  return UNREACHABLE_MESSAGE.test(messageOf(error));
}

/** By shape, not instanceof: socket errors come from Node's own realm (another Error class under jest). */
export function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(error);
}

/** Unavailability as EventStoreUnavailableError, naming what failed; anything else unchanged. */
export function toStoreError(error: unknown, what: string): unknown {
  if (error instanceof EventStoreUnavailableError || !isUnavailable(error)) return error;
  return new EventStoreUnavailableError(`PostgreSQL is unavailable (${what}): ${messageOf(error)}`);
}

/**
 * Runs `work` in one transaction on a pooled connection; rolls back on any error. A connection
 * that failed is destroyed rather than returned to the pool, so a dead one is never reused.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out connection has no pool listener: a drop between two statements would otherwise
  // be an unhandled 'error' event; the statement in flight or the next one fails instead.
  const onDrop = (error: Error) => (broken = error);
  client.on('error', onDrop);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (isUnavailable(error)) broken = new Error(messageOf(error));
    else await client.query('ROLLBACK').catch((rollback: unknown) => (broken = rollback as Error));
    throw error;
  } finally {
    client.removeListener('error', onDrop);
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
