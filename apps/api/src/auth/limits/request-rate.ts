import { GraphQLError } from 'graphql';
import type { Caller } from '../../common/caller';
import { RateLimiter } from './rate-limiter';

/**
 * Where the per-token request counters live. The rate is per token across the whole service only
 * when every replica counts in one place: the shared store (PostgreSQL, i15) is to implement this
 * interface; until then the counters are in memory, so N replicas admit N times the rate.
 */
export interface RateCounter {
  /** Counts one request for `key`; false when the key is over its rate. */
  take(key: string): Promise<boolean>;
}

/** The in-memory counter of one replica: a token bucket per key. */
export class InMemoryRateCounter implements RateCounter {
  private readonly limiter: RateLimiter;

  constructor(perMinute: number, now?: () => number) {
    this.limiter = new RateLimiter(perMinute, now);
  }

  async take(key: string): Promise<boolean> {
    return this.limiter.take(key);
  }
}

/**
 * Counts a request of a signed-in caller, before its document is even parsed (the GraphQL
 * context is built first), so that unparseable and invalid documents count like the rest.
 * Throws RATE_LIMITED (HTTP 429) beyond the rate.
 */
export async function admitRequest(counter: RateCounter, perMinute: number, caller: Caller): Promise<void> {
  if (await counter.take(`${caller.tenantId}:${caller.actor.id}`)) return;
  throw new GraphQLError(`Rate limit exceeded: at most ${perMinute} requests a minute per token`, {
    extensions: { code: 'RATE_LIMITED', http: { status: 429 } },
  });
}
