import { EventStoreDBClient } from '@eventstore/db-client';
import { createServer, type Socket } from 'node:net';
import { newEvents, rejectionOf } from '../contract/contract-fixtures';
import { EventStoreUnavailableError } from '../event-store.errors';
import { connectEventStoreDb, describeConnection, waitForEventStore } from './eventstoredb-connection';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

describe('EventStoreDB connection', () => {
  it('hides the password of a connection string', () => {
    expect(describeConnection('esdb://admin:changeit@node1:2113,node2:2113?tls=true')).toBe(
      'esdb://admin:***@node1:2113,node2:2113?tls=true',
    );
    expect(describeConnection('esdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
  });

  it('waits with bounded exponential backoff, logging each attempt, until the store answers', async () => {
    const log: string[] = [];
    const delays: number[] = [];
    let calls = 0;
    const probe = async () => {
      if (++calls < 4) throw new Error('connect ECONNREFUSED 127.0.0.1:2113');
    };
    await waitForEventStore(probe, {
      attempts: 5,
      initialDelayMs: 100,
      maxDelayMs: 300,
      where: 'esdb://kurrentdb:2113',
      log: (line) => log.push(line),
      sleep: async (ms) => void delays.push(ms),
    });
    expect(delays).toEqual([100, 200, 300]);
    expect(log[0]).toBe(
      'waiting for EventStoreDB at esdb://kurrentdb:2113 (attempt 1/5, next in 100 ms): connect ECONNREFUSED 127.0.0.1:2113',
    );
    expect(log.at(-1)).toBe('EventStoreDB at esdb://kurrentdb:2113 answered (attempt 4/5)');
  });

  it('gives up after the last attempt with EventStoreUnavailableError naming the reason', async () => {
    const wait = waitForEventStore(() => Promise.reject(new Error('no route')), {
      attempts: 2,
      initialDelayMs: 1,
      maxDelayMs: 1,
      where: 'esdb://x:2113',
      log: () => undefined,
    });
    await expect(wait).rejects.toThrow(new EventStoreUnavailableError('EventStoreDB at esdb://x:2113 did not answer after 2 attempts: no route'));
  });

  it('gives up on a server that is not there, within the bound', async () => {
    const log: string[] = [];
    // Port 1 on localhost refuses connections: nothing listens there.
    const connecting = connectEventStoreDb({
      connectionString: 'esdb://127.0.0.1:1?tls=false',
      deadlineMs: 2000,
      startup: { attempts: 2, initialDelayMs: 10, maxDelayMs: 10 },
      log: (line) => log.push(line),
    });
    await expect(connecting).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^waiting for EventStoreDB at esdb:\/\/127\.0\.0\.1:1\?tls=false \(attempt 1\/2/);
  }, 15_000);

  it('fails a command at the deadline when the server accepts the connection and never answers', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket)); // holds the connection, says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${port}?tls=false`);
    const store = new EventStoreDbEventStore(client, { deadlineMs: 300 });
    try {
      // A hang would fail this test by its timeout.
      const error = await rejectionOf(store.appendToStream('order-1', newEvents(1)), EventStoreUnavailableError);
      expect(error.message).toMatch(/EventStoreDB/);
    } finally {
      await store.close();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  }, 15_000);
});
