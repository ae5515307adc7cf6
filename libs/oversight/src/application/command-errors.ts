/** The client's expected revision does not match the stream; `actual` is -1 for no stream. */
export class ConcurrencyConflictError extends Error {
  constructor(
    readonly organizationId: string,
    readonly expected: bigint,
    readonly actual: bigint,
  ) {
    super(`Organization ${organizationId} is at revision ${actual}, not the expected ${expected}`);
    this.name = 'ConcurrencyConflictError';
  }
}

/** A commandId already recorded for another organization: a client bug, never retried. */
export class CommandIdReusedError extends Error {
  constructor(readonly commandId: string) {
    super(`commandId ${commandId} was already used for a different command`);
    this.name = 'CommandIdReusedError';
  }
}

/** Conflicts kept happening after every retry: the organization is too busy right now. */
export class RetriesExhaustedError extends Error {
  constructor(readonly organizationId: string, attempts: number) {
    super(`Organization ${organizationId} changed under ${attempts} consecutive attempts; try again`);
    this.name = 'RetriesExhaustedError';
  }
}
