import { mintToken } from '../auth/mint-token';
import { signingSecretFromEnv } from '../auth/signing-secret';
import { loadConfig } from '../config/app-config';

/**
 * A minimal GraphQL-over-HTTP client for the command-line tools (seed, generator, export). It
 * talks to API_URL, else the local server on PORT, as `npm start` would listen. It sends
 * API_TOKEN; without one, on the developer's own machine, it signs a short-lived ADMIN token
 * with the key the server uses in the same environment (JWT_SECRET or DATA_DIR's secret).
 */
export class GraphQLClient {
  private readonly token: string | undefined;

  constructor(
    readonly url: string = apiUrl(),
    token: string | undefined = process.env.API_TOKEN,
    options: { operator?: boolean } = {},
  ) {
    this.token = token ?? localToken(options.operator === true);
  }

  async request<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new Error(`Cannot reach the API at ${this.url} (${String(error)}). Is it running? Start it with "npm start".`);
    }
    const body = (await res.json().catch(() => null)) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> } | null;
    if (!body) throw new Error(`${this.url} answered HTTP ${res.status} without a GraphQL body`);
    if (body.errors?.length) {
      const e = body.errors[0]!;
      throw new Error(`${e.extensions?.code ?? 'ERROR'}: ${e.message}`);
    }
    return body.data as T;
  }

  /** GET a file from the same server (e.g. /documents/<id>), with the same token. */
  async download(path: string): Promise<Buffer> {
    const res = await fetch(new URL(path, this.url), { headers: this.token ? { authorization: `Bearer ${this.token}` } : {} });
    if (!res.ok) throw new Error(`GET ${path} answered HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }
}

/** API_URL, else the server `npm start` runs in this environment (PORT, default 3000). */
export function apiUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.API_URL || `http://localhost:${loadConfig(env).port}/graphql`;
}

function localToken(operator: boolean): string | undefined {
  const signing = signingSecretFromEnv(process.env, { create: false });
  if (!signing) return undefined;
  console.error(`(no API_TOKEN: signing a local ADMIN${operator ? ' operator' : ''} token with ${signing.source})`);
  return mintToken(signing.secret, { role: 'ADMIN', tenant: process.env.API_TENANT ?? 'default', subject: 'local-cli', ttlSeconds: 3600, operator });
}
