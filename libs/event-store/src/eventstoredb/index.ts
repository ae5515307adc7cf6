export { EventStoreDbEventStore, type EsdbClient, type EventStoreDbOptions } from './eventstoredb-event-store';
export {
  connectEventStoreDb,
  describeConnection,
  waitForEventStore,
  DEFAULT_STARTUP,
  type ConnectOptions,
  type StartupRetry,
} from './eventstoredb-connection';
export type { SubscriptionDropped } from './eventstoredb-subscription';
export { describeError } from './eventstoredb-errors';
