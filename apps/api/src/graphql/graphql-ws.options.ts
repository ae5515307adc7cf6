import { getOperationAST, GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Authenticator } from '../auth/authenticator';
import { queryLimitsRule } from '../auth/limits/query-limits';
import type { Caller } from '../common/caller';
import type { AppConfig } from '../config/app-config';
import { stripSuggestions } from './suggestions';
import { CLOSE_FORBIDDEN, closeReason, SOCKET_LIMITS, SocketSessions, type ClosableSocket } from './socket-sessions';

/** What graphql-ws's ws adapter puts in `extra`, plus the session we keep there. */
interface SocketExtra {
  socket: ClosableSocket;
  caller?: Caller;
  release?: () => void;
}
type WsContext = { connectionParams?: Record<string, unknown>; extra: unknown; subscriptions: Record<string, unknown> };

function refuse(message: string, code: string): GraphQLError[] {
  return [new GraphQLError(message, { extensions: { code } })];
}

/** graphql-ws options; `validate` is passed through to graphql-ws though Nest's type omits it. */
export function graphqlWs(config: AppConfig, auth: Authenticator) {
  const sessions = new SocketSessions();
  return {
    path: '/graphql',
    // graphql-ws validates on its own: give it the same limits as HTTP.
    validate: (schema: GraphQLSchema, document: DocumentNode) => {
      const errors = validate(schema, document, [
        ...specifiedRules,
        queryLimitsRule,
        ...(config.production ? [NoSchemaIntrospectionCustomRule] : []),
      ]);
      return config.production ? stripSuggestions(errors) : errors;
    },
    // A socket is for subscriptions (a bounded number of them); queries and mutations go over HTTP.
    onSubscribe: (ctx: WsContext, _id: string, payload: { query: string; operationName?: string | null }) => {
      // graphql-ws registers the subscription before asking: the count includes this one.
      if (Object.keys(ctx.subscriptions).length > SOCKET_LIMITS.subscriptionsPerSocket) {
        return refuse(`Too many subscriptions: at most ${SOCKET_LIMITS.subscriptionsPerSocket} subscriptions per socket`, 'RATE_LIMITED');
      }
      try {
        const operation = getOperationAST(parse(payload.query, { maxTokens: 20_000 }), payload.operationName);
        if (operation?.operation === 'subscription') return undefined;
      } catch {
        return undefined; // graphql-ws reports the syntax error itself
      }
      return refuse('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', 'BAD_USER_INPUT');
    },
    // A socket is signed in once, with the token in connectionParams. A bad token closes it with
    // the reason (graphql-ws's own close would only say "Forbidden"); the session ends with the token.
    onConnect: async (ctx: WsContext) => {
      const params = ctx.connectionParams ?? {};
      const extra = ctx.extra as SocketExtra;
      try {
        extra.caller = await auth.authenticate(params.authorization ?? params.Authorization);
      } catch (error) {
        extra.socket.close(CLOSE_FORBIDDEN, closeReason(`Unauthenticated: ${error instanceof Error ? error.message : 'sign in'}`));
        return false;
      }
      const release = sessions.admit(extra.caller, extra.socket);
      if (!release) return false;
      extra.release = release;
      return true;
    },
    onClose: (ctx: WsContext) => {
      (ctx.extra as SocketExtra).release?.();
    },
  };
}
