import { createClient, type Client } from 'graphql-ws/client';

/**
 * A tiny GraphQL client: queries over fetch (POST /graphql, JSON), subscriptions over graphql-ws
 * on the same path. Errors keep the server's `extensions.code`, so that the UI can hide what
 * answers FORBIDDEN and say "not available on this server" when a query does not validate.
 */
export interface GraphQLErrorItem {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

export class GraphQLRequestError extends Error {
  constructor(
    readonly errors: GraphQLErrorItem[],
    readonly httpStatus: number,
  ) {
    super(errors.map((e) => e.message).join('; ') || `HTTP ${httpStatus}`);
    this.name = 'GraphQLRequestError';
  }

  get codes(): string[] {
    return this.errors.map((e) => e.extensions?.code ?? 'ERROR');
  }
}

const hasCode = (error: unknown, code: string) => error instanceof GraphQLRequestError && error.codes.includes(code);
/** The caller's role may not see it. */
export const isForbidden = (error: unknown) => hasCode(error, 'FORBIDDEN');
/** The server does not know this query or field (an older server): feature-detect by trying. */
export const isUnsupported = (error: unknown) => hasCode(error, 'GRAPHQL_VALIDATION_FAILED');
export const isUnauthenticated = (error: unknown) => hasCode(error, 'UNAUTHENTICATED');

let token: string | null = null;
let onSignedOut: (() => void) | null = null;

/** The token every request and subscription sends (set by the app on sign-in and sign-out). */
export function setSessionToken(value: string | null, signedOut?: () => void): void {
  if (value !== token) closeLive();
  token = value;
  onSignedOut = signedOut ?? null;
}

const endpoint = () => new URL('/graphql', location.href).toString();

export async function gql<T>(query: string, variables?: Record<string, unknown>, tokenOverride?: string): Promise<T> {
  const bearer = tokenOverride ?? token;
  let res: Response;
  try {
    res = await fetch(endpoint(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new GraphQLRequestError([{ message: `Cannot reach the API (${String(error)})`, extensions: { code: 'NETWORK' } }], 0);
  }
  const body = (await res.json().catch(() => null)) as { data?: T; errors?: GraphQLErrorItem[] } | null;
  if (!body) throw new GraphQLRequestError([{ message: `The API answered HTTP ${res.status}` }], res.status);
  if (body.errors?.length) {
    const error = new GraphQLRequestError(body.errors, res.status);
    if (isUnauthenticated(error) && !tokenOverride) onSignedOut?.();
    throw error;
  }
  return body.data as T;
}

// ---- subscriptions -------------------------------------------------------------------------

export type LiveState = 'connecting' | 'live' | 'offline';
let ws: Client | null = null;
const stateListeners = new Set<(s: LiveState) => void>();
const setState = (s: LiveState) => stateListeners.forEach((l) => l(s));

export function onLiveState(listener: (s: LiveState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

function live(): Client {
  if (ws) return ws;
  const url = endpoint().replace(/^http/, 'ws');
  const bearer = token;
  ws = createClient({
    url,
    connectionParams: () => ({ authorization: `Bearer ${bearer}` }),
    retryAttempts: Infinity,
    retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(500 * 2 ** retries, 10_000))),
    shouldRetry: () => true,
    on: {
      connecting: () => setState('connecting'),
      connected: () => setState('live'),
      closed: () => setState('offline'),
    },
  });
  return ws;
}

/** Subscribes; returns the unsubscribe function. Errors (e.g. FORBIDDEN for a role) go to onError. */
export function subscribe<T>(query: string, onData: (data: T) => void, onError?: (error: unknown) => void): () => void {
  return live().subscribe<T>(
    { query },
    {
      next: (result) => {
        if (result.errors?.length) onError?.(new GraphQLRequestError(result.errors as GraphQLErrorItem[], 200));
        else if (result.data) onData(result.data as T);
      },
      error: (error) => onError?.(Array.isArray(error) ? new GraphQLRequestError(error as GraphQLErrorItem[], 200) : error),
      complete: () => undefined,
    },
  );
}

export function closeLive(): void {
  if (ws) void ws.dispose();
  ws = null;
  setState('offline');
}
