import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import type { AppConfig } from '../config/app-config';
import { localCaller } from '../common/caller';
import { DateScalar, DateTimeScalar, JsonScalar } from './scalars';

const logger = new Logger('GraphQL');
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'CONCURRENCY_CONFLICT', 'DOMAIN_RULE_VIOLATION', 'UNAUTHENTICATED', 'FORBIDDEN',
  'SERVICE_UNAVAILABLE', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
]);

/**
 * Errors with a known code go to the client as they are; anything else is a bug or an outage:
 * logged in full here, answered with a generic message so that internals never leak.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && KNOWN_CODES.has(code)) {
    const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  logger.error(`Unexpected error: ${String((error as { originalError?: unknown })?.originalError ?? error)}`);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    // Committed at the repo root so clients can diff the contract; a test keeps it current.
    autoSchemaFile: config.schemaFile ?? true,
    sortSchema: true,
    resolvers: { Date: DateScalar, DateTime: DateTimeScalar, JSON: JsonScalar },
    buildSchemaOptions: { dateScalarMode: 'isoDate' },
    introspection: !config.production,
    graphiql: !config.production,
    playground: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    subscriptions: { 'graphql-ws': { path: '/graphql' } },
    context: ({ req, extra }: { req?: unknown; extra?: unknown }) => ({ req, extra, caller: localCaller() }),
  };
}
