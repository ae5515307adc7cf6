import { ApiServer } from './support/api-server';
import { exceptionInput, historyCount, mutate, registerOrg, startApi, uid } from './support/e2e-fixtures';

/**
 * commandId under concurrency, over HTTP (issue 12, item 7): of eight racing calls with one
 * commandId and different payloads exactly one records, the others are refused; of sixteen
 * identical ones, `replayed` is true exactly for those that wrote nothing.
 */
describe('commandId under concurrency', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApi();
  }, 30_000);
  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  it('8 concurrent calls, one commandId, different payloads: one succeeds, seven are refused, one event stored', async () => {
    const org = await registerOrg(api);
    const commandId = uid('cmd');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => mutate(api, 'recordException', { ...exceptionInput(org, { description: `Finding ${i}` }), commandId }, 'replayed')),
    );
    expect(results.filter((r) => !r.errors).map((r) => r.data.recordException.replayed)).toEqual([false]);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions)).toEqual(Array(7).fill(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.commandId' })));
    expect(await historyCount(api, org)).toBe(2);
  });

  it('16 identical concurrent calls: replayed is false once (the call that wrote) and true 15 times', async () => {
    const org = await registerOrg(api);
    const input = { ...exceptionInput(org), commandId: uid('cmd') };
    const results = await Promise.all(Array.from({ length: 16 }, () => mutate(api, 'recordException', input, 'replayed eventIds')));
    expect(results.every((r) => !r.errors)).toBe(true);
    const replayed = results.map((r) => r.data.recordException.replayed as boolean);
    expect(replayed.filter((r) => !r)).toHaveLength(1);
    expect(replayed.filter((r) => r)).toHaveLength(15);
    expect(new Set(results.map((r) => r.data.recordException.eventIds.join()))).toHaveProperty('size', 1);
    expect(await historyCount(api, org)).toBe(2);
  });
});
