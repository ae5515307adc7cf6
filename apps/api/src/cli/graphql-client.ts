/** A minimal GraphQL-over-HTTP client for the command-line tools (seed, generator, export). */
export class GraphQLClient {
  constructor(
    readonly url: string = process.env.API_URL ?? 'http://localhost:3000/graphql',
    private readonly token: string | undefined = process.env.API_TOKEN,
  ) {}

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
