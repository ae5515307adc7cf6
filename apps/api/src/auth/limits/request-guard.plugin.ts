import { GraphQLError } from 'graphql';

export const REQUEST_LIMITS = {
  /** Characters of one GraphQL document. */
  maxDocument: 100_000,
  /** Characters of any one string in the variables. */
  maxString: 100_000,
  /** Nesting of the variables' JSON. */
  maxVariableDepth: 10,
} as const;

function refuse(message: string, code = 'BAD_USER_INPUT', status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

interface RequestStart {
  request: { query?: string; variables?: Record<string, unknown> };
  operation?: { operation: string };
}

/**
 * An Apollo plugin (typed structurally: Apollo's CJS and ESM typings differ) for the checks on
 * the request as a whole: document size, variable strings, no subscription over HTTP. The
 * refusals are thrown in didResolveOperation, the earliest hook whose errors Apollo answers as
 * client errors. Parsing before it is bounded by the HTTP body limit and parseOptions.maxTokens.
 * The rate per token is counted earlier, when the context is built (request-rate.ts).
 */
export function requestGuardPlugin() {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation }: RequestStart): Promise<void> {
          // Over HTTP a subscription would run once as a query, with no event: only WebSocket serves it.
          if (operation?.operation === 'subscription') {
            throw refuse('Subscriptions are served over WebSocket (graphql-ws) at /graphql, not over HTTP', 'BAD_REQUEST', 400);
          }
          if ((request.query?.length ?? 0) > REQUEST_LIMITS.maxDocument) {
            throw refuse(`The query document exceeds ${REQUEST_LIMITS.maxDocument} characters`);
          }
          checkValue(request.variables ?? {}, '', 0);
        },
      };
    },
  };
}

function checkValue(value: unknown, path: string, depth: number): void {
  if (depth > REQUEST_LIMITS.maxVariableDepth) throw refuse(`${path || 'variables'}: nested too deeply`);
  if (typeof value === 'string') {
    if (value.length > REQUEST_LIMITS.maxString) {
      throw new GraphQLError(`${path}: a string may have at most ${REQUEST_LIMITS.maxString} characters`, {
        extensions: { code: 'BAD_USER_INPUT', field: path, http: { status: 400 } },
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkValue(v, join(path, String(i)), depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkValue(v, join(path, k), depth + 1);
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
