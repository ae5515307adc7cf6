import type { GraphQLError } from 'graphql';
import type { Caller } from '../../common/caller';
import { REQUEST_LIMITS, requestGuardPlugin } from './request-guard.plugin';

/**
 * The request guard, driven through Apollo's hooks as Apollo calls them: requestDidStart for
 * every request (also those that parsing or validation will refuse), didResolveOperation for
 * the ones that got that far.
 */
const caller = (id: string, tenantId = 'acme'): Caller => ({ tenantId, actor: { id, role: 'ANALYST' }, requestId: 'r' });

interface Request {
  query?: string;
  variables?: Record<string, unknown>;
  operation?: 'query' | 'mutation' | 'subscription';
}

/** One request through the plugin; 'ok' or the refusal's code and status. */
async function through(plugin: ReturnType<typeof requestGuardPlugin>, who: Caller | undefined, r: Request, reachesOperation = true): Promise<string> {
  const contextValue = { caller: who };
  const listener = await plugin.requestDidStart({ contextValue });
  if (!reachesOperation) return 'not resolved';
  try {
    await listener.didResolveOperation({
      request: { query: r.query ?? '{ serverTime }', variables: r.variables },
      contextValue,
      operation: { operation: r.operation ?? 'query' },
    });
    return 'ok';
  } catch (e) {
    const error = e as GraphQLError;
    return `${String(error.extensions.code)} ${String((error.extensions.http as { status?: number })?.status)}`;
  }
}

describe('requestGuardPlugin', () => {
  it('limits each (tenant, subject) to perMinute requests, with 429 RATE_LIMITED', async () => {
    const plugin = requestGuardPlugin(3);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await through(plugin, caller('alice'), {}));
    expect(results).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED 429']);
    expect(await through(plugin, caller('bob'), {})).toBe('ok');
    expect(await through(plugin, caller('alice', 'globex'), {})).toBe('ok');
  });

  it('counts requests that never reach an operation (refused by parsing or validation)', async () => {
    const plugin = requestGuardPlugin(3);
    for (let i = 0; i < 3; i++) expect(await through(plugin, caller('mallory'), {}, false)).toBe('not resolved');
    expect(await through(plugin, caller('mallory'), {})).toBe('RATE_LIMITED 429');
  });

  it('does not limit requests with no caller (the context refuses those first)', async () => {
    const plugin = requestGuardPlugin(1);
    expect(await through(plugin, undefined, {})).toBe('ok');
    expect(await through(plugin, undefined, {})).toBe('ok');
  });

  it('refuses a document over the size limit and strings over the limit anywhere in the variables', async () => {
    const plugin = requestGuardPlugin(1000);
    const long = 'x'.repeat(REQUEST_LIMITS.maxString + 1);
    expect(await through(plugin, caller('a'), { query: `{ serverTime } #${'x'.repeat(REQUEST_LIMITS.maxDocument)}` })).toBe('BAD_USER_INPUT 400');
    expect(await through(plugin, caller('a'), { variables: { s: long } })).toBe('BAD_USER_INPUT 400');
    expect(await through(plugin, caller('a'), { variables: { input: { list: ['ok', long] } } })).toBe('BAD_USER_INPUT 400');
    expect(await through(plugin, caller('a'), { variables: { s: 'x'.repeat(REQUEST_LIMITS.maxString) } })).toBe('ok');
  });

  it('refuses variables nested too deeply', async () => {
    const plugin = requestGuardPlugin(1000);
    let deep: unknown = 'x';
    for (let i = 0; i < 50; i++) deep = { n: deep };
    expect(await through(plugin, caller('a'), { variables: { deep } })).toBe('BAD_USER_INPUT 400');
    let fine: unknown = 'x';
    for (let i = 0; i < 9; i++) fine = [fine];
    expect(await through(plugin, caller('a'), { variables: { fine } })).toBe('ok');
  });

  it('refuses a subscription over HTTP with 400 BAD_REQUEST (WebSocket only)', async () => {
    const plugin = requestGuardPlugin(1000);
    expect(await through(plugin, caller('a'), { operation: 'subscription' })).toBe('BAD_REQUEST 400');
    expect(await through(plugin, caller('a'), { operation: 'mutation' })).toBe('ok');
  });
});
