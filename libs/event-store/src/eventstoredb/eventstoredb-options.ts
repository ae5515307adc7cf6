import type { EventStoreDBClient } from '@eventstore/db-client';
import type { SubscriptionDropped } from './eventstoredb-subscription';

/** The calls of the client the adapter uses; a test may pass a simulation of them. */
export type EsdbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface EventStoreDbOptions {
  /**
   * Prefix of every stream name on the server, so that several stores can share one server
   * (the contract suite gives each test its own). '' by default: stream names as the port has them.
   */
  namespace?: string;
  /** Longest wait for one call before EventStoreUnavailableError. 5000 ms. */
  deadlineMs?: number;
  /** Events per page when readAll scans $all. 500. */
  pageSize?: number;
  /** Backoff before a dropped subscription resubscribes. 250 ms, doubling up to 10 s. */
  resubscribe?: { initialMs: number; maxMs: number };
  /** Told each time a subscription drops and is about to resubscribe (for the log). */
  onSubscriptionDropped?: (dropped: SubscriptionDropped) => void;
}
