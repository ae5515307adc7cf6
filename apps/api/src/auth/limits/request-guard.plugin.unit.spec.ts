import type { GraphQLError } from 'graphql';
import { REQUEST_LIMITS, requestGuardPlugin } from './request-guard.plugin';

/**
 * The request guard, driven through Apollo's hooks as Apollo calls them: requestDidStart for
 * every request, didResolveOperation for the ones that got that far.
 */

interface Request {
  query?: string;
  variables?: Record<string, unknown>;
  operation?: 'query' | 'mutation' | 'subscription';
}

/** One request through the plugin; 'ok' or the refusal's code and status. */
async function through(plugin: ReturnType<typeof requestGuardPlugin>, r: Request): Promise<string> {
  const listener = await plugin.requestDidStart();
  try {
    await listener.didResolveOperation({
      request: { query: r.query ?? '{ serverTime }', variables: r.variables },
      operation: { operation: r.operation ?? 'query' },
    });
    return 'ok';
  } catch (e) {
    const error = e as GraphQLError;
    return `${String(error.extensions.code)} ${String((error.extensions.http as { status?: number })?.status)}`;
  }
}

describe('requestGuardPlugin', () => {
  it('refuses a document over the size limit and strings over the limit anywhere in the variables', async () => {
    const plugin = requestGuardPlugin();
    const long = 'x'.repeat(REQUEST_LIMITS.maxString + 1);
    expect(await through(plugin, { query: `{ serverTime } #${'x'.repeat(REQUEST_LIMITS.maxDocument)}` })).toBe('BAD_USER_INPUT 400');
    expect(await through(plugin, { variables: { s: long } })).toBe('BAD_USER_INPUT 400');
    expect(await through(plugin, { variables: { input: { list: ['ok', long] } } })).toBe('BAD_USER_INPUT 400');
    expect(await through(plugin, { variables: { s: 'x'.repeat(REQUEST_LIMITS.maxString) } })).toBe('ok');
  });

  it('refuses variables nested too deeply', async () => {
    const plugin = requestGuardPlugin();
    let deep: unknown = 'x';
    for (let i = 0; i < 50; i++) deep = { n: deep };
    expect(await through(plugin, { variables: { deep } })).toBe('BAD_USER_INPUT 400');
    let fine: unknown = 'x';
    for (let i = 0; i < 9; i++) fine = [fine];
    expect(await through(plugin, { variables: { fine } })).toBe('ok');
  });

  it('refuses a subscription over HTTP with 400 BAD_REQUEST (WebSocket only)', async () => {
    const plugin = requestGuardPlugin();
    expect(await through(plugin, { operation: 'subscription' })).toBe('BAD_REQUEST 400');
    expect(await through(plugin, { operation: 'mutation' })).toBe('ok');
  });
});
