import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import {
  getOperationAST,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { AppConfig } from '../config/app-config';
import type { Caller } from '../common/caller';
import { enforceAccess } from '../auth/access-control';
import type { Authenticator } from '../auth/authenticator';
import { queryLimitsRule } from '../auth/limits/query-limits';
import { requestGuardPlugin } from '../auth/limits/request-guard.plugin';
import { inputFieldOf } from './input-field';
import { graphiqlLandingPagePlugin } from '../graphiql/graphiql-page';
import { writeContractFile } from './contract-file';
import { describeSchema } from './schema-descriptions';
import { DateScalar, DateTimeScalar, JsonScalar } from './scalars';

const logger = new Logger('GraphQL');
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'CONCURRENCY_CONFLICT', 'DOMAIN_RULE_VIOLATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED',
  'SERVICE_UNAVAILABLE', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
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

type WsContext = { connectionParams?: Record<string, unknown>; extra: unknown };

export function graphqlOptions(config: AppConfig, auth: Authenticator): ApolloDriverConfig {
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
    formatError,
    // Committed at the repo root so clients can diff the contract; a test keeps it current.
    transformSchema: (schema) => writeContractFile(config.schemaFile, enforceAccess(describeSchema(schema))),
    validationRules: [queryLimitsRule],
    // Bounds parsing itself, before any rule runs: a huge document is refused in linear time.
    parseOptions: { maxTokens: 20_000 },
    plugins: [requestGuardPlugin(auth.config.rateLimitPerMinute), ...(config.production ? [] : [graphiqlLandingPagePlugin()])],
    subscriptions: { 'graphql-ws': graphqlWs(config, auth) },
    // HTTP: ({ req }); WebSocket: graphql-ws's context ({ connectionParams, extra }).
    context: async (arg: { req?: { headers: Record<string, unknown> }; extra?: { caller?: Caller } }) => {
      if (arg.req) return { req: arg.req, caller: await auth.authenticate(arg.req.headers.authorization) };
      return { caller: arg.extra?.caller };
    },
  };
}

/** graphql-ws options; `validate` is passed through to graphql-ws though Nest's type omits it. */
function graphqlWs(config: AppConfig, auth: Authenticator) {
  const options = {
    path: '/graphql',
    // graphql-ws validates on its own: give it the same limits as HTTP.
    validate: (schema: GraphQLSchema, document: DocumentNode) =>
      validate(schema, document, [
        ...specifiedRules,
        queryLimitsRule,
        ...(config.production ? [NoSchemaIntrospectionCustomRule] : []),
      ]),
    // A socket is for subscriptions; queries and mutations go over HTTP, with its rate limit.
    onSubscribe: (_ctx: unknown, _id: string, payload: { query: string; operationName?: string | null }) => {
      try {
        const operation = getOperationAST(parse(payload.query, { maxTokens: 20_000 }), payload.operationName);
        if (operation?.operation === 'subscription') return undefined;
      } catch {
        return undefined; // graphql-ws reports the syntax error itself
      }
      return [
        new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', {
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ];
    },
    // A socket is signed in once, with the token in connectionParams; a bad one is refused.
    onConnect: async (ctx: WsContext) => {
      const params = ctx.connectionParams ?? {};
      try {
        (ctx.extra as { caller?: Caller }).caller = await auth.authenticate(
          params.authorization ?? params.Authorization,
        );
        return true;
      } catch {
        return false;
      }
    },
  };
  return options;
}
