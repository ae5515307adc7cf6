import type { ExpectedRevision } from './event-store.port';

/** The stream is not where the writer expected it; `actual` is null when it does not exist. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | null,
  ) {
    super(
      `Stream ${streamId}: expected revision ${String(expected)}, actual ${actual === null ? 'no stream' : actual}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * Some event ids of an append already exist elsewhere (another stream, or only in part in this
 * one), so the append is neither new nor an idempotent repeat.
 */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventIds: string[]) {
    super(`Event id(s) already recorded elsewhere: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The store is closed or cannot be reached. */
export class EventStoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}
