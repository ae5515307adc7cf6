import { Catch, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlArgumentsHost } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

/** Codes of a refusal: the client's mistake or a rule at work, not a fault of the server. */
const REFUSALS = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'DOMAIN_RULE_VIOLATION', 'CONCURRENCY_CONFLICT', 'UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED',
]);

/**
 * Nest logs every error a resolver throws at error level with its stack. A refused command is
 * ordinary: one info line with the operation, code and rule or field (never the input, which
 * may be confidential). Anything else goes on to formatError, which logs it in full.
 */
@Catch()
export class RefusalLogFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'graphql') return super.catch(exception, host);
    const code = exception instanceof GraphQLError ? exception.extensions?.code : undefined;
    if (typeof code === 'string' && REFUSALS.has(code)) {
      const field = GqlArgumentsHost.create(host).getInfo<{ fieldName?: string }>()?.fieldName ?? '?';
      const { rule, field: inputField } = (exception as GraphQLError).extensions as { rule?: unknown; field?: unknown };
      const detail = rule ? ` rule=${String(rule)}` : inputField ? ` field=${String(inputField)}` : '';
      this.logger.log(`Refused ${field}: ${code}${detail}`);
    }
    return exception;
  }
}
