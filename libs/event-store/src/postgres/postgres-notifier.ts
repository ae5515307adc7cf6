import { Client, type ClientConfig, type Pool } from 'pg';
import type { AppendSignal } from '../catch-up-subscription';
import { pause } from './postgres-errors';

/**
 * Wakes subscriptions when any process appends: LISTEN on one dedicated connection, NOTIFY after
 * each commit. Notifications carry nothing (readers re-read by position), so one lost, late or
 * repeated changes nothing that is delivered, only how soon; subscriptions also poll.
 *
 * NOTIFY is sent after COMMIT, in its own statement, and coalesced (at most one in flight and one
 * pending): inside the append's transaction it would take PostgreSQL's notify lock at commit,
 * serializing every append's commit and fsync.
 *
 * The LISTEN connection reconnects with backoff after a drop (pg_terminate_backend, a server
 * restart) and then wakes every subscription, since notifications sent meanwhile were lost.
 */
export class PostgresNotifier {
  private listener: Client | null = null;
  private listening: Promise<void> | null = null;
  private sending = false;
  private pending = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly clientConfig: ClientConfig,
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly signal: AppendSignal,
    private readonly onListenerError: (error: unknown) => void = () => undefined,
  ) {}

  /** Starts listening (once); resolves when the first LISTEN succeeded or failed. */
  listen(): Promise<void> {
    this.listening ??= this.keepListening();
    return this.listening;
  }

  /** Tells every process (this one included, through LISTEN) that something was committed. */
  announce(): void {
    this.signal.notify(); // this process's subscriptions need not wait for the round trip
    if (this.sending) {
      this.pending = true;
      return;
    }
    this.sending = true;
    void this.pool
      .query('SELECT pg_notify($1, $2)', [this.channel, ''])
      .catch(() => undefined) // polling covers a lost notification
      .finally(() => {
        this.sending = false;
        if (this.pending && !this.stopping.signal.aborted) {
          this.pending = false;
          this.announce();
        }
      });
  }

  async close(): Promise<void> {
    this.stopping.abort();
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  private keepListening(): Promise<void> {
    let firstAttempt: (() => void) | undefined;
    const first = new Promise<void>((resolve) => (firstAttempt = resolve));
    void (async () => {
      for (let attempt = 0; !this.stopping.signal.aborted; attempt++) {
        const closed = await this.connectOnce().then(
          ({ ended }) => {
            attempt = 0;
            firstAttempt?.();
            this.signal.notify(); // catch up on what was committed while not listening
            return ended;
          },
          (error: unknown) => {
            firstAttempt?.();
            if (!this.stopping.signal.aborted) this.onListenerError(error);
            return Promise.resolve();
          },
        );
        await closed;
        if (this.stopping.signal.aborted) break;
        await pause(Math.min(100 * 2 ** Math.min(attempt, 6), 5000), this.stopping.signal);
      }
    })();
    return first;
  }

  /** Connects and LISTENs; `ended` settles when that connection ends (boxed: an async function would flatten it). */
  private async connectOnce(): Promise<{ ended: Promise<void> }> {
    const client = new Client(this.clientConfig);
    let markEnded!: () => void;
    const done = new Promise<void>((resolve) => (markEnded = resolve));
    client.on('error', (error) => {
      if (!this.stopping.signal.aborted) this.onListenerError(error);
      markEnded();
    });
    client.on('end', () => markEnded());
    client.on('notification', () => this.signal.notify());
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteChannel(this.channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopping.signal.aborted) {
      await client.end().catch(() => undefined);
      return { ended: Promise.resolve() };
    }
    this.listener = client;
    const ended = done.then(() => {
      if (this.listener === client) this.listener = null;
      void client.end().catch(() => undefined);
    });
    return { ended };
  }
}

function quoteChannel(channel: string): string {
  return `"${channel.replace(/"/g, '""')}"`;
}
