import { resolve } from 'node:path';
import { readDevSecret } from '../auth/dev-secret';
import { mintToken } from '../auth/mint-token';

/**
 * A minimal GraphQL-over-HTTP client for the command-line tools (seed, generator, export). It
 * sends API_TOKEN; without one, on the developer's own machine, it signs a short-lived ADMIN
 * token with the development secret the local server keeps in DATA_DIR.
 */
export class GraphQLClient {
  private readonly token: string | undefined;

  constructor(
    readonly url: string = process.env.API_URL ?? 'http://localhost:3000/graphql',
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
}

function localToken(operator: boolean): string | undefined {
  const dataDir = resolve(process.env.DATA_DIR ?? './data');
  const secret = readDevSecret(dataDir);
  if (!secret) return undefined;
  console.error(`(no API_TOKEN: signing a local ADMIN${operator ? ' operator' : ''} token with the development secret in ${dataDir})`);
  return mintToken(secret, { role: 'ADMIN', tenant: process.env.API_TENANT ?? 'default', subject: 'local-cli', ttlSeconds: 3600, operator });
}
