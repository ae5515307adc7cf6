import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { GraphQLError } from 'graphql';
import { DomainError } from '../../../../../libs/oversight/src/domain/domain-error';
import {
  CommandIdReusedError,
  ConcurrencyConflictError,
  RetriesExhaustedError,
} from '../../../../../libs/oversight/src/application/command-errors';
import {
  OversightCommandHandler,
  type CommandEnvelope,
  type CommandOutcome,
} from '../../../../../libs/oversight/src/application/handle-command';
import { EventStoreUnavailableError } from '../../../../../libs/event-store/src/event-store.errors';
import { apiError, badInput } from '../../graphql/errors';

/** The one generic command of the API: every mutation sends its domain command inside it. */
export class ExecuteOversightCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope) {
    super();
  }
}

@CommandHandler(ExecuteOversightCommand)
export class ExecuteOversightCommandHandler implements ICommandHandler<ExecuteOversightCommand> {
  constructor(private readonly handler: OversightCommandHandler) {}

  async execute({ envelope }: ExecuteOversightCommand): Promise<CommandOutcome> {
    try {
      return await this.handler.handle(envelope);
    } catch (error) {
      throw toApiError(error);
    }
  }
}

/** Maps refusals of the command path to GraphQL errors with a stable code; others pass through. */
export function toApiError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  if (error instanceof DomainError) {
    return apiError(error.notFound ? 'NOT_FOUND' : 'DOMAIN_RULE_VIOLATION', error.message, { rule: error.rule });
  }
  if (error instanceof ConcurrencyConflictError) {
    return apiError('CONCURRENCY_CONFLICT', error.message, {
      expectedRevision: String(error.expected),
      actualRevision: String(error.actual),
    });
  }
  if (error instanceof RetriesExhaustedError) {
    return apiError('CONCURRENCY_CONFLICT', error.message, { retryable: true });
  }
  if (error instanceof CommandIdReusedError) return badInput('input.commandId', error.message);
  if (error instanceof EventStoreUnavailableError) {
    // A timed-out append may still land: the client retries with the same commandId, recorded at most once.
    return apiError(
      'SERVICE_UNAVAILABLE',
      'The event store is unavailable; the command may not have been recorded. Retry with the same commandId.',
      { retryable: true },
    );
  }
  return error;
}
