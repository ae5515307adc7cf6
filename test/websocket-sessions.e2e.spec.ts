import { mintToken } from '../apps/api/src/auth/mint-token';
import { ApiServer, TEST_JWT_SECRET } from './support/api-server';
import { RawSocket } from './support/raw-socket';

/**
 * WebSocket sessions (issue 12 item 6, issue 11): a socket lives no longer than its token, a
 * caller holds a bounded number of sockets and subscriptions, and a refused socket says why.
 */
const STATUS = 'subscription { assuranceStatusChanged { organizationId } }';
const bearer = (subject: string, ttlSeconds = 3600, role = 'VIEWER') =>
  `Bearer ${mintToken(Buffer.from(TEST_JWT_SECRET), { role, tenant: 'default', subject, ttlSeconds })}`;

describe('WebSocket sessions', () => {
  let api: ApiServer;
  const sockets: RawSocket[] = [];
  const open = async (authorization: string | undefined) => {
    const s = new RawSocket(api.wsUrl);
    sockets.push(s);
    return { socket: s, result: await s.init(authorization) };
  };

  beforeAll(async () => {
    api = await ApiServer.start();
  }, 30_000);
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await api?.stop();
    api?.removeData();
  });

  it('closes a socket refused for a bad token with a reason that says why', async () => {
    const expired = `Bearer ${mintToken(Buffer.from(TEST_JWT_SECRET), { role: 'VIEWER', tenant: 'default', subject: 'late', ttlSeconds: 60 }, Date.now() - 3600_000)}`;
    expect((await open(expired)).result).toEqual({ code: 4403, reason: expect.stringMatching(/expired/i) });
    expect((await open(undefined)).result).toEqual({ code: 4403, reason: expect.stringMatching(/Bearer/) });
    expect((await open('Bearer not.a.token')).result).toEqual({ code: 4403, reason: expect.stringMatching(/token/i) });
  });

  it('closes a socket when its token expires', async () => {
    const { socket, result } = await open(bearer('short-lived', 2));
    expect(result).toBe('ack');
    socket.subscribe('1', STATUS);
    await socket.until(() => socket.closed !== null);
    expect(socket.closed).toEqual({ code: 4403, reason: expect.stringMatching(/expired/i) });
  }, 15_000);

  it('caps the sockets one token holds; closing one frees its place', async () => {
    const auth = bearer('many-sockets');
    const opened: Array<Awaited<ReturnType<typeof open>>> = [];
    for (let i = 0; i < 10; i++) opened.push(await open(auth));
    expect(opened.map((o) => o.result)).toEqual(Array(10).fill('ack'));
    expect((await open(auth)).result).toEqual({ code: 4429, reason: expect.stringMatching(/at most 10 sockets/) });
    // Another subject is unaffected.
    expect((await open(bearer('someone-else'))).result).toBe('ack');
    opened[0]!.socket.close();
    await opened[0]!.socket.until(() => opened[0]!.socket.closed !== null);
    // The server counts the close when it sees it: retry until it has (each attempt is a real refusal or the ack).
    let again = await open(auth);
    while (again.result !== 'ack') again = await open(auth);
    expect(again.result).toBe('ack');
  });

  it('caps the subscriptions of one socket', async () => {
    const { socket } = await open(bearer('many-subscriptions'));
    for (let i = 1; i <= 101; i++) socket.subscribe(String(i), STATUS);
    await socket.until(() => socket.messages.some((m) => m.type === 'error') || socket.closed !== null);
    const errors = socket.messages.filter((m) => m.type === 'error');
    expect(errors).toEqual([{ id: '101', type: 'error', payload: [expect.objectContaining({ message: expect.stringMatching(/at most 100 subscriptions/), extensions: { code: 'RATE_LIMITED' } })] }]);
    expect(socket.closed).toBeNull();
  });
});
