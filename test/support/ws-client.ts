import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { mintToken } from '../../apps/api/src/auth/mint-token';
import { TEST_JWT_SECRET } from './api-server';

/** connectionParams signing a socket in, by default as the ADMIN of tenant "default". */
export function wsAuth(role = 'ADMIN', tenant = 'default'): Record<string, unknown> {
  const token = mintToken(Buffer.from(TEST_JWT_SECRET), { role, tenant, subject: `e2e-${role.toLowerCase()}`, ttlSeconds: 3600 });
  return { authorization: `Bearer ${token}` };
}

/** Collects the payloads of one subscription over a real WebSocket (graphql-ws protocol). */
export class Subscriber<T = any> {
  readonly received: T[] = [];
  readonly errors: unknown[] = [];
  private readonly client: Client;
  private dispose: () => void = () => {};

  constructor(url: string, query: string, variables: Record<string, unknown> = {}, connectionParams: Record<string, unknown> = wsAuth()) {
    this.client = createClient({ url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: false });
    this.dispose = this.client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) this.errors.push(value.errors);
          else if (value.data) this.received.push(value.data as T);
        },
        error: (e) => this.errors.push(e),
        complete: () => {},
      },
    );
  }

  /** Waits until `count` payloads arrived (graphql-ws gives no "subscribed" acknowledgement). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (this.errors.length > 0) throw new Error(`Subscription error: ${JSON.stringify(this.errors)}`);
      if (Date.now() > deadline) throw new Error(`Only ${this.received.length} of ${count} payloads arrived`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.received;
  }

  async close(): Promise<void> {
    this.dispose();
    await this.client.dispose();
  }
}
