import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { AppConfig } from '../config/app-config';
import type { Caller } from '../common/caller';
import { enforceAccess } from '../auth/access-control';
import type { Authenticator } from '../auth/authenticator';
import { queryLimitsRule } from '../auth/limits/query-limits';
import { requestGuardPlugin } from '../auth/limits/request-guard.plugin';
import { admitRequest, InMemoryRateCounter, type RateCounter } from '../auth/limits/request-rate';
import { inputFieldOf } from './input-field';
import { graphiqlLandingPagePlugin } from '../graphiql/graphiql-page';
import { writeContractFile } from './contract-file';
import { graphqlWs } from './graphql-ws.options';
import { describeSchema } from './schema-descriptions';
import { withoutSuggestions } from './suggestions';
import { DateScalar, DateTimeScalar, JsonScalar } from './scalars';

const logger = new Logger('GraphQL');
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'CONCURRENCY_CONFLICT', 'DOMAIN_RULE_VIOLATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED',
  'SERVICE_UNAVAILABLE', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
  // reportDraft's refusals (the intake's codes).
  'NO_TEXT_LAYER', 'NOT_A_SERVICE_AUDITOR_REPORT', 'UNREADABLE_DOCUMENT',
]);

/**
 * Errors with a known code go to the client as they are; anything else is a bug or an outage:
 * logged in full here, answered with a generic message so that internals never leak.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // Apollo labels every validation error GRAPHQL_VALIDATION_FAILED; our limits say BAD_USER_INPUT.
  const ownCode = (error as { originalError?: { extensions?: { code?: unknown } } })?.originalError?.extensions?.code;
  const code = formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && ownCode === 'BAD_USER_INPUT' ? ownCode : formatted.extensions?.code;
  if (code !== formatted.extensions?.code) formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
  if (typeof code === 'string' && KNOWN_CODES.has(code)) {
    const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
    // The README promises extensions.field on every BAD_USER_INPUT, graphql-js's own included.
    if (code === 'BAD_USER_INPUT' && extensions.field === undefined && error instanceof GraphQLError) {
      const field = inputFieldOf(error);
      if (field) extensions.field = field;
    }
    return { ...formatted, extensions };
  }
  const cause = (error as { originalError?: unknown })?.originalError ?? error;
  // The one place an unexpected error is logged, with its stack (the client sees none of it).
  logger.error(`Unexpected error: ${String(cause)}`, cause instanceof Error ? cause.stack : undefined);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}


export function graphqlOptions(config: AppConfig, auth: Authenticator, rate: RateCounter = new InMemoryRateCounter(auth.config.rateLimitPerMinute)): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    // The contract file is written from the final schema below (see writeContractFile).
    autoSchemaFile: true,
    sortSchema: true,
    resolvers: { Date: DateScalar, DateTime: DateTimeScalar, JSON: JsonScalar },
    buildSchemaOptions: { dateScalarMode: 'isoDate' },
    introspection: !config.production,
    // Nest's GraphiQL page loads from a CDN; ours is served by this server (graphiql/).
    graphiql: false,
    playground: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: config.production ? (f: GraphQLFormattedError, e: unknown) => withoutSuggestions(formatError(f, e)) : formatError,
    // Committed at the repo root so clients can diff the contract; a test keeps it current.
    transformSchema: (schema) => writeContractFile(config.schemaFile, enforceAccess(describeSchema(schema))),
    validationRules: [queryLimitsRule],
    // Bounds parsing itself, before any rule runs: a huge document is refused in linear time.
    parseOptions: { maxTokens: 20_000 },
    plugins: [requestGuardPlugin(), ...(config.production ? [] : [graphiqlLandingPagePlugin()])],
    // Production: no "Did you mean …?" in validation errors (they would spell out the schema).
    hideSchemaDetailsFromClientErrors: config.production,
    subscriptions: { 'graphql-ws': graphqlWs(config, auth) },
    // HTTP: ({ req }); WebSocket: graphql-ws's context ({ connectionParams, extra }).
    context: async (arg: { req?: { headers: Record<string, unknown> }; extra?: { caller?: Caller } }) => {
      if (arg.req) {
        // Built before the document is parsed: every request of a caller counts against its rate.
        const caller = await auth.authenticate(arg.req.headers.authorization);
        await admitRequest(rate, auth.config.rateLimitPerMinute, caller);
        return { req: arg.req, caller };
      }
      return { caller: arg.extra?.caller };
    },
  };
}
