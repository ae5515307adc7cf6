/**
 * A command refused by a domain rule. `rule` is a stable SCREAMING_SNAKE name clients can match on;
 * `notFound` marks refusals that mean "no such thing" so the API can answer NOT_FOUND.
 */
export class DomainError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly notFound = false,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function refuse(rule: string, message: string): never {
  throw new DomainError(rule, message);
}

export function notFound(rule: string, message: string): never {
  throw new DomainError(rule, message, true);
}
