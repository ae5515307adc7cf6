import type { GraphQLError } from 'graphql';
import type { Caller } from '../../common/caller';
import { admitRequest, InMemoryRateCounter } from './request-rate';

/** The rate per (tenant, subject), counted for every request a signed-in caller sends. */
const caller = (id: string, tenantId = 'acme'): Caller => ({ tenantId, actor: { id, role: 'ANALYST' }, requestId: 'r' });

async function outcome(counter: InMemoryRateCounter, who: Caller): Promise<string> {
  try {
    await admitRequest(counter, 3, who);
    return 'ok';
  } catch (e) {
    const error = e as GraphQLError;
    return `${String(error.extensions.code)} ${String((error.extensions.http as { status?: number }).status)}`;
  }
}

describe('admitRequest', () => {
  it('limits each (tenant, subject) to perMinute requests, with 429 RATE_LIMITED; others are unaffected', async () => {
    const t = Date.UTC(2026, 2, 2);
    const counter = new InMemoryRateCounter(3, () => t);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await outcome(counter, caller('alice')));
    expect(results).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED 429']);
    expect(await outcome(counter, caller('bob'))).toBe('ok');
    expect(await outcome(counter, caller('alice', 'globex'))).toBe('ok');
  });
});
