import WebSocket from 'ws';

/** A graphql-ws socket at the protocol level: what it received, and how it closed. */
export class RawSocket {
  readonly messages: any[] = [];
  closed: { code: number; reason: string } | null = null;
  private readonly ws: WebSocket;
  private readonly waiters: Array<() => void> = [];

  constructor(url: string) {
    this.ws = new WebSocket(url, 'graphql-transport-ws');
    this.ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)));
      this.wake();
    });
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.wake();
    });
  }

  /** Opens the socket and sends connection_init; resolves on the ack or the close. */
  async init(authorization: string | undefined): Promise<'ack' | { code: number; reason: string }> {
    await new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.ws.send(JSON.stringify({ type: 'connection_init', payload: authorization ? { authorization } : {} }));
    await this.until(() => this.closed !== null || this.messages.some((m) => m.type === 'connection_ack'));
    return this.closed ?? 'ack';
  }

  subscribe(id: string, query: string): void {
    this.ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
  }

  /** Resolves when `done` holds after a message or a close (no polling on a timer). */
  until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => (done() ? resolve() : this.waiters.push(check));
      this.waiters.push(check);
    });
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
