/// <reference types="jest" />
import { randomUUID } from 'node:crypto';
import type { AllSubscription, EventStore, EventToAppend, RecordedEvent } from '../event-store.port';

/** What an adapter's spec hands the contract: a fresh, empty store and how to dispose of it. */
export interface StoreUnderTest {
  store: EventStore;
  /** Closes the store (close() is idempotent, the contract may have closed it) and removes its files. */
  cleanup: () => Promise<void>;
}
export type CreateEventStore = () => Promise<StoreUnderTest>;

/** A fresh store for every test; the getter fails loudly when used outside a test. */
export function useFreshStore(create: CreateEventStore): () => EventStore {
  let current: StoreUnderTest | undefined;
  beforeEach(async () => {
    current = await create();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error('The store exists only inside a test');
    return current.store;
  };
}

export function newEvent(data: unknown = {}, type = 'Tested', metadata: Record<string, unknown> = {}): EventToAppend {
  return { eventId: randomUUID(), type, data, metadata };
}

export function newEvents(count: number, type = 'Tested'): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => newEvent({ n }, type));
}

/** Awaits a rejection and checks its class; fails the test if the promise resolves. */
export async function rejectionOf<E>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`Expected a ${type.name}, but the promise resolved`);
}

/** Resolves with the promise's value, or rejects naming `what` after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Takes `count` events from a subscription without closing it (unlike `break` in for-await).
 * `yieldEvery` hands the event loop to other work (a concurrent writer) every so many events,
 * since a catch-up that never yields would finish before any concurrent write could commit.
 */
export async function take(
  subscription: AllSubscription,
  count: number,
  { timeoutMs = 4000, yieldEvery = 0 } = {},
): Promise<RecordedEvent[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  const received: RecordedEvent[] = [];
  const taking = (async () => {
    while (received.length < count) {
      const next = await iterator.next();
      if (next.done === true) return;
      received.push(next.value);
      if (yieldEvery > 0 && received.length % yieldEvery === 0) await nextMacrotask();
    }
  })();
  await within(taking, timeoutMs, `taking ${count} events`).catch((error: unknown) => {
    throw new Error(`${String(error)}; received ${received.length}`);
  });
  return received;
}

/** Polls `condition` every few ms; throws naming `what` once `ms` have passed. Always ends. */
export async function eventually(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Positions must strictly increase: the order every reader relies on. */
export function expectStrictlyIncreasing(positions: readonly bigint[]): void {
  const offenders = positions.filter((position, i) => i > 0 && position <= (positions[i - 1] as bigint));
  expect(offenders).toEqual([]);
}
