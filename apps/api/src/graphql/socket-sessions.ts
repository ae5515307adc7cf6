import type { Caller } from '../common/caller';

/** Bounds on WebSocket sessions: a slow leak of sockets or subscriptions cannot exhaust memory. */
export const SOCKET_LIMITS = {
  socketsPerCaller: 10,
  subscriptionsPerSocket: 100,
} as const;

/** The parts of a ws socket a session needs. */
export interface ClosableSocket {
  close(code: number, reason: string): void;
}

/** graphql-ws close codes: 4403 Forbidden (sign-in refused or ended), 4429 Too many requests. */
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_TOO_MANY = 4429;

/** What graphql-ws allows in a close reason (123 bytes); longer ones would be refused by ws. */
export function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}

/**
 * Open WebSocket sessions by caller (tenant and subject, as the HTTP rate limit counts them):
 * each admits at most SOCKET_LIMITS.socketsPerCaller sockets and ends when its token expires.
 */
export class SocketSessions {
  private readonly open = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Admits a signed-in socket, or closes it; returns the release to call when it closes. */
  admit(caller: Caller, socket: ClosableSocket): (() => void) | null {
    const key = `${caller.tenantId}:${caller.actor.id}`;
    const count = this.open.get(key) ?? 0;
    if (count >= SOCKET_LIMITS.socketsPerCaller) {
      socket.close(CLOSE_TOO_MANY, closeReason(`Too many sockets: at most ${SOCKET_LIMITS.socketsPerCaller} sockets per token`));
      return null;
    }
    this.open.set(key, count + 1);
    // setTimeout holds at most 2^31-1 ms; tokens live at most a day (JWT_MAX_TOKEN_AGE_SECONDS).
    const left = Math.min(Math.max(0, (caller.expiresAt ?? Infinity) - this.now()), 2 ** 31 - 1);
    const timer = setTimeout(() => socket.close(CLOSE_FORBIDDEN, 'Token expired: sign in again with a new token'), left);
    timer.unref();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      const n = (this.open.get(key) ?? 1) - 1;
      if (n <= 0) this.open.delete(key);
      else this.open.set(key, n);
    };
  }
}
