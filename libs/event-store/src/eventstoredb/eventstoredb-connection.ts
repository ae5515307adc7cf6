import { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.errors';
import { describeError } from './eventstoredb-errors';
import { EventStoreDbEventStore, type EventStoreDbOptions } from './eventstoredb-event-store';

export interface StartupRetry {
  /** Attempts before giving up; at least 1. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface ConnectOptions extends EventStoreDbOptions {
  /** `esdb://…` or `esdb+discover://…`, as the client parses it. */
  connectionString: string;
  startup?: StartupRetry;
  log?: (message: string) => void;
}

export const DEFAULT_STARTUP: StartupRetry = { attempts: 30, initialDelayMs: 500, maxDelayMs: 5000 };

/** The connection string without its password, for logs and health output. */
export function describeConnection(connectionString: string): string {
  return connectionString.replace(/(:\/\/[^:@/]+):[^@/]*@/, '$1:***@');
}

/**
 * Connects to EventStoreDB and waits until it answers, so that an API started together with its
 * store (docker compose, a rolling restart) comes up once the store does, instead of failing its
 * first requests. Retries are bounded: after the last attempt it throws, with every attempt logged
 * as "waiting for EventStoreDB at … (attempt n/N)". Once connected, the client reconnects by
 * itself after a node restart and subscriptions resubscribe (see ResubscribingSubscription).
 */
export async function connectEventStoreDb(options: ConnectOptions): Promise<EventStoreDbEventStore> {
  const { connectionString, startup = DEFAULT_STARTUP, log = () => undefined, ...storeOptions } = options;
  const client = EventStoreDBClient.connectionString(connectionString);
  const store = new EventStoreDbEventStore(client, storeOptions);
  try {
    await waitForEventStore(() => store.ping(), { ...startup, where: describeConnection(connectionString), log });
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

export interface WaitOptions extends StartupRetry {
  where: string;
  log: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** Calls `probe` until it succeeds, with exponential backoff; throws after `attempts` failures. */
export async function waitForEventStore(probe: () => Promise<unknown>, options: WaitOptions): Promise<void> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const attempts = Math.max(1, options.attempts);
  let reason = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await probe();
      if (attempt > 1) options.log(`EventStoreDB at ${options.where} answered (attempt ${attempt}/${attempts})`);
      return;
    } catch (error) {
      reason = describeError(error);
      if (attempt === attempts) break;
      const delayMs = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** (attempt - 1));
      options.log(`waiting for EventStoreDB at ${options.where} (attempt ${attempt}/${attempts}, next in ${delayMs} ms): ${reason}`);
      await sleep(delayMs);
    }
  }
  throw new EventStoreUnavailableError(`EventStoreDB at ${options.where} did not answer after ${attempts} attempts: ${reason}`);
}
