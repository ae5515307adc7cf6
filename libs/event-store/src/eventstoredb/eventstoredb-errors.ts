import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import type { ExpectedRevision } from '../event-store.port';
import { toActualRevision } from './eventstoredb-mapping';

/**
 * The client's failures as the port's errors. The client's error classes carry a string `type`
 * (its ErrorType enum); matching on it rather than on `instanceof` also works across two copies
 * of the client package and for errors a test builds by shape.
 */

/** Error types meaning "the store cannot answer now": worth a retry later, never a refusal. */
const UNAVAILABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'cancelled', 'not-leader']);

/** Messages of failures the client throws as plain Errors while it cannot reach any node. */
const UNREACHABLE_MESSAGE = /Failed to discover|No connection established|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|getaddrinfo/i;

function typeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  const type = (error as { type: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

export function isStreamNotFound(error: unknown): boolean {
  return typeOf(error) === 'stream-not-found';
}

export function isWrongExpectedVersion(error: unknown): error is { actualVersion?: bigint | 'no_stream' } {
  return typeOf(error) === 'wrong-expected-version';
}

export function isUnavailable(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  const type = typeOf(error);
  if (type !== undefined) return UNAVAILABLE_TYPES.has(type);
  return error instanceof Error && UNREACHABLE_MESSAGE.test(error.message);
}

/** The port's WrongExpectedRevisionError for the client's WrongExpectedVersionError. */
export function toWrongExpectedRevision(
  error: { actualVersion?: bigint | 'no_stream' },
  streamId: string,
  expected: ExpectedRevision,
): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(streamId, expected, toActualRevision(error.actualVersion));
}

/** A readable reason: the client's errors built without a gRPC error have an empty message. */
export function describeError(error: unknown): string {
  return error instanceof Error && error.message !== '' ? error.message : String(typeOf(error) ?? error);
}

/** Unavailability as EventStoreUnavailableError (naming what failed); anything else unchanged. */
export function toStoreError(error: unknown, what: string): unknown {
  if (error instanceof EventStoreUnavailableError || !isUnavailable(error)) return error;
  return new EventStoreUnavailableError(`EventStoreDB is unavailable (${what}): ${describeError(error)}`);
}

/**
 * Runs `run` with a deadline: after `ms` it rejects with EventStoreUnavailableError and calls
 * `onTimeout` (to cancel a streaming read). The client's own `deadline` covers unary calls, but
 * its reads and batch appends run on long-lived gRPC streams without one, and connecting to a
 * node that is down may wait longer; this bound is what keeps a command from hanging.
 * Hazard: an append that times out may still be written later. Retrying it with the same event
 * ids is safe: the adapter answers the first result instead of writing again.
 */
export async function withDeadline<T>(ms: number, what: string, run: () => Promise<T>, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new EventStoreUnavailableError(`EventStoreDB did not answer within ${ms} ms (${what})`));
    }, ms);
  });
  try {
    return await Promise.race([run(), timeout]);
  } catch (error) {
    throw toStoreError(error, what);
  } finally {
    clearTimeout(timer);
  }
}

/** Collects a streaming read under a deadline; the read is cancelled when the deadline passes. */
export function collect<E>(
  read: AsyncIterable<E> & { cancel(): Promise<void> },
  ms: number,
  what: string,
): Promise<E[]> {
  return withDeadline(
    ms,
    what,
    async () => {
      const items: E[] = [];
      for await (const item of read) items.push(item);
      return items;
    },
    () => void read.cancel().catch(() => undefined),
  );
}
